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
import io.quarkus.vertx.http.runtime.security.HttpSecurityUtils;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;

/**
 * Checks a user name and password (from the login form or HTTP Basic) against the stored bcrypt
 * hash. Each attempt is counted in the database before its password is checked, in one atomic
 * statement: however many attempts arrive at once, from the {@value #FREE_FAILURES}th attempt
 * without a success the account is held back for a time that doubles with each further attempt
 * (up to 15 minutes); an attempt while held is refused and counts too; a success clears the count.
 * Every refusal pays for one bcrypt check, against the account's hash or a stand-in, so that its
 * time does not tell whether the name exists, is held back or disabled.
 */
@ApplicationScoped
public class PasswordIdentityProvider implements IdentityProvider<UsernamePasswordAuthenticationRequest> {

    static final int FREE_FAILURES = 5;
    static final Duration LONGEST_HOLD = Duration.ofMinutes(15);
    /** A successful Basic login is remembered this long, so scripts do not pay bcrypt per request. */
    static final Duration REMEMBER = Duration.ofMinutes(2);
    /**
     * Routing-context key set when a login was turned away because too many wait for a check: its
     * value, an Integer, the seconds she is told to wait ({@code Retry-After}).
     */
    public static final String BUSY = "liangxin.logins-busy";
    /** The longest wait a sign-in turned away is told, whatever the crowd. */
    static final int LONGEST_WAIT = 120;
    /** The threads that check passwords, one per core. */
    private static final int CHECKERS = Runtime.getRuntime().availableProcessors();
    /** Verified against when the user does not exist or is held back, so that the answer takes as long. */
    private static final String DUMMY_HASH;
    /** The first estimate of a check's time: the stand-in hash's own, taken at start. */
    private static final long FIRST_CHECK_NANOS;

    static {
        long t0 = System.nanoTime();
        DUMMY_HASH = BcryptUtil.bcryptHash("no such user");
        FIRST_CHECK_NANOS = Math.max(1_000_000L, System.nanoTime() - t0);
    }

    private final Map<String, Remembered> remembered = new ConcurrentHashMap<>();
    /** At most this many password checks wait or run at once; more are answered 429. */
    private final int capacity;
    private final Semaphore slots;
    /** How long one check takes on one login thread, nanoseconds: a moving average of the last ones (guarded by this). */
    private double checkNanos = FIRST_CHECK_NANOS;
    /**
     * When ({@link System#nanoTime}) the last sign-in turned away was asked to come back (guarded by
     * this): each next one is asked one check's time later, so that those sent away come back one
     * after another, as fast as the checks free places, and not all in the same second.
     */
    private long comeBack = System.nanoTime();

    /** Checks done, and the time they took on their threads (nanoseconds), since the start. */
    private final java.util.concurrent.atomic.AtomicLong checks = new java.util.concurrent.atomic.AtomicLong();
    private final java.util.concurrent.atomic.AtomicLong checkTime = new java.util.concurrent.atomic.AtomicLong();
    /** Sign-ins turned away because the queue was full, since the start. */
    private final java.util.concurrent.atomic.AtomicLong turnedAway = new java.util.concurrent.atomic.AtomicLong();

    public PasswordIdentityProvider(@org.eclipse.microprofile.config.inject.ConfigProperty(name = "liangxin.login.queue")
                                    java.util.Optional<Integer> queue, io.micrometer.core.instrument.MeterRegistry metrics) {
        this.capacity = Math.max(1, queue.orElse(CHECKERS * 32));
        this.slots = new Semaphore(capacity);
        // how the sign-in queue does: with the threads' count, how busy the checks kept them and how fast they were
        io.micrometer.core.instrument.FunctionCounter.builder("liangxin.login.checks", checks, java.util.concurrent.atomic.AtomicLong::get)
                .description("password checks done").register(metrics);
        io.micrometer.core.instrument.FunctionCounter.builder("liangxin.login.check.seconds", checkTime, t -> t.get() / 1e9)
                .description("time the login threads spent checking passwords (bcrypt)").register(metrics);
        io.micrometer.core.instrument.FunctionCounter.builder("liangxin.login.turned.away", turnedAway, java.util.concurrent.atomic.AtomicLong::get)
                .description("sign-ins answered 429 because the check queue was full").register(metrics);
        io.micrometer.core.instrument.Gauge.builder("liangxin.login.checkers", () -> CHECKERS)
                .description("threads that check passwords").register(metrics);
        io.micrometer.core.instrument.Gauge.builder("liangxin.login.queue.waiting", slots, q -> capacity - q.availablePermits())
                .description("sign-ins waiting for or in a password check").register(metrics);
    }

