package cn.liangxin.database;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Map;

/**
 * Restores a backup the service took ({@code liangxin-….tar.gz}, see {@code cn.liangxin.ops.Backups})
 * into an empty data directory: unpacks it, starts the embedded PostgreSQL on it once, which replays
 * the WAL in the backup up to its end, and stops it cleanly. The service then starts on that
 * directory as on any other. Run as {@code ./run restore FILE} (or
 * {@code java -jar quarkus-run.jar restore FILE [DATA_DIR]}).
 */
public final class Restore {

    private Restore() {
    }

    /** Thrown for a target that is not empty or a file that is not a backup: nothing was changed. */
    public static final class Refused extends Exception {
        Refused(String message) {
            super(message);
        }
    }

    /** Restores {@code archive} into {@code target} (absent or empty); answers the tables found in it. */
    public static int restore(Path archive, Path target) throws IOException, Refused {
        if (!Files.isReadable(archive)) {
            throw new Refused("cannot read " + archive);
        }
        if (Files.exists(target)) {
            try (var entries = Files.list(target)) {
                if (entries.findAny().isPresent()) {
                    throw new Refused(target + " is not empty: restore into a new or empty directory"
                            + " (move the old data directory aside first)");
                }
            }
        }
        Files.createDirectories(target);
        Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("rwx------"));
        Path root = target.toAbsolutePath().normalize();
        try (InputStream file = new BufferedInputStream(Files.newInputStream(archive), 1 << 16);
             GzipCompressorInputStream gzip = new GzipCompressorInputStream(file);
             TarArchiveInputStream tar = new TarArchiveInputStream(gzip)) {
            TarArchiveEntry e;
            while ((e = tar.getNextEntry()) != null) {
                Path to = root.resolve(e.getName()).normalize();
                if (!to.startsWith(root) || to.equals(root)) {
                    continue;
                }
                if (e.isDirectory()) {
                    Files.createDirectories(to);
                    Files.setPosixFilePermissions(to, PosixFilePermissions.fromString("rwx------"));
                } else if (e.isFile()) {
                    Files.createDirectories(to.getParent());
                    Files.copy(tar, to, StandardCopyOption.REPLACE_EXISTING);
                    Files.setPosixFilePermissions(to, PosixFilePermissions.fromString("rw-------"));
                }
            }
        } catch (IOException e) {
            throw new Refused(archive + " is not a readable backup archive: " + e.getMessage());
        }
        for (String needed : new String[]{"PG_VERSION", "backup_label", "global/pg_control", EmbeddedDatabase.PASSWORD_FILE}) {
            if (!Files.exists(root.resolve(needed))) {
                throw new Refused(archive + " is not a backup of liangxin's embedded database (no " + needed + ")");
            }
        }
        // the server's first start replays the WAL of the backup; then it stops cleanly
        try (EmbeddedDatabase db = EmbeddedDatabase.startPersistent(root)) {
            Map<String, String> c = db.datasourceConfig();
            try (Connection conn = DriverManager.getConnection(c.get("quarkus.datasource.jdbc.url"),
                    c.get("quarkus.datasource.username"), c.get("quarkus.datasource.password"));
                 Statement s = conn.createStatement();
                 ResultSet r = s.executeQuery("select count(*) from pg_tables where schemaname = 'public'")) {
                r.next();
                return r.getInt(1);
            } catch (java.sql.SQLException ex) {
                throw new IOException("the restored server does not answer: " + ex.getMessage(), ex);
            }
        }
    }
}
