package cn.liangxin.security;

import cn.liangxin.web.ApiException;
import cn.liangxin.web.Msg;
import io.quarkus.security.identity.SecurityIdentity;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.CookieSameSite;
import io.vertx.core.http.HttpServerRequest;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;
import org.jboss.resteasy.reactive.server.WithFormRead;
import org.jboss.resteasy.reactive.server.core.ResteasyReactiveRequestContext;
import org.jboss.resteasy.reactive.server.spi.ResteasyReactiveContainerRequestContext;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.Set;

/**
 * Cross-site request forgery, refused in one place: every state-changing request of a page (any
 * form, the login form included) and every one authenticated by the session cookie (the API
 * called from a page) must carry the visitor's token, as the form field {@value #FIELD} or the
 * header {@value #HEADER}, equal to the one in its CSRF cookie. Scripts calling the API, and ODK
 * Collect or Enketo sending a filled form to /openrosa, with HTTP Basic carry no cookie a foreign
 * site could ride on, and need no token.
 * <p>
 * A browser may still hold Basic credentials (typed into its own prompt once), and sends them with
 * any form another site posts here: so every state-changing request whose {@code Origin} or
 * {@code Sec-Fetch-Site} says it comes from another site is refused (403 {@value #CROSS_SITE}) on
 * every route, pages, API and OpenRosa alike, before anyone is signed in or any body is read. A
 * request without these headers (ODK Collect, curl, a script) is not refused for that.
 */
@RequestScoped
@Named("csrf")
public class Csrf {

    static final String COOKIE = "liangxin-csrf";
    public static final String FIELD = "csrf-token";
    public static final String HEADER = "X-CSRF-Token";
    private static final Set<String> SAFE = Set.of("GET", "HEAD", "OPTIONS");
    /** The error code of a state-changing request refused because it came from another site. */
    public static final String CROSS_SITE = "CROSS_SITE";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final HttpServerRequest request;
    private String issued;

    public Csrf(HttpServerRequest request) {
        this.request = request;
    }

    /** The form field name that carries the token. */
    public String parameterName() {
        return FIELD;
    }

    /** The visitor's token, issued (and sent as a cookie with the response) when there is none yet. */
    public String token() {
        Cookie c = request.getCookie(COOKIE);
        if (c != null && !c.getValue().isBlank()) {
            return c.getValue();
        }
        if (issued == null) {
            byte[] bytes = new byte[24];
            RANDOM.nextBytes(bytes);
            issued = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        }
        return issued;
    }

    /** Whether a token sent equals the visitor's cookie. */
    boolean matches(String sent) {
        Cookie c = request.getCookie(COOKIE);
        return sent != null && c != null && !c.getValue().isBlank() && MessageDigest.isEqual(sent.getBytes(StandardCharsets.UTF_8),
                c.getValue().getBytes(StandardCharsets.UTF_8));
    }

    /** The cookie of a token issued while rendering this response, or null. */
    Cookie cookie() {
        return issued == null ? null : Cookie.cookie(COOKIE, issued).setPath("/").setHttpOnly(true)
                .setSameSite(CookieSameSite.STRICT).setSecure("https".equals(request.scheme()));
    }

    /** Whether a request must carry the token: a page's write, or a write signed in by the session cookie. */
    static boolean required(String method, String path, SecurityIdentity identity) {
        if (SAFE.contains(method)) {
            return false;
        }
        // the API and OpenRosa's submissions (ODK Collect, Enketo) are for programs signing in by Basic
        boolean programs = path.startsWith("/api/") || path.equals("/api") || SessionMechanism.openRosa(path);
        return !programs || Boolean.TRUE.equals(identity.getAttribute(SessionMechanism.BY_COOKIE));
    }

    /**
     * Whether a request says it was sent by a page of another site: {@code Sec-Fetch-Site} other
     * than {@code same-origin} or {@code none} (typed or bookmarked), or an {@code Origin} other than
     * this service's own scheme, host and port as the request reached it (behind the trusted
     * proxy: its {@code X-Forwarded-Proto}), {@code Origin: null} included. Subdomains of the same
     * site ({@code same-site}) are other services, and refused too.
     */
    static boolean fromAnotherSite(HttpServerRequest request) {
        String site = request.getHeader("Sec-Fetch-Site");
        if (site != null && !site.strip().equalsIgnoreCase("same-origin") && !site.strip().equalsIgnoreCase("none")) {
            return true;
        }
        String origin = request.getHeader("Origin");
        return origin != null && !sameOrigin(origin.strip(), request);
    }

    private static boolean sameOrigin(String origin, HttpServerRequest request) {
        java.net.URI sent;
        try {
            sent = new java.net.URI(origin);
        } catch (java.net.URISyntaxException e) {
            return false;
        }
        io.vertx.core.net.HostAndPort own = request.authority();
        String scheme = request.scheme();
        if (sent.getScheme() == null || sent.getHost() == null || sent.getRawUserInfo() != null || own == null || scheme == null
                || !(sent.getRawPath() == null || sent.getRawPath().isEmpty()) || sent.getRawQuery() != null) {
            return false;
        }
        return sent.getScheme().equalsIgnoreCase(scheme) && host(sent.getHost()).equalsIgnoreCase(host(own.host()))
                && port(sent.getPort(), scheme) == port(own.port(), scheme);
    }

    private static String host(String host) {
        return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    }

    private static int port(int port, String scheme) {
        return port > 0 ? port : "https".equalsIgnoreCase(scheme) ? 443 : 80;
    }

    /**
     * The cross-site refusal, a filter of the HTTP router: after the security headers are set, ahead
     * of sign-in (priority 200), of every route and of the REST layer reading any body.
     */
    @jakarta.enterprise.context.ApplicationScoped
    static class CrossSite {
        static final int PRIORITY = 1000;

        void routes(@jakarta.enterprise.event.Observes io.quarkus.vertx.http.runtime.filters.Filters filters, SessionMechanism answers) {
            filters.register(context -> {
                if (!SAFE.contains(context.request().method().name()) && fromAnotherSite(context.request())) {
                    answers.refuse(context, new cn.liangxin.web.ErrorBody(403, CROSS_SITE, Msg.t("error.crossSite"), List.of()));
                    return;
                }
                context.next();
            }, PRIORITY);
        }
    }

    /** The check and the cookie, for every request the REST layer serves. */
    static class Filters {
        @Inject
        Csrf csrf;
        @Inject
        SecurityIdentity identity;

        @ServerRequestFilter
        @WithFormRead
        public void check(ResteasyReactiveContainerRequestContext context) {
            if (!required(context.getMethod(), context.getUriInfo().getPath(), identity)) {
                return;
            }
            String sent = context.getHeaderString(HEADER);
            if (sent == null) {
                ResteasyReactiveRequestContext server = (ResteasyReactiveRequestContext) context.getServerRequestContext();
                Object field = server.getFormParameter(FIELD, true, false);
                sent = field instanceof String s ? s : field instanceof org.jboss.resteasy.reactive.server.multipart.FormValue v
                        && !v.isFileItem() ? v.getValue() : null;
            }
            if (!csrf.matches(sent)) {
                throw new ApiException(400, "CSRF", Msg.t("error.csrf"), List.of());
            }
        }

        @ServerResponseFilter
        public void issue(io.vertx.core.http.HttpServerResponse response) {
            Cookie c = csrf.cookie();
            if (c != null) {
                response.addCookie(c);
            }
        }
    }
}
