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
 * message), a person's browser is sent to the login page, and a login turned away
 * because too many wait for a password check gets 429 with {@code Retry-After}.
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
        if (context.get(PasswordIdentityProvider.BUSY) != null) {
            return Uni.createFrom().item(new ChallengeData(429, "Retry-After", PasswordIdentityProvider.RETRY_AFTER));
        }
        if (api(context)) {
            return Uni.createFrom().item(new ChallengeData(401, "WWW-Authenticate", "Basic realm=\"liangxin\", charset=\"UTF-8\""));
        }
        return Uni.createFrom().item(new ChallengeData(302, "Location", LOGIN_PAGE));
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
            if (openRosa(context)) {
                // ODK Collect and Enketo show the message of an OpenRosa response
                response.headers().set("Content-Type", "text/xml; charset=utf-8");
                response.end("<?xml version=\"1.0\" encoding=\"UTF-8\"?><OpenRosaResponse xmlns=\"http://openrosa.org/http/response\">"
                        + "<message nature=\"error\">" + message + "</message></OpenRosaResponse>");
                return true;
            }
            try {
                response.headers().set("Content-Type", "application/json;charset=UTF-8");
                response.end(json.writeValueAsString(new ErrorBody(challenge.status, code, message, List.of())));
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                response.end();
            }
            return true;
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
