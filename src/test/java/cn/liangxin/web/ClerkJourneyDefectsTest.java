package cn.liangxin.web;

import cn.liangxin.testsupport.Forms;
import cn.liangxin.testsupport.Registry;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import static cn.liangxin.testsupport.Registry.LUOXIONG;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Defects of the clerk's journey found walking it (issue 12's list), each pinned by a test. */
@QuarkusTest
class ClerkJourneyDefectsTest {

    @Inject
    AgroalDataSource dataSource;

    @Test
    void thePhoneFormFindsAnExactNameAmongTheFirstMatches() {
        Registry.clear(dataSource);
        for (int i = 0; i < 25; i++) {
            Registry.createOrg(String.format("查找测试%02d商店", i), LUOXIONG, 2, 0);
        }
        Document page = Jsoup.parse(given().accept("text/html").queryParam("q", "查找测试00商店").get("/surveys/form")
                .then().statusCode(200).extract().asString());
        assertTrue(page.text().contains("查找测试00商店"), "the only match was skipped: " + page.select("main").text());
        Document many = Jsoup.parse(given().accept("text/html").queryParam("q", "查找测试").get("/surveys/form").asString());
        assertTrue(many.text().contains("查找测试00商店") && many.text().contains("查找测试19商店"), "the first 20 of 25");
    }

    @Test
    void anEntryOfThePhoneFormIsRecordedAsTheForms() {
        Registry.clear(dataSource);
        String location = Forms.from("/surveys/form").redirects().follow(false)
                .formParam("name", "手机表单来源公司").formParam("kind", "企业").formParam("townshipCode", LUOXIONG)
                .formParam("status", "正常").formParam("headcount", "9").formParam("formalMembers", "1")
                .formParam("partyStatus", "未建立")
                .post("/surveys/form").then().statusCode(303).extract().header("Location");
        long preview = Long.parseLong(location.substring(location.lastIndexOf('/') + 1));
        given().post("/api/surveys/imports/{id}/commit", preview).then().statusCode(200);
        long id = given().queryParam("q", "手机表单来源公司").get("/api/organizations").jsonPath().getLong("items[0].id");
        given().get("/api/organizations/{id}/history", id).then().statusCode(200).body("[0].via", equalTo("FORM"));
        // after the commit the page says it is done, when (to the minute, China's time) and what to do next
        Document done = Jsoup.parse(given().accept("text/html").get("/surveys/imports/{id}", preview).asString());
        assertTrue(done.selectFirst("#preview-title").text().startsWith("导入结果"), done.selectFirst("h1").text());
        String said = done.selectFirst("#committed").text();
        assertTrue(said.matches(".*已于 \\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2} 提交:1 行已写入\\(新增 1 个组织.*0 行未写入.*"), said);
        // her township's page, the overview, the ledger and the upload again (the test account holds the whole county: no township link)
        assertTrue(done.select("#next-steps a").eachAttr("href").containsAll(java.util.List.of("/", "/blank-spots", "/surveys")),
                done.select("#next-steps").html());
    }

    /** Issue 25's dead ends: a preview with nothing to write, empty sections, a discarded preview. */
    @Test
    void aPreviewWithNothingToWriteOffersNoCommitAndADiscardSaysSo() {
        Registry.clear(dataSource);
        byte[] file = cn.liangxin.survey.SurveyImportTest.csv(java.nio.charset.StandardCharsets.UTF_8, true,
                "全错公司,,企业,罗雄街道,,,,C,否,正常,很多,1,,,,否,,无,未建立,,,,,,,");
        long preview = given().multiPart("file", "r.csv", file, "text/csv").post("/api/surveys/imports").then().statusCode(201)
                .extract().jsonPath().getLong("id");
        Document page = Jsoup.parse(given().accept("text/html").get("/surveys/imports/{id}", preview).asString());
        assertEquals(null, page.selectFirst("#commit-form"), "no live button that cannot do anything");
        assertTrue(page.selectFirst("#nothing-to-write").text().contains("无需提交"), page.select("main").text());
        assertNotNull(page.selectFirst("#discard-form"));
        // the empty sections say so in a sentence, not with bare headers
        for (String table : List.of("new-rows", "changed-rows", "warning-rows")) {
            assertEquals(null, page.selectFirst("#" + table), table);
            assertFalse(page.selectFirst("#" + table + "-none").text().isBlank(), table);
        }
        assertEquals(1, page.select("#rejected-rows tr[data-row]").size());

        String location = Forms.from("/surveys").redirects().follow(false).formParam("confirmed", "1")
                .post("/surveys/imports/{id}/discard", preview).then().statusCode(303).extract().header("Location");
        Document after = Jsoup.parse(given().accept("text/html").get(location).asString());
        assertEquals("已放弃该导入预览,登记库未作任何修改。", after.selectFirst("#upload-notice").text());
        given().get("/api/surveys/imports/{id}", preview).then().statusCode(404);
        // the upload page reached any other way says nothing of the kind
        assertEquals(null, Jsoup.parse(given().accept("text/html").get("/surveys").asString()).selectFirst("#upload-notice"));
    }

