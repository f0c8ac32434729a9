package cn.liangxin.history;

import cn.liangxin.testsupport.Forms;
import cn.liangxin.testsupport.Registry;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import static cn.liangxin.testsupport.Registry.BANQIAO;
import static cn.liangxin.testsupport.Registry.LUOXIONG;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * History is kept by the database for every write path, and reports "as of" a day reproduce what
 * they said that day.
 *
 * <p>A test cannot wait for days to pass, so it records a state, then moves the history of that
 * state back in time with SQL (as if it had been recorded then), then changes the registry through
 * the service. Only the validity ranges move; the versions themselves are those the triggers wrote.
 */
@QuarkusTest
class HistoryTest {

    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    private static final ZoneOffset PLUS_8 = ZoneOffset.ofHours(8);
    private static final String HEADER = "组织名称*,统一社会信用代码,组织类别*,所属乡镇(街道)*,村(社区),详细地址,所在园区/楼宇,行业门类,"
            + "是否规模以上,经营状态*,从业人员数*,正式党员数*,组织关系不在本单位的党员数,预备党员数,入党积极分子数,"
            + "出资人(负责人)是否党员,业主对组建党组织态度,有无合适的书记人选,党组织建立情况*,所在党组织名称,已建群团组织,"
            + "党建工作指导员,计划组建时间,未能组建原因,责任人,备注";

    @Inject
    AgroalDataSource dataSource;

    LocalDate today;

    @BeforeEach
    void clear() {
        Registry.clear(dataSource);
        // earlier tests' versions are closed by the truncation, but would still show "as of" the
        // days this test moves its own history to
        sql("truncate organization_history, party_organization_history, party_organization_coverage_history");
        today = LocalDate.now(SHANGHAI);
    }

