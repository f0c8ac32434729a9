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
        // the failure count must be committed, so the transaction answers empty rather than throwing
        return context.runBlocking(() -> QuarkusTransaction.requiringNew().call(() -> verify(username, password))
                .orElseThrow(AuthenticationFailedException::new));
    }

    /** Forgets remembered logins of a user whose password, roles or state changed. */
    public void forget(String username) {
        remembered.remove(username);
    }

    private java.util.Optional<SecurityIdentity> verify(String username, String password) {
        AppUser user = AppUser.byName(username);
        if (user == null) {
            BcryptUtil.matches(password, DUMMY_HASH);
            return java.util.Optional.empty();
        }
        Instant now = Instant.now();
        if (!user.enabled || (user.lockedUntil != null && user.lockedUntil.isAfter(now))) {
            return java.util.Optional.empty();
        }
        String digest = digest(password);
        Remembered r = remembered.get(username);
        boolean ok = r != null && r.version() == user.version && r.until().isAfter(now) && r.passwordDigest().equals(digest);
        if (!ok && BcryptUtil.matches(password, user.passwordHash)) {
            ok = true;
            remembered.put(username, new Remembered(digest, user.version, now.plus(REMEMBER)));
        }
        if (!ok) {
            user.failedLogins++;
            if (user.failedLogins >= FREE_FAILURES) {
                long seconds = Math.min(1L << Math.min(user.failedLogins - FREE_FAILURES, 20), LONGEST_HOLD.toSeconds());
                user.lockedUntil = now.plusSeconds(seconds);
            }
            remembered.remove(username);
            return java.util.Optional.empty();
        }
        if (user.failedLogins != 0 || user.lockedUntil != null) {
            user.failedLogins = 0;
            user.lockedUntil = null;
        }
        return java.util.Optional.of(identity(user));
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
