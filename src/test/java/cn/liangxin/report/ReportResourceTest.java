package cn.liangxin.report;

import cn.liangxin.testsupport.Registry;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.http.TestHTTPEndpoint;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.dhatim.fastexcel.reader.ReadableWorkbook;
import org.dhatim.fastexcel.reader.Row;
import org.dhatim.fastexcel.reader.Sheet;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static cn.liangxin.testsupport.Registry.BANQIAO;
import static cn.liangxin.testsupport.Registry.LUOXIONG;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
@TestHTTPEndpoint(ReportResource.class)
class ReportResourceTest {

    @Inject
    AgroalDataSource dataSource;

    CoverageFixture x;

    @BeforeEach
    void load() {
        Registry.clear(dataSource);
        x = CoverageFixture.load();
    }

    @Test
    void coverageTableMatchesTheHandCount() {
        JsonPath json = given().get("/coverage").then().statusCode(200).extract().jsonPath();
        assertEquals(13, json.getList("townships").size());

        Map<String, Object> luoxiong = row(json, LUOXIONG);
        assertEquals("罗雄街道", luoxiong.get("name"));
        assertRow(luoxiong, 6, 4, 2, 233, 65, 2, 2, 1, 1, 0, 1, 2, 3, 3, 1, 1, 1, 1, 0.5f);
        assertRow(row(json, BANQIAO), 2, 2, 0, 155, 3, 0, 1, 1, 0, 0, 1, 0, 1, 1, 0, 0, 1, 0, 0.5f);
        assertRow(row(json, "530324204"), 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0f);
        Map<String, Object> total = json.getMap("total");
        assertEquals("罗平县", total.get("name"));
        assertRow(total, 8, 6, 2, 388, 68, 2, 3, 2, 1, 0, 2, 2, 4, 4, 1, 1, 2, 1, 0.5f);
    }

    @Test
    void coverageOfOneTownship() {
        given().queryParam("township", "板桥镇").get("/coverage").then().statusCode(200)
                .body("townships", hasSize(1))
                .body("townships[0].code", equalTo(BANQIAO))
                .body("total.organizations", equalTo(2))
                .body("total.coverageRate", equalTo(0.5f));
        given().queryParam("township", "火星镇").get("/coverage").then().statusCode(400)
                .body("errors[0].field", equalTo("township"));
    }

    @Test
    void coverageRateIsRoundedToFourDecimals() {
        Registry.createOrg("癸饭店", BANQIAO, 4, 0, "kind", "INDIVIDUAL_BUSINESS");
        // 板桥镇: 1 covered of 3
        given().queryParam("township", BANQIAO).get("/coverage").then()
                .body("townships[0].coverageRate", equalTo(0.3333f));
    }

    @Test
    void blankSpotLedgerIsOrderedByCategoryThenMembers() {
        given().get("/blank-spots").then().statusCode(200)
                .body("organizationId", contains((int) x.b, (int) x.g, (int) x.e, (int) x.h))
                .body("category", contains("SHOULD_FORM", "FEW_MEMBERS", "NO_MEMBERS", "NO_MEMBERS"))
                .body("requiredForm", contains("BRANCH", "JOINT", "WORK_COVERAGE", "WORK_COVERAGE"))
                .body("[0].secretaryCandidate", equalTo(true))
                .body("[0].ownerAttitude", equalTo("SUPPORTIVE"))
                .body("[0].plannedFormationOn", equalTo("2027-03-01"))
                .body("[0].explanation", containsString("正式党员 4 人"))
                .body("[2].explanation", containsString("王芳"))
                .body("[3].explanation", containsString("尚未选派"));
        given().queryParam("township", BANQIAO).get("/blank-spots").then()
                .body("organizationId", contains((int) x.h))
                .body("[0].townshipCode", equalTo(BANQIAO));
    }

