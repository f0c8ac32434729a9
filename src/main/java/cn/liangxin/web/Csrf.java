package cn.liangxin.web;

import io.vertx.core.http.Cookie;
import io.vertx.core.http.CookieSameSite;
import io.vertx.core.http.HttpServerRequest;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Named;
import jakarta.ws.rs.core.MultivaluedMap;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

import java.security.MessageDigest;
import java.security.SecureRandom;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

/**
 * Protects the pages' forms against cross-site requests with a token that a page puts in each form
 * ({@code {inject:csrf.token}}) and that must equal the one in the visitor's CSRF cookie. The session
 * cookie is SameSite=Strict as well; the JSON API, used by scripts with HTTP Basic, needs no token.
 */
@RequestScoped
@Named("csrf")
public class Csrf {

    static final String COOKIE = "liangxin-csrf";
    public static final String FIELD = "csrf-token";
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

    /** Refuses a form whose token is missing or does not match the cookie. */
    public void check(MultivaluedMap<String, String> form) {
        check(form == null ? null : form.getFirst(FIELD));
    }

    public void check(String sent) {
        Cookie c = request.getCookie(COOKIE);
        if (sent == null || c == null || !MessageDigest.isEqual(sent.getBytes(StandardCharsets.UTF_8),
                c.getValue().getBytes(StandardCharsets.UTF_8))) {
            throw new ApiException(400, "CSRF", Msg.t("error.csrf"), List.of());
        }
    }

    /** The token issued while rendering this response, or null. */
    String issued() {
        return issued;
    }

    /** The cookie of a token issued while rendering this response, or null. */
    Cookie cookie() {
        return issued == null ? null : Cookie.cookie(COOKIE, issued).setPath("/").setHttpOnly(true)
                .setSameSite(CookieSameSite.STRICT).setSecure("https".equals(request.scheme()));
    }

    /** Sends the cookie of a token issued while rendering a page. */
    static class IssueCookie {
        @jakarta.inject.Inject
        Csrf csrf;

        @ServerResponseFilter
        public void issue(io.vertx.core.http.HttpServerResponse response) {
            Cookie c = csrf.cookie();
            if (c != null) {
                response.addCookie(c);
            }
        }
    }
}
