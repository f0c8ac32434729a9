package cn.liangxin.security;

import java.time.Instant;
import java.util.List;
import java.util.Set;

/** An account as the API shows it; the password hash never leaves the service. */
public record UserView(long id, String username, Set<Role> roles, List<String> townships, boolean enabled,
                       boolean locked, int version, Instant createdAt, Instant updatedAt) {

    static UserView of(AppUser u) {
        return new UserView(u.id, u.username, u.roleSet(), u.townshipSet().stream().sorted().toList(), u.enabled,
                u.lockedUntil != null && u.lockedUntil.isAfter(Instant.now()), u.version, u.createdAt, u.updatedAt);
    }
}
