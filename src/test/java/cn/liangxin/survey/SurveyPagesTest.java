package cn.liangxin.survey;

import cn.liangxin.testsupport.Forms;
import cn.liangxin.testsupport.Registry;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static cn.liangxin.testsupport.Registry.LUOXIONG;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/** The clerk's way through the pages: upload, preview with the problems by cell, commit. */
@QuarkusTest
class SurveyPagesTest {

    @Inject
    AgroalDataSource dataSource;

    @Test
    void uploadPreviewCommit() {
        Registry.clear(dataSource);
        Response page = given().accept("text/html").get("/surveys");
        Element token = Jsoup.parse(page.asString()).selectFirst("form.edit input[name=csrf-token]");
        byte[] file = SurveyImportTest.csv(StandardCharsets.UTF_8, true,
                "页面上传公司,,企业,罗雄街道,,,,C,否,正常,12,3,,,,否,,无,未建立,,,,,,,",
                "错误公司,,企业,罗雄街道,,,,C,否,正常,很多,3,,,,否,,无,未建立,,,,,,,");
        String location = given().cookies(page.getCookies()).redirects().follow(false)
                .multiPart("file", "page.csv", file, "text/csv").multiPart("csrf-token", token.attr("value"))
                .post("/surveys/imports").then().statusCode(303).extract().header("Location");
        String path = location.replaceFirst("^https?://[^/]+", "");
        Response preview = given().accept("text/html").get(path);
        Document doc = Jsoup.parse(preview.asString());
        assertEquals("1", doc.selectFirst("#import-summary dd[data-col=new]").text());
        assertEquals("1", doc.selectFirst("#import-summary dd[data-col=rejected]").text());
        Element bad = doc.selectFirst("#rejected-rows tr[data-row=3]");
        assertNotNull(bad);
        assertEquals("从业人员数", bad.attr("data-column"));
        String commitToken = doc.selectFirst("#commit-form input[name=csrf-token]").attr("value");
        given().cookies(preview.getCookies()).cookies(page.getCookies()).redirects().follow(false)
                .contentType("application/x-www-form-urlencoded").formParam("csrf-token", commitToken)
                .post(path + "/commit").then().statusCode(303);
        assertNotNull(Jsoup.parse(given().accept("text/html").get(path).asString()).selectFirst("#committed"));
        given().get("/api/organizations").then().body("total", equalTo(1));
    }

    @Test
    void oneOrganizationFromThePhoneForm() throws Exception {
        Registry.clear(dataSource);
        Document empty = Jsoup.parse(given().accept("text/html").get("/surveys/form").asString());
        assertEquals(26, empty.select("#survey-form div.field[data-field]").size(), "every column of the spreadsheet");
        assertEquals("正常", empty.selectFirst("#f-status option[selected]").attr("value"));
        assertEquals("numeric", empty.selectFirst("#f-headcount").attr("inputmode"));

        String location = Forms.from("/surveys/form").redirects().follow(false)
                .formParam("name", "手机填报公司").formParam("kind", "企业").formParam("townshipCode", LUOXIONG)
                .formParam("status", "正常").formParam("headcount", "１２人").formParam("formalMembers", "3")
                .formParam("partyStatus", "未建立").formParam("massOrganizations", "工会").formParam("massOrganizations", "妇联")
                .post("/surveys/form").then().statusCode(303).extract().header("Location");
        String path = location.replaceFirst("^https?://[^/]+", "");
        long importId = Long.parseLong(path.substring(path.lastIndexOf('/') + 1));
        Document preview = Jsoup.parse(given().accept("text/html").get(path).asString());
        assertEquals("1", preview.selectFirst("#import-summary dd[data-col=new]").text());
        given().get("/api/organizations").then().body("total", equalTo(0));
        given().post("/api/surveys/imports/{id}/commit", importId).then().statusCode(200);
        io.restassured.path.json.JsonPath orgs = given().get("/api/organizations").jsonPath();
        assertEquals(12, orgs.getInt("items[0].headcount"));
        assertEquals(java.util.List.of("UNION", "WOMEN"), orgs.getList("items[0].massOrganizations"));
        long id = orgs.getLong("items[0].id");

        String before = Registry.dump(dataSource);
        int imports = count("survey_import");
        Response bad = Forms.from("/surveys/form").formParam("name", "写错公司").formParam("kind", "企业")
                .formParam("townshipCode", LUOXIONG).formParam("status", "正常").formParam("headcount", "很多")
                .formParam("formalMembers", "3").formParam("partyStatus", "联合党支部").post("/surveys/form");
        assertEquals(400, bad.statusCode());
        Document form = Jsoup.parse(bad.asString());
        assertNotNull(form.selectFirst("[data-error=headcount]"), form.html());
        // the error is tied to its field, so a screen reader reads it with the field
        Element headcount = form.selectFirst("#f-headcount");
        assertEquals("true", headcount.attr("aria-invalid"));
        Element said = form.getElementById(headcount.attr("aria-describedby").split(" ")[0]);
        assertNotNull(said, "aria-describedby names the error: " + headcount.attr("aria-describedby"));
        assertEquals(form.selectFirst("[data-error=headcount]"), said);
        assertEquals("", form.selectFirst("#f-name").attr("aria-invalid"), "a field without error is not marked");
        assertNotNull(form.selectFirst("[data-error=partyOrganization]"), "联合党支部 needs its name");
        assertEquals("很多", form.selectFirst("#f-headcount").attr("value"), "what was typed stays");
        assertEquals(before, Registry.dump(dataSource));
        assertEquals(imports, count("survey_import"), "a refused form keeps nothing");

        Document filled = Jsoup.parse(given().accept("text/html").get("/surveys/form?organization=" + id).asString());
        assertEquals("12", filled.selectFirst("#f-headcount").attr("value"));
        assertNotNull(filled.selectFirst("#survey-form input[name=massOrganizations][value=妇联][checked]"));
        var again = Forms.from("/surveys/form?organization=" + id).redirects().follow(false);
        for (Element e : filled.select("#survey-form input[name], #survey-form select[name], #survey-form textarea[name]")) {
            String name = e.attr("name");
            if (name.startsWith("csrf")) continue;
            if (e.is("input[type=checkbox]") && !e.hasAttr("checked")) continue;
            String value = e.is("select") ? (e.selectFirst("option[selected]") == null ? "" : e.selectFirst("option[selected]").attr("value"))
                    : e.is("textarea") ? e.text() : e.attr("value");
            again.formParam(name, name.equals("headcount") ? "15" : value);
        }
        String changed = again.post("/surveys/form").then().statusCode(303).extract().header("Location");
        io.restassured.path.json.JsonPath p = given().get("/api" + changed.replaceFirst("^https?://[^/]+", "")).jsonPath();
        assertEquals(1, p.getInt("summary.changed"), p.prettify());
        assertEquals(java.util.List.of("headcount"), p.getList("rows[0].changes.field"), "only what was edited");
        assertEquals(id, p.getLong("rows[0].organizationId"));
    }

