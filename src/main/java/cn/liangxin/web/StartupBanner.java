package cn.liangxin.web;

import io.quarkus.runtime.LaunchMode;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/** Tells whoever started the service where to open it. */
public class StartupBanner {

    private static final Logger LOG = Logger.getLogger(StartupBanner.class);

    void announce(@Observes StartupEvent event, @ConfigProperty(name = "quarkus.http.port") int port,
                  @ConfigProperty(name = "quarkus.http.host") String host) {
        if (LaunchMode.current() != LaunchMode.TEST) {
            boolean local = host.equals("127.0.0.1") || host.equals("localhost") || host.equals("::1");
            String shown = local ? "localhost" : host.equals("0.0.0.0") || host.equals("::") ? "<this server's address>" : host;
            LOG.infof("liangxin is ready: open http://%s:%d/ (API: http://%s:%d/q/swagger-ui)%s", shown, port, shown, port,
                    local ? " — reachable from this machine only (set LIANGXIN_HOST=0.0.0.0 to serve the network)"
                            : " — listening on " + host);
        }
    }
}
