package cn.liangxin.security;

import cn.liangxin.web.ErrorBody;
import cn.liangxin.web.Msg;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.security.identity.IdentityProviderManager;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.AuthenticationRequest;
import io.quarkus.security.identity.request.BaseAuthenticationRequest;
import io.quarkus.vertx.http.runtime.security.ChallengeData;
import io.quarkus.vertx.http.runtime.security.HttpAuthenticationMechanism;
import io.quarkus.vertx.http.runtime.security.HttpSecurityUtils;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.CookieSameSite;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.Set;

/**
 * Signs a person's browser in by the session cookie (see {@link Sessions}), and decides how a
 * caller without a valid sign-in is answered: the API (and scripts) get 401 with a Basic challenge
 * and the error body (ODK Collect and Enketo under /openrosa the same challenge with an OpenRosa
 * message), a person's browser is sent to the login page and, once signed in, back to what it asked
 * for (a page, or a download under /api: a browser is never offered its own password prompt, whose
 * credentials it would keep sending), and a login turned away because too many wait for a
 * password check gets 429 with {@code Retry-After}. Every answer to a signed-in caller carries
 * {@code Cache-Control: no-store}, so no registry data is left in a shared computer's cache.
 */
@ApplicationScoped
public class SessionMechanism implements HttpAuthenticationMechanism {

    static final String LOGIN_PAGE = "/login";
    public static final String COOKIE = "liangxin-session";
    /** Identity attribute set when the caller was signed in by the session cookie (not by Basic). */
    public static final String BY_COOKIE = "liangxin.by-session-cookie";

    private final ObjectMapper json;

    public SessionMechanism(ObjectMapper json) {
        this.json = json;
    }

    /** An authentication request carrying a session token. */
    static final class SessionRequest extends BaseAuthenticationRequest {
        final String token;

        SessionRequest(String token) {
            this.token = token;
        }
    }

    /**
     * The session cookie first (a person's browser), then HTTP Basic (scripts); neither is anonymous.
     * One mechanism for both, so that every refusal is answered the same way.
     */
    @Override
    public Uni<SecurityIdentity> authenticate(RoutingContext context, IdentityProviderManager identityProviderManager) {
        context.put(HttpAuthenticationMechanism.class.getName(), this);
        Cookie c = context.request().getCookie(COOKIE);
        Uni<SecurityIdentity> bySession = Uni.createFrom().nullItem();
        if (c != null && !c.getValue().isBlank()) {
            SessionRequest request = (SessionRequest) HttpSecurityUtils.setRoutingContextAttribute(new SessionRequest(c.getValue()), context);
            // an ended or expired session is no sign-in: Basic, or the challenge, answers
            bySession = identityProviderManager.authenticate(request)
                    .onFailure(io.quarkus.security.AuthenticationFailedException.class).recoverWithNull();
        }
        return bySession.chain(identity -> identity != null ? Uni.createFrom().item(identity) : basic(context, identityProviderManager));
    }

