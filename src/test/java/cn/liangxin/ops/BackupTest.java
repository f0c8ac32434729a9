package cn.liangxin.ops;

import cn.liangxin.database.EmbeddedDatabase;
import cn.liangxin.database.Restore;
import cn.liangxin.division.Divisions;
import cn.liangxin.testsupport.Login;
import cn.liangxin.testsupport.QujingScope;
import cn.liangxin.testsupport.Registry;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static cn.liangxin.testsupport.Registry.BANQIAO;
import static cn.liangxin.testsupport.Registry.LUOXIONG;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The service backs up its embedded database by itself: on demand (POST /api/backups), once a day
 * at the configured time (the clock moved, not waited for), keeping the newest 14; a backup
 * restored into an empty directory starts as a server holding every row of every table. A backup
 * holds every county of the deployment (here the nine of 曲靖市), so only an administrator holding
 * them all lists or takes one.
 */
@QuarkusTest
@cn.liangxin.testsupport.NeedsEmbeddedDatabase
@TestProfile(QujingScope.class)
class BackupTest {

    static final String PASSWORD = "backup-test-pw1";

    @Inject
    Backups backups;

    @Inject
    AgroalDataSource dataSource;

    @Inject
    Divisions divisions;

    @TestHTTPResource(value = "metrics", management = true)
    URL metrics;

    @TempDir
    Path temp;

    @BeforeEach
    void empty() throws Exception {
        Path dir = backups.directory();
        if (Files.isDirectory(dir)) {
            try (var files = Files.list(dir)) {
                for (Path f : files.toList()) {
                    Files.delete(f);
                }
            }
        }
        backups.clock(java.time.Clock.systemUTC());
    }

    @org.junit.jupiter.api.AfterEach
    void realClock() {
        backups.clock(java.time.Clock.systemUTC());
    }

    @Test
    void anAdministratorBacksUpOnDemandAndSeesTheList() throws Exception {
        assertTrue(backups.embedded(), "the tests run on an embedded server");
        // no backup yet: the administrator is warned on the overview, the gauge has no age
        String page = given().accept("text/html").get("/").then().statusCode(200).extract().asString();
        assertTrue(page.contains("id=\"backup-warning\""), "no warning without a backup");
        assertTrue(Double.isNaN(backups.ageSeconds()));

        Response created = given().post("/api/backups");
        assertEquals(201, created.statusCode(), created.asString());
        String file = created.jsonPath().getString("file");
        assertTrue(file.matches("liangxin-\\d{8}-\\d{6}\\.tar\\.gz"), file);
        long bytes = created.jsonPath().getLong("bytes");
        assertTrue(bytes > 100_000, "a whole database compressed: " + bytes);
        assertTrue(Files.isRegularFile(backups.directory().resolve(file)));
        assertEquals(bytes, backups.directory().resolve(file).toFile().length());
        assertEquals(java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"),
                Files.getPosixFilePermissions(backups.directory().resolve(file)), "for the owner only");
        assertNotNull(created.jsonPath().getString("createdAt"));

        given().get("/api/backups").then().statusCode(200).body("size()", equalTo(1)).body("[0].file", equalTo(file))
                .body("[0].bytes", equalTo((int) bytes));
        page = given().accept("text/html").get("/").then().statusCode(200).extract().asString();
        assertFalse(page.contains("id=\"backup-warning\""), "a fresh backup: no warning");
        double age = backups.ageSeconds();
        assertTrue(age >= 0 && age < 120, "age " + age);
        String scraped = given().auth().none().get(metrics).then().statusCode(200).extract().asString();
        assertTrue(scraped.lines().anyMatch(l -> l.startsWith("liangxin_backup_age_seconds ")), "gauge exported");

        // three days later the same backup is too old: the overview says so
        backups.clock(java.time.Clock.offset(java.time.Clock.systemUTC(), java.time.Duration.ofDays(3)));
        page = given().accept("text/html").get("/").then().statusCode(200).extract().asString();
        assertTrue(page.contains("id=\"backup-warning\""), "a three-day-old backup warns");
        assertTrue(page.contains("已超过两天"), "says how old");
    }

