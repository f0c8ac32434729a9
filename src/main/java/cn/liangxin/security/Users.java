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
    private final Sessions sessions;
    private final jakarta.enterprise.inject.Instance<Scope> scope;

    public Users(Divisions divisions, PasswordIdentityProvider identities, Sessions sessions,
                 jakarta.enterprise.inject.Instance<Scope> scope) {
        this.divisions = divisions;
        this.identities = identities;
        this.sessions = sessions;
        this.scope = scope;
    }

    /** The accounts the calling administrator manages: those bound only to divisions it holds. */
    public List<UserView> list() {
        return AppUser.<AppUser>listAll(io.quarkus.panache.common.Sort.by("username")).stream()
                .filter(this::manages).map(UserView::of).toList();
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
        String access = u.roles + "|" + u.divisions + "|" + u.enabled + "|" + u.username;
        apply(u, in, false);
        if (in.password() != null) {
            // a new password also lifts a hold after failed logins
            u.failedLogins = 0;
            u.lockedUntil = null;
        }
        if (in.password() != null || !access.equals(u.roles + "|" + u.divisions + "|" + u.enabled + "|" + u.username)) {
            // a new password, a disable, another role or other divisions: every session of the account ends now
            sessions.endAll(u.id);
        }
        identities.forget(before);
        return UserView.of(u);
    }

    /**
     * Creates or resets an account without the API's checks (start-up: the first administrator,
     * the demo accounts).
     */
    @Transactional
    public void ensure(String username, String password, Set<Role> roles, Set<String> divisions) {
        AppUser u = AppUser.byName(username);
        if (u == null) {
            u = new AppUser();
            u.username = username;
        }
        u.passwordHash = BcryptUtil.bcryptHash(password);
        u.roleSet(roles);
        u.divisionSet(divisions);
        u.enabled = true;
        u.failedLogins = 0;
        u.lockedUntil = null;
        u.persist();
        if (u.id != null) {
            sessions.endAll(u.id);
        }
        identities.forget(username);
    }

    /** Whether an account exists by this name. */
    public boolean exists(String username) {
        return AppUser.byName(username) != null;
    }

    /**
     * Gives accounts that reach across counties but name no division (written before accounts
     * were bound to divisions) the deployment's counties: what they reached until then.
     */
    @Transactional
    public int bindUnboundAccounts(List<String> deployment) {
        int n = 0;
        for (AppUser u : AppUser.<AppUser>list("divisions = ''")) {
            if (u.roleSet().stream().anyMatch(r -> r != Role.TOWNSHIP_STAFF)) {
                u.divisionSet(new java.util.LinkedHashSet<>(deployment));
                n++;
            }
        }
        return n;
    }

    public boolean anyAdmin() {
        return AppUser.count("roles like ?1", "%" + Role.ADMIN.name() + "%") > 0;
    }

    private AppUser find(long id) {
        AppUser u = AppUser.findById(id);
        if (u == null || !manages(u)) {
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
        Set<String> codes = in.allDivisions();
        boolean typed = in.divisions() != null && !in.divisions().isEmpty();
        String field = typed ? "divisions"
                : (in.townships() != null && !in.townships().isEmpty()) || roles.contains(Role.TOWNSHIP_STAFF) ? "townships" : "divisions";
        if (roles.isEmpty()) {
            errors.add(new FieldError("roles", Msg.t("user.rolesRequired")));
        }
        if (codes.isEmpty() && !roles.isEmpty()) {
            errors.add(new FieldError(field, Msg.t(roles.contains(Role.TOWNSHIP_STAFF) ? "user.townshipsRequired"
                    : "user.divisionsRequired")));
        }
        Scope mine = scope.get();
        for (String code : codes) {
            String kind = kind(code);
            if (kind == null) {
                errors.add(new FieldError(field, Msg.t("user.division.unknown", code)));
            } else if (!mine.holds(code)) {
                errors.add(new FieldError(field, Msg.t("user.division.notYours", code)));
            } else if (roles.stream().noneMatch(r -> allows(r, code))) {
                errors.add(new FieldError(field, Msg.t("user.division.role", code, Msg.t("user.division." + kind))));
            }
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
        u.divisionSet(codes);
        u.enabled = in.enabled() == null || in.enabled();
    }

    /** Whether the calling administrator holds every division of this account. */
    private boolean manages(AppUser u) {
        Scope mine = scope.get();
        Set<String> codes = u.divisionSet();
        if (codes.isEmpty()) {
            return divisions.countyCodes().stream().allMatch(mine::seesWhole);
        }
        return codes.stream().allMatch(mine::holds);
    }

    /** What a code names in this deployment (township, county, prefecture, province), or null. */
    private String kind(String code) {
        return switch (code.length()) {
            case 9 -> divisions.township(code).isPresent() ? "township" : null;
            case 6 -> divisions.county(code).isPresent() ? "county" : null;
            case 4 -> divisions.countyCodes().stream().anyMatch(c -> c.startsWith(code)) ? "prefecture" : null;
            case 2 -> divisions.countyCodes().stream().anyMatch(c -> c.startsWith(code)) ? "province" : null;
            default -> null;
        };
    }

    /** Whether a role is bound at this level: clerks to townships, the 党工委 to counties, REGION above. */
    private static boolean allows(Role role, String code) {
        return switch (role) {
            case TOWNSHIP_STAFF -> code.length() == 9;
            case COUNTY -> code.length() == 6;
            case REGION -> code.length() == 4 || code.length() == 2;
            case ADMIN -> true;
        };
    }
}