    @Test
    void rejectedRowsAreAnnouncedAboveTheCommitButton() {
        byte[] file = cn.liangxin.survey.SurveyImportTest.csv(java.nio.charset.StandardCharsets.UTF_8, true,
                "预告甲公司,,企业,罗雄街道,,,,C,否,正常,12,1,,,,否,,无,未建立,,,,,,,",
                "预告乙公司,,企业,罗雄街道,,,,C,否,正常,很多,1,,,,否,,无,未建立,,,,,,,");
        long preview = given().multiPart("file", "r.csv", file, "text/csv").post("/api/surveys/imports").then().statusCode(201)
                .extract().jsonPath().getLong("id");
        Document page = Jsoup.parse(given().accept("text/html").get("/surveys/imports/{id}", preview).asString());
        var warning = page.selectFirst("#rejected-warning");
        assertNotNull(warning, page.select("main").text());
        assertTrue(warning.text().contains("1 行未通过检查"), warning.text());
        // the warning stands before the button
        assertTrue(page.html().indexOf("rejected-warning") < page.html().indexOf("commit-form"));
    }

    @Test
    void nonsenseParametersOfPagesAndAYearToComeAreRefused() {
        given().accept("text/html").queryParam("months", "abc").get("/plans/forecast").then().statusCode(400);
        given().accept("text/html").queryParam("months", "6").get("/plans/forecast").then().statusCode(200);
        int next = LocalDate.now(cn.liangxin.time.Days.ZONE).getYear() + 1;
        given().queryParam("year", next).get("/api/reports/year-over-year").then().statusCode(400)
                .body("errors[0].field", equalTo("year"));
        given().accept("text/html").queryParam("year", next).get("/annual").then().statusCode(400);
    }

    @Test
    void aRateOfNothingShowsAsZeroPercentNotAsADash() {
        Registry.clear(dataSource);
        Registry.createOrg("零覆盖公司", LUOXIONG, 5, 0);
        int year = LocalDate.now(cn.liangxin.time.Days.ZONE).getYear();
        int status = given().contentType(ContentType.JSON)
                .body(Map.of("year", year, "metric", "COVERAGE", "target", 0.5, "scope", "TOWNSHIP")).post("/api/goals").statusCode();
        assertTrue(status == 201 || status == 409, "goal: " + status);
        Document page = Jsoup.parse(given().accept("text/html").queryParam("year", year).get("/goals").asString());
        var cell = page.selectFirst("tr[data-township=" + LUOXIONG + "] td[data-col=value]");
        assertNotNull(cell, page.select("main").text());
        assertEquals("0.00%", cell.text());
    }

    @Test
    void exportsAreNamedByScopeAndDay() {
        String today = LocalDate.now(cn.liangxin.time.Days.ZONE).toString();
        String header = given().queryParam("township", LUOXIONG).get("/api/reports/blank-spots.xlsx").then().statusCode(200)
                .extract().header("Content-Disposition");
        assertTrue(header.contains("filename=\"blank-spots-" + LUOXIONG + "-" + today + ".xlsx\""), header);
        String named = java.net.URLDecoder.decode(header.substring(header.indexOf("UTF-8''") + 7), java.nio.charset.StandardCharsets.UTF_8);
        assertEquals("罗平县罗雄街道-两新组织党建空白点台账-" + today + ".xlsx", named);
        String coverage = given().get("/api/reports/coverage.csv").then().statusCode(200).extract().header("Content-Disposition");
        assertTrue(coverage.contains("coverage-" + today + ".csv") || coverage.contains("coverage-530324-" + today + ".csv"), coverage);
    }

