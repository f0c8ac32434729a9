package cn.liangxin.instructor;

import cn.liangxin.testsupport.Forms;
import cn.liangxin.testsupport.Registry;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static cn.liangxin.testsupport.Registry.BANQIAO;
import static cn.liangxin.testsupport.Registry.LUOXIONG;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

@QuarkusTest
class InstructorsTest {

    @Inject
    AgroalDataSource dataSource;

    /** 55 organizations waiting: the page lists 50 with their checkboxes, the next page the other 5, in the API's order. */
    @Test
    void theWaitingListComesFiftyAPage() {
        Registry.clear(dataSource);
        Registry.sql(dataSource, "truncate instructor");
        for (int i = 0; i < 55; i++) {
            Registry.createOrg(String.format("待指导%02d商店", i), LUOXIONG, 60 - i, 0);
        }
        List<Long> all = given().get("/api/instructors/needed").jsonPath().getList("id", Long.class);
        assertEquals(55, all.size());
        Document first = Jsoup.parse(given().accept("text/html").get("/instructors").asString());
        assertEquals("既无党员又无指导员的组织(55)", first.selectFirst("#needed-title").text().replaceAll("\\s", ""));
        assertEquals(all.subList(0, 50), first.select("#needed input[name=organizationId]").eachAttr("value").stream()
                .map(Long::valueOf).toList());
        assertEquals(null, first.selectFirst("#page-prev"));
        String next = first.selectFirst("#page-next").attr("href");
        assertEquals("/instructors?page=1#needed-title", next);
        Document second = Jsoup.parse(given().accept("text/html").get(next.replace("#needed-title", "")).asString());
        assertEquals(all.subList(50, 55), second.select("#needed input[name=organizationId]").eachAttr("value").stream()
                .map(Long::valueOf).toList());
        assertEquals(null, second.selectFirst("#page-next"));
        assertEquals("第 51–55 个,共 55 个", second.selectFirst("#needed-pages span").text());
        // a township chosen is kept from page to page
        String filtered = Jsoup.parse(given().accept("text/html").queryParam("township", LUOXIONG).get("/instructors").asString())
                .selectFirst("#page-next").attr("href");
        assertEquals("/instructors?township=" + LUOXIONG + "&page=1#needed-title", filtered);
    }

    @Test
    void registerAssignAndWhoStillNeedsAnInstructor() throws Exception {
        Registry.clear(dataSource);
        try (var c = dataSource.getConnection(); var s = c.createStatement()) {
            s.execute("truncate instructor");
        }
        long big = Registry.createOrg("无党员大厂", LUOXIONG, 80, 0);
        long small = Registry.createOrg("无党员小店", LUOXIONG, 5, 0);
        Registry.createOrg("已有指导员", LUOXIONG, 9, 0, "instructor", "李指导");
        long members = Registry.createOrg("有党员公司", LUOXIONG, 9, 1);
        long covered = Registry.createOrg("挂靠无党员", LUOXIONG, 9, 0);
        long party = Registry.createOrg("挂靠对象", LUOXIONG, 9, 3);
        Registry.createParty("联合党支部", LUOXIONG, "BRANCH", "JOINT", List.of(covered, party));
        long other = Registry.createOrg("板桥无党员", BANQIAO, 9, 0);

        long wang = given().contentType(ContentType.JSON).body(Map.of("name", "王指导", "phone", "13800000000",
                "townshipCode", LUOXIONG)).post("/api/instructors").then().statusCode(201).extract().jsonPath().getLong("id");
        given().contentType(ContentType.JSON).body(Map.of("name", " 王指导 ")).post("/api/instructors").then().statusCode(409);
        given().contentType(ContentType.JSON).body(Map.of("phone", "1")).post("/api/instructors").then().statusCode(400);

        assertEquals(List.of(big, small, other), given().get("/api/instructors/needed").jsonPath().getList("id", Long.class),
                "no members, not covered, no instructor; the biggest first");
        given().queryParam("township", LUOXIONG).get("/api/reports/coverage").then().body("total.noMembersWithInstructor", equalTo(1));

        given().contentType(ContentType.JSON).body(Map.of("username", "ins-clerk", "password", "ins-clerk-pw",
                "roles", List.of("TOWNSHIP_STAFF"), "townships", List.of(BANQIAO))).post("/api/users").then().statusCode(201);
        String before = Registry.dump(dataSource);
        given().auth().preemptive().basic("ins-clerk", "ins-clerk-pw").contentType(ContentType.JSON)
                .body(Map.of("organizationIds", List.of(other, big))).post("/api/instructors/{id}/assignments", wang)
                .then().statusCode(404);
        assertEquals(before, Registry.dump(dataSource), "one organization of another township: nothing assigned");
        given().auth().preemptive().basic("ins-clerk", "ins-clerk-pw").contentType(ContentType.JSON)
                .body(Map.of("name", "越权指导员")).post("/api/instructors").then().statusCode(403);

        given().contentType(ContentType.JSON).body(Map.of("organizationIds", List.of(big, members)))
                .post("/api/instructors/{id}/assignments", wang).then().statusCode(200).body("organizations", equalTo(2));
        given().get("/api/organizations/{id}", big).then().body("instructor", equalTo("王指导")).body("version", equalTo(1));
        given().get("/api/organizations/{id}/history", big).then().body("[0].via", equalTo("API"))
                .body("[0].changes[0].field", equalTo("instructor"));
        assertEquals(List.of(small, other), given().get("/api/instructors/needed").jsonPath().getList("id", Long.class));
        given().queryParam("township", LUOXIONG).get("/api/reports/coverage").then().body("total.noMembersWithInstructor", equalTo(2));

        Document page = Jsoup.parse(given().accept("text/html").get("/instructors").asString());
        assertEquals(2, page.select("#needed tr[data-org]").size());
        assertEquals("2", page.selectFirst("#instructors tr[data-instructor=" + wang + "] td.num").text());
        Forms.from("/instructors").redirects().follow(false).formParam("organizationId", String.valueOf(small))
                .formParam("instructorId", String.valueOf(wang)).post("/instructors/assign").then().statusCode(303);
        assertEquals(List.of(other), given().get("/api/instructors/needed").jsonPath().getList("id", Long.class));
    }
}
