package cn.liangxin.security;

import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/**
 * There is no default password: the first administrator comes from {@code LIANGXIN_ADMIN_USER} and
 * {@code LIANGXIN_ADMIN_PASSWORD}, created at start when no administrator exists yet.
 */
public class FirstAdmin {

    private static final Logger LOG = Logger.getLogger(FirstAdmin.class);

    void create(@Observes @Priority(10) StartupEvent event, Users users,
                @ConfigProperty(name = "liangxin.admin.user") Optional<String> user,
                @ConfigProperty(name = "liangxin.admin.password") Optional<String> password) {
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
        users.ensure(user.get().strip(), password.get(), EnumSet.of(Role.ADMIN), Set.of());
        LOG.infof("Created the first administrator '%s'", user.get().strip());
    }
}
