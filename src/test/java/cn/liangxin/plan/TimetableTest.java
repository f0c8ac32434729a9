package cn.liangxin.plan;

import cn.liangxin.testsupport.Registry;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.dhatim.fastexcel.reader.ReadableWorkbook;
import org.dhatim.fastexcel.reader.Row;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.List;

import static cn.liangxin.testsupport.Registry.LUOXIONG;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
class TimetableTest {

    @Inject
    AgroalDataSource dataSource;

    @Test
    void plansByMonthOverdueInRedAndPlanlessBlankSpotsWithoutTheirInformation() throws Exception {
        Registry.clear(dataSource);
        LocalDate today = LocalDate.now(ZoneId.of("Asia/Shanghai"));
        long late = Registry.createOrg("过期公司", LUOXIONG, 40, 4, "plannedFormationOn", today.minusDays(1).toString());
        long due = Registry.createOrg("今天公司", LUOXIONG, 40, 3, "plannedFormationOn", today.toString());
        long next = Registry.createOrg("下月公司", LUOXIONG, 40, 1, "plannedFormationOn", today.plusMonths(1).toString());
        long covered = Registry.createOrg("已建公司", LUOXIONG, 40, 5, "plannedFormationOn", today.minusMonths(2).toString());
        Registry.createParty("已建公司党支部", LUOXIONG, "BRANCH", "INDEPENDENT", List.of(covered));
        Registry.createOrg("齐全公司", LUOXIONG, 10, 0, "notPlannedReason", "无党员", "responsible", "张三",
                "countermeasures", "选派指导员");
        long gap = Registry.createOrg("缺项公司", LUOXIONG, 10, 0, "notPlannedReason", "无党员");
        Registry.createOrg("注销公司", LUOXIONG, 10, 3, "status", "CLOSED", "plannedFormationOn", today.minusDays(3).toString());
        given().get("/api/organizations/{id}", gap).then().body("countermeasures", equalTo(null));

        JsonPath p = given().queryParam("township", LUOXIONG).get("/api/plans/timetable").then().statusCode(200).extract().jsonPath();
        List<Long> planned = p.getList("months.organizations.flatten().id", Long.class);
        assertEquals(List.of(late, due, next), planned, "by date; the covered and the closed are no blank spots");
        assertEquals(YearMonth.from(today.plusMonths(1)).toString(), p.getString("months[-1].month"));
        assertEquals(List.of(late), p.getList("overdue.id", Long.class), "the planned day itself is not late yet");
        assertEquals(List.of(gap), p.getList("dataGaps.organization.id", Long.class));
        assertEquals(List.of("responsible", "countermeasures"), p.getList("dataGaps[0].missing"));

        byte[] xlsx = given().queryParam("township", LUOXIONG).get("/api/plans/timetable.xlsx").then().statusCode(200)
                .extract().asByteArray();
        try (ReadableWorkbook wb = new ReadableWorkbook(new ByteArrayInputStream(xlsx))) {
            List<Row> rows = wb.getFirstSheet().read();
            assertEquals(4, rows.size() - 2, "three plans and one data gap");
            assertEquals("已过计划时间,仍未组建", rows.get(2).getCellText(7));
            assertEquals("未定计划,缺少:责任人、工作措施", rows.get(5).getCellText(7));
            assertEquals(org.dhatim.fastexcel.reader.CellType.EMPTY, rows.get(5).getCell(6).getType(), "no planned day");
        }

        Document township = Jsoup.parse(given().accept("text/html").get("/townships/" + LUOXIONG).asString());
        assertEquals(1, township.select("#overdue-plans tr.overdue[data-org=" + late + "]").size());
        assertEquals(1, township.select("#overdue-plans tr").size() - 1);
        assertTrue(township.select("#charts svg").size() >= 1, "the township's line beside the county's");
        Document page = Jsoup.parse(given().accept("text/html").get("/plans/timetable?township=" + LUOXIONG).asString());
        assertEquals(1, page.select("#timetable tr.overdue").size());
        assertEquals(2, page.select("#data-gaps span[data-missing]").size());
    }

    /** 55 plans: the page shows 50 in the API's order and the next page the other 5; 7 planless blank spots fold after 5. */
    @Test
    void theTimetableComesFiftyPlansAPageAndItsGapsFold() {
        Registry.clear(dataSource);
        LocalDate today = LocalDate.now(ZoneId.of("Asia/Shanghai"));
        for (int i = 0; i < 55; i++) {
            Registry.createOrg(String.format("计划%02d公司", i), LUOXIONG, 40, 4, "plannedFormationOn",
                    today.plusDays(i * 5L).toString(), "responsible", "张三", "notPlannedReason", "无");
        }
        for (int i = 0; i < 7; i++) {
            Registry.createOrg(String.format("无计划%02d公司", i), LUOXIONG, 40, 4);
        }
        List<Long> planned = given().get("/api/plans/timetable").jsonPath().getList("months.organizations.flatten().id", Long.class);
        assertEquals(55, planned.size());
        Document first = Jsoup.parse(given().accept("text/html").get("/plans/timetable").asString());
        assertEquals(planned.subList(0, 50), first.select("#timetable tr[data-org]").eachAttr("data-org").stream().map(Long::valueOf).toList());
        assertEquals("第 1–50 个,共 55 个", first.selectFirst("#timetable-pages span").text());
        assertEquals("/plans/timetable?page=1", first.selectFirst("#page-next").attr("href"));
        Document second = Jsoup.parse(given().accept("text/html").queryParam("page", 1).get("/plans/timetable").asString());
        assertEquals(planned.subList(50, 55), second.select("#timetable tr[data-org]").eachAttr("data-org").stream().map(Long::valueOf).toList());
        assertEquals(null, second.selectFirst("#page-next"));
        // a month split across two pages is named on both
        assertEquals(second.select("#timetable tr[data-org]").first().attr("data-month"),
                YearMonth.from(LocalDate.parse(given().get("/api/organizations/{id}", planned.get(50)).jsonPath()
                        .getString("plannedFormationOn"))).toString());

        assertEquals(5, first.select("#data-gaps tr[data-org]").size());
        assertEquals("/plans/timetable?gaps=all#data-gaps", first.selectFirst("#gaps-more a").attr("href"));
        Document gaps = Jsoup.parse(given().accept("text/html").queryParam("gaps", "all").get("/plans/timetable").asString());
        assertEquals(7, gaps.select("#data-gaps tr[data-org]").size());
        assertEquals(null, gaps.selectFirst("#gaps-more"));
    }
}
