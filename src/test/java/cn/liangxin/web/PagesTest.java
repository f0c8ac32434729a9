package cn.liangxin.web;

import cn.liangxin.testsupport.Forms;
import cn.liangxin.testsupport.Registry;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static cn.liangxin.testsupport.Registry.BANQIAO;
import static cn.liangxin.testsupport.Registry.LUOXIONG;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
class PagesTest {

    @Inject
    AgroalDataSource dataSource;

    long shouldForm;
    long joint;

    @BeforeEach
    void load() {
        Registry.clear(dataSource);
        shouldForm = Registry.createOrg("罗平县<script>alert(1)</script>建材厂", LUOXIONG, 30, 4);
        long a = Registry.createOrg("甲商店", LUOXIONG, 3, 1, "kind", "INDIVIDUAL_BUSINESS");
        Registry.createOrg("乙合作社", BANQIAO, 9, 0, "kind", "FARMER_COOPERATIVE");
        joint = Registry.createParty("罗雄联合党支部", LUOXIONG, "BRANCH", "JOINT", List.of(a));
    }

    private static Document page(String path) {
        String html = given().accept("text/html").get(path).then().statusCode(200)
                .contentType(org.hamcrest.Matchers.startsWith("text/html")).extract().asString();
        return Jsoup.parse(html);
    }

    @Test
    void overviewShowsTheApiFigures() {
        Document doc = page("/");
        JsonPath api = given().get("/api/reports/coverage").jsonPath();
        List<Map<String, Object>> rows = api.getList("townships");
        assertEquals(rows.size(), doc.select("#coverage tr[data-township]").size() - 1);
        for (Map<String, Object> row : rows) {
            Element tr = doc.selectFirst("#coverage tr[data-township=" + row.get("code") + "]");
            assertNotNull(tr, "row of " + row.get("code"));
            for (String key : List.of("organizations", "headcount", "formalMembers", "partyOrganizations",
                    "coveredOrganizations", "blankSpots", "shouldForm", "fewMembers", "noMembers")) {
                assertEquals(String.valueOf(row.get(key)), tr.selectFirst("td[data-col=" + key + "]").text(),
                        key + " of " + row.get("code"));
            }
        }
        Element total = doc.selectFirst("#coverage tr[data-township=total]");
        assertEquals("3", total.selectFirst("td[data-col=organizations]").text());
        assertEquals("33.33%", total.selectFirst("td[data-col=coverageRate]").text());
        // the figures not counted by hand say how they are made, with the weights and the yuan configured
        String notes = doc.selectFirst("#figure-notes").text();
        assertTrue(notes.contains("权重 40") && notes.contains("权重 20") && notes.contains("权重 25") && notes.contains("权重 15"), notes);
        assertTrue(notes.contains("正式党员数 × 50 元/年"), notes);
        assertEquals("/townships/" + LUOXIONG, doc.selectFirst("tr[data-township=" + LUOXIONG + "] a").attr("href"));
    }

    /** A township with many party organizations shows the first 5 and 更多; the whole list a click away. */
    @Test
    void theTownshipPageFoldsItsPartyOrganizations() {
        for (int i = 0; i < 6; i++) {
            long o = Registry.createOrg("折叠第" + i + "公司", LUOXIONG, 20, 3);
            Registry.createParty("折叠第" + i + "公司党支部", LUOXIONG, "BRANCH", "INDEPENDENT", List.of(o));
        }
        Document folded = page("/townships/" + LUOXIONG);
        assertEquals("党组织(7)", folded.selectFirst("h2#party-organizations").text().replaceAll("\\s", ""), "counted whole");
        assertEquals(5, folded.select("#party-organizations-table tr[data-party-id]").size());
        Element more = folded.selectFirst("#parties-more a");
        assertEquals("/townships/" + LUOXIONG + "?parties=all#party-organizations", more.attr("href"));
        assertTrue(more.text().contains("共 7 条"), more.text());
        Document all = page("/townships/" + LUOXIONG + "?parties=all");
        assertEquals(7, all.select("#party-organizations-table tr[data-party-id]").size());
        assertEquals(null, all.selectFirst("#parties-more"));
    }

    @Test
    void townshipPageShowsLedgerPartyOrganizationsAndEscapesNames() {
        Document doc = page("/townships/" + LUOXIONG);
        assertEquals("2", doc.selectFirst("#township-summary dd[data-col=organizations]").text());
        assertEquals("50.00%", doc.selectFirst("#township-summary dd[data-col=coverageRate]").text());
        Element row = doc.selectFirst("#blank-spots tr[data-org-id=" + shouldForm + "]");
        assertEquals("罗平县<script>alert(1)</script>建材厂", row.selectFirst("th[scope=row][data-col=name]").text());
        assertEquals("应建未建", row.selectFirst("td[data-col=category]").text());
        assertTrue(doc.select("script:not([src])").isEmpty() && doc.select("script[src]").eachAttr("src").equals(List.of("/js/menu.js")), "a name must never become a script element");
        assertEquals(1, doc.select("#party-organizations-table tr[data-party-id=" + joint + "]").size());
        assertEquals(2, doc.select("#organizations-table tr[data-org-id]").size());
    }

