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
        // causes and suppressed ones: a commit cut by the server's death is a RollbackException whose
        // connection error is suppressed, not its cause
        java.util.Deque<Throwable> todo = new java.util.ArrayDeque<>();
        java.util.Set<Throwable> seen = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        if (t != null) {
            todo.add(t);
        }
        while (!todo.isEmpty() && seen.size() < 64) {
            Throwable c = todo.poll();
            if (!seen.add(c)) {
                continue;
            }
            if (c.getCause() != null) {
                todo.add(c.getCause());
            }
            todo.addAll(java.util.Arrays.asList(c.getSuppressed()));
            if (c instanceof SQLException s) {
                String state = s.getSQLState();
                if (state != null && (state.startsWith("08") || STATES.contains(state))) {
                    return true;
                }
                String message = s.getMessage();
                // (the last: a connection handed out just as the server died fails to join the request's
                // transaction; with one datasource, nothing else makes it fail so)
                if (message != null && (message.contains("acquisition timeout")
                        || message.contains("terminating connection due to unexpected postmaster exit")
                        || message.contains("Exception in association of connection to existing transaction"))) {
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
    /** The error page for a person's browser outside /api (as ErrorMapper answers it), else null. */
    public static String page(io.vertx.ext.web.RoutingContext context, ErrorBody body) {
        String path = context.normalizedPath();
        String accept = context.request().getHeader("Accept");
        if (path.startsWith("/api") || path.startsWith("/q/") || accept == null || !accept.contains("text/html")) {
            return null;
        }
        io.quarkus.arc.ManagedContext request = io.quarkus.arc.Arc.container().requestContext();
        boolean activated = !request.isActive();
        if (activated) {
            request.activate();
        }
        try {
            // the layout asks which page this is (navigation) and who is calling: nobody signed in
            io.quarkus.arc.Arc.container().instance(io.quarkus.vertx.http.runtime.CurrentVertxRequest.class).get()
                    .setCurrent(context);
            io.quarkus.arc.Arc.container().instance(io.quarkus.security.identity.CurrentIdentityAssociation.class).get()
                    .setIdentity(io.quarkus.security.runtime.QuarkusSecurityIdentity.builder().setAnonymous(true).build());
            return ErrorMapper.Templates.page(body, "/?").render();
        } catch (RuntimeException e) {
            return null; // the page needs what is not there: the error body says the same
        } finally {
            if (activated) {
                request.terminate();
            }
        }
    }

    void routes(@Observes Router router, ObjectMapper json) {
        router.route().order(Integer.MIN_VALUE).failureHandler(context -> {
            if (!is(context.failure()) || context.response().ended() || context.response().headWritten()) {
                context.next();
                return;
            }
            context.response().setStatusCode(503).putHeader("Retry-After", RETRY_AFTER);
            String page = page(context, body());
            if (page != null) {
                context.response().putHeader("Content-Type", "text/html;charset=UTF-8").end(page);
                return;
            }
            try {
                context.response().putHeader("Content-Type", "application/json;charset=UTF-8")
                        .end(json.writeValueAsString(body()));
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                context.response().end();
            }
        });
    }
}