    @Test
    void aReportAsOfAnEarlierDayIsTheReportOfThatDay() {
        long a = Registry.createOrg("甲机械公司", LUOXIONG, 60, 5);
        long b = Registry.createOrg("乙商店", LUOXIONG, 10, 1, "kind", "INDIVIDUAL_BUSINESS");
        long c = Registry.createOrg("丙物流公司", LUOXIONG, 120, 0, "instructor", "王指导");
        long d = Registry.createOrg("丁合作社", BANQIAO, 30, 3, "kind", "FARMER_COOPERATIVE");
        long e = Registry.createOrg("误登记公司", LUOXIONG, 8, 2);
        Registry.createParty("甲机械公司党支部", LUOXIONG, "BRANCH", "INDEPENDENT", List.of(a));
        long joint = Registry.createParty("板桥联合党支部", BANQIAO, "BRANCH", "JOINT", List.of(d));

        Map<String, Object> coverageThen = coverage(given());
        List<Object> blankThen = blankSpots(given());
        String csvThen = csv("/api/reports/blank-spots.csv");
        String coverageCsvThen = csv("/api/reports/coverage.csv");

        // all of that was recorded in the last second of day D (Asia/Shanghai)
        LocalDate day = today.minusDays(10);
        OffsetDateTime lastSecond = day.atTime(23, 59, 59).atOffset(PLUS_8);
        moveOpenVersionsTo(lastSecond);

        // later: members leave, a party organization is formed, one closes, one is dissolved, one is
        // deleted, one is registered
        Map<String, Object> body = Registry.org("甲机械公司", LUOXIONG, 60, 2, "version",
                given().get("/api/organizations/{id}", a).jsonPath().getInt("version"));
        given().contentType(ContentType.JSON).body(body).put("/api/organizations/{id}", a).then().statusCode(200);
        Registry.createParty("丙物流公司党支部", LUOXIONG, "BRANCH", "INDEPENDENT", List.of(c));
        given().contentType(ContentType.JSON).body(Registry.org("乙商店", LUOXIONG, 10, 1, "kind", "INDIVIDUAL_BUSINESS",
                        "status", "CLOSED", "version", 0))
                .put("/api/organizations/{id}", b).then().statusCode(200);
        Map<String, Object> dissolved = Registry.party("板桥联合党支部", BANQIAO, "BRANCH", "JOINT", List.of(d));
        dissolved.put("dissolvedOn", today.minusDays(1).toString());
        dissolved.put("version", given().get("/api/party-organizations/{id}", joint).jsonPath().getInt("version"));
        given().contentType(ContentType.JSON).body(dissolved).put("/api/party-organizations/{id}", joint)
                .then().statusCode(200);
        given().delete("/api/organizations/{id}", e).then().statusCode(204);
        Registry.createOrg("戊新公司", BANQIAO, 70, 4);

        // ... and all of it happened exactly at midnight starting day D + 1
        moveTodaysBoundsTo(day.plusDays(1).atStartOfDay().atOffset(PLUS_8));

        Map<String, Object> coverageNow = coverage(given());
        List<Object> blankNow = blankSpots(given());
        assertNotEquals(coverageThen, coverageNow, "the later edits changed the report");
        assertNotEquals(blankThen, blankNow);

        String asOf = day.toString();
        assertEquals(coverageThen, coverage(given().queryParam("asOf", asOf)));
        assertEquals(blankThen, blankSpots(given().queryParam("asOf", asOf)));
        assertEquals(csvThen, csv("/api/reports/blank-spots.csv?asOf=" + asOf));
        assertEquals(coverageCsvThen, csv("/api/reports/coverage.csv?asOf=" + asOf));
        // the deleted organization is in that day's ledger, the closed one too
        JsonPath ledger = given().queryParam("asOf", asOf).get("/api/reports/blank-spots").jsonPath();
        assertTrue(ledger.getList("organizationId", Long.class).containsAll(List.of(b, c, e)));
        assertEquals(List.of(), ledger.getList("findAll { it.organizationId == " + d + " }"),
                "the joint branch still covered 丁合作社 then");

        // the day after, and today, are the registry as it stands
        assertEquals(coverageNow, coverage(given().queryParam("asOf", day.plusDays(1).toString())));
        assertEquals(coverageNow, coverage(given().queryParam("asOf", today.toString())));
        assertEquals(blankNow, blankSpots(given().queryParam("asOf", today.toString())));

        // the print pages and the Excel file name that day and show that day's rows
        Document print = Jsoup.parse(given().accept("text/html").queryParam("asOf", asOf).get("/print/blank-spots")
                .then().statusCode(200).extract().asString());
        assertEquals(blankThen.size(), print.select("#blank-spots tbody tr").size());
        assertTrue(print.selectFirst("h1").text().contains(asOf), print.selectFirst("h1").text());
        assertTrue(print.selectFirst("#as-of").text().contains(asOf));
        Document printCoverage = Jsoup.parse(given().accept("text/html").queryParam("asOf", asOf).get("/print/coverage")
                .then().statusCode(200).extract().asString());
        assertEquals(String.valueOf(((Map<?, ?>) coverageThen.get("total")).get("organizations")),
                printCoverage.select("tr[data-township=total] td").get(2).text());
        given().queryParam("asOf", asOf).get("/api/reports/coverage.xlsx").then().statusCode(200);
        given().queryParam("asOf", asOf).get("/api/reports/blank-spots.xlsx").then().statusCode(200);

        // a township clerk sees only her township, as it was
        String clerk = "history-clerk" + System.nanoTime() % 100000;
        given().contentType(ContentType.JSON)
                .body(Map.of("username", clerk, "password", "clerk-password", "roles", List.of("TOWNSHIP_STAFF"),
                        "townships", List.of(LUOXIONG)))
                .post("/api/users").then().statusCode(201);
        RequestSpecification asClerk = given().auth().preemptive().basic(clerk, "clerk-password").queryParam("asOf", asOf);
        Map<String, Object> hers = coverage(asClerk);
        assertEquals(1, ((List<?>) hers.get("townships")).size());
        assertEquals(row(coverageThen, LUOXIONG), row(hers, LUOXIONG));
        List<Object> herLedger = blankSpots(given().auth().preemptive().basic(clerk, "clerk-password").queryParam("asOf", asOf));
        assertEquals(blankThen.stream().filter(r -> LUOXIONG.equals(((Map<?, ?>) r).get("townshipCode"))).toList(), herLedger);
        given().auth().preemptive().basic(clerk, "clerk-password").queryParam("asOf", asOf).queryParam("township", BANQIAO)
                .get("/api/reports/blank-spots").then().statusCode(400).body("errors[0].field", equalTo("township"));

        // before the first record there is nothing to reproduce
        given().queryParam("asOf", day.minusDays(1).toString()).get("/api/reports/coverage").then().statusCode(400)
                .body("errors[0].field", equalTo("asOf"))
                .body("errors[0].message", containsString(asOf));
    }

