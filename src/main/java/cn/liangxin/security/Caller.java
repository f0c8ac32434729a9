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
        String path = request.isResolvable() ? request.get().path() : null;
        return path != null && path.startsWith("/api/") ? "API" : "FORM";
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
