package cn.liangxin.report;

import cn.liangxin.testsupport.Registry;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

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
        try (var c = dataSource.getConnection(); var s = c.createStatement()) {
            s.execute(statement);
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void aTownshipsScoreIsTheWeightedMeanOfItsComponents() {
        Registry.clear(dataSource);
        sql("delete from register_import");
        // 罗雄街道: four active organizations, all blank spots
        Registry.createOrg("质量甲公司", LUOXIONG, 20, 0, "ownerAttitude", "SUPPORTIVE", "plannedFormationOn", "2027-06-01");
        Registry.createOrg("质量乙公司", LUOXIONG, 20, 0, "ownerAttitude", "NEUTRAL", "notPlannedReason", "业主常年在外",
                "responsible", "李明", "countermeasures", "先派指导员");
        Registry.createOrg("质量丙公司", LUOXIONG, 2, 3);
        long stale = Registry.createOrg("质量丁公司", LUOXIONG, 8, 0);
        sql("update organization set updated_at = now() - interval '13 months' where id = " + stale);

        JsonPath q = given().queryParam("township", LUOXIONG).get("/api/reports/quality").then().statusCode(200)
                .extract().jsonPath();
        String t = "townships[0].components.";
        // completeness 2/4 (甲 planned, 乙 reason+responsible+countermeasures), freshness 3/4, no register,
        // warnings: 丙 has more members than staff → 3/4
        assertEquals(2, q.getInt(t + "completeness.numerator"));
        assertEquals(4, q.getInt(t + "completeness.denominator"));
        assertEquals(3, q.getInt(t + "freshness.numerator"));
        assertNull(q.get(t + "registerCoverage.rate"));
        assertEquals(3, q.getInt(t + "noWarnings.numerator"));
        // (40 × 0.5 + 20 × 0.75 + 15 × 0.75) / 75 = 46.25 / 75 = 61.67 → 62
        assertEquals(62, q.getInt("townships[0].score"));

        // a market register: 2 active lines of 罗雄街道, one of them in the registry → register coverage 1/2
        String csv = "企业名称,登记状态,住所\r\n质量甲公司,存续,罗平县罗雄街道\r\n质量戊公司,存续,罗平县罗雄街道\r\n"
                + "质量己公司,注销,罗平县罗雄街道\r\n";
        given().multiPart("file", "q.csv", csv.getBytes(StandardCharsets.UTF_8), "text/csv").multiPart("source", "MARKET")
                .post("/api/registers").then().statusCode(201);
        JsonPath r = given().queryParam("township", LUOXIONG).get("/api/reports/quality").jsonPath();
        assertEquals(1, r.getInt(t + "registerCoverage.numerator"));
        assertEquals(2, r.getInt(t + "registerCoverage.denominator"));
        // (20 + 15 + 25 × 0.5 + 11.25) / 100 = 58.75 → 59
        assertEquals(59, r.getInt("townships[0].score"));
        // the township page says it, with its components
        org.jsoup.nodes.Element line = org.jsoup.Jsoup.parse(given().accept("text/html").get("/townships/" + LUOXIONG).asString())
                .selectFirst("#quality");
        assertEquals("59", line.attr("data-score"));
        org.junit.jupiter.api.Assertions.assertTrue(line.text().contains("空白点信息完整 2/4") && line.text().contains("名录已在库 1/2"),
                line.text());
        // a township without organizations has nothing to score
        assertNull(given().queryParam("township", JIULONG).get("/api/reports/quality").jsonPath().get("townships[0].score"));
    }
}
