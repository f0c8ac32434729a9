package cn.liangxin.report;

import cn.liangxin.testsupport.Registry;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import cn.liangxin.organization.Kind;
import org.dhatim.fastexcel.reader.ReadableWorkbook;
import org.dhatim.fastexcel.reader.ReadingOptions;
import org.dhatim.fastexcel.reader.Row;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static cn.liangxin.testsupport.Registry.JIULONG;
import static cn.liangxin.testsupport.Registry.LUOXIONG;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** The data-quality score of a small fixture, computed by hand. */
@QuarkusTest
class QualityTest {

    @Inject
    AgroalDataSource dataSource;

    private void sql(String statement) {
        cn.liangxin.testsupport.Registry.sql(dataSource, statement);
    }

    @Test
    void aTownshipsScoreIsTheWeightedMeanOfItsComponents() {
        Registry.clear(dataSource);
        sql("truncate register_import, register_row");
        // 罗雄街道: four active organizations, all blank spots. 甲 is an enterprise whose USCC begins 52 (a
        // private non-enterprise unit's): an open warning. 乙's 91 fits its kind: none.
        long jia = Registry.createOrg("质量甲公司", LUOXIONG, 20, 0, "ownerAttitude", "SUPPORTIVE", "plannedFormationOn", "2027-06-01",
                "kind", "ENTERPRISE", "uscc", "52530324MJ0000001H");
        Registry.createOrg("质量乙公司", LUOXIONG, 20, 0, "ownerAttitude", "NEUTRAL", "notPlannedReason", "业主常年在外",
                "responsible", "李明", "countermeasures", "先派指导员", "uscc", "91530324MA00000023");
        Registry.createOrg("质量丙公司", LUOXIONG, 2, 3);
        long stale = Registry.createOrg("质量丁公司", LUOXIONG, 8, 0);
        sql("update organization set updated_at = now() - interval '13 months' where id = " + stale);

        JsonPath q = given().queryParam("township", LUOXIONG).get("/api/reports/quality").then().statusCode(200)
                .extract().jsonPath();
        String t = "townships[0].components.";
        // completeness 2/4 (甲 planned, 乙 reason+responsible+countermeasures), freshness 3/4, no register,
        // warnings: 丙 has more members than staff, 甲's USCC does not fit its kind → 2/4 without one
        assertEquals(2, q.getInt(t + "completeness.numerator"));
        assertEquals(4, q.getInt(t + "completeness.denominator"));
        assertEquals(3, q.getInt(t + "freshness.numerator"));
        assertNull(q.get(t + "registerCoverage.rate"));
        assertEquals(2, q.getInt(t + "noWarnings.numerator"));
        assertEquals(4, q.getInt(t + "noWarnings.denominator"));
        // weights completeness 40, freshness 20, register 25 (absent), no warnings 15:
        // (40 × 0.5 + 20 × 0.75 + 15 × 0.5) / 75 = 42.5 / 75 = 56.67 → 57
        assertEquals(57, q.getInt("townships[0].score"));
        // the same warning the organization's own record gives
        given().get("/api/organizations/{id}", jia).then().statusCode(200)
                .body("warnings.field", org.hamcrest.Matchers.hasItem("uscc"));
        // the organization's page gives the same warning the score counts

        // a market register: 2 active lines of 罗雄街道, one of them in the registry → register coverage 1/2
        String csv = "企业名称,登记状态,住所\r\n质量甲公司,存续,罗平县罗雄街道\r\n质量戊公司,存续,罗平县罗雄街道\r\n"
                + "质量己公司,注销,罗平县罗雄街道\r\n";
        given().multiPart("file", "q.csv", csv.getBytes(StandardCharsets.UTF_8), "text/csv").multiPart("source", "MARKET")
                .post("/api/registers").then().statusCode(201);
        JsonPath r = given().queryParam("township", LUOXIONG).get("/api/reports/quality").jsonPath();
        assertEquals(1, r.getInt(t + "registerCoverage.numerator"));
        assertEquals(2, r.getInt(t + "registerCoverage.denominator"));
        // (40 × 0.5 + 20 × 0.75 + 25 × 0.5 + 15 × 0.5) / 100 = (20 + 15 + 12.5 + 7.5) / 100 = 55
        assertEquals(55, r.getInt("townships[0].score"));
        // the township page says it, with its components
        org.jsoup.nodes.Element line = org.jsoup.Jsoup.parse(given().accept("text/html").get("/townships/" + LUOXIONG).asString())
                .selectFirst("#quality");
        assertEquals("55", line.attr("data-score"));
        assertEquals("/api/reports/quality.xlsx?township=" + LUOXIONG, line.selectFirst("a").attr("href"));
        org.junit.jupiter.api.Assertions.assertTrue(line.text().contains("空白点信息完整 2/4") && line.text().contains("名录已在库 1/2"),
                line.text());
        // a township without organizations has nothing to score
        assertNull(given().queryParam("township", JIULONG).get("/api/reports/quality").jsonPath().get("townships[0].score"));

        // the workbook holds the JSON's numbers, line by line and in the total
        JsonPath county = given().get("/api/reports/quality").then().statusCode(200).extract().jsonPath();
        var download = given().get("/api/reports/quality.xlsx").then().statusCode(200);
        org.junit.jupiter.api.Assertions.assertTrue(download.extract().header("Content-Disposition")
                .contains(java.net.URLEncoder.encode("两新组织数据质量评分", StandardCharsets.UTF_8)));
        List<Row> rows = rows(download.extract().asByteArray());
        org.junit.jupiter.api.Assertions.assertTrue(rows.get(0).getCellText(0).contains("两新组织数据质量评分表"),
                rows.get(0).getCellText(0));
        assertEquals(List.of("序号", "乡镇(街道)", "数据质量得分", "信息完整的空白点", "空白点", "空白点信息完整率"),
                List.of(rows.get(1).getCellText(0), rows.get(1).getCellText(1), rows.get(1).getCellText(3),
                        rows.get(1).getCellText(4), rows.get(1).getCellText(5), rows.get(1).getCellText(6)));
        int lines = county.getList("townships").size();
        assertEquals(lines + 3, rows.size(), "title, header, a line per township, the total");
        for (int i = 0; i <= lines; i++) {
            String path = i < lines ? "townships[" + i + "]" : "total";
            Row row = rows.get(2 + i);
            assertEquals(county.getString(path + ".name"), row.getCellText(1));
            assertEquals(county.getString(path + ".code"), row.getCellText(2));
            assertEquals(county.get(path + ".score") == null ? null : new BigDecimal(county.getString(path + ".score")),
                    number(row, 3), path);
            int col = 4;
            for (String k : Quality.COMPONENTS) {
                String c = path + ".components." + k;
                assertEquals(new BigDecimal(county.getString(c + ".numerator")), number(row, col++), c);
                assertEquals(new BigDecimal(county.getString(c + ".denominator")), number(row, col++), c);
                BigDecimal rate = number(row, col++);
                if (county.get(c + ".rate") == null) {
                    assertNull(rate, c);
                } else {
                    assertEquals(0, new BigDecimal(county.getString(c + ".rate")).compareTo(rate), c);
                }
            }
        }
        Row lx = rows.stream().filter(x -> x.getCellCount() > 2 && LUOXIONG.equals(x.getCellText(2))).findFirst().orElseThrow();
        assertEquals(new BigDecimal(55), number(lx, 3), "the hand-computed score, in the workbook");

        // the overview shows each township's score, linking to its quality box
        org.jsoup.nodes.Element cell = org.jsoup.Jsoup.parse(given().accept("text/html").get("/").asString())
                .selectFirst("#coverage tr[data-township=" + LUOXIONG + "] td[data-col=quality]");
        assertEquals("55", cell.text());
        assertEquals("数据质量得分", cell.attr("data-label"));
        assertEquals("/townships/" + LUOXIONG + "#quality", cell.selectFirst("a").attr("href"));
    }

