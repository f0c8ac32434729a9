package cn.liangxin.report;

import cn.liangxin.testsupport.Registry;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static cn.liangxin.testsupport.Registry.JIULONG;
import static cn.liangxin.testsupport.Registry.LUOXIONG;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A party organization standing on fewer formal members than its level needs (branch 3, general
 * branch 50, committee 100, counted over the organizations it covers) is accepted with a warning,
 * counted as coverage, and named: nominalCoverage in the table, its own category in the ledger, a
 * gap of the organization.
 */
@QuarkusTest
class NominalCoverageTest {

    @Inject
    AgroalDataSource dataSource;

    @BeforeEach
    void clear() {
        Registry.clear(dataSource);
    }

    private static JsonPath party(String name, String township, String level, String formation, List<Long> covered) {
        return given().contentType(ContentType.JSON).body(Registry.party(name, township, level, formation, covered))
                .post("/api/party-organizations").then().statusCode(201).extract().jsonPath();
    }

    private static JsonPath total(String township) {
        return given().queryParam("township", township).get("/api/reports/coverage").then().statusCode(200)
                .extract().jsonPath();
    }

    @Test
    void aBranchOverAnOrganizationWithoutMembersIsAcceptedWithAWarningAndCountedNominally() {
        long empty = Registry.createOrg("名义甲公司", LUOXIONG, 40, 0);
        JsonPath p = party("名义甲公司党支部", LUOXIONG, "BRANCH", "INDEPENDENT", List.of(empty));
        assertTrue(p.getBoolean("nominal"));
        assertEquals(0, p.getInt("memberBase"));
        assertEquals("coveredOrganizationIds", p.getString("warnings[0].field"));
        assertTrue(p.getString("warnings[0].message").contains("0 人") && p.getString("warnings[0].message").contains("3 人"),
                p.getString("warnings[0].message"));

        JsonPath t = total(LUOXIONG);
        assertEquals(1, t.getInt("total.coveredOrganizations"), "accepted and counted as covered");
        assertEquals(0, t.getInt("total.blankSpots"));
        assertEquals(1, t.getInt("total.nominalCoverage"));

        List<Map<String, Object>> ledger = given().queryParam("township", LUOXIONG).get("/api/reports/blank-spots")
                .then().statusCode(200).extract().jsonPath().getList("$");
        assertEquals(1, ledger.size());
        assertEquals("NOMINAL_COVERAGE", ledger.get(0).get("category"));
        assertEquals("名义甲公司党支部", ledger.get(0).get("partyOrganization"));
        assertTrue(((String) ledger.get(0).get("explanation")).contains("名义覆盖"), (String) ledger.get(0).get("explanation"));
        assertEquals(1, given().queryParam("category", "NOMINAL_COVERAGE").get("/api/reports/blank-spots")
                .then().statusCode(200).extract().jsonPath().getList("$").size());
        assertEquals(0, given().queryParam("category", "NO_MEMBERS").get("/api/reports/blank-spots")
                .then().statusCode(200).extract().jsonPath().getList("$").size());
        given().queryParam("category", "UPGRADE").get("/api/reports/blank-spots").then().statusCode(400);
        // the pages say what their counts hold
        org.jsoup.nodes.Document township = org.jsoup.Jsoup.parse(given().accept("text/html").get("/townships/" + LUOXIONG).asString());
        assertEquals("空白点台账(0 个空白点,另列 1 个名义覆盖)", township.selectFirst("#ledger").text());
        org.jsoup.nodes.Document ledgerPage = org.jsoup.Jsoup.parse(given().accept("text/html").get("/blank-spots").asString());
        assertTrue(ledgerPage.selectFirst("#ledger-count").text().contains("其中空白点 0 个,名义覆盖 1 个"),
                ledgerPage.selectFirst("#ledger-count").text());

        List<String> gaps = given().get("/api/organizations/{id}", empty).then().statusCode(200).extract().jsonPath()
                .getList("classification.gaps.code");
        assertEquals(List.of("NOMINAL_COVERAGE"), gaps);
    }

