package cn.liangxin.web;

import cn.liangxin.survey.SurveyImportTest;
import cn.liangxin.testsupport.Forms;
import cn.liangxin.testsupport.Registry;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.dhatim.fastexcel.reader.ReadableWorkbook;
import org.dhatim.fastexcel.reader.Row;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static cn.liangxin.testsupport.Registry.BANQIAO;
import static cn.liangxin.testsupport.Registry.LUOXIONG;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The steps of the clerk's and the county's journeys that used to mislead: the campaign a survey
 * belongs to, the pending previews, a file far larger than the registry, the rejected rows to take
 * home, the phone form's 更多, the ledger's filters and pager, and the overview's picture.
 */
@QuarkusTest
class JourneyStepsTest {

    @Inject
    AgroalDataSource dataSource;

    private static Document page(String path) {
        // paths are sent as the page wrote them (already percent-encoded)
        return Jsoup.parse(given().urlEncodingEnabled(false).accept("text/html").get(path).then().statusCode(200)
                .extract().asString());
    }

    private void clear() {
        Registry.clear(dataSource);
        try (var c = dataSource.getConnection(); var s = c.createStatement()) {
            s.execute("delete from survey_import; delete from survey_campaign; delete from goal");
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static long campaign(String name, LocalDate deadline) {
        return given().contentType(ContentType.JSON).body(Map.of("name", name, "deadline", deadline.toString()))
                .post("/api/surveys/campaigns").then().statusCode(201).extract().jsonPath().getLong("id");
    }

    @Test
    void theUploadDefaultsToTheCampaignUnderWayAndListsThePendingPreviews() {
        clear();
        LocalDate today = LocalDate.now(cn.liangxin.time.Days.ZONE);
        campaign("去年摸底", today.minusDays(300));
        long later = campaign("明年摸底", today.plusDays(200));
        long soon = campaign("本月摸底", today.plusDays(2));
        Document upload = page("/surveys");
        Element selected = upload.selectFirst("#f-campaign option[selected]");
        assertNotNull(selected, upload.select("#f-campaign").outerHtml());
        assertEquals(String.valueOf(soon), selected.attr("value"), "the one due first");
        assertTrue(upload.select("#f-campaign option").eachAttr("value").contains(String.valueOf(later)));
        assertFalse(upload.select("#f-campaign").text().contains("去年摸底"), "a closed campaign is not offered");
        assertTrue(upload.selectFirst("#campaigns").text().contains("已截止"));
        assertNotNull(upload.selectFirst("#pending-none"));
        // the phone form too
        assertEquals(String.valueOf(soon), page("/surveys/form").selectFirst("#f-campaignId option[selected]").attr("value"));

        byte[] file = SurveyImportTest.csv(StandardCharsets.UTF_8, true,
                "待确认甲公司,,企业,罗雄街道,,,,C,否,正常,20,1,,,,否,,无,未建立,,,,,,,",
                "待确认乙公司,,企业,不存在的乡,,,,C,否,正常,20,1,,,,否,,无,未建立,,,,,,,");
        long id = given().multiPart("file", "pending.csv", file, "text/csv").multiPart("campaignId", String.valueOf(soon))
                .post("/api/surveys/imports").then().statusCode(201).extract().jsonPath().getLong("id");
        List<Map<String, Object>> pending = given().get("/api/surveys/imports").then().statusCode(200).extract().jsonPath().getList("$");
        assertEquals(1, pending.size());
        assertEquals("pending.csv", pending.get(0).get("fileName"));
        assertEquals((int) soon, ((Number) pending.get(0).get("campaignId")).intValue());
        Element listed = page("/surveys").selectFirst("#pending li[data-import=" + id + "]");
        assertNotNull(listed);
        assertTrue(listed.text().contains("共 2 行:新增 1,修改 0,未通过 1"), listed.text());

        // the rejected row, to correct at home: sheet, row, column, what was written, what is wrong
        byte[] rejected = given().get("/api/surveys/imports/{id}/rejected.xlsx", id).then().statusCode(200).extract().asByteArray();
        try (ReadableWorkbook wb = new ReadableWorkbook(new ByteArrayInputStream(rejected))) {
            List<Row> rows = wb.getFirstSheet().read();
            assertEquals("问题", rows.get(1).getCellText(6));
            Row problem = rows.get(2);
            assertEquals("待确认乙公司", problem.getCellText(3));
            assertEquals(3, problem.getCellAsNumber(2).orElseThrow().intValue(), "the file's row number");
            assertEquals("不存在的乡", problem.getCellText(5));
            assertFalse(problem.getCellText(6).isBlank());
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }

        // discarding asks first, and asks only of who may
        Document asked = Jsoup.parse(Forms.from("/surveys").post("/surveys/imports/{id}/discard", id)
                .then().statusCode(200).extract().asString());
        assertTrue(asked.selectFirst("#confirm-question").text().contains("pending.csv"));
        assertEquals(1, given().get("/api/surveys/imports").jsonPath().getList("$").size(), "nothing discarded yet");
        Forms.from("/surveys").redirects().follow(false).formParam("confirmed", "1")
                .post("/surveys/imports/{id}/discard", id).then().statusCode(303);
        assertTrue(given().get("/api/surveys/imports").jsonPath().getList("$").isEmpty());
        given().get("/api/surveys/imports/{id}", id).then().statusCode(404);
    }

    @Test
    void aFileFarLargerThanTheRegistryIsFlaggedBeforeItsCommit() {
        clear();
        Registry.createOrg("在册甲公司", LUOXIONG, 10, 0);
        List<String> rows = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            rows.add(String.format("批量新增%02d商店,,个体工商户,罗雄街道,,,,F,否,正常,2,0,,,,否,,无,未建立,,,,,,,", i));
        }
        long big = given().multiPart("file", "big.csv", SurveyImportTest.csv(StandardCharsets.UTF_8, true, rows.toArray(String[]::new)),
                "text/csv").post("/api/surveys/imports").then().statusCode(201).extract().jsonPath().getLong("id");
        Element warning = page("/surveys/imports/" + big).selectFirst("#large-file");
        assertNotNull(warning, "60 new against 1 registered");
        assertTrue(warning.text().contains("60") && warning.text().contains("只有 1 个"), warning.text());
        long small = given().multiPart("file", "small.csv", SurveyImportTest.csv(StandardCharsets.UTF_8, true, rows.get(0)),
                "text/csv").post("/api/surveys/imports").then().statusCode(201).extract().jsonPath().getLong("id");
        assertNull(page("/surveys/imports/" + small).selectFirst("#large-file"));
    }

    @Test
    void thePhoneFormsSearchOffersMorePastItsFirstPage() {
        clear();
        for (int i = 0; i < 25; i++) {
            Registry.createOrg(String.format("更多测试%02d商店", i), LUOXIONG, 2, 0);
        }
        Document first = page("/surveys/form?q=" + java.net.URLEncoder.encode("更多测试", StandardCharsets.UTF_8));
        assertEquals(20, first.select("#found li a").size());
        assertTrue(first.selectFirst("#found-count").text().contains("25"));
        String more = first.selectFirst("#found-more").attr("href");
        Document second = page(more);
        assertEquals(5, second.select("#found li a").size());
        assertTrue(second.select("#found").text().contains("更多测试24商店"));
        assertNull(second.selectFirst("#found-more"), "nothing past the last");
    }

    @Test
    void theLedgerFiltersByTownshipAndNameFlagsOverdueDatesAndPagesBothWays() {
        clear();
        LocalDate past = LocalDate.now(cn.liangxin.time.Days.ZONE).minusDays(30);
        Registry.createOrg("逾期计划公司", LUOXIONG, 30, 4, "plannedFormationOn", past.toString());
        Registry.createOrg("按期计划公司", LUOXIONG, 30, 4, "plannedFormationOn", past.plusYears(1).toString());
        for (int i = 0; i < 105; i++) {
            Registry.createOrg(String.format("板桥台账%03d商店", i), BANQIAO, 2, 0);
        }
        Document townships = page("/blank-spots?township=" + LUOXIONG);
        assertEquals(2, townships.select("#blank-spots tr[data-org-id]").size());
        assertEquals(LUOXIONG, townships.selectFirst("#f-township option[selected]").attr("value"));
        Element overdue = townships.selectFirst("#blank-spots tr[data-overdue]");
        assertNotNull(overdue);
        assertTrue(overdue.text().contains("逾期计划公司") && overdue.text().contains("已逾期"), overdue.text());
        assertEquals(1, townships.select("#blank-spots tr[data-overdue]").size(), "a date to come is not overdue");

        Document named = page("/blank-spots?q=" + java.net.URLEncoder.encode("按期", StandardCharsets.UTF_8));
        assertEquals(List.of("按期计划公司"), named.select("#blank-spots th[data-col=name]").eachText());

        // 105 shops, 100 lines a page: the first page offers the next, the second the previous, each keeping the filter
        Document one = page("/blank-spots?q=" + java.net.URLEncoder.encode("商店", StandardCharsets.UTF_8));
        assertNull(one.selectFirst("#page-prev"));
        String next = one.selectFirst("#page-next").attr("href");
        assertTrue(next.contains("q=") && next.contains("page=1"), next);
        Document two = page(next);
        assertEquals(5, two.select("#blank-spots tr[data-org-id]").size());
        assertNull(two.selectFirst("#page-next"));
        assertTrue(two.selectFirst("#page-prev").attr("href").contains("page=0"));
    }

    @Test
    void theOverviewDrawsEachTownshipsCoverageAndTheCountysYears() {
        clear();
        long a = Registry.createOrg("图表甲公司", LUOXIONG, 30, 4);
        Registry.createOrg("图表乙公司", LUOXIONG, 30, 0);
        Registry.createParty("图表甲公司党支部", LUOXIONG, "BRANCH", "INDEPENDENT", List.of(a));
        JsonPath table = given().get("/api/reports/coverage").jsonPath();
        Document overview = page("/");
        List<Element> bars = overview.select("#overview-charts svg.bars rect.bar");
        assertEquals(13, bars.size());
        Element luoxiong = overview.selectFirst("#overview-charts rect.bar[data-label=罗雄街道]");
        assertEquals(0, new java.math.BigDecimal(luoxiong.attr("data-value"))
                .compareTo(new java.math.BigDecimal(table.getString("townships.find { it.code == '" + LUOXIONG + "' }.coverageRate"))));
        assertNotNull(overview.selectFirst("#overview-charts svg:not(.bars) circle.point"), "the county's line over the years");
    }
}