    @Test
    void coverageWorkbookHasTitleFrozenHeaderAndTheSameFigures() throws Exception {
        byte[] xlsx = given().get("/coverage.xlsx").then().statusCode(200)
                .contentType(ReportResource.XLSX)
                .header("Content-Disposition", containsString("filename*=UTF-8''"))
                .extract().asByteArray();
        try (ReadableWorkbook wb = new ReadableWorkbook(new ByteArrayInputStream(xlsx))) {
            Sheet sheet = wb.getFirstSheet();
            List<Row> rows = sheet.read();
            assertTrue(rows.get(0).getCellText(0).startsWith("罗平县两新组织党建工作覆盖情况统计表"), rows.get(0).getCellText(0));
            assertEquals("序号", rows.get(1).getCellText(0));
            assertEquals("乡镇(街道)", rows.get(1).getCellText(1));
            assertEquals("两新组织数", rows.get(1).getCellText(3));
            assertEquals(2 + 13 + 1, rows.size());
            Row luoxiong = rows.stream().filter(r -> LUOXIONG.equals(r.getCellText(2))).findFirst().orElseThrow();
            assertEquals("罗雄街道", luoxiong.getCellText(1));
            assertEquals(6, luoxiong.getCellAsNumber(3).orElseThrow().intValue());
            assertEquals(3, luoxiong.getCellAsNumber(16).orElseThrow().intValue()); // blank spots
            assertEquals(0, luoxiong.getCellAsNumber(21).orElseThrow().intValue()); // covered only nominally
            assertEquals(0.5, luoxiong.getCellAsNumber(22).orElseThrow().doubleValue(), 1e-9);
            Row total = rows.get(rows.size() - 1);
            assertEquals("", total.getCellText(0), "the total has no 序号");
            assertEquals("罗平县", total.getCellText(1));
            assertEquals(8, total.getCellAsNumber(3).orElseThrow().intValue());
        }
        assertTrue(new String(xlsx, 0, 2, StandardCharsets.ISO_8859_1).equals("PK"));
    }

    @Test
    void blankSpotWorkbookAndCsvListTheSameOrganizations() throws Exception {
        byte[] xlsx = given().queryParam("township", LUOXIONG).get("/blank-spots.xlsx").then().statusCode(200)
                .extract().asByteArray();
        try (ReadableWorkbook wb = new ReadableWorkbook(new ByteArrayInputStream(xlsx))) {
            List<Row> rows = wb.getFirstSheet().read();
            assertTrue(rows.get(0).getCellText(0).contains("罗雄街道"), rows.get(0).getCellText(0));
            assertTrue(rows.get(0).getCellText(0).contains("共 3 个"), rows.get(0).getCellText(0));
            assertEquals(List.of("乙建材有限公司", "庚职业培训学校", "戊物流有限公司"),
                    rows.subList(2, rows.size()).stream().map(r -> r.getCellText(2)).toList());
            assertEquals(List.of("1", "2", "3"), rows.subList(2, rows.size()).stream().map(r -> r.getCellText(0)).toList());
            assertEquals("应建未建", rows.get(2).getCellText(3));
        }
        byte[] csv = given().queryParam("township", LUOXIONG).get("/blank-spots.csv").then().statusCode(200)
                .contentType(startsWith("text/csv")).extract().asByteArray();
        assertEquals((byte) 0xEF, csv[0]);
        assertEquals((byte) 0xBB, csv[1]);
        assertEquals((byte) 0xBF, csv[2]);
        String[] lines = new String(csv, 3, csv.length - 3, StandardCharsets.UTF_8).split("\r\n");
        assertEquals(4, lines.length);
        assertTrue(lines[0].startsWith("乡镇(街道),组织名称,空白点类别"), lines[0]);
        assertTrue(lines[1].startsWith("罗雄街道,乙建材有限公司,应建未建,党支部,4,30,有,支持,2027-03-01"), lines[1]);
    }

