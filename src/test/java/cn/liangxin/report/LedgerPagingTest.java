package cn.liangxin.report;

import cn.liangxin.testsupport.Registry;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static cn.liangxin.testsupport.Registry.BANQIAO;
import static cn.liangxin.testsupport.Registry.JIULONG;
import static cn.liangxin.testsupport.Registry.LUOXIONG;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The blank-spot ledger a page at a time: the API's offset and limit, the township page, the ledger page. */
@QuarkusTest
class LedgerPagingTest {

    @Inject
    AgroalDataSource dataSource;

    /** 罗雄街道: 205 blank spots (every third with 3 or more members) and one covered organization; 板桥镇: one. */
    private static boolean loaded;

    /** Once for the class: its tests only read. */
    @BeforeEach
    void load() {
        if (loaded) {
            return;
        }
        loaded = true;
        Registry.clear(dataSource);
        for (int i = 0; i < 205; i++) {
            Registry.createOrg(String.format("罗雄第%03d商店", i), LUOXIONG, 5 + i % 7, i % 3 == 0 ? 3 + i % 4 : i % 2,
                    "kind", "INDIVIDUAL_BUSINESS");
        }
        long covered = Registry.createOrg("罗雄建材厂", LUOXIONG, 40, 5);
        Registry.createParty("罗雄建材厂党支部", LUOXIONG, "BRANCH", "INDEPENDENT", List.of(covered));
        Registry.createOrg("板桥合作社", BANQIAO, 9, 0, "kind", "FARMER_COOPERATIVE");
    }

    private static List<Long> ids(Response r) {
        return r.jsonPath().getList("organizationId", Long.class);
    }

    @Test
    void pagesOfTheApiJoinUpToTheWholeLedger() {
        Response whole = given().get("/api/reports/blank-spots?township=" + LUOXIONG);
        whole.then().statusCode(200).header("X-Total-Count", "205");
        List<Long> all = ids(whole);
        assertEquals(205, all.size());

        List<Long> joined = new ArrayList<>();
        for (int offset = 0; offset < 205; offset += 60) {
            Response page = given().queryParam("township", LUOXIONG).queryParam("offset", offset).queryParam("limit", 60)
                    .get("/api/reports/blank-spots");
            page.then().statusCode(200).header("X-Total-Count", "205");
            joined.addAll(ids(page));
        }
        assertEquals(all, joined);

        // past the end: no lines, the count still told
        Response beyond = given().queryParam("township", LUOXIONG).queryParam("offset", 205).queryParam("limit", 10)
                .get("/api/reports/blank-spots");
        beyond.then().statusCode(200).header("X-Total-Count", "205");
        assertTrue(ids(beyond).isEmpty());
        // the county: both townships
        given().queryParam("county", "530324").queryParam("limit", 1).get("/api/reports/blank-spots").then()
                .statusCode(200).header("X-Total-Count", "206");
    }

    @Test
    void oneCategoryOfTheLedger() {
        long shouldForm = java.util.stream.IntStream.range(0, 205).filter(i -> i % 3 == 0).count();
        long noMembers = java.util.stream.IntStream.range(0, 205).filter(i -> i % 3 != 0 && i % 2 == 0).count();
        Response r = given().queryParam("township", LUOXIONG).queryParam("category", "should_form")
                .get("/api/reports/blank-spots");
        r.then().statusCode(200).header("X-Total-Count", String.valueOf(shouldForm));
        assertTrue(r.jsonPath().getList("category", String.class).stream().allMatch("SHOULD_FORM"::equals));
        given().queryParam("county", "530324").queryParam("category", "NO_MEMBERS").queryParam("limit", 5)
                .get("/api/reports/blank-spots").then().statusCode(200)
                .header("X-Total-Count", String.valueOf(noMembers + 1));
        // a gap code that is no blank-spot category, and bad paging, name their parameter
        given().queryParam("category", "LARGE_WITHOUT_MEMBER").get("/api/reports/blank-spots").then().statusCode(400)
                .body("errors[0].field", equalTo("category")).body("errors[0].message", containsString("SHOULD_FORM"));
        given().queryParam("limit", 0).get("/api/reports/blank-spots").then().statusCode(400)
                .body("errors[0].field", equalTo("limit")).body("errors[0].message", containsString("行数"));
        given().queryParam("limit", 10_001).get("/api/reports/blank-spots").then().statusCode(400)
                .body("errors[0].field", equalTo("limit"));
        given().queryParam("offset", -1).get("/api/reports/blank-spots").then().statusCode(400)
                .body("errors[0].field", equalTo("offset"));
        given().queryParam("limit", 10_000).get("/api/reports/blank-spots").then().statusCode(200)
                .header("X-Total-Count", "206");
    }