    /** Pages of the ledger join up to the whole of it across the turn from the blank spots to the nominally covered. */
    @Test
    void pagesOfTheLedgerCrossFromTheBlankSpotsToTheNominallyCovered() {
        for (int i = 0; i < 5; i++) {
            Registry.createOrg("跨页空白" + i, i % 2 == 0 ? LUOXIONG : Registry.BANQIAO, 10 + i, i % 4);
        }
        for (int i = 0; i < 4; i++) {
            String township = i % 2 == 0 ? Registry.BANQIAO : LUOXIONG;
            long org = Registry.createOrg("跨页名义" + i, township, 20 + i, i % 2);
            party("跨页名义" + i + "党支部", township, "BRANCH", "INDEPENDENT", List.of(org));
        }
        List<Long> whole = given().queryParam("county", "530324").get("/api/reports/blank-spots").then().statusCode(200)
                .extract().jsonPath().getList("organizationId", Long.class);
        assertEquals(9, whole.size());
        List<String> categories = given().queryParam("county", "530324").get("/api/reports/blank-spots").jsonPath()
                .getList("category");
        assertEquals(List.of("NOMINAL_COVERAGE", "NOMINAL_COVERAGE", "NOMINAL_COVERAGE", "NOMINAL_COVERAGE"),
                categories.subList(5, 9), "the nominally covered last");
        for (int limit : new int[]{1, 2, 4, 5, 6, 9, 10}) {
            List<Long> joined = new java.util.ArrayList<>();
            for (int offset = 0; offset < 9; offset += limit) {
                var page = given().queryParam("county", "530324").queryParam("offset", offset).queryParam("limit", limit)
                        .get("/api/reports/blank-spots");
                page.then().statusCode(200).header("X-Total-Count", "9");
                joined.addAll(page.jsonPath().getList("organizationId", Long.class));
            }
            assertEquals(whole, joined, "pages of " + limit);
        }
        var nominal = given().queryParam("county", "530324").queryParam("category", "NOMINAL_COVERAGE")
                .queryParam("offset", 1).queryParam("limit", 2).get("/api/reports/blank-spots");
        nominal.then().statusCode(200).header("X-Total-Count", "4");
        assertEquals(whole.subList(6, 8), nominal.jsonPath().getList("organizationId", Long.class));
        org.jsoup.nodes.Document page = org.jsoup.Jsoup.parse(given().accept("text/html").get("/blank-spots?county=530324").asString());
        assertEquals(whole, page.select("table#blank-spots tbody tr[data-org-id]").stream()
                .map(tr -> Long.parseLong(tr.attr("data-org-id"))).toList());
    }

    @Test
    void theBaseIsCountedOverEveryCoveredOrganizationAtEachLevelsThreshold() {
        // a joint branch over three organizations of 1 member each stands on 3: a branch
        long a = Registry.createOrg("联合甲", JIULONG, 10, 1);
        long b = Registry.createOrg("联合乙", JIULONG, 10, 1);
        long c = Registry.createOrg("联合丙", JIULONG, 10, 1);
        assertFalse(party("九龙联合党支部", JIULONG, "BRANCH", "JOINT", List.of(a, b, c)).getBoolean("nominal"));
        // two of 1 member each: 2, one short
        long d = Registry.createOrg("联合丁", LUOXIONG, 10, 1);
        long e = Registry.createOrg("联合戊", LUOXIONG, 10, 1);
        JsonPath two = party("罗雄联合党支部", LUOXIONG, "BRANCH", "JOINT", List.of(d, e));
        assertTrue(two.getBoolean("nominal"));
        assertEquals(2, two.getInt("memberBase"));
        // a general branch needs 50, a committee 100
        long g49 = Registry.createOrg("四十九人公司", LUOXIONG, 300, 49);
        assertTrue(party("四十九人公司党总支", LUOXIONG, "GENERAL_BRANCH", "INDEPENDENT", List.of(g49)).getBoolean("nominal"));
        long g50 = Registry.createOrg("五十人公司", LUOXIONG, 300, 50);
        assertFalse(party("五十人公司党总支", LUOXIONG, "GENERAL_BRANCH", "INDEPENDENT", List.of(g50)).getBoolean("nominal"));
        long c99 = Registry.createOrg("九十九人公司", LUOXIONG, 600, 99);
        assertTrue(party("九十九人公司党委", LUOXIONG, "COMMITTEE", "INDEPENDENT", List.of(c99)).getBoolean("nominal"));
        long c100 = Registry.createOrg("一百人公司", LUOXIONG, 600, 100);
        JsonPath real = party("一百人公司党委", LUOXIONG, "COMMITTEE", "INDEPENDENT", List.of(c100));
        assertFalse(real.getBoolean("nominal"));
        assertTrue(real.getList("warnings").isEmpty());

        // 2 (joint) + 1 (49 under a general branch) + 1 (99 under a committee) in 罗雄街道, none in 九龙街道
        assertEquals(4, total(LUOXIONG).getInt("total.nominalCoverage"));
        assertEquals(0, total(JIULONG).getInt("total.nominalCoverage"));
        assertEquals(4, given().queryParam("township", LUOXIONG).queryParam("category", "NOMINAL_COVERAGE")
                .get("/api/reports/blank-spots").then().statusCode(200).extract().jsonPath().getList("$").size());
        // the same figure as counted from the history
        String today = java.time.LocalDate.now(cn.liangxin.time.Days.ZONE).toString();
        assertEquals(4, given().queryParam("township", LUOXIONG).queryParam("asOf", today).get("/api/reports/coverage")
                .then().statusCode(200).extract().jsonPath().getInt("total.nominalCoverage"));
    }
}