    @Test
    void theDailyBackupIsTakenOnceAtItsTimeAndTheNewest14AreKept() throws Exception {
        // 02:00 Asia/Shanghai by default; the clock is moved instead of waited for
        Instant evening = ZonedDateTime.parse("2031-03-01T23:00:00+08:00").toInstant();
        Optional<Backups.Backup> first = backups.runIfDue(evening);
        assertTrue(first.isPresent(), "no backup at all: one is due at once");
        assertEquals("liangxin-20310301-230000.tar.gz", first.get().file());
        assertTrue(backups.runIfDue(evening.plusSeconds(60)).isEmpty(), "just taken");
        Instant beforeTwo = ZonedDateTime.parse("2031-03-02T01:59:00+08:00").toInstant();
        assertTrue(backups.runIfDue(beforeTwo).isEmpty(), "not yet 02:00");
        Instant afterTwo = ZonedDateTime.parse("2031-03-02T02:00:30+08:00").toInstant();
        assertEquals("liangxin-20310302-020030.tar.gz", backups.runIfDue(afterTwo).orElseThrow().file());
        assertTrue(backups.runIfDue(afterTwo.plusSeconds(3600)).isEmpty(), "one a day");
        // a day the service was down at 02:00 is caught up at the next check
        Instant twoDaysLater = ZonedDateTime.parse("2031-03-04T09:15:00+08:00").toInstant();
        assertTrue(backups.runIfDue(twoDaysLater).isPresent());

        // rotation: 15 older backups lie there; the next backup leaves the newest 14 in all
        Path dir = backups.directory();
        List<String> old = new ArrayList<>();
        for (int day = 1; day <= 15; day++) {
            String name = String.format("liangxin-202001%02d-020000.tar.gz", day);
            Files.write(dir.resolve(name), new byte[]{1});
            old.add(name);
        }
        Path unrelated = Files.write(dir.resolve("notes.txt"), new byte[]{1});
        backups.take(ZonedDateTime.parse("2031-03-05T02:00:00+08:00").toInstant());
        List<String> kept = backups.list().stream().map(Backups.Backup::file).toList();
        assertEquals(14, kept.size(), kept.toString());
        assertEquals("liangxin-20310305-020000.tar.gz", kept.get(0));
        assertTrue(kept.contains("liangxin-20310301-230000.tar.gz"));
        // the four newest taken plus the ten newest of the old: the five oldest went
        for (String gone : old.subList(0, 5)) {
            assertFalse(Files.exists(dir.resolve(gone)), gone + " should have been removed");
        }
        assertTrue(Files.exists(dir.resolve(old.get(5))));
        assertTrue(Files.exists(unrelated), "only backups are rotated");
    }

    @Test
    void aBackupRestoredIntoAnEmptyDirectoryHoldsEveryRowOfEveryTable() throws Exception {
        Registry.clear(dataSource);
        long a = Registry.createOrg("备份甲公司", LUOXIONG, 60, 5);
        Registry.createOrg("备份乙商店", BANQIAO, 3, 0);
        Registry.createParty("备份甲公司党支部", LUOXIONG, "BRANCH", "INDEPENDENT", List.of(a));
        String coverage = given().get("/api/reports/coverage").then().statusCode(200).extract().asString();

        Response created = given().post("/api/backups");
        assertEquals(201, created.statusCode(), created.asString());
        Map<String, String> before;
        try (Connection c = dataSource.getConnection()) {
            before = everyTable(c);
        }
        // a change after the backup is not in it
        Registry.createOrg("备份之后公司", LUOXIONG, 10, 0);
        assertTrue(before.get("organization").contains("备份甲公司"));

        Path file = backups.directory().resolve(created.jsonPath().getString("file"));
        Path target = temp.resolve("restored");
        long started = System.nanoTime();
        int tables = Restore.restore(file, target);
        long restoreMs = (System.nanoTime() - started) / 1_000_000;
        assertTrue(tables > 10, "tables: " + tables);
        System.out.printf("backup %s: %d bytes; restored in %d ms%n", file.getFileName(), Files.size(file), restoreMs);

        // a directory that is not empty is refused, untouched
        assertThrows(Restore.Refused.class, () -> Restore.restore(file, target));

        try (EmbeddedDatabase restored = EmbeddedDatabase.startPersistent(target);
             Connection c = connect(restored)) {
            Map<String, String> after = everyTable(c);
            assertEquals(before.keySet(), after.keySet());
            for (String table : before.keySet()) {
                assertEquals(before.get(table), after.get(table), "table " + table + " differs after the restore");
            }
            assertFalse(after.get("organization").contains("备份之后公司"));
        }
        // the live service is untouched by all this
        assertTrue(given().get("/api/reports/coverage").then().statusCode(200).extract().asString().length() > 0);
        assertFalse(coverage.isEmpty());
    }

    @Test
    void onlyAnAdministratorBacksUp() {
        given().auth().none().post("/api/backups").then().statusCode(401);
        given().auth().none().get("/api/backups").then().statusCode(401);
    }

