package cn.liangxin.security;

import io.quarkus.security.identity.SecurityIdentity;
import io.vertx.core.http.HttpServerRequest;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.context.RequestScoped;



/** Who is calling, and through which door (the API or a page); what they reach is {@link Scope}'s. */
@RequestScoped
@jakarta.inject.Named("caller")
public class Caller {

    /** Identity attribute holding the division codes the account is bound to. */
    static final String DIVISIONS = "liangxin.divisions";

    private final SecurityIdentity identity;
    private final Instance<HttpServerRequest> request;

    /**
     * The identity of work the service does itself outside any request (the demo freezing its
     * years on start): a name, one role, and the divisions it holds — the scope applies to it as
     * to anyone.
     */
    public static SecurityIdentity internal(String name, Role role, java.util.Set<String> divisions) {
        return io.quarkus.security.runtime.QuarkusSecurityIdentity.builder()
                .setPrincipal(new io.quarkus.security.runtime.QuarkusPrincipal(name)).addRole(role.name())
                .addAttribute(DIVISIONS, java.util.Set.copyOf(divisions)).build();
    }

    public Caller(SecurityIdentity identity, Instance<HttpServerRequest> request) {
        this.identity = identity;
        this.request = request;
    }

    /** Where the caller's changes come from: API for /api calls, FORM for the pages. */
    public String via() {
        HttpServerRequest current = current(request);
        String path = current == null ? null : current.path();
        return path != null && path.startsWith("/api/") ? "API" : "FORM";
    }

    /** The HTTP request being served, or null outside one (work the service does on its own, at start). */
    static HttpServerRequest current(Instance<HttpServerRequest> request) {
        if (request == null || !request.isResolvable()) {
            return null;
        }
        try {
            // the request is request scoped: unwrapping its proxy asks the producer now, inside this try
            return io.quarkus.arc.ClientProxy.unwrap(request.get());
        } catch (RuntimeException e) {
            // a request context without an HTTP request: the producer has nothing to give
            return null;
        }
    }

    public String username() {
        return identity.isAnonymous() ? null : identity.getPrincipal().getName();
    }

    public boolean has(Role role) {
        return identity.hasRole(role.name());
    }

    public boolean admin() {
        return has(Role.ADMIN);
    }

}
