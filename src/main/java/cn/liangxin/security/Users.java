package cn.liangxin.security;

import cn.liangxin.division.Divisions;
import cn.liangxin.web.ApiException;
import cn.liangxin.web.FieldError;
import cn.liangxin.web.Msg;
import io.quarkus.elytron.security.common.BcryptUtil;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Accounts: create, change, disable; passwords stored as bcrypt hashes only. */
@ApplicationScoped
public class Users {

    private final Divisions divisions;
    private final PasswordIdentityProvider identities;

    public Users(Divisions divisions, PasswordIdentityProvider identities) {
        this.divisions = divisions;
        this.identities = identities;
    }

    public List<UserView> list() {
        return AppUser.<AppUser>listAll(io.quarkus.panache.common.Sort.by("username")).stream().map(UserView::of).toList();
    }

    public UserView get(long id) {
        return UserView.of(find(id));
    }

    @Transactional
    public UserView create(UserInput in) {
        if (AppUser.byName(in.username().strip()) != null) {
            throw ApiException.conflict("DUPLICATE_USERNAME", Msg.t("user.duplicate", in.username().strip()));
        }
        AppUser u = new AppUser();
        apply(u, in, true);
        u.persist();
        return UserView.of(u);
    }

    @Transactional
    public UserView update(long id, UserInput in) {
        AppUser u = find(id);
        if (!u.username.equals(in.username().strip()) && AppUser.byName(in.username().strip()) != null) {
            throw ApiException.conflict("DUPLICATE_USERNAME", Msg.t("user.duplicate", in.username().strip()));
        }
        String before = u.username;
        apply(u, in, false);
        if (in.password() != null) {
            // a new password also lifts a hold after failed logins
            u.failedLogins = 0;
            u.lockedUntil = null;
        }
        identities.forget(before);
        return UserView.of(u);
    }

    /**
     * Creates or resets an account without the API's checks (start-up: the first administrator,
     * the demo accounts).
     */
    @Transactional
    public void ensure(String username, String password, Set<Role> roles, Set<String> townships) {
        AppUser u = AppUser.byName(username);
        if (u == null) {
            u = new AppUser();
            u.username = username;
        }
        u.passwordHash = BcryptUtil.bcryptHash(password);
        u.roleSet(roles);
        u.townshipSet(townships);
        u.enabled = true;
        u.failedLogins = 0;
        u.lockedUntil = null;
        u.persist();
        identities.forget(username);
    }

    public boolean anyAdmin() {
        return AppUser.count("roles like ?1", "%" + Role.ADMIN.name() + "%") > 0;
    }

    private AppUser find(long id) {
        AppUser u = AppUser.findById(id);
        if (u == null) {
            throw ApiException.notFound(Msg.t("user.what", id));
        }
        return u;
    }

    private void apply(AppUser u, UserInput in, boolean creating) {
        List<FieldError> errors = new ArrayList<>();
        if (creating && in.password() == null) {
            errors.add(new FieldError("password", Msg.t("user.passwordRequired")));
        }
        Set<Role> roles = in.roles() == null ? Set.of() : in.roles();
        Set<String> townships = in.townships() == null ? Set.of() : in.townships();
        if (roles.isEmpty()) {
            errors.add(new FieldError("roles", Msg.t("user.rolesRequired")));
        }
        for (String t : townships) {
            if (divisions.township(t).isEmpty()) {
                errors.add(new FieldError("townships", Msg.t("org.township.outOfScope", t)));
            }
        }
        if (roles.contains(Role.TOWNSHIP_STAFF) && townships.isEmpty()) {
            errors.add(new FieldError("townships", Msg.t("user.townshipsRequired")));
        }
        if (in.password() != null && in.password().getBytes(java.nio.charset.StandardCharsets.UTF_8).length > 72) {
            // bcrypt reads 72 bytes; a longer password would silently lose its end
            errors.add(new FieldError("password", Msg.t("user.passwordTooLong")));
        }
        if (!errors.isEmpty()) {
            throw ApiException.invalid(errors);
        }
        u.username = in.username().strip();
        if (in.password() != null) {
            u.passwordHash = BcryptUtil.bcryptHash(in.password());
        }
        u.roleSet(roles);
        u.townshipSet(townships);
        u.enabled = in.enabled() == null || in.enabled();
    }
}
