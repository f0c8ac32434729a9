package cn.liangxin.ops;

import cn.liangxin.testsupport.Registry;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static cn.liangxin.testsupport.Registry.BANQIAO;
import static cn.liangxin.testsupport.Registry.LUOXIONG;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
class MetricsTest {

    /** /q/metrics on the management interface (its own port, loopback only). */
    @TestHTTPResource(value = "metrics", management = true)
    URL metrics;

    @Inject
    AgroalDataSource dataSource;

    @Inject
    RegistryGauges gauges;

    @BeforeEach
    void clear() {
        Registry.clear(dataSource);
    }

    @Test
    void metricsAreNotOnThePublicPort() {
        given().auth().none().get("/q/metrics").then().statusCode(401);
        // signed in, the public port still has no metrics: they live on the management interface only
        given().get("/q/metrics").then().statusCode(404);
        given().auth().none().get("/q/health/ready").then().statusCode(200);
        assertTrue(scrape().contains("http_server_requests_seconds_count"), "request timings are exported");
    }

    @Test
    void surveyUploadsCountRowsRejectedRowsAndTimePerFormat() {
        String before = scrape();
        String csv = header() + "\r\n"
                + "指标甲公司,,企业,罗雄街道,,,,C,否,正常,20,3,,,,否,,无,未建立,,,,,,,\r\n"
                + "指标乙公司,,企业,罗雄街道,,,,C,否,正常,8,0,,,,否,,无,未建立,,,,,,,\r\n"
                + "指标丙公司,,企业,罗雄街道,,,,C,否,正常,十二,1,,,,否,,无,未建立,,,,,,,\r\n";
        given().multiPart("file", "指标.csv", csv.getBytes(StandardCharsets.UTF_8), "text/csv")
                .post("/api/surveys/imports").then().statusCode(201);
        given().multiPart("file", "空.csv", new byte[0], "text/csv").post("/api/surveys/imports").then().statusCode(400);
        String after = scrape();

        String csvTag = "format=\"csv\"";
        assertEquals(3, value(after, "liangxin_survey_import_rows_total", csvTag)
                - value(before, "liangxin_survey_import_rows_total", csvTag));
        assertEquals(1, value(after, "liangxin_survey_import_rows_rejected_total", csvTag)
                - value(before, "liangxin_survey_import_rows_rejected_total", csvTag));
        assertEquals(1, value(after, "liangxin_survey_import_duration_seconds_count", csvTag)
                - value(before, "liangxin_survey_import_duration_seconds_count", csvTag));
        assertTrue(value(after, "liangxin_survey_import_duration_seconds_sum", csvTag)
                > value(before, "liangxin_survey_import_duration_seconds_sum", csvTag));
        assertEquals(0, value(after, "liangxin_survey_import_rows_total", "format=\"xlsx\""),
                "other formats are listed, at 0");
        assertTrue(after.lines().anyMatch(l -> l.startsWith("liangxin_survey_import_refused_total{")
                && !l.endsWith(" 0.0")), "the empty file counts as refused:\n" + after);
    }

    @Test
    void blankSpotGaugeAgreesWithTheCoverageReport() {
        long covered = Registry.createOrg("指标有支部公司", LUOXIONG, 30, 4);
        Registry.createParty("指标有支部公司党支部", LUOXIONG, "BRANCH", "INDEPENDENT", List.of(covered));
        Registry.createOrg("指标空白一", LUOXIONG, 60, 5);
        long second = Registry.createOrg("指标空白二", BANQIAO, 10, 1);
        long third = Registry.createOrg("指标空白三", BANQIAO, 5, 0);
        Registry.createOrg("指标已注销", BANQIAO, 5, 0, "status", "CLOSED");

        gauges.refresh();
        String text = scrape();
        long report = given().get("/api/reports/coverage").then().statusCode(200).extract().jsonPath()
                .getLong("total.blankSpots");
        assertEquals(3, report);
        assertEquals(report, value(text, "liangxin_blank_spots", "county=\"530324\""));
        assertEquals(4, value(text, "liangxin_organizations_active", "county=\"530324\""));

        // a joint branch covers two of them: the gauge follows at the next count
        Registry.createParty("指标联合支部", BANQIAO, "BRANCH", "JOINT", List.of(second, third));
        gauges.refresh();
        assertEquals(1, given().get("/api/reports/coverage").jsonPath().getLong("total.blankSpots"));
        assertEquals(1, value(scrape(), "liangxin_blank_spots", "county=\"530324\""));
    }

    /** The header line of the shipped survey form. */
    private static String header() {
        try {
            String first = java.nio.file.Files.readAllLines(java.nio.file.Path.of("survey-templates/摸底登记表.csv")).get(0);
            return first.replace("\uFEFF", "");
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private String scrape() {
        return given().auth().none().get(metrics).then().statusCode(200).extract().asString();
    }

    /** The value of the sample of a metric whose labels include the given one. */
    static double value(String text, String metric, String label) {
        Pattern p = Pattern.compile("^" + Pattern.quote(metric) + "\\{([^}]*)\\} (\\S+)$", Pattern.MULTILINE);
        Matcher m = p.matcher(text);
        while (m.find()) {
            if (List.of(m.group(1).split(",")).contains(label)) {
                return Double.parseDouble(m.group(2));
            }
        }
        throw new AssertionError("no " + metric + "{" + label + "} in\n" + text);
    }
}
