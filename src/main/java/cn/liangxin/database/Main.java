package cn.liangxin.database;

import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.annotations.QuarkusMain;
import org.jboss.logging.Logger;

import java.nio.file.Path;

/**
 * Starts the service. Without {@code DB_URL} it first starts the embedded PostgreSQL, keeping its
 * data in {@code LIANGXIN_DATA_DIR} (default {@code ./data/pg}), and points the datasource at it.
 * {@code restore FILE [DATA_DIR]} restores a backup into an empty data directory instead (see
 * {@link Restore}).
 */
@QuarkusMain
public class Main {

    private static final Logger LOG = Logger.getLogger(Main.class);

    public static void main(String... args) throws Exception {
        if (args.length > 0 && args[0].equals("restore")) {
            System.exit(restore(args));
        }
        String external = System.getenv("DB_URL");
        if (external != null && !external.isBlank()) {
            Quarkus.run(args);
            return;
        }
        Path dataDir = dataDirectory();
        // the server's own start-up chatter is not the operator's business; its warnings are
        java.util.logging.Logger.getLogger("io.zonky").setLevel(java.util.logging.Level.WARNING);
        LOG.infof("No DB_URL set: starting the embedded PostgreSQL with its data in %s", dataDir);
        try (EmbeddedDatabase db = EmbeddedDatabase.startPersistent(dataDir)) {
            db.datasourceConfig().forEach(System::setProperty);
            Quarkus.run(args);
        }
    }

    private static Path dataDirectory() {
        return Path.of(System.getProperty("liangxin.data-dir",
                System.getenv().getOrDefault("LIANGXIN_DATA_DIR", "data/pg"))).toAbsolutePath();
    }

    /** {@code restore FILE [DATA_DIR]}: the exit status (0 restored, 1 failed, 2 refused or misused). */
    private static int restore(String... args) {
        if (args.length < 2 || args.length > 3) {
            System.err.println("usage: restore FILE [DATA_DIR]   (DATA_DIR defaults to LIANGXIN_DATA_DIR, else data/pg)");
            return 2;
        }
        Path file = Path.of(args[1]).toAbsolutePath();
        Path target = args.length == 3 ? Path.of(args[2]).toAbsolutePath() : dataDirectory();
        java.util.logging.Logger.getLogger("io.zonky").setLevel(java.util.logging.Level.WARNING);
        System.out.println("Restoring " + file + " into " + target + " ...");
        try {
            int tables = Restore.restore(file, target);
            System.out.println("Restored: " + tables + " tables in " + target
                    + ". Start the service with LIANGXIN_DATA_DIR=" + target + " (./run does when it is data/pg).");
            return 0;
        } catch (Restore.Refused e) {
            System.err.println("Not restored: " + e.getMessage());
            return 2;
        } catch (Exception e) {
            System.err.println("Restore failed: " + e.getMessage() + " (" + target + " holds what was unpacked)");
            return 1;
        }
    }
}
