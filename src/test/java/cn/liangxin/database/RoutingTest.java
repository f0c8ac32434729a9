package cn.liangxin.database;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static cn.liangxin.testsupport.Registry.createOrg;
import static cn.liangxin.testsupport.Registry.createParty;
import static cn.liangxin.testsupport.Registry.org;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * On a Citus cluster, what a township clerk and a county 党工委 do every day is answered by the one
 * shard of their county: with Citus told to refuse every statement that needs more than one shard
 * ({@code citus.multi_task_query_log_level = error} for the service's connections), the clerk opens
 * her organizations, their history, her party organization, her township page and landing page, her
 * registry list, the offline copy and the template, corrects an organization and forms a joint
 * party organization; the 党工委 opens
 * her landing page, the county report (now and as of today), the ledger (page, API, print), the
 * year over year, goals, the year's report, registers, instructors and a 摸底 campaign's board; all
 * without an error.
 * A statement that forgets her county (a read by id alone, an update without the county, a
 * subquery that names no county) fails here with the route that ran it.
 */
@QuarkusTest
class RoutingTest {

    private static final String TOWNSHIP = "530324001";
    private static final String CLERK = "routing-clerk";
    private static final String PASSWORD = "routing-clerk-password-1";
    private static final String OFFICER = "routing-county";
    private static final String COUNTY = "530324";

    @Inject
    AgroalDataSource dataSource;

    @Test
    void aClerksDayIsAnsweredByTheShardOfHerCounty() throws Exception {
        try (Connection c = dataSource.getConnection()) {
            assumeTrue(Distribution.citus(c), "runs on a Citus cluster (DB_URL at its coordinator)");
        }
        refuseMultiShardStatements(false);
        int status = given().contentType(ContentType.JSON)
                .body(Map.of("username", CLERK, "password", PASSWORD, "roles", List.of("TOWNSHIP_STAFF"), "divisions", List.of(TOWNSHIP)))
                .post("/api/users").statusCode();
        assertTrue(status == 201 || status == 409, "the clerk's account: " + status);
        status = given().contentType(ContentType.JSON)
                .body(Map.of("username", OFFICER, "password", PASSWORD, "roles", List.of("COUNTY"), "divisions", List.of(COUNTY)))
                .post("/api/users").statusCode();
        assertTrue(status == 201 || status == 409, "the county's account: " + status);
        long covered = createOrg("分片路由测试有限公司", TOWNSHIP, 40, 5);
        long party = createParty("分片路由测试有限公司党支部", TOWNSHIP, "BRANCH", "INDEPENDENT", List.of(covered));
        long blank = createOrg("分片路由测试空白点公司", TOWNSHIP, 12, 3);
        long campaign = officer().contentType(ContentType.JSON).body(Map.of("name", "分片路由测试摸底",
                        "deadline", java.time.LocalDate.now(cn.liangxin.time.Days.ZONE).plusDays(10).toString(),
                        "townships", List.of(TOWNSHIP)))
                .post("/api/surveys/campaigns").then().statusCode(201).extract().jsonPath().getLong("id");

        List<String> refused = new ArrayList<>();
        refuseMultiShardStatements(true);
        try {
            check(refused, "GET /api/organizations/{id}", clerk().accept(ContentType.JSON).get("/api/organizations/{id}", covered),
                    "分片路由测试有限公司");
            check(refused, "GET /organizations/{id}", clerk().accept(ContentType.HTML).get("/organizations/{id}", blank),
                    "分片路由测试空白点公司");
            check(refused, "GET /api/organizations/{id}/history", clerk().accept(ContentType.JSON)
                    .get("/api/organizations/{id}/history", covered), "分片路由测试有限公司");
            check(refused, "GET /api/party-organizations/{id}", clerk().accept(ContentType.JSON)
                    .get("/api/party-organizations/{id}", party), "分片路由测试有限公司党支部");
            check(refused, "GET /api/organizations?township=", clerk().accept(ContentType.JSON)
                    .queryParam("township", TOWNSHIP).queryParam("q", "分片路由").get("/api/organizations"), "分片路由测试空白点公司");
            check(refused, "GET /townships/{code}", clerk().accept(ContentType.HTML).get("/townships/{code}", TOWNSHIP),
                    "分片路由测试空白点公司");
            check(refused, "GET /", clerk().accept(ContentType.HTML).get("/"), "罗雄街道");
            check(refused, "GET /api/surveys/offline-data", clerk().accept(ContentType.JSON).get("/api/surveys/offline-data"),
                    "分片路由测试空白点公司");
            check(refused, "GET /api/surveys/template.csv", clerk().queryParam("township", TOWNSHIP)
                    .get("/api/surveys/template.csv"), "分片路由测试空白点公司");
            Response read = clerk().accept(ContentType.JSON).get("/api/organizations/{id}", blank);
            if (read.statusCode() == 200) {
                Map<String, Object> body = org("分片路由测试空白点公司", TOWNSHIP, 13, 3,
                        "version", read.jsonPath().getInt("version"), "kind", "ENTERPRISE");
                Response put = clerk().contentType(ContentType.JSON).accept(ContentType.JSON).body(body)
                        .put("/api/organizations/{id}", blank);
                check(refused, "PUT /api/organizations/{id}", put, "\"headcount\":13");
            }
            // the county 党工委's day: her landing page, the report, the ledger, goals, the year's report, registers
            int year = java.time.LocalDate.now(cn.liangxin.time.Days.ZONE).getYear();
            check(refused, "GET / (county)", officer().accept(ContentType.HTML).get("/"), "罗雄街道");
            check(refused, "GET /api/reports/coverage", officer().accept(ContentType.JSON).get("/api/reports/coverage"), "530324001");
            check(refused, "GET /api/reports/coverage?asOf=", officer().accept(ContentType.JSON)
                    .queryParam("asOf", java.time.LocalDate.now(cn.liangxin.time.Days.ZONE).toString()).get("/api/reports/coverage"),
                    "530324001");
            check(refused, "GET /api/reports/blank-spots", officer().accept(ContentType.JSON).get("/api/reports/blank-spots"),
                    "分片路由测试空白点公司");
            check(refused, "GET /blank-spots", officer().accept(ContentType.HTML).get("/blank-spots"), "分片路由测试空白点公司");
            check(refused, "GET /print/blank-spots", officer().accept(ContentType.HTML).get("/print/blank-spots"), "分片路由测试空白点公司");
            check(refused, "GET /api/reports/year-over-year", officer().accept(ContentType.JSON).queryParam("year", year - 1)
                    .get("/api/reports/year-over-year"), "530324001");
            check(refused, "GET /goals", officer().accept(ContentType.HTML).get("/goals"), "罗平");
            check(refused, "GET /annual", officer().accept(ContentType.HTML).get("/annual"), "年度变化与年报");
            check(refused, "GET /registers", officer().accept(ContentType.HTML).get("/registers"), "一个不能少");
            check(refused, "GET /instructors", officer().accept(ContentType.HTML).get("/instructors"), "党建工作指导员");
            check(refused, "GET /surveys/campaigns", officer().accept(ContentType.HTML).get("/surveys/campaigns"), "分片路由测试摸底");
            check(refused, "GET /surveys/campaigns/{id}", officer().accept(ContentType.HTML).get("/surveys/campaigns/{id}", campaign),
                    "change-form");
            check(refused, "GET /api/surveys/campaigns/{id}/progress", clerk().accept(ContentType.JSON)
                    .get("/api/surveys/campaigns/{id}/progress", campaign), "surveyedOrganizations");
            // last: the blank spot covered by a joint party organization the clerk forms
            Response joint = clerk().contentType(ContentType.JSON).accept(ContentType.JSON)
                    .body(cn.liangxin.testsupport.Registry.party("分片路由测试联合党支部", TOWNSHIP, "BRANCH", "JOINT", List.of(blank)))
                    .post("/api/party-organizations");
            if (joint.statusCode() != 201 || !joint.asString().contains("分片路由测试联合党支部")) {
                refused.add("POST /api/party-organizations answered " + joint.statusCode() + ": " + joint.asString().lines().limit(2).toList());
            }
        } finally {
            refuseMultiShardStatements(false);
        }
        assertEquals(List.of(), refused, "requests of a clerk or a county that needed more than one shard");
        // the guard was on: a read by id alone is refused
        refuseMultiShardStatements(true);
        try (Connection c = direct(); Statement s = c.createStatement()) {
            s.executeQuery("select name from organization where id = " + covered).close();
            refused.add("a read by id alone was not refused: the guard is off");
        } catch (java.sql.SQLException expected) {
            assertTrue(expected.getMessage().contains("multi-task") || expected.getMessage().contains("multi-shard")
                    || expected.getMessage().contains("task"), expected.getMessage());
        } finally {
            refuseMultiShardStatements(false);
        }
        assertEquals(List.of(), refused);
    }

    private static RequestSpecification officer() {
        return given().auth().preemptive().basic(OFFICER, PASSWORD);
    }

    private static RequestSpecification clerk() {
        return given().auth().preemptive().basic(CLERK, PASSWORD);
    }

    private static void check(List<String> refused, String route, Response r, String expected) {
        String body = r.asString();
        if (r.statusCode() != 200 || !body.contains(expected)) {
            refused.add(route + " answered " + r.statusCode() + (r.statusCode() == 200 ? " without " + expected : "") + ": "
                    + body.lines().filter(l -> l.contains("<title>") || l.contains("message") || l.contains("Exception"))
                    .limit(3).toList());
        }
    }

    /**
     * Citus' refusal of multi-shard statements on or off for the service's role (on a connection of
     * its own, not one the pool is about to renew); the pool's connections renewed.
     */
    private void refuseMultiShardStatements(boolean on) throws Exception {
        try (Connection c = direct(); Statement s = c.createStatement()) {
            s.execute(on ? "alter role current_user set citus.multi_task_query_log_level = 'error'"
                    : "alter role current_user reset citus.multi_task_query_log_level");
        }
        dataSource.flush(AgroalDataSource.FlushMode.ALL);
    }

    /** A connection to the service's database as the service's role, outside its pool. */
    private static Connection direct() throws java.sql.SQLException {
        var config = org.eclipse.microprofile.config.ConfigProvider.getConfig();
        return java.sql.DriverManager.getConnection(config.getValue("quarkus.datasource.jdbc.url", String.class),
                config.getValue("quarkus.datasource.username", String.class),
                config.getOptionalValue("quarkus.datasource.password", String.class).orElse(""));
    }
}
