package cn.liangxin.demo;

import cn.liangxin.testsupport.Registry;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.sql.SQLException;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A deployment of two counties (罗平县, 陆良县): the demo loads for both, each in its own townships,
 * and a demo that cannot be loaded is a JSON refusal naming the county, with every county as it was.
 */
@QuarkusTest
@TestProfile(DemoCountiesTest.TwoCounties.class)
class DemoCountiesTest {

    public static class TwoCounties implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("liangxin.scope.counties", "530324,530322");
        }
    }

    private static final List<String> LULIANG_TOWNSHIPS = List.of("中枢街道", "同乐街道", "板桥镇", "三岔河镇", "马街镇", "召夸镇",
            "大莫古镇", "芳华镇", "小百户镇", "活水乡", "龙海乡");

    @Inject
    AgroalDataSource dataSource;

    private void sql(String... statements) {
        try (var c = dataSource.getConnection(); var s = c.createStatement()) {
            for (String statement : statements) {
                s.execute(statement);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void theDemoLoadsForEveryCountyOfTheDeploymentInItsOwnTownships() {
        Registry.clear(dataSource);
        sql("truncate goal, instructor, annual_freeze, survey_campaign cascade");
        long start = System.nanoTime();
        // two counties' years, frozen and read against their registers, take longer than one request usually may
        Response answer = given().config(io.restassured.RestAssured.config().httpClient(io.restassured.config.HttpClientConfig
                        .httpClientConfig().setParam("http.socket.timeout", 600_000)))
                .contentType("application/json").body("{}").post("/api/demo");
        assertEquals(201, answer.statusCode(), answer.asString());
        assertEquals(2 * 1301, answer.jsonPath().getInt("organizations"), "1,301 organizations in each county");
        System.out.printf("the demo of two counties loaded in %d ms%n", (System.nanoTime() - start) / 1_000_000);

        for (String county : List.of("530324", "530322")) {
            JsonPath coverage = given().queryParam("county", county).get("/api/reports/coverage").then().statusCode(200)
                    .extract().jsonPath();
            List<String> codes = coverage.getList("townships.code", String.class);
            assertEquals(county.equals("530324") ? 13 : 11, codes.size(), county + ": " + codes);
            codes.forEach(code -> assertTrue(code.startsWith(county), county + " has " + code));
            coverage.getList("townships.organizations", Integer.class)
                    .forEach(n -> assertTrue(n > 0, county + ": every township has organizations: " + n));
            assertTrue(coverage.getInt("total.organizations") > 1250, county + ": " + coverage.getInt("total.organizations"));
            assertTrue(coverage.getInt("total.partyOrganizations") > 42, county + ": party organizations formed since 2009");
            if (county.equals("530322")) {
                assertEquals(LULIANG_TOWNSHIPS, coverage.getList("townships.name", String.class));
            }
            // as of 31 December 2009 each county is seed 001's table
            JsonPath y2009 = given().queryParam("county", county).queryParam("asOf", "2009-12-31").get("/api/reports/coverage")
                    .then().statusCode(200).extract().jsonPath();
            assertEquals(List.of(1001, 908, 93, 31_300 + 1_064, 510 + 158, 42), List.of(y2009.getInt("total.organizations"),
                    y2009.getInt("total.economic"), y2009.getInt("total.social"), y2009.getInt("total.headcount"),
                    y2009.getInt("total.formalMembers"), y2009.getInt("total.partyOrganizations")), county);
            // the ended years are frozen, this year's goals set, the register read, for each county
            given().queryParam("countyCode", county).get("/api/freezes/{year}", 2015).then().statusCode(200);
            assertEquals(4, given().queryParam("countyCode", county).get("/api/goals/progress").jsonPath().getList("goals").size(),
                    county);
        }
        // 中枢街道, 陆良县's seat: its organizations carry 陆良县's names, none 罗平县's
        JsonPath zhongshu = given().queryParam("township", "530322001").queryParam("size", 500).get("/api/organizations")
                .then().statusCode(200).extract().jsonPath();
        List<String> names = zhongshu.getList("items.name", String.class);
        assertTrue(names.size() > 100, "the county seat holds most: " + names.size());
        names.forEach(name -> assertFalse(name.contains("罗平") || name.contains("罗雄"), name));
        assertTrue(names.stream().filter(n -> n.startsWith("陆良")).count() > names.size() / 3, names.toString());
        zhongshu.getList("items.townshipCode", String.class).forEach(code -> assertEquals("530322001", code));
        assertEquals(2, given().get("/api/registers").jsonPath().getList("findAll { it.fileName == '市场监管名录.csv' }").size(),
                "each county's market register is read");
        given().contentType("application/json").body("{}").post("/api/demo").then().statusCode(409)
                .body("code", org.hamcrest.Matchers.equalTo("NOT_EMPTY"));
    }

    @Test
    void aDemoThatCannotLoadIsAJsonRefusalAndEveryCountyStaysAsItWas() {
        Registry.clear(dataSource);
        Registry.createOrg("真实数据有限公司", Registry.LUOXIONG, 10, 0);
        String before = Registry.dump(dataSource);
        // the database refuses 陆良县's rows, as a full disk or a broken constraint would
        sql("create or replace function refuse_luliang() returns trigger language plpgsql as $$ begin"
                        + " if new.county_code = '530322' then raise exception 'refused for the test'; end if; return new; end $$",
                "create trigger refuse_luliang before insert on organization for each row execute function refuse_luliang()");
        try {
            long start = System.nanoTime();
            Response answer = given().contentType("application/json").body("{}").post("/api/demo");
            long ms = (System.nanoTime() - start) / 1_000_000;
            assertEquals(409, answer.statusCode(), answer.asString());
            assertTrue(answer.contentType().startsWith("application/json"), answer.contentType() + ": " + answer.asString());
            assertEquals("DEMO_NOT_LOADED", answer.jsonPath().getString("code"), answer.asString());
            assertTrue(answer.jsonPath().getString("message").contains("陆良县"), answer.asString());
            System.out.printf("refused in %d ms: %s%n", ms, answer.asString());
        } finally {
            sql("drop trigger refuse_luliang on organization", "drop function refuse_luliang()");
        }
        assertEquals(before, Registry.dump(dataSource), "the registry is as it was");
        given().queryParam("county", "530322").get("/api/reports/coverage").then().statusCode(200)
                .body("total.organizations", org.hamcrest.Matchers.equalTo(0));
    }
}
