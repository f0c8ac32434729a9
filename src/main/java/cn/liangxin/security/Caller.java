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
    private final io.agroal.api.AgroalDataSource dataSource;
    private Long accountId;
    private boolean accountLooked;

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

    public Caller(SecurityIdentity identity, Instance<HttpServerRequest> request, io.agroal.api.AgroalDataSource dataSource) {
        this.identity = identity;
        this.request = request;
        this.dataSource = dataSource;
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

    /**
     * The id of the caller's account (what the caller owns is bound to it, not to a name an account
     * may give up), read once per request from the name signed in; null without an account.
     */
    public Long accountId() {
        if (!accountLooked) {
            String name = username();
            if (name != null) {
                try (java.sql.Connection c = dataSource.getConnection();
                     java.sql.PreparedStatement s = c.prepareStatement("select id from app_user where username = ?")) {
                    s.setString(1, name);
                    try (java.sql.ResultSet r = s.executeQuery()) {
                        accountId = r.next() ? r.getLong(1) : null;
                    }
                } catch (java.sql.SQLException e) {
                    throw new IllegalStateException(e);
                }
            }
            accountLooked = true;
        }
        return accountId;
    }

    public boolean has(Role role) {
        return identity.hasRole(role.name());
    }

    public boolean admin() {
        return has(Role.ADMIN);
    }

    /** Whether the account surveys organizations itself (a clerk, the county, an administrator; not a region's reader). */
    public boolean surveys() {
        return has(Role.TOWNSHIP_STAFF) || has(Role.COUNTY) || admin();
    }

}
