package cn.liangxin.security;

import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Runs before the demo loads its accounts (priority 4 &lt; 5), so that a configured first
 * administrator is created even when the demo brings an administrator of its own.
 * There is no default password: the first administrator comes from {@code LIANGXIN_ADMIN_USER} and
 * {@code LIANGXIN_ADMIN_PASSWORD}, created at start when no administrator exists yet.
 */
public class FirstAdmin {

    private static final Logger LOG = Logger.getLogger(FirstAdmin.class);

    void create(@Observes @Priority(4) StartupEvent event, Users users, cn.liangxin.division.ScopeConfig scope,
                @ConfigProperty(name = "liangxin.admin.user") Optional<String> user,
                @ConfigProperty(name = "liangxin.admin.password") Optional<String> password) {
        Set<String> deployment = new java.util.LinkedHashSet<>(scope.counties().stream().map(String::strip)
                .filter(c -> !c.isEmpty()).map(FirstAdmin::shortest).toList());
        int bound = users.bindUnboundAccounts(List.copyOf(deployment));
        if (bound > 0) {
            LOG.infof("Bound %d county-wide account(s) without divisions to the deployment's %s", bound, deployment);
        }
        if (users.anyAdmin()) {
            return;
        }
        if (user.isEmpty() || password.isEmpty() || user.get().isBlank()) {
            LOG.warn("No administrator yet: set LIANGXIN_ADMIN_USER and LIANGXIN_ADMIN_PASSWORD and restart to create one");
            return;
        }
        if (password.get().length() < 8) {
            throw new IllegalStateException("LIANGXIN_ADMIN_PASSWORD must have at least 8 characters");
        }
        users.ensure(user.get().strip(), password.get(), EnumSet.of(Role.ADMIN), deployment);
        LOG.infof("Created the first administrator '%s'", user.get().strip());
    }

    /** A scope entry as an account names it: 530000 → 53, 530300 → 5303 (a county code stays whole). */
    static String shortest(String code) {
        if (code.length() == 6 && code.endsWith("0000")) {
            return code.substring(0, 2);
        }
        if (code.length() == 6 && code.endsWith("00") && !cn.liangxin.division.Divisions.isCounty(code)) {
            return code.substring(0, 4);
        }
        return code;
    }
}
