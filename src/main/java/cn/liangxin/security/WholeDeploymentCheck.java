package cn.liangxin.security;

import cn.liangxin.web.ApiException;
import cn.liangxin.web.Msg;
import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;

import java.util.List;

/** Refuses a call to what is marked {@link WholeDeployment} unless the caller holds the whole deployment. */
@WholeDeployment("")
@Interceptor
@Priority(Interceptor.Priority.PLATFORM_BEFORE + 100)
public class WholeDeploymentCheck {

    @Inject
    Scope scope;

    @AroundInvoke
    Object check(InvocationContext context) throws Exception {
        if (!scope.holdsDeployment()) {
            WholeDeployment marked = context.getInterceptorBinding(WholeDeployment.class);
            throw new ApiException(403, "FORBIDDEN", Msg.t(marked.value(), scope.deploymentCounties()), List.of());
        }
        return context.proceed();
    }
}