    @Test
    void yesNoColumnsReadTheSameOnEveryPage() {
        long candidate = Registry.createOrg("有书记人选建材厂", LUOXIONG, 40, 5, "secretaryCandidate", true);
        // 有无书记人选 says whether there is someone: 有/无 on the township page, the county ledger and its print
        for (String path : List.of("/townships/" + LUOXIONG, "/blank-spots", "/print/blank-spots?township=" + LUOXIONG)) {
            Document doc = page(path);
            assertEquals("无", doc.selectFirst("tr[data-org-id=" + shouldForm + "] td[data-col=secretaryCandidate]").text(), path);
            assertEquals("有", doc.selectFirst("tr[data-org-id=" + candidate + "] td[data-col=secretaryCandidate]").text(), path);
        }
    }

    /** The page's structure for assistive technology: skip link, labelled navigation with the current section. */
    @Test
    void pagesCarrySkipLinkAndNavigation() {
        Map<String, String> sections = Map.of("/", "/", "/townships/" + LUOXIONG, "/", "/blank-spots", "/blank-spots",
                "/goals", "/goals", "/annual", "/annual", "/surveys", "/surveys", "/surveys/form", "/surveys/form",
                "/instructors", "/instructors", "/plans/timetable", "/plans/timetable");
        for (Map.Entry<String, String> e : sections.entrySet()) {
            String path = e.getKey();
            Document doc = page(path);
            Element first = doc.body().selectFirst("a[href], button, input:not([type=hidden]), select, textarea, summary");
            assertEquals("#main", first.attr("href"), path + ": the first thing to focus skips to the content");
            assertEquals("跳到正文", first.text(), path);
            assertNotNull(doc.selectFirst("main#main"), path);
            List<Element> navs = doc.select("header.bar nav[aria-label]");
            assertEquals(2, navs.size(), path + ": the navigation, wide and behind the phone's menu");
            for (Element nav : navs) {
                assertEquals(List.of(e.getValue()), nav.select("a[aria-current=page]").eachAttr("href"), path);
            }
            assertEquals("菜单", doc.selectFirst("header.bar details.menu > summary").text(), path);
        }
    }

    /**
     * Every table says which header is a column's and which a row's, and every data cell carries its
     * column's header as data-label: on a phone, where a row is a card, the cell shows it before its value.
     */
    @Test
    void tableCellsCarryTheirHeaders() {
        given().contentType("application/json").body(Map.of("year", java.time.LocalDate.now(cn.liangxin.time.Days.ZONE).getYear(),
                "metric", "COVERAGE", "target", 0.5, "scope", "COUNTY")).post("/api/goals"); // 409 when kept from before
        for (String path : List.of("/", "/townships/" + LUOXIONG, "/blank-spots", "/print/blank-spots", "/print/coverage",
                "/goals", "/annual", "/instructors", "/plans/timetable", "/users")) {
            Document doc = page(path);
            for (Element table : doc.select("main table")) {
                String where = path + " table#" + table.id();
                List<String> headers = table.select("thead th").eachText();
                assertTrue(table.select("thead th:not([scope=col])").isEmpty(), where + ": column headers say so");
                assertTrue(table.select("tbody th:not([scope=row])").isEmpty(), where + ": row headers say so");
                for (Element tr : table.select("tbody tr")) {
                    if (tr.children().size() != headers.size()) {
                        continue; // a row saying there is nothing
                    }
                    for (int i = 0; i < headers.size(); i++) {
                        Element cell = tr.child(i);
                        if (cell.is("td")) {
                            assertTrue(cell.hasAttr("data-label"), where + " column " + i + ": no data-label");
                            if (!cell.attr("data-label").isEmpty()) {
                                assertEquals(headers.get(i), cell.attr("data-label"), where + " column " + i);
                            }
                        }
                    }
                }
            }
        }
    }

    @Test
    void unknownTownshipIsAPageSaying404() {
        String html = given().accept("text/html").get("/townships/999999999").then().statusCode(404)
                .contentType(org.hamcrest.Matchers.startsWith("text/html")).extract().asString();
        assertTrue(Jsoup.parse(html).text().contains("没有找到"));
    }

