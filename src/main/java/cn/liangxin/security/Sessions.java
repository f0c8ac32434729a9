package cn.liangxin.security;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;

/**
 * Signed-in sessions, kept on the server: the cookie carries a random token, the database its
 * SHA-256 and the account. Ending a session deletes its row, so a cookie saved before a logout, a
 * new password, a disable or a change of roles or divisions opens nothing afterwards. Nothing
 * secret is configured or logged: there is no key to leak.
 */
@ApplicationScoped
public class Sessions {

    private static final SecureRandom RANDOM = new SecureRandom();
    /** A session's last use is written at most this often (each request would be a write otherwise). */
    private static final Duration TOUCH = Duration.ofMinutes(1);

    private final AgroalDataSource dataSource;
    private final Duration idle;

    public Sessions(AgroalDataSource dataSource, @ConfigProperty(name = "liangxin.session.idle", defaultValue = "PT8H") Duration idle) {
        this.dataSource = dataSource;
        this.idle = idle;
    }

    /** How long an unused session lasts. */
    public Duration idle() {
        return idle;
    }

    /** Starts a session of this account; answers the token for the cookie. */
    public String start(long userId) {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        Instant now = Instant.now();
        update("insert into app_session (token_hash, user_id, created_at, last_seen, expires_at) values (?, ?, ?, ?, ?)",
                s -> {
                    s.setString(1, hash(token));
                    s.setLong(2, userId);
                    s.setTimestamp(3, Timestamp.from(now));
                    s.setTimestamp(4, Timestamp.from(now));
                    s.setTimestamp(5, Timestamp.from(now.plus(idle)));
                });
        return token;
    }

    /** The account of a live session, extending it; empty for an unknown, ended or expired token. */
    public Optional<Long> user(String token) {
        if (token == null || token.isBlank() || token.length() > 100) {
            return Optional.empty();
        }
        String h = hash(token);
        Instant now = Instant.now();
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("select user_id, last_seen from app_session where token_hash = ? and expires_at > ?")) {
            s.setString(1, h);
            s.setTimestamp(2, Timestamp.from(now));
            try (ResultSet r = s.executeQuery()) {
                if (!r.next()) {
                    return Optional.empty();
                }
                long user = r.getLong(1);
                if (r.getTimestamp(2).toInstant().plus(TOUCH).isBefore(now)) {
                    try (PreparedStatement t = c.prepareStatement("update app_session set last_seen = ?, expires_at = ? where token_hash = ?")) {
                        t.setTimestamp(1, Timestamp.from(now));
                        t.setTimestamp(2, Timestamp.from(now.plus(idle)));
                        t.setString(3, h);
                        t.executeUpdate();
                    }
                }
                return Optional.of(user);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Ends one session (logout). */
    public void end(String token) {
        if (token != null && !token.isBlank()) {
            update("delete from app_session where token_hash = ?", s -> s.setString(1, hash(token)));
        }
    }

    /** Ends every session of an account, and forgets sessions that have expired. */
    public void endAll(long userId) {
        update("delete from app_session where user_id = ? or expires_at < now()", s -> s.setLong(1, userId));
    }

    private interface Binder {
        void bind(PreparedStatement s) throws SQLException;
    }

    private void update(String sql, Binder binder) {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            binder.bind(s);
            s.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    static String hash(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
