package cn.liangxin.goal;

import cn.liangxin.testsupport.Registry;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;

import javax.xml.parsers.DocumentBuilderFactory;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

import static cn.liangxin.testsupport.Registry.BANQIAO;
import static cn.liangxin.testsupport.Registry.JIULONG;
import static cn.liangxin.testsupport.Registry.LUOXIONG;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
class GoalsTest {

    @Inject
    AgroalDataSource dataSource;

    final int year = LocalDate.now(ZoneId.of("Asia/Shanghai")).getYear();
    long b, c, e, f, joint, own;

    @BeforeEach
    void fixture() throws Exception {
        Registry.clear(dataSource);
        Goals.forgetPast();
        try (var conn = dataSource.getConnection(); var s = conn.createStatement()) {
            s.execute("truncate goal");
            // this test dates its registry back: versions closed by earlier tests must not reach into that past
            s.execute("truncate organization_history, party_organization_history, party_organization_coverage_history,"
                    + " party_standard_history");
        }
        Registry.createOrg("甲 49人无党员", LUOXIONG, 49, 0);
        b = Registry.createOrg("乙 50人无党员", LUOXIONG, 50, 0);
        c = Registry.createOrg("丙 50人1名党员", LUOXIONG, 50, 1);
        Registry.createOrg("丁 99人3名党员", LUOXIONG, 99, 3);
        e = Registry.createOrg("戊 100人2名党员", LUOXIONG, 100, 2);
        f = Registry.createOrg("己 100人无党员", LUOXIONG, 100, 0);
        Registry.createOrg("庚 已注销", LUOXIONG, 200, 0, "status", "CLOSED");
        Registry.createOrg("九龙 60人1名党员", JIULONG, 60, 1);
        joint = Registry.createParty("罗雄联合党支部", LUOXIONG, "BRANCH", "JOINT", List.of(e));
        own = Registry.createParty("丙党支部", LUOXIONG, "BRANCH", "INDEPENDENT", List.of(c));
    }

    private long goal(int y, String metric, String target, String scope) {
        return given().contentType(ContentType.JSON).body(Map.of("year", y, "metric", metric, "target", new java.math.BigDecimal(target),
                "scope", scope)).post("/api/goals").then().statusCode(201).extract().jsonPath().getLong("id");
    }