    private static Document page(String path) {
        return Jsoup.parse(given().accept("text/html").get(path).then().statusCode(200).extract().asString());
    }

    private static List<Long> rowIds(Document doc) {
        return doc.select("table#blank-spots tbody tr[data-org-id]").stream()
                .map(tr -> Long.parseLong(tr.attr("data-org-id"))).toList();
    }

    @Test
    void theTownshipPageShowsTheFirstLinesThenTheLedgerAHundredAtATime() {
        List<Long> all = ids(given().get("/api/reports/blank-spots?township=" + LUOXIONG));
        // the township page itself: its figures and the first 10 lines, 更多 leading to the rest
        Document folded = page("/townships/" + LUOXIONG);
        assertTrue(folded.selectFirst("h2#ledger").text().contains("205"), folded.selectFirst("h2#ledger").text());
        assertEquals(all.subList(0, ReportPages.FIRST_LINES), rowIds(folded));
        assertNull(folded.selectFirst("#ledger-pages"));
        Element more = folded.selectFirst("#ledger-more a");
        assertEquals("/townships/" + LUOXIONG + "?ledger=0#ledger", more.attr("href"));
        assertTrue(more.text().contains("前 " + ReportPages.FIRST_LINES + " 条") && more.text().contains("205"), more.text());

        Document first = page(more.attr("href").replace("#ledger", ""));
        assertEquals(all.subList(0, 100), rowIds(first));
        Element pager = first.selectFirst("#ledger-pages");
        assertNotNull(pager);
        assertEquals("1", pager.selectFirst("strong").text());
        assertEquals(List.of("2", "3"), pager.select("a").eachText());
        assertEquals("/townships/" + LUOXIONG + "?ledger=2#ledger", pager.select("a").get(1).attr("href"));

        Document third = page("/townships/" + LUOXIONG + "?ledger=2");
        assertEquals(all.subList(200, 205), rowIds(third));
        assertEquals("3", third.selectFirst("#ledger-pages strong").text());
        // the organizations stay folded while the ledger is paged
        assertEquals("/townships/" + LUOXIONG + "?page=0#organizations", third.selectFirst("#organizations-more a").attr("href"));
        assertEquals(ReportPages.FIRST_LINES, third.select("#organizations-table tr[data-org-id]").size());
        given().accept("text/html").get("/townships/" + LUOXIONG + "?ledger=x").then().statusCode(400)
                .body(containsString("台账页码"));
        // a short ledger: neither 更多 nor a pager
        Document few = page("/townships/" + BANQIAO);
        assertNull(few.selectFirst("#ledger-pages"));
        assertNull(few.selectFirst("#ledger-more"));
    }

