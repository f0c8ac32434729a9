package cn.liangxin.annual;

import cn.liangxin.testsupport.Registry;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.dhatim.fastexcel.reader.ReadableWorkbook;
import org.dhatim.fastexcel.reader.Row;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static cn.liangxin.testsupport.Registry.BANQIAO;
import static cn.liangxin.testsupport.Registry.LUOXIONG;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The annual freeze and the year-over-year comparison, on a registry recorded two years ago and changed since. */
@QuarkusTest
class AnnualTest {

    @Inject
    AgroalDataSource dataSource;

    final LocalDate today = LocalDate.now(ZoneId.of("Asia/Shanghai"));
    final int year = today.getYear();
    long toCover, toClose, blank, covered;

    @BeforeEach
    void registryRecordedTwoYearsAgo() throws Exception {
        Registry.clear(dataSource);
        try (var c = dataSource.getConnection(); var s = c.createStatement()) {
            s.execute("truncate annual_freeze, goal");
            // this test dates its registry back: versions closed by earlier tests must not reach into that past
            s.execute("truncate organization_history, party_organization_history, party_organization_coverage_history,"
                    + " party_standard_history");
        }
        toCover = Registry.createOrg("待覆盖公司", LUOXIONG, 60, 4);
        toClose = Registry.createOrg("将注销公司", LUOXIONG, 20, 1);
        blank = Registry.createOrg("一直空白公司", LUOXIONG, 20, 0);
        covered = Registry.createOrg("早已覆盖公司", LUOXIONG, 80, 6);
        Registry.createParty("早已覆盖公司党支部", LUOXIONG, "BRANCH", "INDEPENDENT", List.of(covered));
        Registry.createOrg("板桥公司", BANQIAO, 20, 3);
        try (var c = dataSource.getConnection(); var s = c.createStatement()) {
            for (String h : List.of("organization_history", "party_organization_history", "party_organization_coverage_history")) {
                s.execute("update " + h + " set valid = tstzrange(((lower(valid) at time zone 'UTC') - interval '2 years') at time zone 'UTC', null) where upper_inf(valid)");
            }
        }
    }

    private void put(long id, Map<String, Object> body) {
        int version = given().get("/api/organizations/{id}", id).jsonPath().getInt("version");
        Map<String, Object> b = new HashMap<>(body);
        b.put("version", version);
        given().contentType(ContentType.JSON).body(b).put("/api/organizations/{id}", id).then().statusCode(200);
    }