    @Test
    void deletingAnOrganizationIsConfirmedFirst() {
        long id = Registry.createOrg("待删除公司", LUOXIONG, 3, 0);
        String before = Registry.dump(dataSource);
        Document asked = Jsoup.parse(Forms.from("/organizations/" + id).redirects().follow(false)
                .post("/organizations/" + id + "/delete").then().statusCode(200).extract().asString());
        assertTrue(asked.selectFirst("#confirm-question").text().contains("待删除公司"));
        assertEquals("/organizations/" + id + "/delete", asked.selectFirst("#confirm-form").attr("action"));
        assertEquals(before, Registry.dump(dataSource), "nothing deleted before the answer");
        Forms.from("/organizations/" + id).redirects().follow(false).formParam("confirmed", "1")
                .post("/organizations/" + id + "/delete").then().statusCode(303);
        given().get("/api/organizations/{id}", id).then().statusCode(404);
    }

    @Test
    void theInstructorsAssignControlIsLabelledOnTopAndTheListFilteredByTownship() {
        Registry.clear(dataSource);
        Registry.createOrg("待派甲", LUOXIONG, 30, 0);
        Registry.createOrg("待派乙", Registry.BANQIAO, 30, 0);
        String html = given().accept("text/html").get("/instructors").then().statusCode(200).extract().asString();
        Document page = Jsoup.parse(html);
        assertNotNull(page.selectFirst("label[for=a-instructor]"), "the assign control has a label");
        assertTrue(html.indexOf("id=\"a-instructor\"") < html.indexOf("id=\"needed\""), "the control stands above the list");
        assertEquals(2, page.select("#needed tbody tr").size());
        Document one = Jsoup.parse(given().accept("text/html").queryParam("township", LUOXIONG).get("/instructors").asString());
        assertEquals(List.of("待派甲"), one.select("#needed tbody tr td:nth-child(3)").eachText());
    }

    @Test
    void aTownshipsPartyOrganizationsSayHowManyAreInOffice() {
        Registry.clear(dataSource);
        long a = Registry.createOrg("在册甲", LUOXIONG, 20, 4);
        long b = Registry.createOrg("撤销乙", LUOXIONG, 20, 4);
        Registry.createParty("在册甲党支部", LUOXIONG, "BRANCH", "INDEPENDENT", List.of(a));
        var dissolved = new java.util.HashMap<>(Registry.party("撤销乙党支部", LUOXIONG, "BRANCH", "INDEPENDENT", List.of(b)));
        dissolved.put("dissolvedOn", "2021-01-01");
        given().contentType(ContentType.JSON).body(dissolved).post("/api/party-organizations").then().statusCode(201);
        Document page = Jsoup.parse(given().accept("text/html").get("/townships/" + LUOXIONG).asString());
        assertEquals("党组织(1个在册,另列1个已撤销)", page.selectFirst("#party-organizations").text().replaceAll("\\s", ""));
    }

    @Test
    void validationSpeaksPlainChinese() {
        String body = given().contentType(ContentType.JSON)
                .body(Map.of("name", "缺类别公司", "townshipCode", LUOXIONG, "status", "OPERATING", "headcount", 5,
                        "formalMembers", 0))
                .post("/api/organizations").then().statusCode(400).extract().asString();
        assertFalse(body.contains("null") || body.contains("正则") || body.contains("must"), body);
        assertTrue(body.contains("必填项,不能为空。"), body);
        String pattern = given().contentType(ContentType.JSON)
                .body(Map.of("username", "坏 名字:", "password", "long-enough-1", "roles", List.of("COUNTY"), "divisions", List.of("530324")))
                .post("/api/users").then().statusCode(400).extract().asString();
        assertFalse(pattern.contains("正则") || pattern.contains("regular"), pattern);
        assertNotNull(pattern);
    }

