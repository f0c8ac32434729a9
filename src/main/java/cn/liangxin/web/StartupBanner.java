package cn.liangxin.web;

import io.quarkus.runtime.LaunchMode;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/** Tells whoever started the service where to open it. */
public class StartupBanner {

    private static final Logger LOG = Logger.getLogger(StartupBanner.class);

    void announce(@Observes StartupEvent event, @ConfigProperty(name = "quarkus.http.port") int port) {
        if (LaunchMode.current() != LaunchMode.TEST) {
            LOG.infof("liangxin is ready: open http://localhost:%d/ (API: http://localhost:%d/q/swagger-ui)", port, port);
        }
    }
}
