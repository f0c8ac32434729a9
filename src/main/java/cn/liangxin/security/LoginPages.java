package cn.liangxin.security;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.credential.PasswordCredential;
import io.quarkus.security.identity.IdentityProviderManager;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.UsernamePasswordAuthenticationRequest;
import io.quarkus.vertx.http.runtime.security.HttpSecurityUtils;
import io.vertx.core.http.Cookie;
import io.vertx.ext.web.RoutingContext;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;

import java.net.URI;
import java.time.Duration;

/**
 * Sign in (the login form, with its CSRF token, starts a server-side session, then goes back to
 * the page or download that sent the visitor here, {@code next}, a path of this service only) and
 * sign out (the session ends on the server, so a saved copy of the cookie opens nothing afterwards).
 */
@Path("/")
@Produces(MediaType.TEXT_HTML)
public class LoginPages {

    @CheckedTemplate
    static class Templates {
        /**
         * The login page: after a wrong pair ({@code failed}), or queued ({@code queued} the seconds
         * to wait, 0 when not) with the name she typed kept.
         */
        static native TemplateInstance login(boolean failed, int queued, String username, String next);
    }

    private final IdentityProviderManager identities;
    private final Sessions sessions;
    private final Csrf csrf;
    private final RoutingContext routing;

    public LoginPages(IdentityProviderManager identities, Sessions sessions, Csrf csrf, RoutingContext routing) {
        this.identities = identities;
        this.sessions = sessions;
        this.csrf = csrf;
        this.routing = routing;
    }

    @GET
    @Path("login")
    public TemplateInstance login(@QueryParam("error") String error, @QueryParam("next") String next) {
        return Templates.login(error != null, 0, null, local(next));
    }

    /**
     * A path of this service to go back to, or null: it starts with one slash (never {@code //} or
     * a backslash, which browsers read as another host), holds no control character and parses as
     * a path with its query.
     */
    static String local(String next) {
        if (next == null || next.length() > 2000 || !next.startsWith("/") || next.startsWith("//") || next.indexOf('\\') >= 0
                || next.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
            return null;
        }
        try {
            URI uri = new URI(next);
            return uri.getScheme() == null && uri.getRawAuthority() == null && uri.getRawPath() != null
                    && uri.getRawPath().startsWith("/") && !uri.getRawPath().startsWith("//") ? next : null;
        } catch (java.net.URISyntaxException e) {
            return null;
        }
    }

    /** Checks the name and password; a right pair starts a session and goes back to {@code next}, or to the overview. */
    @POST
    @Path("login")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response signIn(MultivaluedMap<String, String> form) {
        String username = form.getFirst("j_username");
        String password = form.getFirst("j_password");
        String next = local(form.getFirst("next"));
        if (username == null || password == null || username.isBlank()) {
            return Response.status(401).entity(Templates.login(true, 0, null, next).render()).build();
        }
        UsernamePasswordAuthenticationRequest request = (UsernamePasswordAuthenticationRequest) HttpSecurityUtils.setRoutingContextAttribute(
                new UsernamePasswordAuthenticationRequest(username.strip(), new PasswordCredential(password.toCharArray())), routing);
        SecurityIdentity identity;
        try {
            identity = identities.authenticate(request).await().atMost(Duration.ofMinutes(2));
        } catch (AuthenticationFailedException e) {
            if (routing.get(PasswordIdentityProvider.BUSY) instanceof Integer wait) {
                // queued: told how long to wait, the name she typed kept (the page's script tries again by itself)
                return Response.status(429).header("Retry-After", wait).entity(Templates.login(false, wait, username.strip(), next).render()).build();
            }
            return Response.status(401).entity(Templates.login(true, 0, null, next).render()).build();
        }
        AppUser user = AppUser.byName(identity.getPrincipal().getName());
        String token = sessions.start(user.id);
        routing.response().addCookie(SessionMechanism.cookie(token, "https".equals(routing.request().scheme())));
        return Response.seeOther(URI.create(next == null ? "/" : next)).build();
    }

    /** Ends the session: its row is deleted, the cookie removed and the login page shown. */
    @POST
    @Path("logout")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response logout(MultivaluedMap<String, String> form) {
        Cookie c = routing.request().getCookie(SessionMechanism.COOKIE);
        if (c != null) {
            sessions.end(c.getValue());
        }
        routing.response().addCookie(SessionMechanism.cookie("", "https".equals(routing.request().scheme())).setMaxAge(0));
        return Response.seeOther(URI.create(SessionMechanism.LOGIN_PAGE)).build();
    }
}