    @Test
    void aFreezeKeepsLastYearWhateverIsCorrectedLater() {
        given().contentType(ContentType.JSON).body(Map.of("year", year - 1, "metric", "COVERAGE", "target", 0.5, "scope", "COUNTY"))
                .post("/api/goals").then().statusCode(201);
        given().contentType(ContentType.JSON).body(Map.of("year", year)).post("/api/freezes").then().statusCode(400)
                .body("errors[0].field", equalTo("year"));
        given().contentType(ContentType.JSON).body(Map.of("year", year - 5)).post("/api/freezes").then().statusCode(400);
        JsonPath f = given().contentType(ContentType.JSON).body(Map.of("year", year - 1)).post("/api/freezes").then()
                .statusCode(201).extract().jsonPath();
        given().contentType(ContentType.JSON).body(Map.of("year", year - 1)).post("/api/freezes").then().statusCode(409)
                .body("code", equalTo("ALREADY_FROZEN"));
        String frozen = given().get("/api/freezes/{y}", year - 1).asString();
        assertEquals(5, f.getInt("coverage.total.organizations"));
        assertEquals(1, f.getInt("coverage.total.coveredOrganizations"));
        assertEquals(4, f.getList("blankSpots").size());
        assertEquals(0.2f, f.getFloat("goals.goals[0].county.value"));

        // a correction this year, and even a rewrite of the recorded history, do not move the freeze
        put(toCover, Registry.org("待覆盖公司", LUOXIONG, 60, 9));
        try (var c = dataSource.getConnection(); var s = c.createStatement()) {
            s.execute("update organization_history set data = jsonb_set(data, '{formal_members}', '99') where id = " + blank);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        Registry.createParty("待覆盖公司党支部", LUOXIONG, "BRANCH", "INDEPENDENT", List.of(toCover));
        assertEquals(frozen, given().get("/api/freezes/{y}", year - 1).asString());
        given().get("/api/reports/coverage?asOf=" + (year - 1) + "-12-31").then()
                .body("total.shouldForm", equalTo(3)); // the rewritten history shows in a recomputed report…
        assertEquals(2, f.getInt("coverage.total.shouldForm"), "…but not in the freeze (待覆盖公司 and 板桥公司)");

        JsonPath d = given().get("/api/freezes/{y}/differences", year - 1).then().statusCode(200).extract().jsonPath();
        assertEquals(1, d.getInt("figures.find { it.field == 'coveredOrganizations' }.frozen"));
        assertEquals(2, d.getInt("figures.find { it.field == 'coveredOrganizations' }.now"));
        assertEquals(List.of(toCover), d.getList("blankSpotsNoLonger", Long.class));
        assertEquals(List.of(year - 1), given().get("/api/freezes").jsonPath().getList("year"));
        given().get("/api/freezes/{y}", year - 2).then().statusCode(404);

        given().contentType(ContentType.JSON).body(Map.of("username", "freeze-clerk", "password", "freeze-clerk-pw",
                "roles", List.of("TOWNSHIP_STAFF"), "townships", List.of(BANQIAO))).post("/api/users").then().statusCode(201);
        JsonPath mine = given().auth().preemptive().basic("freeze-clerk", "freeze-clerk-pw").get("/api/freezes/{y}", year - 1)
                .then().statusCode(200).extract().jsonPath();
        assertEquals(List.of(BANQIAO), mine.getList("coverage.townships.code"));
        assertTrue(mine.getList("blankSpots").stream().noneMatch(b -> b.toString().contains("罗雄")), "no 罗雄 blank spots for her");
        given().auth().preemptive().basic("freeze-clerk", "freeze-clerk-pw").contentType(ContentType.JSON)
                .body(Map.of("year", year - 2)).post("/api/freezes").then().statusCode(403);
    }

    @Test
    void yearOverYearNamesWhatChangedAndWhatWasBuiltAndDissolvedWithinAYear() throws Exception {
        Registry.createParty("待覆盖公司党支部", LUOXIONG, "BRANCH", "INDEPENDENT", List.of(toCover));
        put(toClose, Registry.org("将注销公司", LUOXIONG, 20, 1, "status", "CLOSED"));
        long fresh = Registry.createOrg("新登记公司", LUOXIONG, 15, 0);
        long shortLived = Registry.createOrg("短命组织", LUOXIONG, 12, 3);
        Map<String, Object> party = Registry.party("短命党支部", LUOXIONG, "BRANCH", "INDEPENDENT", List.of(shortLived));
        party.put("foundedOn", today.minusMonths(1).toString());
        long partyId = given().contentType(ContentType.JSON).body(party).post("/api/party-organizations").then().statusCode(201)
                .extract().jsonPath().getLong("id");
        party.put("dissolvedOn", today.toString());
        party.put("version", 0);
        given().contentType(ContentType.JSON).body(party).put("/api/party-organizations/{id}", partyId).then().statusCode(200);

        JsonPath y = given().queryParam("township", LUOXIONG).get("/api/reports/year-over-year").then().statusCode(200)
                .extract().jsonPath();
        assertEquals(true, y.getBoolean("recordedFrom"));
        assertEquals(List.of(toCover), y.getList("townships[0].newlyCovered.id", Long.class));
        assertEquals(java.util.Set.of(shortLived, fresh), java.util.Set.copyOf(y.getList("townships[0].newlyBlank.id", Long.class)));
        assertEquals(java.util.Set.of(shortLived, fresh), java.util.Set.copyOf(y.getList("townships[0].newlyRegistered.id", Long.class)));
        assertEquals(List.of(toClose), y.getList("townships[0].closed.id", Long.class));
        assertEquals(List.of(partyId), y.getList("townships[0].dissolvedSoon.id", Long.class));
        assertNotEquals(List.of(), y.getList("townships[0].dissolvedSoon.detail"));

        JsonPath last = given().queryParam("township", LUOXIONG).queryParam("year", year - 2).get("/api/reports/year-over-year")
                .jsonPath();
        assertEquals(false, last.getBoolean("recordedFrom"), "history starts two years ago: the end of the year before is unknown");

        byte[] xlsx = given().queryParam("township", LUOXIONG).get("/api/reports/year-over-year.xlsx").then().statusCode(200)
                .extract().asByteArray();
        try (ReadableWorkbook wb = new ReadableWorkbook(new ByteArrayInputStream(xlsx))) {
            List<Row> rows = wb.getFirstSheet().read();
            assertEquals(1 + 2 + 2 + 1 + 1, rows.size() - 2);
            assertEquals("刚建又散(成立不满一年即撤销)", rows.get(rows.size() - 1).getCellText(2));
        }

        org.jsoup.nodes.Document page = org.jsoup.Jsoup.parse(given().accept("text/html").get("/annual?township=" + LUOXIONG).asString());
        org.jsoup.nodes.Document county = org.jsoup.Jsoup.parse(given().accept("text/html").get("/annual").asString());
        int sum = county.select("#year-over-year tr[data-township]:not([data-township=total]) td[data-col=newlyRegistered]").stream()
                .mapToInt(td -> Integer.parseInt(td.selectFirst("summary") == null ? td.text() : td.selectFirst("summary").text())).sum();
        assertEquals(String.valueOf(sum), county.selectFirst("#year-over-year tr[data-township=total] td[data-col=newlyRegistered]").text(),
                "the total line adds up the townships");
        // counts first, the names one click away
        org.jsoup.nodes.Element covered = page.selectFirst("#year-over-year tr[data-township=" + LUOXIONG + "] td[data-col=newlyCovered]");
        assertEquals("1", covered.selectFirst("summary").text());
        assertEquals("待覆盖公司", covered.selectFirst("details a").text());
        org.jsoup.nodes.Element soon = page.selectFirst("#year-over-year tr[data-township=" + LUOXIONG + "] td[data-col=dissolvedSoon]");
        assertEquals("1", soon.selectFirst("summary").text());
        assertTrue(soon.selectFirst("details").text().contains("短命党支部"), soon.text());
        // asked first, without JavaScript: the answer is a page that posts the same year again, confirmed
        org.jsoup.nodes.Document asked = org.jsoup.Jsoup.parse(cn.liangxin.testsupport.Forms.from("/annual").redirects().follow(false)
                .formParam("year", String.valueOf(year - 1)).post("/annual/freeze").then().statusCode(200).extract().asString());
        assertTrue(asked.selectFirst("#confirm-question").text().contains(String.valueOf(year - 1)));
        assertEquals(String.valueOf(year - 1), asked.selectFirst("#confirm-form input[name=year]").attr("value"));
        assertEquals("1", asked.selectFirst("#confirm-form input[name=confirmed]").attr("value"));
        assertEquals(0, org.jsoup.Jsoup.parse(given().accept("text/html").get("/annual").asString())
                .select("#freezes li[data-year=" + (year - 1) + "]").size(), "nothing frozen before the answer");
        cn.liangxin.testsupport.Forms.from("/annual").redirects().follow(false).formParam("year", String.valueOf(year - 1))
                .formParam("confirmed", "1").post("/annual/freeze").then().statusCode(303);
        var frozen = org.jsoup.Jsoup.parse(given().accept("text/html").get("/annual").asString())
                .select("#freezes li[data-year=" + (year - 1) + "]");
        assertEquals(1, frozen.size());
        // who froze it and when, to the minute in the counties' time
        String today = java.time.LocalDate.now(cn.liangxin.time.Days.ZONE).toString();
        assertTrue(frozen.text().matches(".*由 \\S+ 于 " + today + " \\d{2}:\\d{2} 封存.*"), frozen.text());
        cn.liangxin.testsupport.Forms.from("/annual").formParam("year", String.valueOf(year - 1)).formParam("confirmed", "1")
                .post("/annual/freeze").then().statusCode(409);
    }
}
