package cn.liangxin.security;

import jakarta.enterprise.util.Nonbinding;
import jakarta.interceptor.InterceptorBinding;

import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * What belongs to the whole deployment rather than to its counties (the backups, which hold every
 * county's records): only an ADMIN whose divisions cover every county of
 * {@code liangxin.scope.counties} reaches it ({@link Scope#holdsDeployment()}). Anyone else signed in
 * is refused with 403 and the message {@link #value()} names; declared next to {@code @RolesAllowed}.
 */
@InterceptorBinding
@Inherited
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
public @interface WholeDeployment {

    /** The message key of the refusal; its {0} is the number of counties the deployment serves. */
    @Nonbinding
    String value();
}