    @Test
    void progressOnHandCountedFixtures() {
        goal(year, "LARGE_HAVE_MEMBERS", "1", "TOWNSHIP");
        goal(year, "LARGE_HAVE_ORGANIZATION", "1", "TOWNSHIP");
        goal(year, "ELIGIBLE_HAVE_ORGANIZATION", "1", "TOWNSHIP");
        goal(year, "COVERAGE", "0.3", "COUNTY");
        goal(year, "FIVE_GOOD", "0.8", "COUNTY");
        goal(year, "FIVE_ONE", "0.5", "COUNTY");
        Map<String, Object> all = Map.of("goodLeadership", true, "goodMembers", true, "goodMechanism", true, "goodResults", true,
                "goodStanding", true);
        given().contentType(ContentType.JSON).body(all).put("/api/party-organizations/{id}/five-good/{y}", joint, year)
                .then().statusCode(200).body("fiveGood", equalTo(true));
        Map<String, Object> four = new java.util.HashMap<>(all);
        four.put("goodStanding", false);
        given().contentType(ContentType.JSON).body(four).put("/api/party-organizations/{id}/five-good/{y}", own, year)
                .then().statusCode(200).body("fiveGood", equalTo(false));
        given().contentType(ContentType.JSON).body(Map.of("activityRoom", true, "roomArea", 25, "bulletinBoard", true,
                "signPlate", true, "partyFlag", true, "rulesSet", true)).put("/api/party-organizations/{id}/five-one", joint)
                .then().statusCode(200).body("complete", equalTo(true)).body("warnings[0].field", equalTo("roomArea"));

        // the coverage report counts the 五个一 and estimates the funding: 50 yuan × 6 formal members of active organizations
        given().queryParam("township", LUOXIONG).get("/api/reports/coverage").then().statusCode(200)
                .body("total.fiveOneComplete", equalTo(1)).body("total.fiveOneRate", equalTo(0.5f))
                .body("total.fundingYuan", equalTo(300));

        JsonPath p = given().queryParam("year", year).get("/api/goals/progress").then().statusCode(200).extract().jsonPath();
        assertEquals(true, p.getBoolean("recorded"));
        String lx = "goals.find { it.goal.metric == '%s' }.townships.find { it.code == '" + LUOXIONG + "' }";
        // ≥ 50 employees: 乙 丙 丁 戊 己 (甲 has 49, 庚 is closed); with members: 丙 丁 戊
        assertEquals(List.of(3, 5, 2), List.of(p.getInt(lx.formatted("LARGE_HAVE_MEMBERS") + ".numerator"),
                p.getInt(lx.formatted("LARGE_HAVE_MEMBERS") + ".denominator"), p.getInt(lx.formatted("LARGE_HAVE_MEMBERS") + ".shortBy")));
        assertEquals(0.6f, p.getFloat(lx.formatted("LARGE_HAVE_MEMBERS") + ".value"));
        assertEquals(false, p.getBoolean(lx.formatted("LARGE_HAVE_MEMBERS") + ".met"));
        // ≥ 100 employees: 戊 (covered) 己; 丁 with 99 does not count
        assertEquals(List.of(1, 2, 1), List.of(p.getInt(lx.formatted("LARGE_HAVE_ORGANIZATION") + ".numerator"),
                p.getInt(lx.formatted("LARGE_HAVE_ORGANIZATION") + ".denominator"), p.getInt(lx.formatted("LARGE_HAVE_ORGANIZATION") + ".shortBy")));
        assertEquals(List.of(0, 1, 1), List.of(p.getInt(lx.formatted("ELIGIBLE_HAVE_ORGANIZATION") + ".numerator"),
                p.getInt(lx.formatted("ELIGIBLE_HAVE_ORGANIZATION") + ".denominator"), p.getInt(lx.formatted("ELIGIBLE_HAVE_ORGANIZATION") + ".shortBy")));
        String jl = "goals.find { it.goal.metric == 'LARGE_HAVE_MEMBERS' }.townships.find { it.code == '" + JIULONG + "' }";
        assertEquals(true, p.getBoolean(jl + ".met"));
        String bq = "goals.find { it.goal.metric == 'LARGE_HAVE_MEMBERS' }.townships.find { it.code == '" + BANQIAO + "' }";
        assertNull(p.get(bq + ".value"), "nothing to count: no rate");
        assertEquals(0, p.getInt(bq + ".shortBy"));
        assertEquals(false, p.getBoolean("goals.find { it.goal.metric == 'LARGE_HAVE_MEMBERS' }.met"), "罗雄 falls short");
        // county: 4 of 6 large organizations have members
        assertEquals(List.of(4, 6, 2), List.of(p.getInt("goals.find { it.goal.metric == 'LARGE_HAVE_MEMBERS' }.county.numerator"),
                p.getInt("goals.find { it.goal.metric == 'LARGE_HAVE_MEMBERS' }.county.denominator"),
                p.getInt("goals.find { it.goal.metric == 'LARGE_HAVE_MEMBERS' }.county.shortBy")));
        // coverage: 丙 and 戊 of 7 active = 28.6 % < 30 %: one more
        String cov = "goals.find { it.goal.metric == 'COVERAGE' }";
        assertEquals(List.of(2, 7, 1), List.of(p.getInt(cov + ".county.numerator"), p.getInt(cov + ".county.denominator"),
                p.getInt(cov + ".county.shortBy")));
        assertEquals(false, p.getBoolean(cov + ".met"));
        String good = "goals.find { it.goal.metric == 'FIVE_GOOD' }";
        assertEquals(List.of(1, 2, 1), List.of(p.getInt(good + ".county.numerator"), p.getInt(good + ".county.denominator"),
                p.getInt(good + ".county.shortBy")));
        String one = "goals.find { it.goal.metric == 'FIVE_ONE' }";
        assertEquals(true, p.getBoolean(one + ".met"), "1 of 2 = 50 %");

        // the link names exactly the organizations between 罗雄 and the goal
        String link = p.getString(lx.formatted("LARGE_HAVE_MEMBERS") + ".organizations");
        JsonPath missing = given().get(link.replaceFirst("^/api", "/api")).then().statusCode(200).extract().jsonPath();
        assertEquals(List.of(f, b), missing.getList("id", Long.class));
        assertEquals(List.of(own), given().queryParam("year", year).queryParam("metric", "FIVE_GOOD").get("/api/goals/shortfall")
                .jsonPath().getList("id", Long.class));

        // covering 己 meets the ≥ 100 goal in 罗雄
        given().contentType(ContentType.JSON).body(Registry.party("己党支部", LUOXIONG, "BRANCH", "JOINT", List.of(f)))
                .post("/api/party-organizations").then().statusCode(201);
        assertEquals(true, given().queryParam("year", year).get("/api/goals/progress").jsonPath()
                .getBoolean(lx.formatted("LARGE_HAVE_ORGANIZATION") + ".met"));
    }

