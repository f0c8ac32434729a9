package cn.liangxin.security;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import org.hibernate.annotations.CreationTimestamp;
import org.hibernate.annotations.UpdateTimestamp;

import java.time.Instant;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.stream.Collectors;

/** An account: bcrypt password hash, roles, the division nodes it is bound to. */
@Entity
@Table(name = "app_user")
public class AppUser extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;
    @Column(nullable = false, length = 50)
    public String username;
    @Column(name = "password_hash", nullable = false, length = 100)
    public String passwordHash;
    /** Comma-separated {@link Role} names. */
    @Column(nullable = false, length = 100)
    public String roles;
    /** Comma-separated division codes: townships (9 digits), counties (6), prefectures (4), provinces (2). */
    @Column(nullable = false, length = 4000)
    public String divisions = "";
    @Column(nullable = false)
    public boolean enabled = true;
    @Column(name = "failed_logins", nullable = false)
    public int failedLogins;
    @Column(name = "locked_until")
    public Instant lockedUntil;
    @Version
    @Column(nullable = false)
    public int version;
    @CreationTimestamp
    @Column(name = "created_at", nullable = false, updatable = false)
    public Instant createdAt;
    @UpdateTimestamp
    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    public static AppUser byName(String username) {
        return find("username", username).firstResult();
    }

    public Set<Role> roleSet() {
        if (roles == null || roles.isBlank()) {
            return EnumSet.noneOf(Role.class);
        }
        return Arrays.stream(roles.split(",")).map(Role::valueOf)
                .collect(Collectors.toCollection(() -> EnumSet.noneOf(Role.class)));
    }

    public void roleSet(Set<Role> set) {
        roles = set.isEmpty() ? "" : EnumSet.copyOf(set).stream().map(Enum::name).collect(Collectors.joining(","));
    }

    public Set<String> divisionSet() {
        if (divisions == null || divisions.isBlank()) {
            return Set.of();
        }
        return new LinkedHashSet<>(Arrays.asList(divisions.split(",")));
    }

    public void divisionSet(Set<String> set) {
        divisions = set.stream().sorted().collect(Collectors.joining(","));
    }
}