    /** A cell's number, or null when the cell is empty or absent. */
    private static BigDecimal number(Row row, int column) {
        if (column >= row.getCellCount() || row.getCell(column) == null
                || row.getCell(column).getType() == org.dhatim.fastexcel.reader.CellType.EMPTY) {
            return null;
        }
        return row.getCellAsNumber(column).orElse(null);
    }

    private static List<Row> rows(byte[] file) {
        try (ReadableWorkbook wb = new ReadableWorkbook(new java.io.ByteArrayInputStream(file), new ReadingOptions(true, false))) {
            return wb.getFirstSheet().read();
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Inject
    jakarta.persistence.EntityManager em;

    /** The SQL that counts USCCs not fitting the kind says what the organization's warning says, for every kind. */
    @Test
    @jakarta.transaction.Transactional
    void theCountedKindDisagreementIsTheWarningsOwn() {
        List<String> prefixes = List.of("91", "92", "93", "94", "51", "52", "53", "59", "31", "32", "N1", "11", "21", "41",
                "A1", "Y1", "71");
        StringBuilder values = new StringBuilder();
        for (Kind k : Kind.values()) {
            for (String p : prefixes) {
                values.append(values.isEmpty() ? "" : ", ").append("('").append(k.name()).append("', '").append(p)
                        .append("530324MA0000001X')");
            }
        }
        List<?> out = em.createNativeQuery("select k, u, " + Kind.disagreementSql("k", "u") + " from (values " + values
                + ") t(k, u) order by k, u").getResultList();
        assertEquals(Kind.values().length * prefixes.size(), out.size());
        for (Object o : out) {
            Object[] r = (Object[]) o;
            Kind k = Kind.valueOf((String) r[0]);
            assertEquals(!k.agreesWith((String) r[1]), r[2], k + " " + r[1]);
        }
        assertEquals(false, em.createNativeQuery("select " + Kind.disagreementSql("'ENTERPRISE'", "cast(null as text)"))
                .getSingleResult(), "no USCC: nothing to disagree with");
    }
}
