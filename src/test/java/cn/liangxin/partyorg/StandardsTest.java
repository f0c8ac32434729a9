package cn.liangxin.partyorg;

import cn.liangxin.testsupport.Forms;
import cn.liangxin.testsupport.Registry;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

import static cn.liangxin.testsupport.Registry.BANQIAO;
import static cn.liangxin.testsupport.Registry.LUOXIONG;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
class StandardsTest {

    @Inject
    AgroalDataSource dataSource;

    final int year = LocalDate.now(ZoneId.of("Asia/Shanghai")).getYear();

    private String standards(long party) throws Exception {
        try (var c = dataSource.getConnection(); var s = c.createStatement();
             var r = s.executeQuery("select coalesce(string_agg(x::text, ';' order by party_organization_id), '')"
                     + " from (select party_organization_id, activity_room, room_area, bulletin_board, sign_plate, party_flag,"
                     + " rules_set, checked_on from party_standard) x")) {
            r.next();
            return r.getString(1);
        }
    }

    @Test
    void checklistAndRatingsInThePageAndFromASpreadsheet() throws Exception {
        Registry.clear(dataSource);
        long a = Registry.createParty("甲党支部", LUOXIONG, "BRANCH", "INDEPENDENT", List.of(Registry.createOrg("甲", LUOXIONG, 9, 3)));
        long b = Registry.createParty("乙联合党支部", LUOXIONG, "BRANCH", "JOINT", List.of(Registry.createOrg("乙", LUOXIONG, 9, 1)));
        long c = Registry.createParty("丙党支部", BANQIAO, "BRANCH", "INDEPENDENT", List.of(Registry.createOrg("丙", BANQIAO, 9, 3)));

        // the page
        Document page = Jsoup.parse(given().accept("text/html").get("/party-organizations/" + a).asString());
        assertNotNull(page.selectFirst("#standards-link"));
        Forms.from("/party-organizations/" + a + "/standards").redirects().follow(false)
                .formParam("activityRoom", "true").formParam("roomArea", "25").formParam("bulletinBoard", "true")
                .formParam("signPlate", "true").formParam("partyFlag", "true").formParam("rulesSet", "true")
                .post("/party-organizations/" + a + "/standards/five-one").then().statusCode(303);
        Forms.from("/party-organizations/" + a + "/standards").redirects().follow(false).formParam("year", String.valueOf(year))
                .formParam("goodLeadership", "true").formParam("goodMembers", "true").formParam("goodMechanism", "true")
                .formParam("goodResults", "true").formParam("goodStanding", "true")
                .post("/party-organizations/" + a + "/standards/five-good").then().statusCode(303);
        Document after = Jsoup.parse(given().accept("text/html").get("/party-organizations/" + a + "/standards").asString());
        assertNotNull(after.selectFirst("#five-one-complete"));
        assertTrue(after.selectFirst("#five-one-warnings").text().contains("25"), "smaller than about 30 m²");
        assertNotNull(after.selectFirst("#ratings tr[data-year=" + year + "] td[data-col=fiveGood] .ok"));
        Forms.from("/party-organizations/" + a + "/standards").formParam("roomArea", "很大")
                .post("/party-organizations/" + a + "/standards/five-one").then().statusCode(400);
        // an area with a huge exponent, or of more digits than any room has, is no area: refused before any arithmetic
        String kept = standards(0);
        for (String huge : List.of("1E+999999999", "1E-999999999", "-9.9E+400", "1".repeat(1_000))) {
            long started = System.nanoTime();
            Forms.from("/party-organizations/" + a + "/standards").formParam("activityRoom", "true").formParam("roomArea", huge)
                    .post("/party-organizations/" + a + "/standards/five-one").then().statusCode(400);
            if (huge.length() < 20) {
                given().contentType(ContentType.JSON).body("{\"activityRoom\":true,\"roomArea\":" + huge + ",\"bulletinBoard\":true,"
                                + "\"signPlate\":true,\"partyFlag\":true,\"rulesSet\":true}")
                        .put("/api/party-organizations/{id}/five-one", a).then().statusCode(400)
                        .body("errors[0].field", equalTo("roomArea"));
            }
            assertTrue(System.nanoTime() - started < 10_000_000_000L, "refused within 10 s");
        }
        assertEquals(kept, standards(0), "nothing written");
        given().contentType(ContentType.JSON).body(Map.of("goodLeadership", true, "goodMembers", true, "goodMechanism", true,
                "goodResults", true, "goodStanding", true)).put("/api/party-organizations/{id}/five-good/{y}", a, year + 1)
                .then().statusCode(400).body("errors[0].field", equalTo("year"));

        // a spreadsheet: by number and by name; one bad cell refuses the file
        String header = "党组织编号,党组织名称,活动场所,活动场所面积(平方米),党员公示栏,党组织牌子,党旗,制度,检查日期\r\n";
        String bad = header + ",乙联合党支部,有,40,有,有,有,有,2026/3/1\r\n" + c + ",,有,40,有,有,有,也许,\r\n";
        String before = standards(0);
        JsonPath refused = given().multiPart("file", "五个一.csv", bad.getBytes(StandardCharsets.UTF_8), "text/csv")
                .post("/api/party-organizations/five-one").then().statusCode(400).extract().jsonPath();
        assertEquals("ROWS_REJECTED", refused.getString("code"));
        assertEquals(List.of("CSV 第 3 行“制度”列"), refused.getList("errors.field").stream()
                .map(f -> f.toString().replaceFirst("^\\S+ ", "CSV ")).toList());
        assertEquals(before, standards(0), "nothing of the file was written");
        given().contentType(ContentType.JSON).body(Map.of("username", "std-clerk", "password", "std-clerk-pw",
                "roles", List.of("TOWNSHIP_STAFF"), "townships", List.of(LUOXIONG))).post("/api/users").then().statusCode(201);
        String theirs = header + c + ",,有,40,有,有,有,有,\r\n";
        given().auth().preemptive().basic("std-clerk", "std-clerk-pw")
                .multiPart("file", "五个一.csv", theirs.getBytes(StandardCharsets.UTF_8), "text/csv")
                .post("/api/party-organizations/five-one").then().statusCode(400)
                .body("errors[0].message", equalTo("没有编号为 " + c + " 的党组织(或不在您的乡镇)。"));
        assertEquals(before, standards(0));

        String good = header + ",乙联合党支部,有,40,有,有,有,有,2026/3/1\r\n" + a + ",,无,,有,,,,\r\n";
        given().multiPart("file", "五个一.csv", good.getBytes(StandardCharsets.UTF_8), "text/csv")
                .post("/api/party-organizations/five-one").then().statusCode(200).body("partyOrganizations", equalTo(2));
        given().get("/api/party-organizations/{id}/five-one", b).then().body("complete", equalTo(true))
                .body("checkedOn", equalTo("2026-03-01")).body("warnings.size()", equalTo(0));
        given().get("/api/party-organizations/{id}/five-one", a).then().body("complete", equalTo(false))
                .body("bulletinBoard", equalTo(true)).body("activityRoom", equalTo(false));
        given().queryParam("township", LUOXIONG).get("/api/reports/coverage").then()
                .body("total.fiveOneComplete", equalTo(1)).body("total.fiveOneRate", equalTo(0.5f));
    }
}