    @Test
    void badAsOfIsRefusedNamingTheParameter() {
        Registry.createOrg("某公司", LUOXIONG, 10, 1);
        for (String bad : List.of("2024-13-01", "yesterday", "2024/01/01", "20240101", today.plusDays(1).toString(),
                "2000-01-01")) {
            for (String path : List.of("/api/reports/coverage", "/api/reports/blank-spots", "/api/reports/coverage.csv",
                    "/api/reports/blank-spots.xlsx")) {
                given().queryParam("asOf", bad).get(path).then().statusCode(400)
                        .contentType(ContentType.JSON)
                        .body("errors[0].field", equalTo("asOf"))
                        .body("errors[0].message", containsString("截至日期"));
            }
            given().accept("text/html").queryParam("asOf", bad).get("/print/coverage").then().statusCode(400);
        }
        given().queryParam("asOf", today.plusDays(1).toString()).get("/api/reports/coverage").then()
                .body("errors[0].message", containsString("晚于今天"));
        given().queryParam("asOf", "2000-01-01").get("/api/reports/coverage").then()
                .body("errors[0].message", containsString("早于系统最早的记录"));
        given().queryParam("asOf", " ").get("/api/reports/coverage").then().statusCode(200);
        given().queryParam("asOf", today.toString()).get("/api/reports/blank-spots").then().statusCode(200);
    }

    @Test
    void theTimelineListsWhoChangedWhatWhenAndFromWhere() {
        long id = Registry.createOrg("己建材公司", LUOXIONG, 20, 1, "ownerAttitude", "NEUTRAL");
        given().contentType(ContentType.JSON)
                .body(Registry.org("己建材有限公司", LUOXIONG, 25, 4, "ownerAttitude", "SUPPORTIVE", "version", 0))
                .put("/api/organizations/{id}", id).then().statusCode(200);
        // through the page form: only the instructor changes
        Forms.from("/organizations/" + id)
                .formParams(Map.of("name", "己建材有限公司", "kind", "ENTERPRISE", "townshipCode", LUOXIONG,
                        "status", "OPERATING", "headcount", "25", "formalMembers", "4", "ownerAttitude", "SUPPORTIVE",
                        "instructor", "赵指导", "version", "1"))
                .redirects().follow(false).post("/organizations/" + id).then().statusCode(303);

        JsonPath t = given().get("/api/organizations/{id}/history", id).then().statusCode(200).extract().jsonPath();
        assertEquals(List.of("CHANGED", "CHANGED", "CREATED"), t.getList("action"));
        assertEquals(List.of("FORM", "API", "API"), t.getList("via"));
        assertEquals(List.of("admin", "admin", "admin"), t.getList("by"));
        assertEquals(List.of("instructor"), t.getList("[0].changes.field"));
        assertNull(t.get("[0].changes[0].oldValue"));
        assertEquals("赵指导", t.get("[0].changes[0].newValue"));
        assertEquals(List.of("name", "headcount", "formalMembers", "ownerAttitude"), t.getList("[1].changes.field"));
        assertEquals(Map.of("field", "formalMembers", "oldValue", 1, "newValue", 4),
                t.getMap("[1].changes.find { it.field == 'formalMembers' }"));
        assertEquals("NEUTRAL", t.get("[1].changes.find { it.field == 'ownerAttitude' }.oldValue"));
        // a new record lists what it was registered with, not the empty fields
        assertTrue(t.getList("[2].changes.field").containsAll(List.of("name", "kind", "townshipCode", "headcount")));
        assertTrue(!t.getList("[2].changes.field").contains("uscc"));

        // the page shows the same timeline, in Chinese
        Document page = Jsoup.parse(given().accept("text/html").get("/organizations/{id}", id).then().statusCode(200)
                .extract().asString());
        assertEquals(3, page.select("#timeline tbody tr").size());
        assertEquals("FORM", page.selectFirst("#timeline tbody tr td[data-via]").attr("data-via"));
        assertEquals("网页表单", page.selectFirst("#timeline tbody tr td[data-via]").text());
        var members = page.select("#timeline tbody tr").get(1).selectFirst("li[data-field=formalMembers]");
        assertTrue(members.text().startsWith("正式党员数"), members.text());
        assertEquals("1", members.selectFirst("del").text());
        assertTrue(members.text().endsWith("1 → 4"), members.text());
        var attitude = page.select("#timeline tbody tr").get(1).selectFirst("li[data-field=ownerAttitude]");
        assertEquals(label("OwnerAttitude.NEUTRAL"), attitude.selectFirst("del").text());
        assertTrue(attitude.text().endsWith("→ " + label("OwnerAttitude.SUPPORTIVE")), attitude.text());
        // another township's clerk does not see it; a deleted organization keeps its timeline
        String clerk = "timeline-clerk" + System.nanoTime() % 100000;
        given().contentType(ContentType.JSON)
                .body(Map.of("username", clerk, "password", "clerk-password", "roles", List.of("TOWNSHIP_STAFF"),
                        "townships", List.of(BANQIAO)))
                .post("/api/users").then().statusCode(201);
        given().auth().preemptive().basic(clerk, "clerk-password").get("/api/organizations/{id}/history", id)
                .then().statusCode(404);
        given().delete("/api/organizations/{id}", id).then().statusCode(204);
        given().get("/api/organizations/{id}/history", id).then().statusCode(200)
                .body("[0].action", equalTo("DELETED")).body("[0].by", equalTo("admin")).body("[0].via", equalTo("API"))
                .body("size()", equalTo(4));
        given().get("/api/organizations/{id}/history", 987654321L).then().statusCode(404);
    }

