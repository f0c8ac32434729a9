package cn.liangxin.demo;

import cn.liangxin.testsupport.Registry;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

@QuarkusTest
class DemoDataTest {

    @Inject
    AgroalDataSource dataSource;

    @Test
    void demoLoadsOnlyIntoAnEmptyRegistryAndIsShapedLikeSeed001() {
        Registry.clear(dataSource);
        Registry.createOrg("真实数据有限公司", Registry.LUOXIONG, 10, 0);
        given().contentType("application/json").body("{}").post("/api/demo").then().statusCode(409).body("code", equalTo("NOT_EMPTY"));
        given().get("/api/organizations").then().body("total", equalTo(1));

        Registry.clear(dataSource);
        try (var c = dataSource.getConnection(); var st = c.createStatement()) {
            st.execute("truncate goal, instructor, organization_history, party_organization_history,"
                    + " party_organization_coverage_history, party_standard_history");
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
        int registered = given().contentType("application/json").body("{}").post("/api/demo").then().statusCode(201)
                .extract().jsonPath().getInt("organizations");
        assertEquals(1301, registered, "seed 001's 1,001 and 300 registered since");
        given().contentType("application/json").body("{}").post("/api/demo").then().statusCode(409);

        // as of 31 December 2009 the county is seed 001's table
        JsonPath y2009 = given().queryParam("asOf", "2009-12-31").get("/api/reports/coverage").then().statusCode(200)
                .extract().jsonPath();
        assertEquals(1001, y2009.getInt("total.organizations"));
        assertEquals(908, y2009.getInt("total.economic"));
        assertEquals(93, y2009.getInt("total.social"));
        assertEquals(31_300 + 1_064, y2009.getInt("total.headcount"));
        assertEquals(510 + 158, y2009.getInt("total.formalMembers"));
        assertEquals(42, y2009.getInt("total.partyOrganizations"));
        try (var c = dataSource.getConnection(); var st = c.createStatement();
             var r = st.executeQuery("select o.sector, count(*), sum(o.headcount), sum(o.formal_members)"
                     + " from organization_as_of(timestamptz '2009-12-31 23:59:59+08') o where o.status <> 'CLOSED'"
                     + " group by o.sector order by o.sector")) {
            r.next();
            assertEquals(List.of("ECONOMIC", 908L, 31_300L, 510L), List.of(r.getString(1), r.getLong(2), r.getLong(3), r.getLong(4)));
            r.next();
            assertEquals(List.of("SOCIAL", 93L, 1_064L, 158L), List.of(r.getString(1), r.getLong(2), r.getLong(3), r.getLong(4)));
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
        // from there coverage grows year by year, and every ended year is frozen
        double before = -1;
        int today = java.time.LocalDate.now(cn.liangxin.time.Days.ZONE).getYear();
        for (int year = 2009; year < today; year++) {
            double rate = given().queryParam("asOf", year + "-12-31").get("/api/reports/coverage").then().statusCode(200)
                    .extract().jsonPath().getDouble("total.coverageRate");
            assertTrue(rate >= before, year + ": coverage " + rate + " after " + before);
            before = rate;
            given().get("/api/freezes/{year}", year).then().statusCode(200).body("year", equalTo(year));
        }
        given().get("/api/freezes/{year}", today).then().statusCode(404);
        // with every ended year frozen, /annual offers no year to freeze but says why
        org.jsoup.nodes.Document annual = org.jsoup.Jsoup.parse(given().accept("text/html").get("/annual").asString());
        assertTrue(annual.select("#freeze-form").isEmpty());
        assertTrue(annual.selectFirst("#all-frozen") != null, annual.select("main").text());
        try (var c = dataSource.getConnection(); var st = c.createStatement()) {
            st.execute("delete from annual_freeze where year = 2015");
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
        annual = org.jsoup.Jsoup.parse(given().accept("text/html").get("/annual").asString());
        assertEquals("2015", annual.selectFirst("#freeze-form input[name=year]").attr("value"), "the year not frozen yet");
        // the history says when: the first organization's timeline starts in 2009, by the demo
        long first = given().get("/api/organizations?size=1").jsonPath().getLong("items[0].id");
        JsonPath timeline = given().get("/api/organizations/{id}/history", first).then().statusCode(200).extract().jsonPath();
        assertTrue(timeline.getString("[-1].at").startsWith("20"), timeline.prettify());

        JsonPath coverage = given().get("/api/reports/coverage").jsonPath();
        assertTrue(coverage.getDouble("total.coverageRate") > y2009.getDouble("total.coverageRate") * 1.5,
                "coverage has grown since 2009: " + coverage.getDouble("total.coverageRate"));
        assertTrue(coverage.getInt("total.partyOrganizations") > 42);
        assertTrue(coverage.getInt("total.nominalCoverage") > 0, "some joint branches stand on fewer than 3 members");
        assertEquals(13, coverage.getList("townships").size());
        coverage.getList("townships.organizations", Integer.class)
                .forEach(n -> assertTrue(n > 0, "every township has organizations"));

        given().get("/api/organizations?gap=UPGRADE").then().body("total", equalTo(1));
        // the year pages have something to show: this year's goals, 五个一, the instructors the organizations name
        assertEquals(4, given().get("/api/goals/progress").jsonPath().getList("goals").size());
        int complete = coverage.getInt("total.fiveOneComplete");
        int parties = coverage.getInt("total.partyOrganizations");
        assertTrue(complete > 0 && complete < parties, "some party organizations meet 五个一: " + complete);
        JsonPath instructors = given().get("/api/instructors").jsonPath();
        assertTrue(instructors.getList("$").size() > 5, "instructors named by the demo's organizations are registered");
        assertTrue(instructors.getList("organizations", Integer.class).stream().allMatch(n -> n > 0));
        JsonPath forecast = given().get("/api/plans/forecast").jsonPath();
        assertTrue(forecast.getList("organizations").size() > 0, "some organizations reach a threshold within a year");
        assertTrue(forecast.getList("organizations.becomesShouldForm", Boolean.class).contains(true), forecast.prettify());
        // 一个不能少: this month's market register, read against the registry, has lines in every category,
        // and the follow-up campaign lists the first townships' unsurveyed lines in their templates
        java.util.Map<String, Integer> summary = given().get("/api/registers").jsonPath()
                .getMap("find { it.fileName == '市场监管名录.csv' }.summary");
        for (String category : List.of("matched", "closeCandidates", "unsurveyed", "unassigned", "inactive", "outOfScope",
                "mismatches")) {
            assertTrue(summary.get(category) > 0, category + " in " + summary);
        }
        assertTrue(summary.get("matched") > summary.get("rows") * 0.85, "most of the register is in the registry: " + summary);
        assertTrue(given().get("/api/surveys/campaigns").jsonPath().getList("name", String.class).contains(today + "年名录比对补充摸底"));
        assertTrue(given().queryParam("township", Registry.LUOXIONG).get("/api/surveys/template.csv").asString()
                .contains("名录所列待摸底"), "罗雄街道's template lists the register's unsurveyed lines");
        given().accept("text/html").get("/townships/" + Registry.LUOXIONG).then().statusCode(200);
        given().accept("text/html").get("/").then().statusCode(200);
    }
}