    @Test
    void pastYearsAreMeasuredAsRecordedAndChartedPointByPoint() throws Exception {
        goal(year - 1, "COVERAGE", "0.5", "COUNTY");
        // the fixture as if recorded two years ago
        try (var conn = dataSource.getConnection(); var s = conn.createStatement()) {
            for (String h : List.of("organization_history", "party_organization_history", "party_organization_coverage_history")) {
                s.execute("update " + h + " set valid = tstzrange(((lower(valid) at time zone 'UTC') - interval '2 years') at time zone 'UTC', null) where upper_inf(valid)");
            }
        }
        // covered this year: not in last year's figures
        given().contentType(ContentType.JSON).body(Registry.party("己党支部", LUOXIONG, "BRANCH", "JOINT", List.of(f, b)))
                .post("/api/party-organizations").then().statusCode(201);
        JsonPath last = given().queryParam("year", year - 1).get("/api/goals/progress").jsonPath();
        assertEquals(true, last.getBoolean("recorded"));
        assertEquals((year - 1) + "-12-31", last.getString("measuredOn"));
        assertEquals(2, last.getInt("goals[0].county.numerator"), "as recorded on 31 December");
        JsonPath asOf = given().queryParam("asOf", (year - 1) + "-06-30").get("/api/goals/progress").jsonPath();
        assertEquals((year - 1) + "-06-30", asOf.getString("measuredOn"));
        assertEquals(2, asOf.getInt("goals[0].county.numerator"), "the goals of that year, as recorded that day");
        given().queryParam("asOf", "2100-01-01").get("/api/goals/progress").then().statusCode(400)
                .body("errors[0].field", equalTo("asOf"));
        assertEquals(given().queryParam("year", year - 5).get("/api/goals/progress").jsonPath().getBoolean("recorded"), false);

        String svg = given().queryParam("metric", "COVERAGE").queryParam("township", LUOXIONG).get("/api/goals/chart.svg")
                .then().statusCode(200).contentType("image/svg+xml").extract().asString();
        Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
        assertEquals("svg", doc.getDocumentElement().getTagName());
        var circles = doc.getElementsByTagName("circle");
        assertEquals(6, circles.getLength(), "three years, county and township");
        int thisYear = 0;
        for (int i = 0; i < circles.getLength(); i++) {
            var el = (org.w3c.dom.Element) circles.item(i);
            if (el.getAttribute("data-year").equals(String.valueOf(year)) && el.getAttribute("data-series").equals("罗雄街道")) {
                assertEquals("0.6666", el.getAttribute("data-value"), "丙 戊 己 乙 of 6: cut, never rounded up");
                thisYear++;
            }
            if (el.getAttribute("data-year").equals(String.valueOf(year - 1)) && el.getAttribute("data-series").equals("罗雄街道")) {
                assertEquals("0.3333", el.getAttribute("data-value"));
            }
        }
        assertEquals(1, thisYear);
        assertEquals(1, doc.getElementsByTagName("line").getLength() - 3, "one target bar besides the three gridlines");
        org.jsoup.nodes.Document chart = org.jsoup.Jsoup.parse(svg, "", org.jsoup.parser.Parser.xmlParser());
        assertEquals(List.of(String.valueOf(year - 1)), chart.select("line.target").eachAttr("data-year"));
        assertTrue(chart.select("text.legend").eachText().contains("目标"), "the red dash has its legend: "
                + chart.select("text.legend").eachText());
        assertEquals(1, chart.select("rect.key.target").size(), "drawn as a red dash");
        assertEquals(List.of("罗平县", "罗雄街道", "目标"), chart.select("text.legend").eachText(), "every mark in the legend");
        assertReadableOnAPhone(svg);
    }

