package cn.liangxin.security;

import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * An account as the API shows it; the password hash never leaves the service. {@code townships}
 * repeats the 9-digit ones among {@code divisions}.
 */
public record UserView(long id, String username, Set<Role> roles, List<String> divisions, List<String> townships,
                       boolean enabled, boolean locked, int version, Instant createdAt, Instant updatedAt) {

    static UserView of(AppUser u) {
        List<String> divisions = u.divisionSet().stream().sorted().toList();
        return new UserView(u.id, u.username, u.roleSet(), divisions, divisions.stream().filter(d -> d.length() == 9).toList(),
                u.enabled, u.lockedUntil != null && u.lockedUntil.isAfter(Instant.now()), u.version, u.createdAt, u.updatedAt);
    }
}
