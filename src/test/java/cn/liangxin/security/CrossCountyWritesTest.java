package cn.liangxin.security;

import cn.liangxin.survey.SurveyImportTest;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Two counties commit survey imports at the same moment while their region reads the roll-up by
 * county: every commit and every read succeeds, and afterwards each county counts exactly its own new
 * organizations (on a cluster the two counties' writes go to their own shards, the region's read to
 * all of them).
 */
@QuarkusTest
@TestProfile(RoleWalkTest.TwoCounties.class)
class CrossCountyWritesTest {

    private static final String PASSWORD = "cross-county-password-1";
    private static final int ROWS = 60;

    @Test
    void importsInTwoCountiesCommitAtOnceWhileTheRegionReadsTheirRollUp() throws Exception {
        user("cross-clerk-lp", "TOWNSHIP_STAFF", "530324001");
        user("cross-county-ll", "COUNTY", "530322");
        user("cross-region", "REGION", "5303");
        Map<String, Long> before = rollUp();

        long luoping = upload("cross-clerk-lp", "罗雄街道", "跨县罗平");
        long luliang = upload("cross-county-ll", "中枢街道", "跨县陆良");
        ExecutorService pool = Executors.newFixedThreadPool(3);
        AtomicBoolean committing = new AtomicBoolean(true);
        try {
            Future<List<Integer>> reads = pool.submit(() -> {
                List<Integer> statuses = new ArrayList<>();
                while (committing.get() || statuses.size() < 3) {
                    statuses.add(given().auth().preemptive().basic("cross-region", PASSWORD).queryParam("by", "county")
                            .get("/api/reports/coverage").statusCode());
                }
                return statuses;
            });
            Future<Integer> a = pool.submit(() -> commit("cross-clerk-lp", luoping));
            Future<Integer> b = pool.submit(() -> commit("cross-county-ll", luliang));
            assertEquals(200, a.get(120, TimeUnit.SECONDS), "罗平's commit");
            assertEquals(200, b.get(120, TimeUnit.SECONDS), "陆良's commit");
            committing.set(false);
            List<Integer> statuses = reads.get(60, TimeUnit.SECONDS);
            assertTrue(statuses.stream().allMatch(s -> s == 200), "the region's reads during the commits: " + statuses);
        } finally {
            committing.set(false);
            pool.shutdownNow();
        }

        Map<String, Long> after = rollUp();
        assertEquals(before.get("530324") + ROWS, after.get("530324"), "罗平 counts its own new organizations");
        assertEquals(before.get("530322") + ROWS, after.get("530322"), "陆良 counts its own new organizations");
    }

    private static void user(String name, String role, String division) {
        int status = given().contentType(ContentType.JSON)
                .body(Map.of("username", name, "password", PASSWORD, "roles", List.of(role), "divisions", List.of(division)))
                .post("/api/users").statusCode();
        assertTrue(status == 201 || status == 409, name + ": " + status);
    }

    /** Organizations per county in the region's roll-up. */
    private static Map<String, Long> rollUp() {
        JsonPath table = given().auth().preemptive().basic("cross-region", PASSWORD).queryParam("by", "county")
                .get("/api/reports/coverage").then().statusCode(200).extract().jsonPath();
        List<String> codes = table.getList("counties.code");
        List<Integer> organizations = table.getList("counties.organizations", Integer.class);
        Map<String, Long> out = new java.util.HashMap<>();
        for (int i = 0; i < codes.size(); i++) {
            out.put(codes.get(i), organizations.get(i).longValue());
        }
        return out;
    }

    /** A survey of ROWS new organizations in one township, uploaded: the preview's id. */
    private static long upload(String account, String township, String prefix) {
        String[] rows = new String[ROWS];
        long tag = System.nanoTime() % 1_000_000;
        for (int i = 0; i < ROWS; i++) {
            rows[i] = prefix + tag + "号店" + i + ",,个体工商户," + township + ",,,,F,否,正常,3,0,,,,否,,无,未建立,,,,,,,";
        }
        JsonPath p = given().auth().preemptive().basic(account, PASSWORD)
                .multiPart("file", "cross.csv", SurveyImportTest.csv(StandardCharsets.UTF_8, true, rows), "text/csv")
                .post("/api/surveys/imports").then().statusCode(201).extract().jsonPath();
        assertEquals(ROWS, p.getInt("summary.new"), p.prettify());
        return p.getLong("id");
    }

    private static int commit(String account, long id) {
        return given().auth().preemptive().basic(account, PASSWORD).post("/api/surveys/imports/{id}/commit", id).statusCode();
    }
}
