package cn.liangxin.database;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EmbeddedDatabaseTest {

    @TempDir
    Path dir;

    private static Connection connect(EmbeddedDatabase db) throws SQLException {
        Map<String, String> c = db.datasourceConfig();
        return DriverManager.getConnection(c.get("quarkus.datasource.jdbc.url"), c.get("quarkus.datasource.username"),
                c.get("quarkus.datasource.password"));
    }

    private static String one(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet r = s.executeQuery(sql)) {
            r.next();
            return r.getString(1);
        }
    }

    @Test
    void persistentServerIsDurableAndKeepsRowsAcrossRestarts() throws Exception {
        Path data = dir.resolve("pg");
        try (EmbeddedDatabase db = EmbeddedDatabase.startPersistent(data); Connection c = connect(db)) {
            assertEquals("on", one(c, "show fsync"));
            assertEquals("on", one(c, "show synchronous_commit"));
            try (Statement s = c.createStatement()) {
                s.execute("create table kept (v text)");
                s.execute("insert into kept values ('罗雄街道')");
            }
        }
        try (EmbeddedDatabase db = EmbeddedDatabase.startPersistent(data); Connection c = connect(db)) {
            assertEquals("罗雄街道", one(c, "select v from kept"));
        }
    }

    @Test
    void onlyThePasswordKeptInTheDataDirectoryOpensTheServer() throws Exception {
        Path data = dir.resolve("pg");
        String url;
        try (EmbeddedDatabase db = EmbeddedDatabase.startPersistent(data); Connection c = connect(db)) {
            url = db.datasourceConfig().get("quarkus.datasource.jdbc.url");
            assertEquals("scram-sha-256", one(c, "select auth_method from pg_hba_file_rules where type = 'host' limit 1"));
            // another local account without the password is refused, also with a wrong one
            assertRefused(url, null);
            assertRefused(url, "postgres");
            Path file = data.resolve(EmbeddedDatabase.PASSWORD_FILE);
            assertEquals(java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"),
                    Files.getPosixFilePermissions(file));
            assertEquals(db.datasourceConfig().get("quarkus.datasource.password"), Files.readString(file).strip());
        }
        // after a restart the same password still opens it, and nothing else does
        try (EmbeddedDatabase db = EmbeddedDatabase.startPersistent(data); Connection c = connect(db)) {
            assertEquals("1", one(c, "select 1"));
            assertRefused(db.datasourceConfig().get("quarkus.datasource.jdbc.url"), null);
        }
    }

    private static void assertRefused(String url, String password) {
        java.util.Properties p = new java.util.Properties();
        p.setProperty("user", "postgres");
        if (password != null) {
            p.setProperty("password", password);
        }
        org.junit.jupiter.api.Assertions.assertThrows(SQLException.class, () -> DriverManager.getConnection(url, p).close(),
                "connected without the password");
    }

    @Test
    void aServerLeftRunningByAKilledServiceIsStoppedBeforeANewStart() throws Exception {
        Path data = dir.resolve("pg");
        // another JVM starts the server and is then killed with SIGKILL, leaving PostgreSQL running
        Process service = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), Orphan.class.getName(), data.toString())
                .redirectErrorStream(true).start();
        String line;
        try (var out = new java.io.BufferedReader(new java.io.InputStreamReader(service.getInputStream()))) {
            while ((line = out.readLine()) != null && !line.equals("READY")) {
                // the server's own log lines
            }
        }
        assertEquals("READY", line, "the other JVM started its server");
        service.destroyForcibly().waitFor();
        long pid = Long.parseLong(Files.readAllLines(data.resolve("postmaster.pid")).get(0).trim());
        assertTrue(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false), "orphaned server still runs");

        try (EmbeddedDatabase again = EmbeddedDatabase.startPersistent(data); Connection c = connect(again)) {
            assertFalse(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false), "old server stopped");
            assertEquals("42", one(c, "select v from kept"));
        }
    }

    /** Starts a persistent server with one row, says READY, and waits to be killed. */
    public static final class Orphan {
        public static void main(String[] args) throws Exception {
            EmbeddedDatabase db = EmbeddedDatabase.startPersistent(Path.of(args[0]));
            try (Connection c = connect(db); Statement s = c.createStatement()) {
                s.execute("create table kept (v int)");
                s.execute("insert into kept values (42)");
            }
            System.out.println("READY");
            System.out.flush();
            Thread.sleep(120_000);
        }
    }
}
