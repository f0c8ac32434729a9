package cn.liangxin.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import java.sql.SQLException;
import java.util.List;
import java.util.Set;

/**
 * The database cannot be reached (the embedded server being restarted, the network to an external
 * one down): what counts as that, the one answer for it (503 {@code DATABASE_UNAVAILABLE}), and the
 * answer to a sign-in that failed for that reason before any resource method ran.
 */
@ApplicationScoped
public class DatabaseUnavailable {

    public static final String CODE = "DATABASE_UNAVAILABLE";

    /** Server shutting down (admin_shutdown, crash_shutdown) or not yet accepting connections. */
    private static final Set<String> STATES = Set.of("57P01", "57P02", "57P03");

    /**
     * Whether {@code t}, or one of its causes, says the database cannot be reached: a connection
     * failure (SQLState class 08), a server shutting down or starting (57P01–57P03), or no
     * connection from the pool in time.
     */
    public static boolean is(Throwable t) {
        int depth = 0;
        for (Throwable c = t; c != null && depth < 32; c = c.getCause(), depth++) {
            if (c instanceof SQLException s) {
                String state = s.getSQLState();
                if (state != null && (state.startsWith("08") || STATES.contains(state))) {
                    return true;
                }
                String message = s.getMessage();
                if (message != null && message.contains("acquisition timeout")) {
                    return true;
                }
            }
            if (c instanceof org.hibernate.exception.JDBCConnectionException) {
                return true;
            }
        }
        return false;
    }

    public static ErrorBody body() {
        return new ErrorBody(503, CODE, Msg.t("error.database"), List.of());
    }

    /** Seconds a refused caller is asked to wait ({@code Retry-After}). */
    public static final String RETRY_AFTER = "10";

    /**
     * A sign-in whose account could not be read (HTTP Basic, the session cookie) fails before the
     * resource method, so the exception mappers never see it: it is answered here, as they would.
     */
    void routes(@Observes Router router, ObjectMapper json) {
        router.route().order(Integer.MIN_VALUE).failureHandler(context -> {
            if (!is(context.failure()) || context.response().ended() || context.response().headWritten()) {
                context.next();
                return;
            }
            String body;
            try {
                body = json.writeValueAsString(body());
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                context.next();
                return;
            }
            context.response().setStatusCode(503).putHeader("Retry-After", RETRY_AFTER)
                    .putHeader("Content-Type", "application/json;charset=UTF-8").end(body);
        });
    }
}