    /** HTTP Basic (RFC 7617, UTF-8): null without an Authorization header of that scheme. */
    private static Uni<SecurityIdentity> basic(RoutingContext context, IdentityProviderManager identityProviderManager) {
        String header = context.request().getHeader("Authorization");
        if (header == null || header.length() < 6 || !header.regionMatches(true, 0, "Basic ", 0, 6)) {
            return Uni.createFrom().nullItem();
        }
        String decoded;
        try {
            decoded = new String(java.util.Base64.getDecoder().decode(header.substring(6).strip()), java.nio.charset.StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return Uni.createFrom().failure(new io.quarkus.security.AuthenticationFailedException());
        }
        int colon = decoded.indexOf(':');
        if (colon < 0) {
            return Uni.createFrom().failure(new io.quarkus.security.AuthenticationFailedException());
        }
        var request = HttpSecurityUtils.setRoutingContextAttribute(new io.quarkus.security.identity.request.UsernamePasswordAuthenticationRequest(
                decoded.substring(0, colon), new io.quarkus.security.credential.PasswordCredential(decoded.substring(colon + 1).toCharArray())),
                context);
        return identityProviderManager.authenticate(request);
    }

    @Override
    public Uni<ChallengeData> getChallenge(RoutingContext context) {
        if (context.get(PasswordIdentityProvider.BUSY) instanceof Integer wait) {
            return Uni.createFrom().item(new ChallengeData(429, "Retry-After", wait.toString()));
        }
        // ODK Collect and Enketo's server say nothing of a navigation; a person who typed the address in a browser does
        boolean typedOpenRosa = openRosa(context) && "navigate".equalsIgnoreCase(context.request().getHeader("Sec-Fetch-Mode"));
        if (openRosa(context) && !typedOpenRosa || api(context) && !typedOpenRosa && !navigation(context.request())) {
            // a page's own script (fetch) is told to sign in, without the prompt; ODK Collect is always asked
            return Uni.createFrom().item(browser(context.request()) && !openRosa(context) ? new ChallengeData(401, null, null)
                    : new ChallengeData(401, "WWW-Authenticate", "Basic realm=\"liangxin\", charset=\"UTF-8\""));
        }
        return Uni.createFrom().item(new ChallengeData(302, "Location", loginAndBack(context.request())));
    }

    /** A request a browser sends by itself (every current browser adds {@code Sec-Fetch-*}; programs do not). */
    private static boolean browser(io.vertx.core.http.HttpServerRequest request) {
        return request.getHeader("Sec-Fetch-Mode") != null || request.getHeader("Sec-Fetch-Site") != null
                || request.getHeader("Sec-Fetch-Dest") != null;
    }

    /**
     * A person's browser asking for a page or a download (a link followed, an address typed): the
     * fetch metadata say so, or, in an older browser, an {@code Accept} that prefers a page.
     */
    static boolean navigation(io.vertx.core.http.HttpServerRequest request) {
        String mode = request.getHeader("Sec-Fetch-Mode");
        String dest = request.getHeader("Sec-Fetch-Dest");
        if (mode != null || dest != null) {
            return "navigate".equalsIgnoreCase(mode) || "document".equalsIgnoreCase(dest);
        }
        return prefersPage(request.getHeader("Accept"));
    }

    /** Whether an Accept header names a page (text/html, application/xhtml+xml) with the highest weight it gives any type. */
    static boolean prefersPage(String accept) {
        if (accept == null) {
            return false;
        }
        double page = 0;
        double other = 0;
        for (String range : accept.split(",")) {
            String[] parts = range.split(";");
            String type = parts[0].strip().toLowerCase(java.util.Locale.ROOT);
            double q = 1;
            for (int i = 1; i < parts.length; i++) {
                String p = parts[i].strip();
                if (p.regionMatches(true, 0, "q=", 0, 2)) {
                    try {
                        q = Double.parseDouble(p.substring(2).strip());
                    } catch (NumberFormatException e) {
                        q = 0;
                    }
                }
            }
            if (type.equals("text/html") || type.equals("application/xhtml+xml")) {
                page = Math.max(page, q);
            } else if (!type.equals("*/*")) {
                other = Math.max(other, q);
            }
        }
        return page > 0 && page >= other;
    }

    /** The login page, and for a page or download asked for by GET the way back to it ({@code next}). */
    private static String loginAndBack(io.vertx.core.http.HttpServerRequest request) {
        String uri = request.uri();
        boolean read = request.method() == io.vertx.core.http.HttpMethod.GET || request.method() == io.vertx.core.http.HttpMethod.HEAD;
        if (!read || uri == null || uri.equals("/") || LoginPages.local(uri) == null) {
            return LOGIN_PAGE;
        }
        return LOGIN_PAGE + "?next=" + java.net.URLEncoder.encode(uri, java.nio.charset.StandardCharsets.UTF_8);
    }

    /** The challenge, with the error body on the API and for a turned-away login. */
    @Override
    public Uni<Boolean> sendChallenge(RoutingContext context) {
        return getChallenge(context).map(challenge -> {
            var response = context.response();
            if (response.ended() || response.headWritten()) {
                return true;
            }
            response.setStatusCode(challenge.status);
            if (challenge.headerName != null) {
                response.headers().set(challenge.headerName, challenge.headerContent);
            }
            if (challenge.status == 302) {
                response.end();
                return true;
            }
            String code = challenge.status == 429 ? "TOO_MANY_LOGINS" : "UNAUTHORIZED";
            String message = Msg.t(challenge.status == 429 ? "error.http.429" : "error.http.401");
            refuse(context, new ErrorBody(challenge.status, code, message, List.of()));
            return true;
        });
    }

    /**
     * Ends a request refused before any resource ran: an OpenRosa message for ODK Collect and
     * Enketo, the error page for a person's browser outside the API, the error body otherwise.
     */
    void refuse(RoutingContext context, ErrorBody body) {
        var response = context.response();
        if (response.ended()) {
            return;
        }
        response.setStatusCode(body.status());
        if (openRosa(context)) {
            // ODK Collect and Enketo show the message of an OpenRosa response
            response.headers().set("Content-Type", "text/xml; charset=utf-8");
            response.end("<?xml version=\"1.0\" encoding=\"UTF-8\"?><OpenRosaResponse xmlns=\"http://openrosa.org/http/response\">"
                    + "<message nature=\"error\">" + body.message() + "</message></OpenRosaResponse>");
            return;
        }
        String page = cn.liangxin.web.DatabaseUnavailable.page(context, body);
        if (page != null) {
            response.headers().set("Content-Type", "text/html;charset=UTF-8");
            response.end(page);
            return;
        }
        try {
            response.headers().set("Content-Type", "application/json;charset=UTF-8");
            response.end(json.writeValueAsString(body));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            response.end();
        }
    }

    /** {@code Cache-Control: no-store} on every answer to a signed-in caller that does not say how it may be kept. */
    void noStore(@jakarta.enterprise.event.Observes io.vertx.ext.web.Router router) {
        router.route().order(Integer.MIN_VALUE).handler(context -> {
            context.addHeadersEndHandler(v -> {
                if (context.user() instanceof io.quarkus.vertx.http.runtime.security.QuarkusHttpUser user
                        && !user.getSecurityIdentity().isAnonymous() && !context.response().headers().contains("Cache-Control")) {
                    context.response().headers().set("Cache-Control", "no-store");
                }
            });
            context.next();
        });
    }

    /** Callers that are programs, not a person's browser: the API, and field apps (ODK) through OpenRosa. */
    private static boolean api(RoutingContext context) {
        String path = context.normalizedPath();
        return path.startsWith("/api/") || path.equals("/api") || path.startsWith("/q/") || openRosa(context);
    }

    /** ODK Collect and Enketo, which sign in by HTTP Basic when challenged (see {@code cn.liangxin.openrosa}). */
    static boolean openRosa(String path) {
        return path.startsWith("/openrosa/") || path.equals("/openrosa");
    }

    private static boolean openRosa(RoutingContext context) {
        return openRosa(context.normalizedPath());
    }

    @Override
    public Set<Class<? extends AuthenticationRequest>> getCredentialTypes() {
        return Set.of(SessionRequest.class, io.quarkus.security.identity.request.UsernamePasswordAuthenticationRequest.class);
    }

    @Override
    public int getPriority() {
        return DEFAULT_PRIORITY + 500;
    }

    /** The session cookie: HttpOnly, SameSite=Strict, Secure behind HTTPS; a browser session's life. */
    static Cookie cookie(String token, boolean secure) {
        return Cookie.cookie(COOKIE, token).setPath("/").setHttpOnly(true).setSameSite(CookieSameSite.STRICT).setSecure(secure);
    }
}
