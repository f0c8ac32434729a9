package cn.liangxin.report;

import cn.liangxin.testsupport.QujingScope;
import cn.liangxin.testsupport.Registry;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** With several counties in scope, {@code county=} narrows the reports to one of them. */
@QuarkusTest
@TestProfile(QujingScope.class)
class CountyReportTest {

    static final String QILIN = "530302";
    static final String NANNING = "530302001";

    @Inject
    AgroalDataSource dataSource;

    @BeforeEach
    void load() {
        Registry.clear(dataSource);
        Registry.createOrg("南宁街道甲公司", NANNING, 120, 4);
        Registry.createOrg("南宁街道乙公司", NANNING, 30, 0);
        Registry.createOrg("罗雄街道丙公司", Registry.LUOXIONG, 60, 1);
    }

    @Test
    void coverageOfOneCounty() {
        given().get("/api/reports/coverage?county=" + QILIN).then().statusCode(200)
                .body("total.code", equalTo(QILIN))
                .body("total.name", equalTo("麒麟区"))
                .body("total.organizations", equalTo(2))
                .body("total.shouldForm", equalTo(1))
                .body("townships.code", everyItem(startsWith(QILIN)))
                .body("townships.find { it.code == '" + NANNING + "' }.organizations", equalTo(2));
        given().get("/api/reports/coverage?county=530324").then().statusCode(200)
                .body("total.organizations", equalTo(1))
                .body("townships", hasSize(13));
        given().get("/api/reports/coverage").then().statusCode(200)
                .body("total.organizations", equalTo(3))
                .body("townships.code", hasItems(NANNING, Registry.LUOXIONG));
    }

    @Test
    void blankSpotsOfOneCounty() {
        given().get("/api/reports/blank-spots?county=" + QILIN).then().statusCode(200)
                .body("$", hasSize(2))
                .body("name", contains("南宁街道甲公司", "南宁街道乙公司"));
        given().get("/api/reports/blank-spots?county=530324").then().statusCode(200)
                .body("name", contains("罗雄街道丙公司"));
        String csv = given().get("/api/reports/blank-spots.csv?county=530324").then().statusCode(200).extract().asString();
        assertTrue(csv.contains("罗雄街道丙公司") && !csv.contains("南宁街道"), csv);
    }

    @Test
    void theOverviewPageOfOneCounty() {
        Document page = Jsoup.parse(given().get("/?county=" + QILIN).then().statusCode(200).extract().asString());
        assertTrue(page.selectFirst("h1").text().startsWith("麒麟区"), page.selectFirst("h1").text());
        assertTrue(page.select("#coverage tr[data-township]").stream().map(tr -> tr.attr("data-township"))
                .allMatch(code -> code.equals("total") || code.startsWith(QILIN)));
        assertEquals("2", page.selectFirst("tr[data-township=total] td[data-col=organizations]").text());
        assertEquals("/blank-spots?county=" + QILIN, page.select(".actions a").get(3).attr("href"));
        Document ledger = Jsoup.parse(given().get("/blank-spots?county=" + QILIN).then().statusCode(200).extract().asString());
        assertEquals(java.util.List.of("南宁街道甲公司", "南宁街道乙公司"), ledger.select("#blank-spots [data-col=name]").eachText());
        assertEquals("/print/blank-spots?county=" + QILIN, ledger.selectFirst(".actions a").attr("href"));
        Document print = Jsoup.parse(given().get("/print/blank-spots?county=" + QILIN).then().statusCode(200)
                .extract().asString());
        assertTrue(print.text().contains("南宁街道甲公司") && !print.text().contains("罗雄街道丙公司"));
    }