    /** The width a chart is drawn at on a 390-px phone: the screen less the page's margins (.5rem each side). */
    static final double PHONE_COLUMN = 390 - 16;

    /**
     * Every text of a chart is at least 12 px as drawn in a phone's column: its font size scaled by
     * the width the chart is drawn at (its width, at most the column) over its viewBox's width.
     */
    static void assertReadableOnAPhone(String svg) {
        org.jsoup.nodes.Document chart = org.jsoup.Jsoup.parse(svg, "", org.jsoup.parser.Parser.xmlParser());
        for (org.jsoup.nodes.Element el : chart.select("svg")) {
            double viewBox = Double.parseDouble(el.attr("viewBox").split(" ")[2]);
            double drawn = Math.min(Double.parseDouble(el.attr("width")), PHONE_COLUMN);
            assertTrue(el.select("text").size() > 0);
            for (org.jsoup.nodes.Element t : el.select("text")) {
                double px = Double.parseDouble(t.attr("font-size")) * drawn / viewBox;
                assertTrue(px >= 12, "\"" + t.text() + "\" is " + px + " px at 390 px");
            }
        }
    }

    @Test
    void aYearNotYetRatedHasNoFiveGoodPointAndTheChartSaysSo() throws Exception {
        goal(year, "FIVE_GOOD", "0.5", "COUNTY");
        // the fixture as if recorded two years ago
        try (var conn = dataSource.getConnection(); var s = conn.createStatement()) {
            for (String h : List.of("organization_history", "party_organization_history", "party_organization_coverage_history")) {
                s.execute("update " + h + " set valid = tstzrange(((lower(valid) at time zone 'UTC') - interval '2 years') at time zone 'UTC', null) where upper_inf(valid)");
            }
        }
        // last year: one of the two rated 五个好, the other rated short of it; this year: nothing rated yet
        Map<String, Object> all = Map.of("goodLeadership", true, "goodMembers", true, "goodMechanism", true, "goodResults", true,
                "goodStanding", true);
        given().contentType(ContentType.JSON).body(all).put("/api/party-organizations/{id}/five-good/{y}", joint, year - 1)
                .then().statusCode(200);
        Map<String, Object> four = new java.util.HashMap<>(all);
        four.put("goodStanding", false);
        given().contentType(ContentType.JSON).body(four).put("/api/party-organizations/{id}/five-good/{y}", own, year - 1)
                .then().statusCode(200);

        String svg = given().queryParam("metric", "FIVE_GOOD").queryParam("township", LUOXIONG).get("/api/goals/chart.svg")
                .then().statusCode(200).extract().asString();
        org.jsoup.nodes.Document chart = org.jsoup.Jsoup.parse(svg, "", org.jsoup.parser.Parser.xmlParser());
        assertEquals(List.of(), chart.select("circle.point[data-year=" + year + "]").eachAttr("data-value"),
                "nothing rated this year: no point, not 0 %");
        assertEquals(List.of(), chart.select("circle.point[data-year=" + (year - 2) + "]").eachAttr("data-value"),
                "nothing rated that year either");
        assertEquals(List.of("0.5000", "0.5000"), chart.select("circle.point[data-year=" + (year - 1) + "]").eachAttr("data-value"),
                "last year's ratings keep their point, county and township");
        String note = chart.select("text.note").eachText().stream().reduce("", String::concat);
        assertTrue(note.contains(year + " 年尚未评定"), note);
        assertTrue(note.contains((year - 2) + " 年没有五个好评定记录"), note);
        assertTrue(chart.select("text.legend").eachText().contains("目标"), "this year's target is drawn and in the legend");
        assertReadableOnAPhone(svg);
        // and the goal of the year says it is not rated yet, neither met nor short, instead of 0 % 未达到
        io.restassured.path.json.JsonPath progress = given().queryParam("year", year).get("/api/goals/progress").jsonPath();
        assertEquals(null, progress.getString("goals.find { it.goal.metric == 'FIVE_GOOD' }.county.value"));
        assertEquals(null, progress.getString("goals.find { it.goal.metric == 'FIVE_GOOD' }.county.met"));
        assertEquals(0, progress.getInt("goals.find { it.goal.metric == 'FIVE_GOOD' }.county.shortBy"));
        org.jsoup.nodes.Document goals = org.jsoup.Jsoup.parse(given().accept("text/html").queryParam("year", year).get("/goals").asString());
        String heading = goals.selectFirst("section.goal[data-metric=FIVE_GOOD] h2").text();
        assertTrue(heading.contains("尚未评定") && !heading.contains("未达到"), heading);
        assertEquals("—", goals.selectFirst("section.goal[data-metric=FIVE_GOOD] tr[data-township=total] td[data-col=value]").text());

        // one organization rated this year, even short of 五个好: the year is rated, its rate 0 %, and no note for it
        given().contentType(ContentType.JSON).body(four).put("/api/party-organizations/{id}/five-good/{y}", own, year)
                .then().statusCode(200);
        chart = org.jsoup.Jsoup.parse(given().queryParam("metric", "FIVE_GOOD").get("/api/goals/chart.svg").asString(), "",
                org.jsoup.parser.Parser.xmlParser());
        assertEquals(List.of("0.0000"), chart.select("circle.point[data-year=" + year + "]").eachAttr("data-value"));
        assertEquals("false", given().queryParam("year", year).get("/api/goals/progress").jsonPath()
                .getString("goals.find { it.goal.metric == 'FIVE_GOOD' }.county.met"), "rated: now it is short of its goal");
        note = chart.select("text.note").eachText().stream().reduce("", String::concat);
        assertTrue(!note.contains(String.valueOf(year)), note);
    }

