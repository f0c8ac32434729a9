package cn.liangxin.survey;

import cn.liangxin.testsupport.Forms;
import cn.liangxin.testsupport.Registry;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static cn.liangxin.testsupport.Registry.BANQIAO;
import static cn.liangxin.testsupport.Registry.LUOXIONG;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * A campaign counts each organization of its townships surveyed within its window once, whichever
 * way the survey came in: an upload naming the campaign or not, the phone form, ODK, offline entries.
 */
@QuarkusTest
class CampaignCountsTest {

    static final LocalDate TODAY = LocalDate.now(ZoneId.of("Asia/Shanghai"));
    static final String CLERK = "campaign-count-clerk" + System.nanoTime() % 1_000_000;
    static final String PASSWORD = "campaign-count-pw-1";

    @Inject
    AgroalDataSource dataSource;

    @BeforeEach
    void clear() {
        Registry.clear(dataSource);
        Registry.sql(dataSource, "truncate survey_campaign, survey_import cascade");
    }

    @Test
    void everyChannelCountsEachOrganizationOnceWithinTheWindowAndTownships() {
        long known = Registry.createOrg("罗雄老五金厂", LUOXIONG, 20, 0);
        Registry.createOrg("罗雄老商店", LUOXIONG, 5, 0);
        long campaign = campaign("冬季摸底", TODAY, TODAY.plusDays(30), List.of(LUOXIONG));
        // starts tomorrow: what is committed today lies before its window
        long tomorrow = campaign("明日摸底", TODAY.plusDays(1), TODAY.plusDays(30), List.of(LUOXIONG));
        // a window long past
        long past = campaign("往年摸底", LocalDate.of(2020, 11, 1), LocalDate.of(2020, 11, 30), List.of(LUOXIONG));
        assertCounts(campaign, LUOXIONG, 2, 0);
        assertNull(progress(campaign, LUOXIONG).get("lastCommitAt"));

        // an upload naming the campaign
        commit(upload(campaign, "上传甲公司"));
        assertCounts(campaign, LUOXIONG, 3, 1);
        assertEquals("IN_PROGRESS", progress(campaign, LUOXIONG).get("status"));
        assertNotNull(progress(campaign, LUOXIONG).get("lastCommitAt"));

        // an upload naming none, by the county
        commit(upload(null, "上传乙公司"));
        assertCounts(campaign, LUOXIONG, 4, 2);

        // the phone form
        String location = Forms.from("/surveys/form").redirects().follow(false)
                .formParam("name", "手机丙公司").formParam("kind", "企业").formParam("townshipCode", LUOXIONG)
                .formParam("status", "正常").formParam("headcount", "8").formParam("formalMembers", "1")
                .formParam("partyStatus", "未建立").post("/surveys/form").then().statusCode(303).extract().header("Location");
        commit(Long.parseLong(location.substring(location.lastIndexOf('/') + 1)));
        assertCounts(campaign, LUOXIONG, 5, 3);

        // ODK Collect, by the township's clerk
        given().contentType(ContentType.JSON).body(Map.of("username", CLERK, "password", PASSWORD,
                "roles", List.of("TOWNSHIP_STAFF"), "divisions", List.of(LUOXIONG))).post("/api/users").then().statusCode(201);
        String xml = "<data id=\"liangxin-survey-530324\"><name>ODK丁公司</name><kind>企业</kind><townshipCode>" + LUOXIONG
                + "</townshipCode><status>正常</status><headcount>7</headcount><formalMembers>0</formalMembers>"
                + "<partyStatus>未建立</partyStatus><meta><instanceID>uuid:campaign-count-odk-1</instanceID></meta></data>";
        given().auth().preemptive().basic(CLERK, PASSWORD)
                .multiPart("xml_submission_file", "submission.xml", xml.getBytes(StandardCharsets.UTF_8), "text/xml")
                .post("/openrosa/submission").then().statusCode(201);
        for (long odk : given().auth().preemptive().basic(CLERK, PASSWORD).queryParam("source", "ODK")
                .get("/api/surveys/imports").then().statusCode(200).extract().jsonPath().getList("id", Long.class)) {
            given().auth().preemptive().basic(CLERK, PASSWORD).post("/api/surveys/imports/{id}/commit", odk)
                    .then().statusCode(200);
        }
        assertCounts(campaign, LUOXIONG, 6, 4);

        // offline entries: a registry organization surveyed
        commit(entries(entry("campaign-count-1", known, values("罗雄老五金厂", LUOXIONG, 24, 1))));
        assertCounts(campaign, LUOXIONG, 6, 5);

        // the same organization surveyed again, through another channel: still once
        commit(entries(entry("campaign-count-2", known, values("罗雄老五金厂", LUOXIONG, 25, 1))));
        commit(upload(campaign, "上传甲公司"));
        assertCounts(campaign, LUOXIONG, 6, 5);

        // a survey of a township outside the campaign counts only once the township is in it
        commit(entries(entry("campaign-count-3", null, values("板桥丁公司", BANQIAO, 6, 0))));
        assertCounts(campaign, LUOXIONG, 6, 5);
        assertEquals(List.of(LUOXIONG), given().get("/api/surveys/campaigns/{id}/progress", campaign).jsonPath().getList("code"));
        given().contentType(ContentType.JSON).body(Map.of("name", "冬季摸底", "deadline", TODAY.plusDays(30).toString(),
                "townships", List.of(LUOXIONG, BANQIAO))).put("/api/surveys/campaigns/{id}", campaign).then().statusCode(200);
        assertCounts(campaign, LUOXIONG, 6, 5);
        assertCounts(campaign, BANQIAO, 1, 1);

        // outside the window: nothing of today
        assertCounts(tomorrow, LUOXIONG, 6, 0);
        assertEquals("NOT_STARTED", progress(tomorrow, LUOXIONG).get("status"));
        assertCounts(past, LUOXIONG, 6, 0);

        // an upload that names a campaign counts toward it, late or early, until it is closed
        commit(upload(past, "补报戊公司"));
        assertCounts(past, LUOXIONG, 7, 1);
        given().post("/api/surveys/campaigns/{id}/close", past).then().statusCode(200);
        commit(upload(past, "关闭后己公司"));
        assertCounts(past, LUOXIONG, 8, 1);
        assertCounts(campaign, LUOXIONG, 8, 7);
        // and closing one cuts its window short: what comes after no longer counts
        given().post("/api/surveys/campaigns/{id}/close", campaign).then().statusCode(200);
        commit(upload(null, "关闭后庚公司"));
        assertCounts(campaign, LUOXIONG, 9, 7);
    }

