package cn.liangxin.web;

import cn.liangxin.testsupport.Registry;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every file download names itself twice (RFC 6266): an ASCII {@code filename} for old browsers and
 * the Chinese name as {@code filename*=UTF-8''…} (RFC 5987), both with the same extension.
 */
@QuarkusTest
class DownloadsTest {

    /** The header as it must read: a quoted printable-ASCII name, then the percent-encoded UTF-8 one. */
    private static final Pattern DISPOSITION = Pattern.compile(
            "attachment; filename=\"([\\x20-\\x7e&&[^\"\\\\]]+)\"; filename\\*=UTF-8''([A-Za-z0-9!#$&+\\-.^_`|~%]+)");

    @Test
    void everyDownloadOfTheApiCarriesBothNames() {
        Map<String, Object> paths = given().queryParam("format", "json").get("/q/openapi").jsonPath().getMap("paths");
        List<String> downloads = new ArrayList<>();
        for (String p : paths.keySet()) {
            if (p.endsWith(".xlsx") || p.endsWith(".csv")) {
                downloads.add(p);
            }
        }
        assertTrue(downloads.size() >= 9, "the reports, plans, year-over-year and templates: " + downloads);
        String today = LocalDate.now(cn.liangxin.time.Days.ZONE).toString();
        for (String path : downloads) {
            String p = sample(path);
            String header = given().queryParam("township", Registry.LUOXIONG).get(p).then().statusCode(200)
                    .extract().header("Content-Disposition");
            Matcher m = DISPOSITION.matcher(header == null ? "" : header);
            assertTrue(m.matches(), p + ": " + header);
            String ascii = m.group(1);
            String named = URLDecoder.decode(m.group(2), StandardCharsets.UTF_8);
            String extension = p.substring(p.lastIndexOf('.'));
            assertTrue(ascii.endsWith(extension) && named.endsWith(extension), p + ": " + ascii + " / " + named);
            assertTrue(named.codePoints().anyMatch(c -> Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN),
                    p + ": a Chinese name, " + named);
            if (p.startsWith("/api/reports/coverage") || p.startsWith("/api/reports/blank-spots")) {
                assertTrue(named.startsWith("罗平县罗雄街道-") && named.endsWith("-" + today + extension), p + ": " + named);
                assertTrue(ascii.endsWith("-" + Registry.LUOXIONG + "-" + today + extension), p + ": " + ascii);
            }
        }
    }

    /**
     * The plans, the year's changes and the survey form are named like the reports: the county (or the
     * county and the township asked for), what the file is, and today in the counties' time; the ASCII
     * name carries the township's code and the same day.
     */
    @Test
    void plansChangesAndTheSurveyFormAreNamedWithTheirScopeAndDay() {
        String today = cn.liangxin.time.Days.today().toString();
        String year = String.valueOf(cn.liangxin.time.Days.today().getYear());
        Map<String, String[]> files = new java.util.LinkedHashMap<>();
        files.put("/api/plans/timetable.xlsx", new String[]{"组建时间表", "timetable"});
        files.put("/api/plans/joint-proposals.xlsx", new String[]{"联合组建建议", "joint-proposals"});
        files.put("/api/reports/year-over-year.xlsx", new String[]{year + "年度变化", "year-over-year-" + year});
        files.put("/api/surveys/template.xlsx", new String[]{"摸底登记表", "survey"});
        files.put("/api/surveys/template.csv", new String[]{"摸底登记表", "survey"});
        for (var f : files.entrySet()) {
            String path = f.getKey();
            String extension = path.substring(path.lastIndexOf('.'));
            String what = f.getValue()[0];
            String ascii = f.getValue()[1];

            String[] township = names(given().queryParam("township", Registry.LUOXIONG).get(path));
            assertEquals(ascii + "-" + Registry.LUOXIONG + "-" + today + extension, township[0], path + " of a township");
            assertEquals("罗平县罗雄街道-" + what + "-" + today + extension, township[1], path + " of a township");

            String[] county = names(given().get(path));
            assertEquals(ascii + "-" + today + extension, county[0], path + " of the county");
            assertEquals("罗平县-" + what + "-" + today + extension, county[1], path + " of the county");
        }
    }

    /** The ASCII name and the Chinese one of a download's header. */
    private static String[] names(io.restassured.response.Response r) {
        String header = r.then().statusCode(200).extract().header("Content-Disposition");
        Matcher m = DISPOSITION.matcher(header == null ? "" : header);
        assertTrue(m.matches(), header);
        return new String[]{m.group(1), URLDecoder.decode(m.group(2), StandardCharsets.UTF_8)};
    }

    /** A download path with its parameters filled by a record made for it; a new kind fails until it has one. */
    private static String sample(String path) {
        if (!path.contains("{")) {
            return path;
        }
        if (path.equals("/api/surveys/imports/{id}/rejected.xlsx")) {
            byte[] file = cn.liangxin.survey.SurveyImportTest.csv(StandardCharsets.UTF_8, true,
                    "下载名称检查公司,,企业,不存在的乡,,,,C,否,正常,20,1,,,,否,,无,未建立,,,,,,,");
            long id = given().multiPart("file", "check.csv", file, "text/csv").post("/api/surveys/imports").then()
                    .statusCode(201).extract().jsonPath().getLong("id");
            return path.replace("{id}", String.valueOf(id));
        }
        throw new AssertionError("no sample record for the download " + path + ": add one here");
    }

    @Test
    void aNameIsNeverCutShortByItsOwnCharacters() {
        String header = Downloads.disposition("a\"b\\c-台账.xlsx", "台账 *(新)'~.xlsx");
        Matcher m = DISPOSITION.matcher(header);
        assertTrue(m.matches(), header);
        assertEquals("a_b_c-__.xlsx", m.group(1));
        assertEquals("%E5%8F%B0%E8%B4%A6%20%2A%28%E6%96%B0%29%27%7E.xlsx", m.group(2));
        assertEquals("台账 *(新)'~.xlsx", URLDecoder.decode(m.group(2), StandardCharsets.UTF_8));
    }
}
