package cn.liangxin.report;

import cn.liangxin.survey.SurveyImportTest;
import cn.liangxin.testsupport.Registry;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static cn.liangxin.testsupport.Registry.BANQIAO;
import static cn.liangxin.testsupport.Registry.JIULONG;
import static cn.liangxin.testsupport.Registry.LUOXIONG;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The figures kept per township always equal the registry counted afresh: after every kind of
 * change (an organization added, changed, moved to another township or deleted; a party
 * organization formed, re-formed across townships or dissolved; 五个一 recorded; a survey import
 * committed) the coverage table read from the kept figures equals the one counted from the
 * history as of today.
 */
@QuarkusTest
class TownshipSummaryTest {

    @Inject
    AgroalDataSource dataSource;

    private void agrees(String after) {
        String today = LocalDate.now(cn.liangxin.time.Days.ZONE).toString();
        JsonPath kept = given().get("/api/reports/coverage").then().statusCode(200).extract().jsonPath();
        JsonPath counted = given().queryParam("asOf", today).get("/api/reports/coverage").then().statusCode(200).extract().jsonPath();
        assertEquals(counted.getList("townships"), kept.getList("townships"), "after " + after);
        assertEquals(counted.getMap("total"), kept.getMap("total"), "after " + after);
        // a second read finds nothing stale and changes nothing
        assertEquals(kept.getList("townships"), given().get("/api/reports/coverage").jsonPath().getList("townships"));
        qualityAgrees(after);
    }

    @Inject
    Quality quality;

    /** The data-quality figures kept (the quality report's) equal those counted afresh, township by township. */
    private void qualityAgrees(String after) {
        JsonPath report = given().get("/api/reports/quality").then().statusCode(200).extract().jsonPath();
        List<String> codes = report.getList("townships.code");
        List<String> counties = codes.stream().map(t -> t.substring(0, 6)).distinct().toList();
        Map<String, Map<String, Long>> counted = io.quarkus.narayana.jta.QuarkusTransaction.requiringNew()
                .call(() -> quality.count(new cn.liangxin.security.Scope.Part(counties, null)));
        JsonPath coverage = given().get("/api/reports/coverage").jsonPath();
        for (int i = 0; i < codes.size(); i++) {
            Map<String, Long> f = counted.getOrDefault(codes.get(i), Map.of());
            String t = "townships[" + i + "].components.";
            String what = "after " + after + ", " + codes.get(i);
            assertEquals(f.getOrDefault("blank", 0L), report.getLong(t + "completeness.denominator"), what);
            assertEquals(f.getOrDefault("complete", 0L), report.getLong(t + "completeness.numerator"), what);
            assertEquals(coverage.getLong("townships[" + i + "].organizations"), report.getLong(t + "freshness.denominator"), what);
            assertEquals(f.getOrDefault("fresh", 0L), report.getLong(t + "freshness.numerator"), what);
            assertEquals(f.getOrDefault("register_lines", 0L), report.getLong(t + "registerCoverage.denominator"), what);
            assertEquals(f.getOrDefault("register_in", 0L), report.getLong(t + "registerCoverage.numerator"), what);
            assertEquals(f.getOrDefault("warned", 0L), report.getLong(t + "noWarnings.denominator")
                    - report.getLong(t + "noWarnings.numerator"), what);
        }
    }

    private void sql(String statement) {
        cn.liangxin.testsupport.Registry.sql(dataSource, statement);
    }

    /**
     * The data-quality figures kept follow what they count that is not the coverage's: a market
     * register's lines (a register imported, a line registered from the worklist), a namesake (an
     * open warning), and time alone (an organization whose last confirmation grows older than the
     * fresh months stops counting as fresh with no change at all).
     */
    @Test
    void theKeptQualityFiguresFollowRegistersNamesakesAndTime() throws Exception {
        Registry.clear(dataSource);
        sql("truncate register_import, register_row");
        long a = Registry.createOrg("质汇甲公司", LUOXIONG, 20, 0, "ownerAttitude", "SUPPORTIVE", "plannedFormationOn", "2027-06-01");
        Registry.createOrg("质汇乙公司", BANQIAO, 5, 0);
        agrees("registering organizations");
        JsonPath before = given().queryParam("township", LUOXIONG).get("/api/reports/quality").jsonPath();
        assertEquals(1, before.getInt("townships[0].components.completeness.numerator"));
        String csv = "企业名称,登记状态,住所\r\n质汇甲公司,存续,罗平县罗雄街道\r\n质汇丙公司,存续,罗平县罗雄街道\r\n"
                + "质汇丁公司,存续,罗平县板桥镇\r\n";
        given().multiPart("file", "q.csv", csv.getBytes(StandardCharsets.UTF_8), "text/csv").multiPart("source", "MARKET")
                .post("/api/registers").then().statusCode(201);
        agrees("importing a market register");
        assertEquals(2, given().queryParam("township", LUOXIONG).get("/api/reports/quality").jsonPath()
                .getInt("townships[0].components.registerCoverage.denominator"), "the register's lines count, kept");
        Registry.createOrg("质汇甲公司", LUOXIONG, 9, 0);
        agrees("a namesake in the same township");
        assertEquals(0, given().queryParam("township", LUOXIONG).get("/api/reports/quality").jsonPath()
                .getInt("townships[0].components.noWarnings.numerator"), "both namesakes are warned");
        assertEquals(2, given().queryParam("township", LUOXIONG).get("/api/reports/quality").jsonPath()
                .getInt("townships[0].components.noWarnings.denominator"));
        // confirmed just under 12 months ago: fresh now, no longer in a few seconds
        sql("update organization set updated_at = now() - interval '12 months' + interval '2 seconds' where id = " + a);
        agrees("an organization confirmed almost 12 months ago");
        assertEquals(2, given().queryParam("township", LUOXIONG).get("/api/reports/quality").jsonPath()
                .getInt("townships[0].components.freshness.numerator"));
        Thread.sleep(3_000);
        agrees("the months passing");
        assertEquals(1, given().queryParam("township", LUOXIONG).get("/api/reports/quality").jsonPath()
                .getInt("townships[0].components.freshness.numerator"), "time alone made one stale");
    }