    /**
     * One check's bcrypt took this long on its login thread. One slowed by a pause of the whole
     * service counts as four usual ones at most, so that it does not tell the crowd to wait for nothing.
     */
    private synchronized void measured(long nanos) {
        checks.incrementAndGet();
        checkTime.addAndGet(nanos);
        checkNanos = 0.9 * checkNanos + 0.1 * Math.min(nanos, 4 * checkNanos);
    }

    /**
     * The seconds a sign-in turned away now is told to wait: she comes back when the queue has
     * drained to half its places (so the checks never run dry while people wait), and one check's
     * time after the one sent away before her (so those sent away come back spread, about as fast as
     * places free). The only state is one instant: the service's memory does not grow with the crowd.
     */
    synchronized int retryAfter() {
        long now = System.nanoTime();
        double between = checkNanos / CHECKERS;
        int waiting = capacity - slots.availablePermits();
        long halfDrained = now + (long) (Math.max(0, waiting - capacity / 2.0) * between);
        comeBack = Math.min(Math.max(comeBack, halfDrained) + (long) between, now + LONGEST_WAIT * 1_000_000_000L);
        return (int) Math.max(1, Math.min(LONGEST_WAIT, Math.ceil((comeBack - now) / 1e9)));
    }

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
        RoutingContext routing = HttpSecurityUtils.getRoutingContextAttribute(request);
        // the account is read on a worker thread; bcrypt, when needed, runs on the login threads
        // the request goes on where it came from (its Vert.x context holds the request's state)
        io.vertx.core.Context origin = io.vertx.core.Vertx.currentContext();
        java.util.concurrent.Executor back = origin == null ? Runnable::run : task -> origin.runOnContext(v -> task.run());
        if (slots.availablePermits() == 0 && !remembered.containsKey(username)) {
            // the queue is full and no check can be spared: turned away without asking the database
            return busy(routing);
        }
        return context.runBlocking(() -> {
            Account a = account(username);
            return a != null && remembered(username, password, a) ? a.identity() : null;
        }).chain(known -> {
            if (known != null) {
                return Uni.createFrom().item(known);
            }
            if (!slots.tryAcquire()) {
                return busy(routing);
            }
            // the attempt counted and the success recorded on worker threads, the password checked on
            // a login thread: those do nothing but bcrypt, never waiting for the database while others queue
            return Uni.createFrom().item(() -> counted(username)).runSubscriptionOn(io.smallrye.mutiny.infrastructure.Infrastructure.getDefaultWorkerPool())
                    .chain(a -> Uni.createFrom().item(() -> matches(username, password, a)).runSubscriptionOn(LOGINS).emitOn(back))
                    .chain(a -> a == null ? Uni.createFrom().<SecurityIdentity>failure(new AuthenticationFailedException())
                            : context.runBlocking(() -> succeeded(username, password, a)))
                    .onTermination().invoke(slots::release);
        });
    }

    /** A sign-in turned away because the queue is full, told when to come back. */
    private Uni<SecurityIdentity> busy(RoutingContext routing) {
        turnedAway.incrementAndGet();
        if (routing != null) {
            routing.put(BUSY, retryAfter());
        }
        return Uni.createFrom().failure(new AuthenticationFailedException("too many logins waiting"));
    }

    /**
     * The threads that check passwords, one per core: a crowd signing in at once (a deadline
     * morning) queues here instead of taking every worker thread, and the clerks already at work
     * keep their share of the processors.
     */
    private static final ExecutorService LOGINS = Executors.newFixedThreadPool(CHECKERS, r -> {
                Thread t = new Thread(r, "login-check");
                t.setDaemon(true);
                return t;
            });

    /**
     * Whether a name could be an account's: a NUL byte cannot be stored (PostgreSQL refuses it in
     * text), so such a name is refused like an unknown one without asking the database.
     */
    private static boolean possible(String username) {
        return username.indexOf('\0') < 0;
    }

    /** The account, read in a transaction of its own; null when there is none. */
    private static Account account(String username) {
        if (!possible(username)) {
            return null;
        }
        return QuarkusTransaction.requiringNew().call(() -> {
            AppUser u = AppUser.byName(username);
            return u == null ? null : new Account(u.id, u.passwordHash, u.enabled, u.lockedUntil, u.failedLogins, u.version,
                    identity(u));
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

    /** What a login needs of an account. */
    private record Account(long id, String passwordHash, boolean enabled, Instant lockedUntil, int failedLogins, int version,
                           SecurityIdentity identity) {
    }

    /**
     * Counts the attempt (refusing an account that is disabled or on hold): the account to check the
     * password against, or null when there is none, it is disabled or held back. The password is
     * then checked outside any transaction ({@link #matches}): bcrypt costs tens of milliseconds of
     * CPU, and a crowd signing in must not hold the connections everyone else needs.
     */
    private static Account counted(String username) {
        if (!possible(username)) {
            return null;
        }
        // attempts on one account wait their turn here, not each on a connection of the pool held
        // while the database makes it wait for the account's row (a flood of guesses would take them all)
        synchronized (COUNTING[Math.floorMod(username.hashCode(), COUNTING.length)]) {
            return countedInTurn(username);
        }
    }

    /** One lock per stripe of account names: attempts on different accounts rarely wait for each other. */
    private static final Object[] COUNTING = java.util.stream.IntStream.range(0, 64).mapToObj(i -> new Object()).toArray();

    private static Account countedInTurn(String username) {
        // every attempt counts, before its password is checked: one on hold is refused and extends
        // the hold, so a crowd of guesses sent at once keeps the account held whatever their timing
        java.time.OffsetDateTime now = java.time.OffsetDateTime.now(java.time.ZoneOffset.UTC);
        Object[] counted = QuarkusTransaction.requiringNew().call(() -> {
            @SuppressWarnings("unchecked")
            List<Object> held = AppUser.getEntityManager().createNativeQuery("""
                    with before as (select id, locked_until from app_user where username = :name and enabled for update)
                    update app_user u set failed_logins = u.failed_logins + 1,
                        locked_until = case when u.failed_logins + 1 >= :free
                            then to_timestamp(:nowSeconds + least(power(2, least(u.failed_logins + 1 - :free, 20)), :longest))
                            else u.locked_until end
                    from before where u.id = before.id
                    returning coalesce(before.locked_until > :now, false)""")
                    // the moment passed in as a value, and added to in seconds: a distributed database (Citus)
                    // refuses functions that are not immutable (now(), timestamptz + interval) inside CASE
                    .setParameter("now", now)
                    .setParameter("nowSeconds", now.toEpochSecond() + now.getNano() / 1e9)
                    .setParameter("free", FREE_FAILURES).setParameter("longest", LONGEST_HOLD.toSeconds())
                    .setParameter("name", username).getResultList();
            return held.isEmpty() ? null : new Object[]{held.get(0), account(username)};
        });
        return counted == null || Boolean.TRUE.equals(counted[0]) ? null : (Account) counted[1];
    }

    /**
     * The password checked (on a login thread): the account when it matches, else null. Without an
     * account (none, disabled, held back) it is refused in the time a check takes, against a stand-in.
     */
    private Account matches(String username, String password, Account a) {
        long t0 = System.nanoTime();
        try {
            if (a == null) {
                BcryptUtil.matches(password, DUMMY_HASH);
                return null;
            }
            if (!BcryptUtil.matches(password, a.passwordHash())) {
                remembered.remove(username);
                return null;
            }
            return a;
        } finally {
            measured(System.nanoTime() - t0);
        }
    }

    /** A right password: the count of attempts cleared, the login remembered for a moment. */
    private SecurityIdentity succeeded(String username, String password, Account a) {
        QuarkusTransaction.requiringNew().run(() -> AppUser.getEntityManager().createNativeQuery(
                        "update app_user set failed_logins = 0, locked_until = null where id = :id")
                .setParameter("id", a.id()).executeUpdate());
        remembered.put(username, new Remembered(digest(password), a.version(), Instant.now().plus(REMEMBER)));
        return a.identity();
    }

    /** The identity of a user: name, roles, and the divisions the account is bound to. */
    static SecurityIdentity identity(AppUser user) {
        return QuarkusSecurityIdentity.builder()
                .setPrincipal(new QuarkusPrincipal(user.username))
                .addRoles(user.roleSet().stream().map(Enum::name).collect(java.util.stream.Collectors.toSet()))
                .addAttribute(Caller.DIVISIONS, user.divisionSet())
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
