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
            st.execute("truncate goal, instructor");
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
        given().contentType("application/json").body("{}").post("/api/demo").then().statusCode(201).body("organizations", equalTo(1000));
        given().contentType("application/json").body("{}").post("/api/demo").then().statusCode(409);

        JsonPath coverage = given().get("/api/reports/coverage").jsonPath();
        // 1000 registered, 30 closed; seed 001: 668 members, 42 party organizations
        assertEquals(970, coverage.getInt("total.organizations"));
        assertEquals(42, coverage.getInt("total.partyOrganizations"));
        assertEquals(10, coverage.getInt("total.shouldForm"));
        assertEquals(99, coverage.getInt("total.fewMembers"));
        assertEquals(801, coverage.getInt("total.noMembers"));
        assertEquals(96, coverage.getInt("total.noMembersWithInstructor"));
        int formal = coverage.getInt("total.formalMembers");
        assertTrue(formal > 600 && formal <= 668, "formal members of active organizations: " + formal);
        assertEquals(13, coverage.getList("townships").size());
        coverage.getList("townships.organizations", Integer.class)
                .forEach(n -> assertTrue(n > 0, "every township has organizations"));

        given().get("/api/organizations?gap=UPGRADE").then().body("total", equalTo(1));
        // the year pages have something to show: goals, 五个一, the instructors the organizations name
        assertEquals(4, given().get("/api/goals/progress").jsonPath().getList("goals").size());
        int complete = coverage.getInt("total.fiveOneComplete");
        assertTrue(complete > 0 && complete < 42, "some party organizations meet 五个一: " + complete);
        assertEquals(complete / 42f, coverage.getFloat("total.fiveOneRate"), 0.0001f);
        JsonPath instructors = given().get("/api/instructors").jsonPath();
        assertTrue(instructors.getList("$").size() > 5, "instructors named by the demo's organizations are registered");
        assertTrue(instructors.getList("organizations", Integer.class).stream().allMatch(n -> n > 0));
        JsonPath forecast = given().get("/api/plans/forecast").jsonPath();
        assertTrue(forecast.getList("organizations").size() > 0, "some organizations reach a threshold within a year");
        assertTrue(forecast.getList("organizations.becomesShouldForm", Boolean.class).contains(true), forecast.prettify());
        given().accept("text/html").get("/townships/" + Registry.LUOXIONG).then().statusCode(200);
        given().accept("text/html").get("/").then().statusCode(200);
    }
}