    @Test
    void theBoardShowsTheCountsOfEveryChannel() {
        long campaign = campaign("页面摸底", TODAY, TODAY.plusDays(10), List.of(LUOXIONG));
        commit(upload(null, "未选任务公司"));
        commit(entries(entry("campaign-board-1", null, values("离线公司", LUOXIONG, 3, 0))));
        org.jsoup.nodes.Document board = org.jsoup.Jsoup.parse(given().accept("text/html")
                .get("/surveys/campaigns/{id}", campaign).then().statusCode(200).extract().asString());
        assertEquals("2", board.selectFirst("tr[data-township=" + LUOXIONG + "] td[data-col=surveyedOrganizations]").text());
        assertEquals("100.00%", board.selectFirst("tr[data-township=" + LUOXIONG + "] td[data-col=reportingRate]").text());
    }

    private static long campaign(String name, LocalDate starts, LocalDate deadline, List<String> townships) {
        return given().contentType(ContentType.JSON).body(Map.of("name", name, "startsOn", starts.toString(),
                        "deadline", deadline.toString(), "townships", townships))
                .post("/api/surveys/campaigns").then().statusCode(201).extract().jsonPath().getLong("id");
    }

    private static long upload(Long campaign, String name) {
        byte[] file = SurveyImportTest.csv(StandardCharsets.UTF_8, true,
                name + ",,企业,罗雄街道,,,,C,否,正常,12,3,,,,否,,无,未建立,,,,,,,");
        var request = given().multiPart("file", "count.csv", file, "text/csv");
        if (campaign != null) {
            request.multiPart("campaignId", String.valueOf(campaign));
        }
        return request.post("/api/surveys/imports").then().statusCode(201).extract().jsonPath().getLong("id");
    }

    private static long entries(Map<String, Object> entry) {
        return given().contentType(ContentType.JSON).body(Map.of("entries", List.of(entry)))
                .post("/api/surveys/entries").then().statusCode(201).extract().jsonPath().getLong("importId");
    }

    private static void commit(long importId) {
        given().post("/api/surveys/imports/{id}/commit", importId).then().statusCode(200);
    }

    private static Map<String, String> values(String name, String township, int headcount, int members) {
        Map<String, String> v = new HashMap<>();
        v.put("name", name);
        v.put("kind", "企业");
        v.put("townshipCode", township);
        v.put("status", "正常");
        v.put("headcount", String.valueOf(headcount));
        v.put("formalMembers", String.valueOf(members));
        v.put("partyStatus", "未建立");
        return v;
    }

    private static Map<String, Object> entry(String clientId, Long registryId, Map<String, String> values) {
        Map<String, Object> e = new HashMap<>();
        e.put("clientId", clientId);
        if (registryId != null) {
            e.put("registryId", registryId);
        }
        e.put("values", values);
        return e;
    }

    private static Map<String, Object> progress(long campaign, String township) {
        JsonPath p = given().get("/api/surveys/campaigns/{id}/progress", campaign).then().statusCode(200).extract().jsonPath();
        return p.getMap("find { it.code == '" + township + "' }");
    }

    private static void assertCounts(long campaign, String township, int registry, int surveyed) {
        Map<String, Object> p = progress(campaign, township);
        assertEquals(registry, ((Number) p.get("registryOrganizations")).intValue(), "registry of " + township + ": " + p);
        assertEquals(surveyed, ((Number) p.get("surveyedOrganizations")).intValue(), "surveyed in " + township + ": " + p);
    }
}