    @Test
    void everyChartReadsOnAPhone() {
        goal(year, "COVERAGE", "0.3", "COUNTY");
        goal(year, "FIVE_GOOD", "0.8", "TOWNSHIP");
        for (String path : List.of("/goals", "/townships/" + LUOXIONG, "/")) {
            org.jsoup.nodes.Document page = org.jsoup.Jsoup.parse(given().accept("text/html").get(path).then().statusCode(200)
                    .extract().asString());
            assertTrue(page.select("svg.chart").size() >= 1, path);
            for (org.jsoup.nodes.Element svg : page.select("svg.chart")) {
                assertReadableOnAPhone(svg.outerHtml());
                if (!svg.select(".target").isEmpty()) {
                    assertTrue(svg.select("text.legend").eachText().stream().anyMatch(t -> t.contains("目标")),
                            path + ": a chart with target marks names them: " + svg.select("text.legend").eachText());
                }
            }
        }
    }

    @Test
    void theCountySetsGoalsAndTheSeedPresetOnce() {
        JsonPath preset = given().post("/api/goals/preset").then().statusCode(200).extract().jsonPath();
        assertEquals(List.of(2009, 2009, 2010, 2011), preset.getList("year"));
        assertEquals(4, given().post("/api/goals/preset").jsonPath().getList("$").size(), "not twice");
        assertEquals(0.8f, preset.getFloat("find { it.metric == 'FIVE_GOOD' }.target"));
        given().contentType(ContentType.JSON).body(Map.of("year", 2009, "metric", "LARGE_HAVE_MEMBERS", "target", 0.9,
                "scope", "TOWNSHIP")).post("/api/goals").then().statusCode(409).body("code", equalTo("GOAL_EXISTS"));
        given().contentType(ContentType.JSON).body(Map.of("year", 2012, "metric", "COVERAGE", "target", 1.5,
                "scope", "COUNTY")).post("/api/goals").then().statusCode(400).body("errors[0].field", equalTo("target"));
        given().contentType(ContentType.JSON).body(Map.of("year", 2012, "metric", "EVERYTHING", "target", 0.5,
                "scope", "COUNTY")).post("/api/goals").then().statusCode(400);
        given().queryParam("metric", "COVERAGE").queryParam("year", "去年").get("/api/goals/shortfall").then().statusCode(400)
                .body("errors[0].field", equalTo("year"));

        given().contentType(ContentType.JSON).body(Map.of("username", "goal-clerk", "password", "goal-clerk-pw",
                "roles", List.of("TOWNSHIP_STAFF"), "townships", List.of(LUOXIONG))).post("/api/users").then().statusCode(201);
        given().auth().preemptive().basic("goal-clerk", "goal-clerk-pw").contentType(ContentType.JSON)
                .body(Map.of("year", 2012, "metric", "COVERAGE", "target", 0.5, "scope", "COUNTY")).post("/api/goals")
                .then().statusCode(403);
        JsonPath mine = given().auth().preemptive().basic("goal-clerk", "goal-clerk-pw").queryParam("year", year)
                .get("/api/goals/progress").jsonPath();
        assertTrue(mine.getList("goals").isEmpty() || mine.getList("goals[0].townships.code").equals(List.of(LUOXIONG)));
        long id = preset.getLong("find { it.metric == 'FIVE_GOOD' }.id");
        given().contentType(ContentType.JSON).body(Map.of("year", 2011, "metric", "FIVE_GOOD", "target", 0.9, "scope", "COUNTY"))
                .put("/api/goals/{id}", id).then().statusCode(200).body("target", equalTo(0.9f));
        given().delete("/api/goals/{id}", id).then().statusCode(204);
        given().get("/api/goals/{id}", id).then().statusCode(404);
    }

