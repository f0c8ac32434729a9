package cn.liangxin.security;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Optional;

/**
 * Restores the user of a live session from the database at each request, so a disabled account
 * or a change of roles and divisions takes effect at once (and ends the session besides).
 */
@ApplicationScoped
public class SessionIdentityProvider implements IdentityProvider<SessionMechanism.SessionRequest> {

    private final Sessions sessions;

    public SessionIdentityProvider(Sessions sessions) {
        this.sessions = sessions;
    }

    @Override
    public Class<SessionMechanism.SessionRequest> getRequestType() {
        return SessionMechanism.SessionRequest.class;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(SessionMechanism.SessionRequest request, AuthenticationRequestContext context) {
        return context.runBlocking(() -> sessions.user(request.token)
                .flatMap(id -> QuarkusTransaction.requiringNew().call(() -> Optional.ofNullable(AppUser.<AppUser>findById(id))
                        .filter(u -> u.enabled).map(PasswordIdentityProvider::identity)))
                .map(i -> (SecurityIdentity) QuarkusSecurityIdentity.builder(i).addAttribute(SessionMechanism.BY_COOKIE, Boolean.TRUE).build())
                .orElseThrow(AuthenticationFailedException::new));
    }
}
