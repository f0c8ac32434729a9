package cn.liangxin.plan;

import cn.liangxin.testsupport.Registry;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.jsoup.Jsoup;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

import static cn.liangxin.testsupport.Registry.BANQIAO;
import static cn.liangxin.testsupport.Registry.LUOXIONG;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
class ForecastTest {

    @Inject
    AgroalDataSource dataSource;

    final LocalDate today = LocalDate.now(ZoneId.of("Asia/Shanghai"));

    @BeforeEach
    void clear() {
        Registry.clear(dataSource);
    }

    private void admissions(long org, LocalDate... dates) {
        given().contentType(ContentType.JSON).body(Map.of("admissions", List.of(dates).stream().map(LocalDate::toString).toList()))
                .put("/api/organizations/{id}/probationary-admissions", org).then().statusCode(200)
                .body("admissions", org(dates));
    }

    private static org.hamcrest.Matcher<Object> org(LocalDate... dates) {
        return equalTo(List.of(dates).stream().sorted().map(LocalDate::toString).toList());
    }

    @Test
    void organizationsThatWillHaveToFormWithinTwelveMonths() {
        long soon = Registry.createOrg("将满三名公司", LUOXIONG, 30, 1, "probationaryMembers", 2);
        long covered = Registry.createOrg("将满五十名公司", LUOXIONG, 300, 48, "probationaryMembers", 3);
        Registry.createParty("将满五十名公司党支部", LUOXIONG, "BRANCH", "INDEPENDENT", List.of(covered));
        long late = Registry.createOrg("刚发展公司", LUOXIONG, 30, 2, "probationaryMembers", 1);
        long other = Registry.createOrg("板桥公司", BANQIAO, 30, 2, "probationaryMembers", 1);
        // the second of two admitted becomes formal 11 months from now: across the year boundary when today is late in a year
        admissions(soon, today.minusMonths(3), today.minusMonths(1));
        admissions(covered, today.minusMonths(6), today.minusMonths(2), today.minusDays(10));
        admissions(late, today);
        admissions(other, today.minusMonths(2));

        JsonPath f = given().queryParam("township", LUOXIONG).queryParam("months", 11)
                .get("/api/plans/forecast").then().statusCode(200).extract().jsonPath();
        assertEquals(today.plusMonths(11).toString(), f.getString("until"));
        assertEquals(List.of(covered, soon), f.getList("organizations.id", Long.class),
                "earliest first; 刚发展公司 reaches 3 only in 12 months");
        Map<String, Object> s = f.getMap("organizations.find { it.id == " + soon + " }");
        assertEquals(true, s.get("becomesShouldForm"));
        assertEquals(today.minusMonths(1).plusYears(1).toString(), f.getString("organizations.find { it.id == " + soon + " }.milestones[0].on"));
        assertEquals("BRANCH", f.getString("organizations.find { it.id == " + soon + " }.milestones[0].form"));
        assertEquals(false, f.getBoolean("organizations.find { it.id == " + covered + " }.becomesShouldForm"), "covered already");
        assertEquals("GENERAL_BRANCH", f.getString("organizations.find { it.id == " + covered + " }.milestones[0].form"));
        assertEquals(today.minusMonths(2).plusYears(1).toString(),
                f.getString("organizations.find { it.id == " + covered + " }.milestones[0].on"), "the second admission brings 50");

        JsonPath year = given().queryParam("township", LUOXIONG).get("/api/plans/forecast").jsonPath();
        assertTrue(year.getList("organizations.id", Long.class).contains(late), "12 months: the one admitted today is in");
        JsonPath from = given().queryParam("on", today.plusYears(2).toString()).get("/api/plans/forecast").jsonPath();
        assertEquals(4, from.getList("organizations").size(), "from a later day every milestone has passed: reached on that day");
        assertTrue(from.getList("organizations.milestones[0].on").stream().allMatch(d -> d.equals(today.plusYears(2).toString())));

        String page = given().accept("text/html").get("/plans/forecast?township=" + LUOXIONG).asString();
        assertEquals(1, Jsoup.parse(page).select("#forecast tr.should-form[data-org=" + soon + "]").size());
    }

    @Test
    void admissionDatesAreChecked() {
        long org = Registry.createOrg("核对公司", LUOXIONG, 30, 1, "probationaryMembers", 1);
        String before = Registry.dump(dataSource);
        given().contentType(ContentType.JSON).body(Map.of("admissions", List.of(today.plusDays(1).toString())))
                .put("/api/organizations/{id}/probationary-admissions", org).then().statusCode(400)
                .body("errors[0].field", equalTo("admissions[0]"));
        given().contentType(ContentType.JSON).body(Map.of("admissions", List.of(today.toString(), today.toString())))
                .put("/api/organizations/{id}/probationary-admissions", org).then().statusCode(400)
                .body("errors[0].field", equalTo("admissions"));
        given().contentType(ContentType.JSON).body(Map.of("admissions", List.of("2026-02-30")))
                .put("/api/organizations/{id}/probationary-admissions", org).then().statusCode(400);
        given().contentType(ContentType.JSON).body("{}").put("/api/organizations/{id}/probationary-admissions", org)
                .then().statusCode(400);
        given().queryParam("on", "明天").get("/api/plans/forecast").then().statusCode(400).body("errors[0].field", equalTo("on"));
        given().queryParam("months", 37).get("/api/plans/forecast").then().statusCode(400).body("errors[0].field", equalTo("months"));
        given().get("/api/organizations/{id}/probationary-admissions", org).then().statusCode(200)
                .body("admissions.size()", equalTo(0)).body("probationaryMembers", equalTo(1));
        assertEquals(before, Registry.dump(dataSource));

        given().contentType(ContentType.JSON).body(Map.of("username", "fc-clerk", "password", "fc-clerk-pw",
                "roles", List.of("TOWNSHIP_STAFF"), "townships", List.of(BANQIAO))).post("/api/users").then().statusCode(201);
        given().auth().preemptive().basic("fc-clerk", "fc-clerk-pw").get("/api/organizations/{id}/probationary-admissions", org)
                .then().statusCode(404);
    }
}