    @Test
    void theGoalsPageSetsATargetAsAPercentageAndShowsProgressAndCharts() {
        String location = cn.liangxin.testsupport.Forms.from("/goals").redirects().follow(false)
                .formParam("year", String.valueOf(year)).formParam("metric", "LARGE_HAVE_MEMBERS").formParam("scope", "TOWNSHIP")
                .formParam("target", "90%").post("/goals").then().statusCode(303).extract().header("Location");
        assertTrue(location.endsWith("/goals?year=" + year), location);
        assertEquals(0.9f, given().get("/api/goals").jsonPath().getFloat("[0].target"));
        org.jsoup.nodes.Document page = org.jsoup.Jsoup.parse(given().accept("text/html").get("/goals?year=" + year).asString());
        org.jsoup.nodes.Element row = page.selectFirst("section.goal[data-metric=LARGE_HAVE_MEMBERS] tr[data-township=" + LUOXIONG + "]");
        assertEquals("60.00%", row.selectFirst("td[data-col=value]").text());
        assertEquals("2", row.selectFirst("td[data-col=shortBy]").text(), "90 % of 5 is 4.5, so 5 are needed; 3 have members");
        assertEquals(1, page.select("#charts svg").size(), "one metric with a goal, one chart");
        String which = row.selectFirst("a").attr("href");
        org.jsoup.nodes.Document list = org.jsoup.Jsoup.parse(given().accept("text/html").get(which).asString());
        assertEquals(List.of(String.valueOf(f), String.valueOf(b)), list.select("#shortfall tr[data-id]").eachAttr("data-id"));
        cn.liangxin.testsupport.Forms.from("/goals").redirects().follow(false).formParam("year", String.valueOf(year))
                .formParam("metric", "COVERAGE").formParam("scope", "COUNTY").formParam("target", "120").post("/goals")
                .then().statusCode(400);
    }