    @Test
    void anOrganizationADissolvedBranchCoveredIsNotDeletedFromUnderIt() {
        Registry.clear(dataSource);
        long org = Registry.createOrg("撤销支部所在公司", LUOXIONG, 20, 3);
        Map<String, Object> body = new java.util.HashMap<>(Registry.party("撤销支部", LUOXIONG, "BRANCH", "INDEPENDENT", List.of(org)));
        body.put("dissolvedOn", LocalDate.now(cn.liangxin.time.Days.ZONE).toString());
        long party = given().contentType(ContentType.JSON).body(body).post("/api/party-organizations").then().statusCode(201)
                .extract().jsonPath().getLong("id");
        given().delete("/api/organizations/{id}", org).then().statusCode(409).body("code", equalTo("COVERED_BEFORE"));
        // the dissolved branch can still be opened and saved
        body.put("version", 0);
        body.put("secretary", "王芳");
        given().contentType(ContentType.JSON).body(body).put("/api/party-organizations/{id}", party).then().statusCode(200)
                .body("coveredOrganizationIds", equalTo(List.of((int) org)));
    }

    @Test
    void jointProposalsOfferTerritorialBranchesAndSayWhatTheLeftOversHave() {
        Registry.clear(dataSource);
        long host = Registry.createOrg("村企联建甲厂", LUOXIONG, 20, 2, "community", "大坡村委会");
        long other = Registry.createOrg("村企联建乙店", LUOXIONG, 5, 1, "community", "大坡村委会");
        Registry.createParty("大坡村企联建党支部", LUOXIONG, "BRANCH", "TERRITORIAL", List.of(host, other));
        Registry.createOrg("零散丙店", LUOXIONG, 4, 1, "community", "大坡村委会", "industry", "F");
        io.restassured.path.json.JsonPath p = given().queryParam("township", LUOXIONG).get("/api/plans/joint-proposals").jsonPath();
        assertEquals(List.of("大坡村企联建党支部"), p.getList("[0].joins.partyOrganizationName"), p.prettify());
        Registry.clear(dataSource);
        Registry.createOrg("孤单甲店", LUOXIONG, 4, 1);
        io.restassured.path.json.JsonPath alone = given().queryParam("township", LUOXIONG).get("/api/plans/joint-proposals").jsonPath();
        assertTrue(alone.getString("[0].unplacedExplanation").contains("合计只有 1 名正式党员"), alone.prettify());
    }

    @Test
    void everyProblemOfARequestOrAFormIsNamedAtOnce() {
        Registry.clear(dataSource);
        Map<String, Object> org = new java.util.HashMap<>(Registry.org("全部问题公司", "530322001", -1, 0, "uscc", "123"));
        List<String> fields = given().contentType(ContentType.JSON).body(org).post("/api/organizations").then().statusCode(400)
                .extract().jsonPath().getList("errors.field");
        assertTrue(fields.containsAll(List.of("headcount", "townshipCode", "uscc")), "the constraints' and the checks' together: " + fields);
        Map<String, Object> party = new java.util.HashMap<>(Registry.party("", LUOXIONG, "BRANCH", "JOINT", List.of(999_999L)));
        party.put("foundedOn", LocalDate.now(cn.liangxin.time.Days.ZONE).plusDays(3).toString());
        List<String> partyFields = given().contentType(ContentType.JSON).body(party).post("/api/party-organizations").then()
                .statusCode(400).extract().jsonPath().getList("errors.field");
        assertTrue(partyFields.containsAll(List.of("name", "foundedOn", "coveredOrganizationIds[0]")), partyFields.toString());
        // the page too: the blank name and the township of another county in one answer
        Document page = Jsoup.parse(Forms.from("/organizations/new").formParam("name", "").formParam("kind", "ENTERPRISE")
                .formParam("townshipCode", "530322001").formParam("headcount", "3").formParam("formalMembers", "0")
                .post("/organizations").then().statusCode(400).extract().asString());
        assertNotNull(page.selectFirst("[data-error=name], #f-name-error"), page.select("form").html());
        assertTrue(page.text().contains("530322001"), "the township's problem is named too");
    }
}
