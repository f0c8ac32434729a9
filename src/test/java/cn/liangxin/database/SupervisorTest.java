package cn.liangxin.database;

import cn.liangxin.testsupport.Registry;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;

import static cn.liangxin.testsupport.Registry.LUOXIONG;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The embedded PostgreSQL killed with SIGKILL while requests run: the service starts it again on
 * its data, readiness goes DOWN and UP again within 30 s, requests in the gap are answered 503 with
 * the error body (never a 500), and every committed change is still there. A profile of its own, so
 * the server killed here is this application's alone.
 */
@QuarkusTest
@cn.liangxin.testsupport.NeedsEmbeddedDatabase
@TestProfile(SupervisorTest.Supervised.class)
class SupervisorTest {

    public static class Supervised implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            // the throw-away test server commits asynchronously (synchronous_commit=off): a commit
            // answered just before the kill could be lost, which the service's own server never does
            return Map.of("liangxin.embedded.check", "1s",
                    "quarkus.datasource.jdbc.additional-jdbc-properties.options",
                    "-c plan_cache_mode=force_custom_plan -c synchronous_commit=on");
        }
    }

    @Inject
    AgroalDataSource dataSource;

    @Inject
    Supervisor supervisor;

    @ConfigProperty(name = EmbeddedDatabase.DATA_DIR_KEY)
    String dataDirectory;

    record Answer(int status, String body) {
    }

    @Test
    void aKilledServerIsStartedAgainAndRequestsInTheGapGet503() throws Exception {
        Registry.clear(dataSource);
        long kept = Registry.createOrg("重启前公司", LUOXIONG, 20, 3);
        Path data = Path.of(dataDirectory);
        long pid = Long.parseLong(Files.readAllLines(data.resolve("postmaster.pid")).get(0).trim());
        assertEquals(pid, supervisor.pid(), "the supervisor watches the server the datasource uses");

        // requests keep coming: reads, writes that may be cut off mid-way, and a person's pages
        cn.liangxin.testsupport.Login.Browser browser = cn.liangxin.testsupport.Login.as("admin", "admin-test-password");
        AtomicBoolean stop = new AtomicBoolean();
        ConcurrentLinkedQueue<Answer> answers = new ConcurrentLinkedQueue<>();
        ConcurrentLinkedQueue<Answer> pages = new ConcurrentLinkedQueue<>();
        Thread load = new Thread(() -> {
            int i = 0;
            while (!stop.get()) {
                int kind = i++ % 3;
                if (kind == 2) {
                    Response r = browser.request().accept("text/html").get("/");
                    pages.add(new Answer(r.statusCode(), r.asString()));
                    continue;
                }
                Response r = kind == 0 ? given().get("/api/organizations?size=1")
                        : given().contentType("application/json").body(Registry.org("重启中公司" + i, LUOXIONG, 5, 0))
                        .post("/api/organizations");
                answers.add(new Answer(r.statusCode(), r.asString()));
            }
        });
        load.start();
        Thread.sleep(500);

        long killed = System.nanoTime();
        assertTrue(ProcessHandle.of(pid).orElseThrow().destroyForcibly(), "SIGKILL sent");
        boolean sawDown = false;
        long upAfter = -1;
        while (System.nanoTime() - killed < 30_000_000_000L) {
            Response health = given().auth().none().get("/q/health/ready");
            if (health.statusCode() == 503) {
                sawDown = true;
            } else if (sawDown && health.statusCode() == 200) {
                upAfter = (System.nanoTime() - killed) / 1_000_000;
                break;
            }
            Thread.sleep(100);
        }
        Thread.sleep(1000);
        stop.set(true);
        load.join(30_000);
        assertTrue(sawDown, "readiness was DOWN while the server was dead");
        assertTrue(upAfter > 0, "readiness UP again within 30 s");
        System.out.printf("embedded PostgreSQL killed: readiness UP again after %d ms; %d requests meanwhile%n",
                upAfter, answers.size());

        assertNotEquals(pid, supervisor.pid(), "a new server");
        assertTrue(ProcessHandle.of(supervisor.pid()).map(ProcessHandle::isAlive).orElse(false));
        assertTrue(supervisor.restarts() >= 1);

        List<Answer> refused = answers.stream().filter(a -> a.status() == 503).toList();
        List<Answer> other = answers.stream().filter(a -> a.status() != 503 && a.status() != 200 && a.status() != 201).toList();
        assertTrue(other.isEmpty(), "only 200/201 or 503: " + other);
        assertFalse(refused.isEmpty(), "a request in the gap was answered 503");
        for (Answer a : refused) {
            assertTrue(a.body().contains("\"code\":\"DATABASE_UNAVAILABLE\""), a.body());
            assertTrue(a.body().contains("数据库暂时无法访问"), a.body());
        }

        List<Answer> refusedPages = pages.stream().filter(a -> a.status() == 503).toList();
        assertTrue(pages.stream().allMatch(a -> a.status() == 200 || a.status() == 503), "pages: only 200 or 503");
        assertFalse(refusedPages.isEmpty(), "a page asked for in the gap was answered 503");
        for (Answer a : refusedPages) {
            assertTrue(a.body().contains("id=\"error-title\"") && a.body().contains("数据库暂时无法访问"),
                    "the styled error page: " + a.body());
        }

        // what was committed before is there; every write answered 201 is there too
        given().get("/api/organizations/{id}", kept).then().statusCode(200);
        long created = answers.stream().filter(a -> a.status() == 201).count();
        String dump = Registry.dump(dataSource);
        assertEquals(created, dump.lines().filter(l -> l.contains("重启中公司")).count(),
                "each write answered 201 is kept, none answered 503 is");
        given().get("/api/organizations?size=1").then().statusCode(200);
    }
}