    /**
     * A data-quality goal is measured by the quality report's score. In this fixture, with no register:
     * 罗雄 has six active organizations, four of them blank spots (甲 乙 丁 己) with no survey fields
     * filled (completeness 0/4), all edited today (freshness 6/6), none with a warning (6/6):
     * (40 × 0 + 20 × 1 + 15 × 1) / 75 = 46.67 → 47. 九龙: one blank spot, incomplete, fresh, no warning:
     * 47 as well; the total 0/5, 7/7, 7/7: 47. 板桥 has nothing to score.
     */
    @Test
    void aDataQualityGoalIsMeasuredByTheQualityScore() throws Exception {
        try (var conn = dataSource.getConnection(); var s = conn.createStatement()) {
            s.execute("truncate register_import, register_row");
        }
        JsonPath quality = given().get("/api/reports/quality").then().statusCode(200).extract().jsonPath();
        int lxScore = quality.getInt("townships.find { it.code == '" + LUOXIONG + "' }.score");
        assertEquals(47, lxScore);
        assertEquals(47, quality.getInt("total.score"));

        // a township goal of exactly 47 points is met; a county goal of 48 is one point short
        goal(year, "DATA_QUALITY", "0.47", "TOWNSHIP");
        long county = goal(year, "DATA_QUALITY", "0.48", "COUNTY");
        JsonPath p = given().queryParam("year", year).get("/api/goals/progress").then().statusCode(200).extract().jsonPath();
        String g = "goals.find { it.goal.metric == 'DATA_QUALITY' && it.goal.scope == '%s' }";
        String lx = g.formatted("TOWNSHIP") + ".townships.find { it.code == '" + LUOXIONG + "' }";
        assertEquals(List.of(lxScore, 100, 0), List.of(p.getInt(lx + ".numerator"), p.getInt(lx + ".denominator"),
                p.getInt(lx + ".shortBy")));
        assertEquals(0.47f, p.getFloat(lx + ".value"));
        assertEquals(true, p.getBoolean(lx + ".met"));
        assertNull(p.get(g.formatted("TOWNSHIP") + ".townships.find { it.code == '" + BANQIAO + "' }.value"),
                "nothing to score");
        assertEquals(true, p.getBoolean(g.formatted("TOWNSHIP") + ".met"));
        assertEquals(47, p.getInt(g.formatted("COUNTY") + ".county.numerator"));
        assertEquals(1, p.getInt(g.formatted("COUNTY") + ".county.shortBy"), "48 − 47 points");
        assertEquals(false, p.getBoolean(g.formatted("COUNTY") + ".met"));
        // 47.01 points needs 48: the target rounds up to a whole point
        given().contentType(ContentType.JSON).body(Map.of("year", year, "metric", "DATA_QUALITY",
                "target", new java.math.BigDecimal("0.4701"), "scope", "COUNTY")).put("/api/goals/{id}", county).then().statusCode(200);
        assertEquals(1, given().queryParam("year", year).get("/api/goals/progress").jsonPath()
                .getInt(g.formatted("COUNTY") + ".county.shortBy"));
        given().contentType(ContentType.JSON).body(Map.of("year", year, "metric", "DATA_QUALITY",
                "target", new java.math.BigDecimal("0.47"), "scope", "COUNTY")).put("/api/goals/{id}", county).then().statusCode(200);
        assertEquals(true, given().queryParam("year", year).get("/api/goals/progress").jsonPath()
                .getBoolean(g.formatted("COUNTY") + ".met"));

        // what lowers 罗雄's score: its four incomplete blank spots, not the covered 丙 and 戊
        JsonPath lowering = given().queryParam("metric", "DATA_QUALITY").queryParam("township", LUOXIONG)
                .get("/api/goals/shortfall").then().statusCode(200).extract().jsonPath();
        List<String> names = lowering.getList("name");
        assertEquals(List.of("乙 50人无党员", "丁 99人3名党员", "己 100人无党员", "甲 49人无党员").stream().sorted().toList(),
                names.stream().sorted().toList());
        assertEquals(List.of(List.of("INCOMPLETE_SURVEY")), lowering.getList("reasons").stream().distinct().toList());
        org.jsoup.nodes.Document why = org.jsoup.Jsoup.parse(given().accept("text/html").queryParam("metric", "DATA_QUALITY")
                .queryParam("township", LUOXIONG).get("/goals/shortfall").asString());
        assertEquals(List.of("空白点信息不全"), why.select("#shortfall td[data-col=reasons]").eachText().stream().distinct().toList());
        // a rate's shortfall has no reasons to give
        assertEquals(List.of(List.of()), given().queryParam("metric", "COVERAGE").get("/api/goals/shortfall").jsonPath()
                .getList("reasons").stream().distinct().toList());
        // a past year's score is not measured: no value, no list
        goal(year - 1, "DATA_QUALITY", "0.5", "COUNTY");
        assertNull(given().queryParam("year", year - 1).get("/api/goals/progress").jsonPath()
                .get(g.formatted("COUNTY") + ".county.value"));
        assertEquals(List.of(), given().queryParam("metric", "DATA_QUALITY").queryParam("year", year - 1)
                .get("/api/goals/shortfall").then().statusCode(200).extract().jsonPath().getList("$"));

        // the goals page speaks of points, not percentages
        org.jsoup.nodes.Document page = org.jsoup.Jsoup.parse(given().accept("text/html").get("/goals?year=" + year).asString());
        org.jsoup.nodes.Element section = page.selectFirst("section.goal[data-metric=DATA_QUALITY]");
        assertTrue(section.selectFirst("h2").text().startsWith("数据质量得分:目标 47 分"), section.selectFirst("h2").text());
        assertEquals("47 分", section.selectFirst("tr[data-township=" + LUOXIONG + "] td[data-col=value]").text());
        assertEquals("0 分", section.selectFirst("tr[data-township=" + LUOXIONG + "] td[data-col=shortBy]").text());
        assertEquals("", section.selectFirst("tr[data-township=" + LUOXIONG + "] td[data-col=numerator]").text(),
                "a score has no numerator to show");
        String svg = given().queryParam("metric", "DATA_QUALITY").get("/api/goals/chart.svg").then().statusCode(200)
                .extract().asString();
        org.jsoup.nodes.Document chart = org.jsoup.Jsoup.parse(svg, "", org.jsoup.parser.Parser.xmlParser());
        assertEquals(List.of("0.47"), chart.select("circle.point[data-year=" + year + "]").eachAttr("data-value"),
                "this year's point is the score");
        assertEquals(List.of(), chart.select("circle.point[data-year=" + (year - 1) + "]").eachAttr("data-value"),
                "no score for a past year");
        assertTrue(chart.select("text").eachText().contains("50 分"), "the scale reads in points");
    }
}