    @Test
    void onlyAnAdministratorHoldingEveryCountyOfTheDeploymentListsAndTakesBackups() throws Exception {
        List<String> counties = divisions.countyCodes();
        assertEquals(9, counties.size(), "the nine counties of 曲靖市: " + counties);
        user("backup-admin-luoping", "ADMIN", List.of("530324"));
        user("backup-admin-eight", "ADMIN", counties.subList(0, 8));
        user("backup-admin-nine", "ADMIN", counties);
        user("backup-admin-qujing", "ADMIN", List.of("5303"));
        user("backup-county", "COUNTY", List.of("530324"));
        user("backup-region", "REGION", List.of("5303"));
        user("backup-clerk", "TOWNSHIP_STAFF", List.of(LUOXIONG));
        // fourteen daily backups lie there: one more taken would rotate the oldest away
        Path dir = backups.directory();
        Files.createDirectories(dir);
        for (int day = 1; day <= 14; day++) {
            Files.write(dir.resolve(String.format("liangxin-202001%02d-020000.tar.gz", day)), new byte[]{1});
        }
        Map<String, String> before = onDisk(dir);

        // an administrator of one county (or of eight of the nine) is refused, as the others are
        for (String refused : List.of("backup-admin-luoping", "backup-admin-eight")) {
            for (int i = 0; i < 2; i++) {
                given().auth().preemptive().basic(refused, PASSWORD).post("/api/backups").then().statusCode(403)
                        .body("code", equalTo("FORBIDDEN")).body("message", org.hamcrest.Matchers.containsString("全部"));
            }
            given().auth().preemptive().basic(refused, PASSWORD).get("/api/backups").then().statusCode(403)
                    .body("message", org.hamcrest.Matchers.containsString("备份"));
            given().auth().preemptive().basic(refused, PASSWORD).delete("/api/backups").then()
                    .statusCode(org.hamcrest.Matchers.greaterThanOrEqualTo(400));
            // signed in on a page: the same refusal, and the overview does not speak of backups to her
            Login.Browser browser = Login.as(refused, PASSWORD);
            browser.write().post("/api/backups").then().statusCode(403);
            String page = browser.request().accept("text/html").get("/").then().statusCode(200).extract().asString();
            assertFalse(page.contains("backup-warning"), "no backup warning for " + refused);
        }
        for (String refused : List.of("backup-county", "backup-region", "backup-clerk")) {
            given().auth().preemptive().basic(refused, PASSWORD).post("/api/backups").then().statusCode(403)
                    .body("message", org.hamcrest.Matchers.not(org.hamcrest.Matchers.emptyString()));
            given().auth().preemptive().basic(refused, PASSWORD).get("/api/backups").then().statusCode(403);
        }
        assertEquals(before, onDisk(dir), "a refused backup leaves the backups as they were");

        // an administrator holding every county, by name or by the prefecture, lists and takes them
        for (String holder : List.of("backup-admin-nine", "backup-admin-qujing")) {
            given().auth().preemptive().basic(holder, PASSWORD).get("/api/backups").then().statusCode(200)
                    .body("size()", equalTo(14));
        }
        String page = Login.as("backup-admin-nine", PASSWORD).request().accept("text/html").get("/").then().statusCode(200)
                .extract().asString();
        assertTrue(page.contains("id=\"backup-warning\""), "the old backups are pointed out to the deployment's administrator");
        Response taken = given().auth().preemptive().basic("backup-admin-qujing", PASSWORD).post("/api/backups");
        assertEquals(201, taken.statusCode(), taken.asString());
        List<String> kept = backups.list().stream().map(Backups.Backup::file).toList();
        assertEquals(14, kept.size());
        assertEquals(taken.jsonPath().getString("file"), kept.get(0));
        assertFalse(kept.contains("liangxin-20200101-020000.tar.gz"), "the oldest went");
    }

    private static void user(String name, String role, List<String> divisions) {
        given().contentType(ContentType.JSON).body(Map.of("username", name, "password", PASSWORD, "roles", List.of(role),
                "divisions", divisions)).post("/api/users").then().statusCode(org.hamcrest.Matchers.oneOf(201, 409));
    }

    /** The files of a directory with their sizes and times. */
    private static Map<String, String> onDisk(Path dir) throws java.io.IOException {
        Map<String, String> out = new java.util.TreeMap<>();
        try (var files = Files.list(dir)) {
            for (Path f : files.toList()) {
                out.put(f.getFileName().toString(), Files.size(f) + " " + Files.getLastModifiedTime(f).toMillis());
            }
        }
        return out;
    }

    private static Connection connect(EmbeddedDatabase db) throws SQLException {
        Map<String, String> c = db.datasourceConfig();
        return DriverManager.getConnection(c.get("quarkus.datasource.jdbc.url"), c.get("quarkus.datasource.username"),
                c.get("quarkus.datasource.password"));
    }

    /** Every row of every table of the schema, as sorted text per table. */
    static Map<String, String> everyTable(Connection c) throws SQLException {
        List<String> tables = new ArrayList<>();
        try (Statement s = c.createStatement();
             ResultSet r = s.executeQuery("select tablename from pg_tables where schemaname = 'public' order by 1")) {
            while (r.next()) {
                tables.add(r.getString(1));
            }
        }
        Map<String, String> out = new LinkedHashMap<>();
        for (String t : tables) {
            StringBuilder rows = new StringBuilder();
            try (Statement s = c.createStatement();
                 ResultSet r = s.executeQuery("select x::text from public.\"" + t + "\" x order by 1")) {
                while (r.next()) {
                    rows.append(r.getString(1)).append('\n');
                }
            }
            out.put(t, rows.toString());
        }
        return out;
    }
}