    @Test
    void partyOrganizationTimelineAndCoverageHistory() {
        long org = Registry.createOrg("庚公司", LUOXIONG, 40, 3);
        long party = Registry.createParty("庚公司党支部", LUOXIONG, "BRANCH", "INDEPENDENT", List.of(org));
        Map<String, Object> body = Registry.party("庚公司党支部", LUOXIONG, "BRANCH", "INDEPENDENT", List.of(org));
        body.put("secretary", "周书记");
        body.put("version", 0);
        given().contentType(ContentType.JSON).body(body).put("/api/party-organizations/{id}", party).then().statusCode(200);

        given().get("/api/party-organizations/{id}/history", party).then().statusCode(200)
                .body("action", contains("CHANGED", "CREATED"))
                .body("[0].changes.field", contains("secretary"))
                .body("[0].changes[0].oldValue", equalTo("李明"))
                .body("[0].changes[0].newValue", equalTo("周书记"));
        // rewriting the coverage with the same organization keeps one version of the link, recorded
        // for the one who created the party organization through the API
        JsonPath links = rows("select changed_by, changed_via, upper_inf(valid) as open from party_organization_coverage_history"
                + " where party_organization_id = " + party);
        assertEquals(List.of("admin"), links.getList("changed_by"));
        assertEquals(List.of("API"), links.getList("changed_via"));
        assertEquals(List.of(true), links.getList("open"));
        Document page = Jsoup.parse(given().accept("text/html").get("/party-organizations/{id}", party).then()
                .statusCode(200).extract().asString());
        assertEquals(2, page.select("#timeline tbody tr").size());
    }

    @Test
    void aSurveyImportIsRecordedWithItsImportAndRow() {
        long existing = Registry.createOrg("辛酒店", LUOXIONG, 12, 0, "kind", "INDIVIDUAL_BUSINESS");
        String file = HEADER + "\r\n"
                + "壬公司,,企业,罗雄街道,,,,C,否,正常,30,2,,,,否,,无,未建立,,,,,,,\r\n"
                + "辛酒店,,个体工商户,罗雄街道,,,,H,否,正常,15,1,,,,否,,无,未建立,,,,,,,\r\n";
        long importId = given().multiPart("file", "摸底.csv", file.getBytes(StandardCharsets.UTF_8), "text/csv")
                .post("/api/surveys/imports").then().statusCode(201).extract().jsonPath().getLong("id");
        given().post("/api/surveys/imports/{id}/commit", importId).then().statusCode(200);

        long created = given().queryParam("q", "壬公司").get("/api/organizations").jsonPath().getLong("items[0].id");
        given().get("/api/organizations/{id}/history", created).then().statusCode(200)
                .body("size()", equalTo(1))
                .body("[0].action", equalTo("CREATED"))
                .body("[0].by", equalTo("admin"))
                .body("[0].via", equalTo("IMPORT " + importId + " ROW 2"));
        JsonPath t = given().get("/api/organizations/{id}/history", existing).then().statusCode(200).extract().jsonPath();
        assertEquals(List.of("CHANGED", "CREATED"), t.getList("action"));
        assertEquals("IMPORT " + importId + " ROW 3", t.getString("[0].via"));
        assertEquals(Map.of("field", "formalMembers", "oldValue", 0, "newValue", 1),
                t.getMap("[0].changes.find { it.field == 'formalMembers' }"));
        assertEquals(Map.of("field", "headcount", "oldValue", 12, "newValue", 15),
                t.getMap("[0].changes.find { it.field == 'headcount' }"));
        Document page = Jsoup.parse(given().accept("text/html").get("/organizations/{id}", existing).then()
                .statusCode(200).extract().asString());
        assertEquals("摸底表导入(批次 " + importId + " 第 3 行)",
                page.selectFirst("#timeline tbody tr td[data-via]").text());
    }

