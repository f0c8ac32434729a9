package cn.liangxin.web;

import cn.liangxin.testsupport.Forms;
import cn.liangxin.testsupport.Registry;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.List;

import static cn.liangxin.testsupport.Registry.LUOXIONG;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * One rule for rates: the API's figure, the pages' percentage, the CSV's cell and a goal's status
 * agree for the same counts, two covered of three being 0.6666 and 66.66 % everywhere (cut, not
 * rounded up to 66.67 %), so that a goal of 66.67 % is shown unmet beside a figure below it and a goal
 * of 66.66 % met beside a figure that reaches it.
 */
@QuarkusTest
class RateAgreementTest {

    @Inject
    AgroalDataSource dataSource;

    @Test
    void twoOfThreeIsTheSameFigureOnEveryPageAndInTheApi() {
        Registry.clear(dataSource);
        long a = Registry.createOrg("比率甲公司", LUOXIONG, 40, 5);
        long b = Registry.createOrg("比率乙公司", LUOXIONG, 40, 5);
        Registry.createOrg("比率丙公司", LUOXIONG, 40, 5);
        Registry.createParty("比率甲公司党支部", LUOXIONG, "BRANCH", "INDEPENDENT", List.of(a));
        Registry.createParty("比率乙公司党支部", LUOXIONG, "BRANCH", "INDEPENDENT", List.of(b));

        String api = given().get("/api/reports/coverage").jsonPath().getString("total.coverageRate");
        assertEquals("0.6666", api, "two of three, cut to 4 decimals");

        Document overview = Jsoup.parse(given().accept("text/html").get("/").asString());
        assertEquals("66.66%", overview.selectFirst("#coverage tr[data-township=total] td[data-col=coverageRate]").text());
        Document township = Jsoup.parse(given().accept("text/html").get("/townships/" + LUOXIONG).asString());
        assertEquals("66.66%", township.selectFirst("#township-summary dd[data-col=coverageRate]").text());

        String csv = given().get("/api/reports/coverage.csv").asString();
        assertTrue(csv.contains(",0.6666"), csv);

        int year = LocalDate.now(cn.liangxin.time.Days.ZONE).getYear();
        for (String target : List.of("66.67", "66.66")) {
            Registry.sql(dataSource, "delete from goal");
            Forms.from("/goals").redirects().follow(false).formParam("year", String.valueOf(year))
                    .formParam("metric", "COVERAGE").formParam("scope", "COUNTY").formParam("target", target)
                    .post("/goals").then().statusCode(303);
            Document goals = Jsoup.parse(given().accept("text/html").queryParam("year", year).get("/goals").asString());
            Element section = goals.selectFirst("section.goal[data-metric=COVERAGE]");
            assertNotNull(section, goals.select("main").text());
            assertEquals("66.66%", section.selectFirst("tr[data-township=total] td[data-col=value]").text());
            String status = section.selectFirst("h2").text();
            if (target.equals("66.67")) {
                assertTrue(status.contains("未达到"), status);
                assertEquals("1", section.selectFirst("tr[data-township=total] td[data-col=shortBy]").text());
            } else {
                assertTrue(status.contains("已达到") && !status.contains("未达到"), status);
            }
        }
    }

    @Test
    void theRuleCutsAndNeverRoundsUp() {
        assertEquals("9.99%", cn.liangxin.rules.Rates.percent(cn.liangxin.rules.Rates.of(9_999, 100_000)));
        assertEquals("9.99%", cn.liangxin.rules.Rates.percent(cn.liangxin.rules.Rates.of(99_999, 1_000_000)));
        assertEquals("10.00%", cn.liangxin.rules.Rates.percent(cn.liangxin.rules.Rates.of(1, 10)));
        assertEquals("100.00%", cn.liangxin.rules.Rates.percent(cn.liangxin.rules.Rates.of(7, 7)));
        assertEquals("0.00%", cn.liangxin.rules.Rates.percent(cn.liangxin.rules.Rates.orZero(0, 0)));
        assertEquals(null, cn.liangxin.rules.Rates.of(3, 0));
        assertEquals("", cn.liangxin.rules.Rates.percent(null));
    }
}
