package cn.liangxin.security;

import io.quarkus.elytron.security.common.BcryptUtil;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.UsernamePasswordAuthenticationRequest;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Checks a user name and password (from the login form or HTTP Basic) against the stored bcrypt
 * hash. After {@value #FREE_FAILURES} failures in a row an account is held back for a time that
 * doubles with each further failure (up to 15 minutes), so guessing is slowed down.
 */
@ApplicationScoped
public class PasswordIdentityProvider implements IdentityProvider<UsernamePasswordAuthenticationRequest> {

    static final int FREE_FAILURES = 5;
    static final Duration LONGEST_HOLD = Duration.ofMinutes(15);
    /** A successful Basic login is remembered this long, so scripts do not pay bcrypt per request. */
    static final Duration REMEMBER = Duration.ofMinutes(2);
    /** Verified against when the user does not exist, so that the answer takes as long. */
    private static final String DUMMY_HASH = BcryptUtil.bcryptHash("no such user");

    private final Map<String, Remembered> remembered = new ConcurrentHashMap<>();

    private record Remembered(String passwordDigest, int version, Instant until) {
    }

    @Override
    public Class<UsernamePasswordAuthenticationRequest> getRequestType() {
        return UsernamePasswordAuthenticationRequest.class;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(UsernamePasswordAuthenticationRequest request,
                                              AuthenticationRequestContext context) {
        String username = request.getUsername() == null ? "" : request.getUsername().strip();
        String password = new String(request.getPassword().getPassword());
        // the account is read on a worker thread; bcrypt, when needed, runs on the login threads
        // the request goes on where it came from (its Vert.x context holds the request's state)
        io.vertx.core.Context origin = io.vertx.core.Vertx.currentContext();
        java.util.concurrent.Executor back = origin == null ? Runnable::run : task -> origin.runOnContext(v -> task.run());
        Account[] read = new Account[1];
        return context.runBlocking(() -> {
            Account a = read[0] = account(username);
            return a != null && remembered(username, password, a) ? a.identity() : null;
        }).chain(known -> known != null ? Uni.createFrom().item(known)
                : Uni.createFrom().item(() -> verify(username, password, read[0])
                        .orElseThrow(AuthenticationFailedException::new)).runSubscriptionOn(LOGINS).emitOn(back));
    }

    /**
     * The threads that check passwords, one per core: a crowd signing in at once (a deadline
     * morning) queues here instead of taking every worker thread, and the clerks already at work
     * keep their share of the processors.
     */
    private static final java.util.concurrent.ExecutorService LOGINS = java.util.concurrent.Executors.newFixedThreadPool(
            Runtime.getRuntime().availableProcessors(), r -> {
                Thread t = new Thread(r, "login-check");
                t.setDaemon(true);
                return t;
            });

    /** The account, read in a transaction of its own; null when there is none. */
    private static Account account(String username) {
        return QuarkusTransaction.requiringNew().call(() -> {
            AppUser u = AppUser.byName(username);
            return u == null ? null : new Account(u.passwordHash, u.enabled, u.lockedUntil, u.failedLogins, u.version, identity(u));
        });
    }

    /** Whether this password of this account was verified a moment ago (Basic logins of scripts). */
    private boolean remembered(String username, String password, Account a) {
        Instant now = Instant.now();
        if (!a.enabled() || (a.lockedUntil() != null && a.lockedUntil().isAfter(now)) || a.failedLogins() != 0) {
            return false;
        }
        Remembered r = remembered.get(username);
        return r != null && r.version() == a.version() && r.until().isAfter(now) && r.passwordDigest().equals(digest(password));
    }

    /** Forgets remembered logins of a user whose password, roles or state changed. */
    public void forget(String username) {
        remembered.remove(username);
    }

    /** What a login needs of an account, read in a transaction of its own. */
    private record Account(String passwordHash, boolean enabled, Instant lockedUntil, int failedLogins, int version,
                           SecurityIdentity identity) {
    }

    /**
     * bcrypt costs tens of milliseconds of CPU, more when many sign in at once: it runs outside any
     * transaction, so that a crowd signing in does not hold the database connections that everyone
     * else's requests need. Failures are counted in a transaction of their own (committed whatever
     * the answer), under a row lock so that concurrent failures all count.
     */
    private java.util.Optional<SecurityIdentity> verify(String username, String password, Account a) {
        if (a == null) {
            BcryptUtil.matches(password, DUMMY_HASH);
            return java.util.Optional.empty();
        }
        Instant now = Instant.now();
        if (!a.enabled() || (a.lockedUntil() != null && a.lockedUntil().isAfter(now))) {
            return java.util.Optional.empty();
        }
        String digest = digest(password);
        Remembered r = remembered.get(username);
        boolean ok = r != null && r.version() == a.version() && r.until().isAfter(now) && r.passwordDigest().equals(digest);
        if (!ok && BcryptUtil.matches(password, a.passwordHash())) {
            ok = true;
            remembered.put(username, new Remembered(digest, a.version(), now.plus(REMEMBER)));
        }
        if (!ok) {
            remembered.remove(username);
            QuarkusTransaction.requiringNew().run(() -> {
                AppUser user = AppUser.<AppUser>find("username", username).withLock(LockModeType.PESSIMISTIC_WRITE).firstResult();
                if (user != null) {
                    user.failedLogins++;
                    if (user.failedLogins >= FREE_FAILURES) {
                        long seconds = Math.min(1L << Math.min(user.failedLogins - FREE_FAILURES, 20), LONGEST_HOLD.toSeconds());
                        user.lockedUntil = now.plusSeconds(seconds);
                    }
                }
            });
            return java.util.Optional.empty();
        }
        if (a.failedLogins() != 0 || a.lockedUntil() != null) {
            QuarkusTransaction.requiringNew().run(() -> {
                AppUser user = AppUser.<AppUser>find("username", username).withLock(LockModeType.PESSIMISTIC_WRITE).firstResult();
                if (user != null) {
                    user.failedLogins = 0;
                    user.lockedUntil = null;
                }
            });
        }
        return java.util.Optional.of(a.identity());
    }

    /** The identity of a user: name, roles, and the townships a clerk is bound to. */
    static SecurityIdentity identity(AppUser user) {
        return QuarkusSecurityIdentity.builder()
                .setPrincipal(new QuarkusPrincipal(user.username))
                .addRoles(user.roleSet().stream().map(Enum::name).collect(java.util.stream.Collectors.toSet()))
                .addAttribute(Caller.TOWNSHIPS, user.townshipSet())
                .build();
    }

    private static String digest(String password) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(password.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