    @Test
    void theLedgerPageOfTheCountyAPageAtATime() {
        List<Long> all = ids(given().get("/api/reports/blank-spots?county=530324"));
        Document doc = page("/blank-spots?county=530324");
        assertEquals(all.subList(0, 100), rowIds(doc));
        assertEquals("206", doc.selectFirst("#ledger-count").attr("data-total"));
        assertEquals("共 206 个,当前显示第 1–100 个", doc.selectFirst("#ledger-count").text());
        assertEquals("1", doc.selectFirst("table#blank-spots tbody tr td").text());
        assertEquals("/print/blank-spots?county=530324", doc.selectFirst(".actions a").attr("href"));

        Document last = page("/blank-spots?county=530324&page=2");
        assertEquals(all.subList(200, 206), rowIds(last));
        assertEquals("201", last.selectFirst("table#blank-spots tbody tr td").text());
        assertEquals("共 206 个,当前显示第 201–206 个", last.selectFirst("#ledger-count").text());

        Document few = page("/blank-spots?county=530324&category=FEW_MEMBERS");
        long fewMembers = java.util.stream.IntStream.range(0, 205).filter(i -> i % 3 != 0 && i % 2 == 1).count();
        assertEquals(String.valueOf(fewMembers), few.selectFirst("#ledger-count").attr("data-total"));
        assertEquals("仅有个别党员", few.selectFirst("#categories strong").text());
        assertTrue(few.select("td[data-col=category]").eachText().stream().allMatch("仅有个别党员"::equals));
        assertNull(few.selectFirst("#ledger-pages"));
        assertEquals("/blank-spots?county=530324&category=SHOULD_FORM", few.select("#categories a").get(1).attr("href"));
        assertEquals("/blank-spots?county=530324&page=1", doc.selectFirst("#ledger-pages a").attr("href"));

        Document banqiao = page("/blank-spots?township=" + BANQIAO);
        assertEquals(1, rowIds(banqiao).size());
        assertNull(banqiao.selectFirst("#ledger-pages"));
        // the overview and the navigation lead here
        assertEquals("/blank-spots", page("/").selectFirst("header.bar a[href^=/blank-spots]").attr("href"));
        given().accept("text/html").get("/blank-spots?category=NOPE").then().statusCode(400);
    }

    @Test
    void thePrintLedgerHoldsTheWholeLedgerInItsOrder() {
        List<Long> all = ids(given().get("/api/reports/blank-spots?county=530324"));
        Response print = given().accept("text/html").get("/print/blank-spots?county=530324");
        print.then().statusCode(200).contentType(containsString("text/html")).header("Cache-Control", "no-store");
        Document doc = Jsoup.parse(print.asString());
        assertEquals(all, rowIds(doc), "every line, in the ledger's order");
        assertEquals(206, all.size());
        assertTrue(doc.selectFirst("h1").text().contains("共 206 个"), doc.selectFirst("h1").text());
        assertEquals(java.util.stream.IntStream.rangeClosed(1, 206).mapToObj(String::valueOf).toList(),
                doc.select("table#blank-spots tbody tr td:first-child").eachText(), "numbered 1 to 206");
        assertEquals(doc.select("table#blank-spots thead th").size(), doc.select("table#blank-spots tbody tr").get(205)
                .select("td").size(), "each line has every column");
        assertNotNull(doc.selectFirst("script[src=/js/print.js]"), "the page is whole after its last line");
        // nothing to print: the page still says so
        Document none = Jsoup.parse(given().accept("text/html").get("/print/blank-spots?township=" + JIULONG)
                .then().statusCode(200).extract().asString());
        assertTrue(none.selectFirst("h1").text().contains("共 0 个"), none.selectFirst("h1").text());
        assertTrue(none.select("table#blank-spots tbody tr").isEmpty());
    }

    @Test
    void pageLinksKeepTheFirstTheLastAndThoseNearTheCurrentOne() {
        List<ReportPages.PageLink> links = ReportPages.pages(8_203, 100, 40);
        assertEquals(List.of(1, 38, 39, 40, 41, 42, 43, 44, 83), links.stream().map(ReportPages.PageLink::number).toList());
        assertTrue(links.get(1).gapBefore());
        assertFalse(links.get(2).gapBefore());
        assertTrue(links.get(8).gapBefore());
        assertTrue(links.get(4).current());
        assertEquals(List.of(1, 2, 3), ReportPages.pages(300, 100, 0).stream().map(ReportPages.PageLink::number).toList());
        assertEquals(List.of(1, 2, 3, 4, 5), ReportPages.pages(401, 100, 0).stream().map(ReportPages.PageLink::number).toList());
        assertEquals(List.of(1, 2, 3, 4, 6), ReportPages.pages(501, 100, 0).stream().map(ReportPages.PageLink::number).toList());
        assertTrue(ReportPages.pages(0, 100, 0).isEmpty());
    }
}
