package cn.liangxin.database;

import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.annotations.QuarkusMain;
import org.jboss.logging.Logger;

import java.nio.file.Path;

/**
 * Starts the service. Without {@code DB_URL} it first starts the embedded PostgreSQL, keeping its
 * data in {@code LIANGXIN_DATA_DIR} (default {@code ./data/pg}), and points the datasource at it.
 */
@QuarkusMain
public class Main {

    private static final Logger LOG = Logger.getLogger(Main.class);

    public static void main(String... args) throws Exception {
        String external = System.getenv("DB_URL");
        if (external != null && !external.isBlank()) {
            Quarkus.run(args);
            return;
        }
        Path dataDir = Path.of(System.getProperty("liangxin.data-dir",
                System.getenv().getOrDefault("LIANGXIN_DATA_DIR", "data/pg"))).toAbsolutePath();
        // the server's own start-up chatter is not the operator's business; its warnings are
        java.util.logging.Logger.getLogger("io.zonky").setLevel(java.util.logging.Level.WARNING);
        LOG.infof("No DB_URL set: starting the embedded PostgreSQL with its data in %s", dataDir);
        try (EmbeddedDatabase db = EmbeddedDatabase.startPersistent(dataDir)) {
            db.datasourceConfig().forEach(System::setProperty);
            Quarkus.run(args);
        }
    }
}