    @Test
    void exportsNeverTurnANameIntoAFormula() throws Exception {
        String hostile = "=HYPERLINK(\"http://example.invalid\",\"点我\")";
        Registry.createOrg(hostile, LUOXIONG, 5, 3);
        Registry.createOrg("-1+1", LUOXIONG, 5, 3);
        byte[] csv = given().queryParam("township", LUOXIONG).get("/blank-spots.csv").then().statusCode(200)
                .extract().asByteArray();
        String text = new String(csv, 3, csv.length - 3, StandardCharsets.UTF_8);
        assertTrue(text.contains("\"'=HYPERLINK(\"\"http://example.invalid\"\",\"\"点我\"\")\""), text);
        assertTrue(text.contains(",'-1+1,"), text);
        byte[] xlsx = given().queryParam("township", LUOXIONG).get("/blank-spots.xlsx").then().statusCode(200)
                .extract().asByteArray();
        try (ReadableWorkbook wb = new ReadableWorkbook(new ByteArrayInputStream(xlsx))) {
            Row row = wb.getFirstSheet().read().stream().filter(r -> hostile.equals(r.getCellText(2))).findFirst()
                    .orElseThrow();
            assertEquals(org.dhatim.fastexcel.reader.CellType.STRING, row.getCell(2).getType());
        }
    }

    @Test
    void coverageCsvEndsWithTheTotal() {
        byte[] csv = given().get("/coverage.csv").then().statusCode(200).extract().asByteArray();
        String[] lines = new String(csv, 3, csv.length - 3, StandardCharsets.UTF_8).split("\r\n");
        assertEquals(1 + 13 + 1, lines.length);
        // … blank spots 4 (should form 1, few members 1, no members 2, of which 1 with an instructor), nominal 0, rate
        assertTrue(lines[14].startsWith("罗平县,530324,8,6,2,388,68,2,3,0,1,2,2,2,4,4,1,1,2,1,0,0.5000"), lines[14]);
    }

    private static Map<String, Object> row(JsonPath json, String code) {
        return json.getList("townships", Map.class).stream()
                .filter(r -> code.equals(r.get("code"))).findFirst().orElseThrow();
    }

    @SuppressWarnings("unchecked")
    private static void assertRow(Map<String, Object> r, int organizations, int economic, int social, int headcount,
                                  int formal, int probationary, int parties, int branches, int generalBranches,
                                  int committees, int independently, int jointly, int covered, int blank,
                                  int shouldForm, int fewMembers, int noMembers, int withInstructor, float rate) {
        String where = " of " + r.get("code");
        assertEquals(organizations, r.get("organizations"), "organizations" + where);
        assertEquals(economic, r.get("economic"), "economic" + where);
        assertEquals(social, r.get("social"), "social" + where);
        assertEquals(headcount, r.get("headcount"), "headcount" + where);
        assertEquals(formal, r.get("formalMembers"), "formalMembers" + where);
        assertEquals(probationary, r.get("probationaryMembers"), "probationaryMembers" + where);
        assertEquals(parties, r.get("partyOrganizations"), "partyOrganizations" + where);
        Map<String, Object> byLevel = (Map<String, Object>) r.get("partyOrganizationsByLevel");
        assertEquals(branches, byLevel.get("BRANCH"), "BRANCH" + where);
        assertEquals(generalBranches, byLevel.get("GENERAL_BRANCH"), "GENERAL_BRANCH" + where);
        assertEquals(committees, byLevel.get("COMMITTEE"), "COMMITTEE" + where);
        assertEquals(independently, r.get("coveredIndependently"), "coveredIndependently" + where);
        assertEquals(jointly, r.get("coveredJointly"), "coveredJointly" + where);
        assertEquals(covered, r.get("coveredOrganizations"), "coveredOrganizations" + where);
        assertEquals(blank, r.get("blankSpots"), "blankSpots" + where);
        assertEquals(shouldForm, r.get("shouldForm"), "shouldForm" + where);
        assertEquals(fewMembers, r.get("fewMembers"), "fewMembers" + where);
        assertEquals(noMembers, r.get("noMembers"), "noMembers" + where);
        assertEquals(withInstructor, r.get("noMembersWithInstructor"), "noMembersWithInstructor" + where);
        assertEquals(rate, ((Number) r.get("coverageRate")).floatValue(), 1e-6, "coverageRate" + where);
    }
}