    @Test
    void theRegionOverviewScoresEachCountyAsItsOwnQualityReportDoes() throws java.sql.SQLException {
        // 麒麟区: one of its two blank spots has its survey fields filled; 罗平县: its one is out of date
        try (var c = dataSource.getConnection(); var s = c.createStatement()) {
            s.execute("update organization set owner_attitude = 'SUPPORTIVE', planned_formation_on = date '2027-06-01'"
                    + " where name = '南宁街道甲公司'");
            s.execute("update organization set updated_at = now() - interval '13 months' where name = '罗雄街道丙公司'");
        }
        Document page = Jsoup.parse(given().get("/").then().statusCode(200).extract().asString());
        java.util.Set<Integer> seen = new java.util.HashSet<>();
        for (String county : java.util.List.of(QILIN, "530324")) {
            int score = given().get("/api/reports/quality?county=" + county).then().statusCode(200)
                    .extract().jsonPath().getInt("total.score");
            org.jsoup.nodes.Element cell = page.selectFirst("tr[data-county=" + county + "] td[data-col=quality]");
            assertTrue(cell != null, page.select("table").toString());
            assertEquals(String.valueOf(score), cell.text(), county);
            seen.add(score);
        }
        assertEquals(2, seen.size(), "the fixture gives the two counties different scores");
        int region = given().get("/api/reports/quality").then().statusCode(200).extract().jsonPath().getInt("total.score");
        assertEquals(String.valueOf(region), page.selectFirst("tr.total td[data-col=quality]").text());
    }

    @Inject
    io.quarkus.qute.Engine engine;

    /** The overview's lines, written in Java, escape text as the templates do. */
    @Test
    void theOverviewsCellsEscapeAsTheTemplatesDo() {
        String text = "甲&乙 <b>\"丙\"</b> '丁' &amp; 戊";
        assertEquals(engine.parse("{x}", io.quarkus.qute.Variant.forContentType(io.quarkus.qute.Variant.TEXT_HTML))
                .data("x", text).render(), ReportPages.html(text));
        assertEquals("罗平县", ReportPages.html("罗平县"));
    }

    @Test
    void aTownshipsChartComparesItWithItsOwnCounty() {
        long covered = Registry.createOrg("罗雄街道丁公司", Registry.LUOXIONG, 40, 5);
        Registry.createParty("罗雄街道丁公司党支部", Registry.LUOXIONG, "BRANCH", "INDEPENDENT", java.util.List.of(covered));
        Document page = Jsoup.parse(given().get("/townships/" + NANNING).then().statusCode(200).extract().asString());
        String year = String.valueOf(java.time.LocalDate.now(cn.liangxin.time.Days.ZONE).getYear());
        // 麒麟区: 0 of 2 covered; both counties together would be 1 of 4
        org.jsoup.nodes.Element county = page.selectFirst("#charts circle[data-series=麒麟区][data-year=" + year + "]");
        assertTrue(county != null, page.select("#charts circle").toString());
        assertEquals(0, new java.math.BigDecimal(county.attr("data-value")).signum());
        Document luoxiong = Jsoup.parse(given().get("/townships/" + Registry.LUOXIONG).then().statusCode(200).extract().asString());
        assertEquals(0, new java.math.BigDecimal("0.5").compareTo(new java.math.BigDecimal(luoxiong
                .selectFirst("#charts circle[data-series=罗平县][data-year=" + year + "]").attr("data-value"))));
    }

    @ParameterizedTest
    @ValueSource(strings = {"110101", "5303", "530399", "abc", "530302001"})
    void aCountyOutsideTheScopeIsRefused(String county) {
        for (String path : new String[]{"/api/reports/coverage", "/api/reports/blank-spots", "/api/reports/coverage.csv"}) {
            given().get(path + "?county=" + county).then().statusCode(400)
                    .body("errors[0].field", equalTo("county"))
                    .body("errors[0].message", containsString(county));
        }
    }

    @Test
    void aTownshipOfAnotherCountyIsRefused() {
        given().get("/api/reports/coverage?county=" + QILIN + "&township=" + Registry.LUOXIONG).then().statusCode(400)
                .body("errors[0].field", equalTo("township"));
        given().get("/api/reports/coverage?county=" + QILIN + "&township=" + NANNING).then().statusCode(200)
                .body("townships", hasSize(1));
    }
}