    @Test
    void organizationFormCreatesAndShowsFieldErrorsNextToFields() {
        String bad = Forms.from("/organizations/new").accept("text/html")
                .formParam("name", "").formParam("kind", "ENTERPRISE").formParam("townshipCode", BANQIAO)
                .formParam("headcount", "abc").formParam("formalMembers", "2")
                .post("/organizations").then().statusCode(400).extract().asString();
        Document doc = Jsoup.parse(bad);
        assertNotNull(doc.selectFirst("[data-error=headcount]"), "error next to headcount");
        Element headcount = doc.selectFirst("#f-headcount");
        assertEquals("true", headcount.attr("aria-invalid"), "the invalid field is marked");
        assertEquals(doc.selectFirst("[data-error=headcount]"), doc.getElementById(headcount.attr("aria-describedby")),
                "the error is the field's description");
        assertEquals("", doc.selectFirst("#f-kind").attr("aria-invalid"), "a valid field is not marked");
        Element uscc = doc.selectFirst("#f-uscc");
        assertEquals("f-uscc-hint", uscc.attr("aria-describedby"), "a hint describes its field");
        assertNotNull(doc.getElementById("f-uscc-hint"));
        assertEquals(BANQIAO, doc.selectFirst("#f-townshipCode option[selected]").attr("value"));

        String missing = Forms.from("/organizations/new").accept("text/html")
                .formParam("name", " ").formParam("kind", "ENTERPRISE").formParam("townshipCode", BANQIAO)
                .formParam("headcount", "-3").formParam("formalMembers", "2")
                .post("/organizations").then().statusCode(400).extract().asString();
        Document doc2 = Jsoup.parse(missing);
        assertNotNull(doc2.selectFirst("[data-error=name]"));
        assertNotNull(doc2.selectFirst("[data-error=headcount]"));
        given().get("/api/organizations").then().body("total", org.hamcrest.Matchers.equalTo(3));

        String location = Forms.from("/organizations/new").redirects().follow(false)
                .formParam("name", "板桥新能源有限公司").formParam("kind", "ENTERPRISE").formParam("townshipCode", BANQIAO)
                .formParam("headcount", "55").formParam("formalMembers", "0").formParam("secretaryCandidate", "true")
                .formParam("massOrganizations", "UNION").formParam("massOrganizations", "WOMEN")
                .post("/organizations").then().statusCode(303).extract().header("Location");
        Document saved = page(location.replaceFirst("^https?://[^/]+", ""));
        assertNotNull(saved.selectFirst("#saved"));
        assertNotNull(saved.selectFirst("#classification li[data-gap=LARGE_WITHOUT_MEMBER]"));
        assertEquals("板桥新能源有限公司", saved.selectFirst("#f-name").attr("value"));
        assertTrue(saved.selectFirst("#f-secretaryCandidate").hasAttr("checked"));
        assertEquals(2, saved.select("input[name=massOrganizations][checked]").size());
    }

    @Test
    void partyOrganizationFormCoversTheChosenOrganization() {
        String location = Forms.from("/party-organizations/new").redirects().follow(false)
                .formParam("name", "建材厂党支部").formParam("level", "BRANCH").formParam("formation", "INDEPENDENT")
                .formParam("townshipCode", LUOXIONG).formParam("foundedOn", "2024-07-01")
                .formParam("coveredOrganizationIds", String.valueOf(shouldForm))
                .post("/party-organizations").then().statusCode(303).extract().header("Location");
        assertTrue(location.contains("/party-organizations/"));
        given().get("/api/organizations/{id}", shouldForm).then()
                .body("partyOrganization.name", org.hamcrest.Matchers.equalTo("建材厂党支部"));

        String none = Forms.from("/party-organizations/new").accept("text/html")
                .formParam("name", "空党支部").formParam("level", "BRANCH").formParam("formation", "JOINT")
                .formParam("townshipCode", LUOXIONG).formParam("foundedOn", "2024-07-01")
                .post("/party-organizations").then().statusCode(400).extract().asString();
        assertNotNull(Jsoup.parse(none).selectFirst("[data-error=coveredOrganizationIds]"));
    }

    @Test
    void aFormWithoutItsCsrfTokenIsRefusedAndWritesNothing() {
        given().contentType("application/x-www-form-urlencoded; charset=UTF-8").redirects().follow(false)
                .formParam("name", "伪造提交公司").formParam("kind", "ENTERPRISE").formParam("townshipCode", BANQIAO)
                .formParam("headcount", "5").formParam("formalMembers", "0")
                .post("/organizations").then().statusCode(400);
        given().queryParam("q", "伪造").get("/api/organizations").then().body("total", org.hamcrest.Matchers.equalTo(0));
    }

    @Test
    void printVersionsCarryTheSameRows() {
        Document coverage = page("/print/coverage");
        assertEquals(13 + 1, coverage.select("#coverage tr[data-township]").size());
        Document ledger = page("/print/blank-spots?township=" + LUOXIONG);
        // the blank spot, and the organization its joint branch covers only on paper (1 formal member)
        assertEquals(2, ledger.select("#blank-spots tr[data-org-id]").size());
        assertTrue(ledger.select("#blank-spots tr[data-org-id]").text().contains("名义覆盖"), ledger.select("#blank-spots").text());
        assertTrue(ledger.selectFirst("h1").text().contains("罗雄街道"));
    }
}