    @Test
    void theKeptFiguresFollowEveryChange() throws Exception {
        Registry.clear(dataSource);
        agrees("clearing the registry");
        long a = Registry.createOrg("汇总甲公司", LUOXIONG, 80, 5);
        long b = Registry.createOrg("汇总乙公司", LUOXIONG, 12, 2);
        long c = Registry.createOrg("汇总丙公司", BANQIAO, 30, 0, "instructor", "张指导");
        agrees("registering organizations");
        long party = Registry.createParty("汇总甲公司党支部", LUOXIONG, "BRANCH", "INDEPENDENT", List.of(a));
        agrees("forming a party organization");
        given().contentType(ContentType.JSON).body(Registry.org("汇总乙公司", LUOXIONG, 12, 3, "version", 0))
                .put("/api/organizations/{id}", b).then().statusCode(200);
        agrees("a member more (2 → 3: should form)");
        given().contentType(ContentType.JSON).body(Registry.org("汇总乙公司", JIULONG, 12, 3, "version", 1))
                .put("/api/organizations/{id}", b).then().statusCode(200);
        agrees("moving an organization to another township");
        Map<String, Object> reliant = new HashMap<>(Registry.party("汇总甲公司党支部", LUOXIONG, "BRANCH", "RELIANT", List.of(a, c)));
        reliant.put("version", 0);
        given().contentType(ContentType.JSON).body(reliant).put("/api/party-organizations/{id}", party).then().statusCode(200);
        agrees("re-forming it by reliance, covering another township's organization");
        given().contentType(ContentType.JSON).body(Map.of("activityRoom", true, "roomArea", 40, "bulletinBoard", true,
                "signPlate", true, "partyFlag", true, "rulesSet", true)).put("/api/party-organizations/{id}/five-one", party)
                .then().statusCode(200);
        agrees("recording 五个一");
        Map<String, Object> dissolved = new HashMap<>(reliant);
        dissolved.put("version", 1);
        dissolved.put("dissolvedOn", LocalDate.now(cn.liangxin.time.Days.ZONE).toString());
        given().contentType(ContentType.JSON).body(dissolved).put("/api/party-organizations/{id}", party).then().statusCode(200);
        agrees("dissolving it");
        // the organization the dissolved branch covered stays (409 COVERED_BEFORE); another one goes
        given().delete("/api/organizations/{id}", c).then().statusCode(409);
        long gone = Registry.createOrg("汇总待删公司", BANQIAO, 7, 1);
        agrees("registering one more");
        given().delete("/api/organizations/{id}", gone).then().statusCode(204);
        agrees("deleting an organization");
        byte[] file = SurveyImportTest.csv(StandardCharsets.UTF_8, true,
                "汇总丁公司,,企业,罗雄街道,,,,C,否,正常,60,4,,,,否,,无,未建立,,,,,,,",
                "汇总戊公司,,企业,板桥镇,,,,C,否,正常,8,1,,,,否,,无,联合党支部,汇总板桥联合党支部,,,,,,");
        long preview = given().multiPart("file", "s.csv", file, "text/csv").post("/api/surveys/imports").then().statusCode(201)
                .extract().jsonPath().getLong("id");
        given().post("/api/surveys/imports/{id}/commit", preview).then().statusCode(200);
        agrees("committing a survey import");
        // a branch by reliance over two townships' organizations with 2 formal members in all: nominal in
        // both; a member more in one township makes it real in the other township too (板桥镇 already
        // has one nominally covered: the survey's joint branch over 汇总戊公司's single member)
        long d = Registry.createOrg("汇总己公司", LUOXIONG, 20, 1);
        long e = Registry.createOrg("汇总庚协会", BANQIAO, 9, 1, "kind", "SOCIAL_GROUP");
        long thin = Registry.createParty("汇总行业协会党支部", LUOXIONG, "BRANCH", "RELIANT", List.of(d, e));
        agrees("forming a branch by reliance on 2 formal members");
        assertEquals(2, given().queryParam("township", BANQIAO).get("/api/reports/coverage").jsonPath()
                .getInt("total.nominalCoverage"), "板桥镇's organization is covered only nominally");
        given().contentType(ContentType.JSON).body(Registry.org("汇总己公司", LUOXIONG, 20, 2, "version", 0))
                .put("/api/organizations/{id}", d).then().statusCode(200);
        agrees("a member more in 罗雄街道 (base 2 → 3)");
        assertEquals(1, given().queryParam("township", BANQIAO).get("/api/reports/coverage").jsonPath()
                .getInt("total.nominalCoverage"), "a base of 3 is a real branch, in 板桥镇 too");
        given().contentType(ContentType.JSON).body(Registry.org("汇总己公司", LUOXIONG, 20, 2, "version", 1, "status", "CLOSED"))
                .put("/api/organizations/{id}", d).then().statusCode(200);
        agrees("closing the organization that held 2 of the 3 members");
        assertEquals(2, given().queryParam("township", BANQIAO).get("/api/reports/coverage").jsonPath()
                .getInt("total.nominalCoverage"), "a closed organization's members hold up no branch");
        try (var conn = dataSource.getConnection(); var s = conn.createStatement();
             var r = s.executeQuery("select count(*) from township_summary_stale")) {
            r.next();
            assertEquals(0, r.getInt(1), "every stale township was counted again");
        }
    }
}