    @Test
    void campaignPageShowsEachTownshipsRateAsAFigure() {
        Registry.clear(dataSource);
        Registry.createOrg("尚未摸底公司", LUOXIONG, 10, 0);
        long campaign = given().contentType(io.restassured.http.ContentType.JSON)
                .body(java.util.Map.of("name", "集中摸底", "deadline", "2099-11-30",
                        "townships", java.util.List.of(LUOXIONG, cn.liangxin.testsupport.Registry.BANQIAO)))
                .post("/api/surveys/campaigns").then().statusCode(201).extract().jsonPath().getLong("id");
        Document doc = Jsoup.parse(given().accept("text/html").get("/surveys/campaigns/{id}", campaign).asString());
        // none of one organization surveyed is a rate of zero; a township with no organization has no rate
        assertEquals("0.00%", doc.selectFirst("tr[data-township=" + LUOXIONG + "] td[data-col=reportingRate]").text());
        assertEquals("—", doc.selectFirst("tr[data-township=" + cn.liangxin.testsupport.Registry.BANQIAO
                + "] td[data-col=reportingRate]").text());
    }

    @Test
    void campaignPageShowsTheLastCommitInTheCountiesTime() throws Exception {
        Registry.clear(dataSource);
        long campaign = given().contentType(io.restassured.http.ContentType.JSON)
                .body(java.util.Map.of("name", "时间摸底", "deadline", "2099-11-30", "townships", java.util.List.of(LUOXIONG)))
                .post("/api/surveys/campaigns").then().statusCode(201).extract().jsonPath().getLong("id");
        byte[] file = SurveyImportTest.csv(StandardCharsets.UTF_8, true, "时间公司,,企业,罗雄街道,,,,C,否,正常,12,3,,,,否,,无,未建立,,,,,,,");
        long id = given().multiPart("file", "time.csv", file, "text/csv").multiPart("campaignId", String.valueOf(campaign))
                .post("/api/surveys/imports").then().statusCode(201).extract().jsonPath().getLong("id");
        given().post("/api/surveys/imports/{id}/commit", id).then().statusCode(200);
        java.time.Instant committed;
        try (var c = dataSource.getConnection(); var s = c.prepareStatement("select committed_at from survey_import where id = ?")) {
            s.setLong(1, id);
            try (var r = s.executeQuery()) {
                r.next();
                committed = r.getObject(1, java.time.OffsetDateTime.class).toInstant();
            }
        }
        Document doc = Jsoup.parse(given().accept("text/html").get("/surveys/campaigns/{id}", campaign).asString());
        String shown = doc.selectFirst("tr[data-township=" + LUOXIONG + "] td[data-col=lastCommitAt]").text();
        // to the minute in Beijing time, as the upload list writes it, not the database's UTC instant
        assertEquals(java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm")
                .format(committed.atZone(java.time.ZoneId.of("Asia/Shanghai"))), shown);
    }

    private int count(String table) throws Exception {
        try (var c = dataSource.getConnection(); var s = c.createStatement(); var r = s.executeQuery("select count(*) from " + table)) {
            r.next();
            return r.getInt(1);
        }
    }
}