    @Test
    void aChangeWithinOneTransactionIsOneVersionAndNoOpUpdatesKeepTheVersion() {
        long id = Registry.createOrg("癸公司", LUOXIONG, 10, 1);
        try (Connection c = dataSource.getConnection(); Statement st = c.createStatement()) {
            c.setAutoCommit(false);
            st.executeUpdate("update organization set notes = 'x' where id = " + id);
            st.executeUpdate("update organization set notes = 'y' where id = " + id);
            c.commit();
            c.setAutoCommit(true);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        sql("update organization set notes = notes where id = " + id);
        JsonPath versions = rows("select data->>'notes' as notes, upper_inf(valid) as open from organization_history where id = "
                + id + " order by lower(valid)");
        assertEquals(java.util.Arrays.asList(null, "y"), versions.getList("notes"));
        assertEquals(List.of(false, true), versions.getList("open"));
        // the SQL function gives rows shaped like the table
        JsonPath asOf = rows("select name, formal_members from organization_as_of(now()) where id = " + id);
        assertEquals(List.of("癸公司"), asOf.getList("name"));
    }

    private static String label(String key) {
        return cn.liangxin.web.Msg.t(key);
    }

    private static Map<String, Object> coverage(RequestSpecification spec) {
        return spec.get("/api/reports/coverage").then().statusCode(200).extract().jsonPath().getMap("$");
    }

    private static List<Object> blankSpots(RequestSpecification spec) {
        return spec.get("/api/reports/blank-spots").then().statusCode(200).extract().jsonPath().getList("$");
    }

    private static String csv(String path) {
        return given().get(path).then().statusCode(200).extract().asString();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> row(Map<String, Object> table, String township) {
        return ((List<Map<String, Object>>) table.get("townships")).stream()
                .filter(r -> township.equals(r.get("code"))).findFirst().orElseThrow();
    }

    /** Every open version now starts at that instant. */
    private void moveOpenVersionsTo(OffsetDateTime at) {
        try (Connection c = dataSource.getConnection()) {
            for (String table : List.of("organization_history", "party_organization_history",
                    "party_organization_coverage_history")) {
                try (PreparedStatement s = c.prepareStatement("update " + table + " set valid = tstzrange(?, null)")) {
                    s.setObject(1, at);
                    assertTrue(s.executeUpdate() > 0);
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Every bound recorded today moves to that instant, as if all of today's changes were made then. */
    private void moveTodaysBoundsTo(OffsetDateTime at) {
        try (Connection c = dataSource.getConnection()) {
            for (String table : List.of("organization_history", "party_organization_history",
                    "party_organization_coverage_history")) {
                try (PreparedStatement s = c.prepareStatement("update " + table + " set valid = tstzrange("
                        + "case when lower(valid) > ? then ? else lower(valid) end,"
                        + " case when upper(valid) > ? then ? else upper(valid) end)")) {
                    OffsetDateTime start = today.atStartOfDay().atOffset(PLUS_8).minusDays(1);
                    s.setObject(1, start);
                    s.setObject(2, at);
                    s.setObject(3, start);
                    s.setObject(4, at);
                    s.executeUpdate();
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private void sql(String statement) {
        cn.liangxin.testsupport.Registry.sql(dataSource, statement);
    }

    /** The rows of a query, as JSON. */
    private JsonPath rows(String query) {
        // the rows read here and named by their columns' labels (a whole-row json_agg loses the names
        // when a distributed database runs the query on its shards)
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement(); var r = s.executeQuery(query)) {
            List<Map<String, Object>> rows = new java.util.ArrayList<>();
            while (r.next()) {
                Map<String, Object> row = new java.util.LinkedHashMap<>();
                for (int i = 1; i <= r.getMetaData().getColumnCount(); i++) {
                    Object v = r.getObject(i);
                    row.put(r.getMetaData().getColumnLabel(i), v instanceof Number || v instanceof Boolean || v == null ? v : v.toString());
                }
                rows.add(row);
            }
            return new JsonPath(new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(rows));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
