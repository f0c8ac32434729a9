package cn.liangxin.register;

import cn.liangxin.organization.Uscc;
import cn.liangxin.testsupport.Registry;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;

import java.nio.charset.Charset;
import java.util.List;
import java.util.Map;

import static cn.liangxin.testsupport.Registry.BANQIAO;
import static cn.liangxin.testsupport.Registry.LUOXIONG;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A market register (GB18030 CSV, a title row above its header) held against the registry: every
 * category, the township read from the address county first, and the worklist's two actions with
 * their history.
 */
@QuarkusTest
class RegistersTest {

    static final String MAJIE = "530324103";

    @Inject
    AgroalDataSource dataSource;

    private static String uscc(String first17) {
        return first17 + Uscc.checkCharacter(first17);
    }

    @Test
    void aRegisterFallsIntoItsCategoriesAndTheWorklistLeadsToAction() {
        Registry.clear(dataSource);
        try (var c = dataSource.getConnection(); var s = c.createStatement()) {
            s.execute("truncate register_import, register_row");
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
        String a = uscc("91530324MA6K3X2Y1"), c3 = uscc("91530324MA6K3X2Y3"), d = uscc("92530324MA6K3X2Y4");
        String e5 = uscc("91530324MA6K3X2Y5"), f = uscc("91530324MA6K3X2Y6"), g = uscc("91530322MA6K3X2Y7");
        Registry.createOrg("罗平县甲有限公司", LUOXIONG, 30, 2, "uscc", a);
        Registry.createOrg("罗平县乙商店", BANQIAO, 3, 0, "kind", "INDIVIDUAL_BUSINESS");
        Registry.createOrg("罗平县丙公司", LUOXIONG, 12, 0, "uscc", c3);
        String csv = String.join("\r\n",
                "罗平县市场主体名录(2026年11月导出)",
                "统一社会信用代码,企业名称,登记状态,住所(经营场所),企业类型,成立日期",
                a + ",罗平县甲有限责任公司,存续(在营、开业、在册),云南省曲靖市罗平县罗雄街道振兴路1号,有限责任公司,2015-01-01",
                ",罗平县乙商店,在业,罗平县板桥镇集镇街3号,个体工商户,2018-03-01",
                c3 + ",罗平县丙公司,注销,罗平县罗雄街道九龙大道8号,有限责任公司,2012-05-01",
                d + ",罗平县丁商店,存续,罗平县马街镇新街5号,个体工商户,2024-06-01",
                e5 + ",罗平县戊公司,存续,罗平县工业园区A栋,有限责任公司,2020-01-01",
                f + ",罗平县己公司,吊销，未注销,罗平县九龙街道腊庄路2号,有限责任公司,2010-01-01",
                g + ",陆良县庚公司,存续,曲靖市陆良县马街镇老街1号,有限责任公司,2019-01-01") + "\r\n";
        byte[] file = csv.getBytes(Charset.forName("GB18030"));

        JsonPath imp = given().multiPart("file", "market.csv", file, "text/csv").multiPart("source", "MARKET")
                .multiPart("asOf", "2026-11-20").post("/api/registers").then().statusCode(201).extract().jsonPath();
        assertEquals("MARKET", imp.getString("source"));
        assertEquals("2026-11-20", imp.getString("asOf"));
        assertEquals(Map.of("rows", 7, "matched", 2, "closeCandidates", 1, "unsurveyed", 1, "unassigned", 1, "inactive", 1,
                "outOfScope", 1, "mismatches", 1), imp.getMap("summary"));
        long id = imp.getLong("id");

        JsonPath all = given().queryParam("limit", 100).get("/api/registers/{id}/worklist", id).then().statusCode(200)
                .extract().jsonPath();
        assertEquals(7, all.getInt("total"));
        assertEquals(List.of("MATCHED", "MATCHED", "CLOSE_CANDIDATE", "UNSURVEYED", "UNASSIGNED", "INACTIVE", "OUT_OF_SCOPE"),
                all.getList("items.category"));
        assertEquals(BANQIAO, all.getString("items[1].townshipCode"), "matched by name within the township its address names");
        assertEquals("name", all.getString("items[0].mismatches[0].field"));
        assertEquals(MAJIE, all.getString("items[3].townshipCode"), "罗平县's 马街镇, never 陆良县's");

        // register the unsurveyed one: from the register, to be surveyed, via REGISTER
        long item = all.getLong("items[3].id");
        JsonPath org = given().post("/api/registers/{id}/worklist/{item}/register", id, item).then().statusCode(201)
                .body("kind", equalTo("INDIVIDUAL_BUSINESS")).body("townshipCode", equalTo(MAJIE))
                .body("notes", containsString("待摸底")).extract().jsonPath();
        given().get("/api/organizations/{id}/history", org.getLong("id")).then().body("[0].via", equalTo("REGISTER"));
        given().post("/api/registers/{id}/worklist/{item}/register", id, item).then().statusCode(409);
        // close the close candidate
        long candidate = all.getLong("items[2].id");
        given().post("/api/registers/{id}/worklist/{item}/close", id, candidate).then().statusCode(200)
                .body("status", equalTo("CLOSED"));
        given().post("/api/registers/{id}/worklist/{item}/close", id, candidate).then().statusCode(409);
        assertEquals("REGISTERED", given().queryParam("category", "UNSURVEYED").get("/api/registers/{id}/worklist", id)
                .jsonPath().getString("items[0].done"));

        // a clerk of 板桥镇 sees her township's lines only, and reads no register
        given().contentType(ContentType.JSON).body(Map.of("username", "register-clerk", "password", "register-clerk-pw",
                "roles", List.of("TOWNSHIP_STAFF"), "townships", List.of(BANQIAO))).post("/api/users").then().statusCode(201);
        JsonPath hers = given().auth().preemptive().basic("register-clerk", "register-clerk-pw")
                .get("/api/registers/{id}/worklist", id).then().statusCode(200).extract().jsonPath();
        assertEquals(List.of("罗平县乙商店"), hers.getList("items.name"));
        given().auth().preemptive().basic("register-clerk", "register-clerk-pw").multiPart("file", "m.csv", file, "text/csv")
                .multiPart("source", "MARKET").post("/api/registers").then().statusCode(403);

        // the pages: the board per township, the worklist with its actions, closing asked first
        Document board = Jsoup.parse(given().accept("text/html").get("/registers/{id}", id).asString());
        assertEquals("0", board.selectFirst("#register-board tr[data-township=" + MAJIE + "] td[data-col=unsurveyed]").text(),
                "registered already");
        assertEquals("1", board.selectFirst("#register-board tr[data-township=" + MAJIE + "] td[data-col=done]").text());
        assertEquals(7, board.select("#register-lines tr[data-line]").size());
        assertTrue(Jsoup.parse(given().accept("text/html").get("/registers").asString())
                .selectFirst("#registers tr[data-register=" + id + "]") != null);

        // a second snapshot of the market register says what changed since the first
        String later = String.join("\r\n",
                "统一社会信用代码,企业名称,登记状态,住所",
                a + ",罗平县甲有限责任公司,存续,罗平县罗雄街道振兴路1号",
                d + ",罗平县丁商店,注销,罗平县马街镇新街5号",
                uscc("91530324MA6K3X2Y8") + ",罗平县辛公司,存续,罗平县九龙街道腊庄路9号") + "\r\n";
        JsonPath second = given().multiPart("file", "market2.csv", later.getBytes(Charset.forName("GB18030")), "text/csv")
                .multiPart("source", "MARKET").post("/api/registers").then().statusCode(201).extract().jsonPath();
        assertEquals((int) id, second.getInt("sinceLast.previousId"));
        assertEquals(1, second.getInt("sinceLast.added"), "辛 is new");
        assertEquals(5, second.getInt("sinceLast.removed"), "乙 丙 戊 己 庚 are no longer listed");
        assertEquals(1, second.getInt("sinceLast.statusChanged"), "丁 closed");
        assertTrue(imp.get("sinceLast") == null, "the first snapshot has nothing before it");

        // a township's unsurveyed lines registered at once, all or none, asked first on the page
        String bulk = String.join("\r\n", "企业名称,登记状态,住所", "罗平县壬商店,存续,罗平县板桥镇集镇街8号",
                "罗平县癸商店,存续,罗平县板桥镇集镇街9号", "罗平县子商店,存续,罗平县马街镇新街1号") + "\r\n";
        long many = given().multiPart("file", "bulk.csv", bulk.getBytes(Charset.forName("GB18030")), "text/csv")
                .multiPart("source", "MARKET").post("/api/registers").then().statusCode(201).extract().jsonPath().getLong("id");
        Document asked = Jsoup.parse(cn.liangxin.testsupport.Forms.from("/registers")
                .post("/registers/" + many + "/register?township=" + BANQIAO).then().statusCode(200).extract().asString());
        assertTrue(asked.selectFirst("#confirm-question").text().contains("2 个"), asked.text());
        assertEquals(2, given().queryParam("township", BANQIAO).post("/api/registers/{id}/worklist/register", many)
                .then().statusCode(200).extract().jsonPath().getInt("registered"));
        assertEquals(0, given().queryParam("township", BANQIAO).post("/api/registers/{id}/worklist/register", many)
                .then().statusCode(200).extract().jsonPath().getInt("registered"), "nothing twice");
        assertEquals(1, given().queryParam("category", "UNSURVEYED").get("/api/registers/{id}/worklist", many).jsonPath()
                .getList("items.findAll { it.done == null }").size(), "马街镇's line is left to its township");

        // what cannot be read is said
        given().multiPart("file", "m.csv", file, "text/csv").multiPart("source", "TAX").post("/api/registers").then()
                .statusCode(400).body("errors[0].field", equalTo("source"));
        given().multiPart("file", "n.csv", "甲,乙\r\n1,2\r\n".getBytes(Charset.forName("GB18030")), "text/csv")
                .multiPart("source", "CIVIL").post("/api/registers").then().statusCode(400)
                .body("errors[0].field", equalTo("file")).body("errors[0].message", containsString("表头"));
        assertTrue(given().get("/api/registers").jsonPath().getList("id").contains((int) id));
    }

    private static void clearRegisters(AgroalDataSource dataSource) {
        Registry.clear(dataSource);
        try (var c = dataSource.getConnection(); var s = c.createStatement()) {
            s.execute("truncate register_import, register_row");
            s.execute("delete from register_rule");
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static JsonPath upload(String... lines) {
        String csv = String.join("\r\n", lines) + "\r\n";
        return given().multiPart("file", "m.csv", csv.getBytes(Charset.forName("GB18030")), "text/csv")
                .multiPart("source", "MARKET").post("/api/registers").then().statusCode(201).extract().jsonPath();
    }

    private static JsonPath lines(long id, String category) {
        return given().queryParam("category", category).get("/api/registers/{id}/worklist", id).then().statusCode(200)
                .extract().jsonPath();
    }

    @Test
    void keywordRulesPlaceUnassignedLinesNowAndInTheNextSnapshotAndAPersonMayPlaceOneByHand() {
        clearRegisters(dataSource);
        long first = upload("企业名称,登记状态,住所", "罗平县园区甲公司,存续,罗平县工业园区A栋", "罗平县園區乙公司,存續,羅平縣工業園區B棟",
                "罗平县无址丙公司,存续,罗平县长底村", "罗平县名录丁公司,存续,罗平县老厂房").getLong("id");
        assertEquals(4, lines(first, "UNASSIGNED").getInt("total"));

        JsonPath rule = given().contentType(ContentType.JSON).body(Map.of("keyword", "工业园区", "townshipCode", LUOXIONG))
                .post("/api/registers/rules").then().statusCode(201).extract().jsonPath();
        assertEquals("罗雄街道", rule.getString("townshipName"));
        JsonPath placed = lines(first, "UNSURVEYED");
        assertEquals(List.of("罗平县园区甲公司", "罗平县園區乙公司"), placed.getList("items.name"), "traditional characters too");
        assertEquals(List.of(LUOXIONG, LUOXIONG), placed.getList("items.townshipCode"));
        assertEquals("RULE 工业园区", placed.getString("items[0].townshipVia"));
        JsonPath summary = given().get("/api/registers/{id}", first).jsonPath();
        assertEquals(2, summary.getInt("summary.unsurveyed"));
        assertEquals(2, summary.getInt("summary.unassigned"));
        given().contentType(ContentType.JSON).body(Map.of("keyword", "工業園區", "townshipCode", BANQIAO))
                .post("/api/registers/rules").then().statusCode(409).body("code", equalTo("RULE_EXISTS"));
        given().contentType(ContentType.JSON).body(Map.of("keyword", "园", "townshipCode", BANQIAO))
                .post("/api/registers/rules").then().statusCode(400).body("errors[0].field", equalTo("keyword"));
        given().contentType(ContentType.JSON).body(Map.of("keyword", "开发区", "townshipCode", "530322104"))
                .post("/api/registers/rules").then().statusCode(400).body("errors[0].field", equalTo("townshipCode"));

        // by hand: one line, the county's 党工委's to place; then it is not unassigned any more
        long dry = lines(first, "UNASSIGNED").getLong("items.find { it.name == '罗平县无址丙公司' }.id");
        given().contentType(ContentType.JSON).body(Map.of("townshipCode", BANQIAO))
                .post("/api/registers/{id}/worklist/{item}/assign", first, dry).then().statusCode(200)
                .body("category", equalTo("UNSURVEYED")).body("townshipCode", equalTo(BANQIAO))
                .body("townshipVia", equalTo("HAND admin"));
        given().contentType(ContentType.JSON).body(Map.of("townshipCode", LUOXIONG))
                .post("/api/registers/{id}/worklist/{item}/assign", first, dry).then().statusCode(409);

        // the next snapshot is placed by the rule as it is read
        long next = upload("企业名称,登记状态,住所", "罗平县园区戊公司,存续,罗平县工业园区C栋").getLong("id");
        assertEquals(LUOXIONG, lines(next, "UNSURVEYED").getString("items[0].townshipCode"));
        assertEquals(0, given().get("/api/registers/{id}", next).jsonPath().getInt("summary.unassigned"));

        // a clerk neither adds nor removes rules; removing one leaves what it placed
        given().contentType(ContentType.JSON).body(Map.of("username", "rule-clerk", "password", "rule-clerk-pw",
                "roles", List.of("TOWNSHIP_STAFF"), "townships", List.of(LUOXIONG))).post("/api/users").then().statusCode(201);
        given().auth().preemptive().basic("rule-clerk", "rule-clerk-pw").contentType(ContentType.JSON)
                .body(Map.of("keyword", "物流园", "townshipCode", LUOXIONG)).post("/api/registers/rules").then().statusCode(403);
        given().auth().preemptive().basic("rule-clerk", "rule-clerk-pw").delete("/api/registers/rules/{id}", rule.getLong("id"))
                .then().statusCode(403);
        given().delete("/api/registers/rules/{id}", rule.getLong("id")).then().statusCode(204);
        assertEquals(List.of(), given().get("/api/registers/rules").jsonPath().getList("id"));
        assertEquals(2, lines(first, "UNSURVEYED").getList("items.findAll { it.townshipVia == 'RULE 工业园区' }").size());

        // the page: the rule form, and the assign form beside an unassigned line
        Document list = Jsoup.parse(cn.liangxin.testsupport.Forms.from("/registers")
                .formParam("keyword", "物流园").formParam("townshipCode", BANQIAO).post("/registers/rules")
                .then().statusCode(200).extract().asString());
        assertEquals("物流园", list.selectFirst("#register-rules tr[data-rule] th").text());
        Document board = Jsoup.parse(given().accept("text/html").queryParam("category", "UNASSIGNED")
                .get("/registers/{id}", first).asString());
        assertEquals(1, board.select("#register-lines form[action$=/assign]").size(), "丁 is still to be placed");
        assertTrue(board.selectFirst("#unassigned-note").text().contains("1 行"));
    }

    @Test
    void aNameLikeARegistryOnesIsProposedAndMatchedOnlyWhenAPersonConfirms() {
        clearRegisters(dataSource);
        long xin = Registry.createOrg("罗平鑫源商贸有限公司", BANQIAO, 20, 1);
        long id = upload("企业名称,登记状态,住所", "罗平县鑫源商贸有限责任公司,存续,罗平县罗雄街道振兴路9号",
                "罗平县鑫源建材经营部,存续,罗平县罗雄街道振兴路10号", "罗平县全新物流有限公司,存续,罗平县罗雄街道振兴路11号").getLong("id");
        JsonPath unsurveyed = lines(id, "UNSURVEYED");
        assertEquals(3, unsurveyed.getInt("total"), "a name alone, in another township, is not a match");
        assertEquals((int) xin, unsurveyed.getInt("items[0].proposal.organizationId"));
        assertEquals("罗平鑫源商贸有限公司", unsurveyed.getString("items[0].proposal.name"));
        assertEquals(1.0f, unsurveyed.getFloat("items[0].proposal.score"), "有限责任公司 and 有限公司 are one legal form");
        assertTrue(unsurveyed.get("items[1].proposal") == null, "鑫源建材 is not 鑫源商贸");
        assertTrue(unsurveyed.get("items[2].proposal") == null);
        // the same variant name in a register where another line is that organization: not proposed
        long matchedElsewhere = upload("企业名称,登记状态,住所", "罗平县鑫源商贸有限责任公司,存续,罗平县罗雄街道振兴路9号",
                "罗平鑫源商贸有限公司,存续,罗平县板桥镇板桥村").getLong("id");
        assertEquals(1, lines(matchedElsewhere, "MATCHED").getInt("total"));
        JsonPath notProposed = lines(matchedElsewhere, "UNSURVEYED");
        assertEquals("罗平县鑫源商贸有限责任公司", notProposed.getString("items[0].name"));
        assertTrue(notProposed.get("items[0].proposal") == null, "鑫源商贸 is the other line's");

        // registering the township at once leaves the proposed line for a person
        JsonPath bulk = given().queryParam("township", LUOXIONG).post("/api/registers/{id}/worklist/register", id)
                .then().statusCode(200).extract().jsonPath();
        assertEquals(2, bulk.getInt("registered"));
        assertEquals(1, bulk.getInt("leftForReview"));
        String before = Registry.dump(dataSource);
        long line = unsurveyed.getLong("items[0].id");
        given().contentType(ContentType.JSON).body(Map.of("organizationId", xin))
                .post("/api/registers/{id}/worklist/{item}/match", id, line).then().statusCode(200)
                .body("category", equalTo("MATCHED")).body("organizationId", equalTo((int) xin))
                .body("done", equalTo("CONFIRMED")).body("townshipCode", equalTo(BANQIAO))
                .body("mismatches[0].field", equalTo("name"));
        assertEquals(before, Registry.dump(dataSource), "confirming changes the register line, not the registry");
        given().contentType(ContentType.JSON).body(Map.of("organizationId", xin))
                .post("/api/registers/{id}/worklist/{item}/match", id, line).then().statusCode(409);
        given().contentType(ContentType.JSON).body(Map.of("organizationId", 99999999))
                .post("/api/registers/{id}/worklist/{item}/match", id, unsurveyed.getLong("items[2].id")).then().statusCode(409);
        assertEquals(1, given().get("/api/registers/{id}", id).jsonPath().getInt("summary.matched"));
    }

    @Test
    void aTownshipsCloseCandidatesAreClosedAtOnceAllOrNoneAskedFirstOnThePage() {
        clearRegisters(dataSource);
        String a = uscc("91530324MA6K3X3A1"), b = uscc("91530324MA6K3X3A2"), c = uscc("91530324MA6K3X3A3");
        long oa = Registry.createOrg("罗平县注销甲公司", BANQIAO, 10, 0, "uscc", a);
        long ob = Registry.createOrg("罗平县注销乙公司", BANQIAO, 10, 0, "uscc", b);
        long oc = Registry.createOrg("罗平县注销丙公司", LUOXIONG, 10, 0, "uscc", c);
        long id = upload("统一社会信用代码,企业名称,登记状态,住所", a + ",罗平县注销甲公司,注销,罗平县板桥镇", b + ",罗平县注销乙公司,註銷,罗平县板桥镇",
                c + ",罗平县注销丙公司,吊销,罗平县罗雄街道").getLong("id");
        assertEquals(3, lines(id, "CLOSE_CANDIDATE").getInt("total"), "註銷 is 注销");
        Document asked = Jsoup.parse(cn.liangxin.testsupport.Forms.from("/registers")
                .post("/registers/" + id + "/close?township=" + BANQIAO).then().statusCode(200).extract().asString());
        assertTrue(asked.selectFirst("#confirm-question").text().contains("2 个"), asked.text());
        assertEquals("OPERATING", given().get("/api/organizations/{id}", oa).jsonPath().getString("status"), "asked, not done");
        JsonPath closed = given().queryParam("township", BANQIAO).post("/api/registers/{id}/worklist/close", id)
                .then().statusCode(200).extract().jsonPath();
        assertEquals(2, closed.getInt("closed"));
        assertEquals(List.of(oa, ob), closed.getList("organizationIds", Long.class));
        for (long o : List.of(oa, ob)) {
            given().get("/api/organizations/{id}", o).then().body("status", equalTo("CLOSED"));
            given().get("/api/organizations/{id}/history", o).then().body("[0].via", equalTo("REGISTER"));
        }
        given().get("/api/organizations/{id}", oc).then().body("status", equalTo("OPERATING"));
        assertEquals(0, given().queryParam("township", BANQIAO).post("/api/registers/{id}/worklist/close", id)
                .then().statusCode(200).extract().jsonPath().getInt("closed"), "nothing twice");
        given().post("/api/registers/{id}/worklist/close", id).then().statusCode(400);
    }

    @Test
    void unsurveyedLinesListedInACampaignComeToTheTownshipsTemplateAndAreFoundOnceSurveyed() {
        clearRegisters(dataSource);
        String x = uscc("92530324MA6K3X2Y8");
        long id = upload("统一社会信用代码,企业名称,登记状态,住所", x + ",罗平县新摸商店,存续,罗平县板桥镇集镇街9号",
                ",罗平县新摸二公司,存续,罗平县板桥镇集镇街10号", ",罗平县罗雄某公司,存续,罗平县罗雄街道某路1号").getLong("id");
        java.time.LocalDate today = java.time.LocalDate.now(cn.liangxin.time.Days.ZONE);
        long campaign = given().contentType(ContentType.JSON).body(Map.of("name", "板桥补充摸底", "deadline",
                        today.plusDays(30).toString(), "townships", List.of(BANQIAO)))
                .post("/api/surveys/campaigns").then().statusCode(201).extract().jsonPath().getLong("id");
        long past = given().contentType(ContentType.JSON).body(Map.of("name", "已截止的摸底", "deadline",
                        today.plusDays(30).toString(), "townships", List.of(BANQIAO)))
                .post("/api/surveys/campaigns").then().statusCode(201).extract().jsonPath().getLong("id");
        try (var c = dataSource.getConnection(); var s = c.createStatement()) {
            s.execute("update survey_campaign set deadline = current_date - 1 where id = " + past);
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }

        // refused, and nothing listed: no township, a campaign without it, a closed one, none such, another's clerk
        given().contentType(ContentType.JSON).body(Map.of("campaignId", campaign))
                .post("/api/registers/{id}/worklist/campaign", id).then().statusCode(400).body("errors[0].field", equalTo("township"));
        given().contentType(ContentType.JSON).body(Map.of("campaignId", campaign)).queryParam("township", LUOXIONG)
                .post("/api/registers/{id}/worklist/campaign", id).then().statusCode(400)
                .body("errors[0].field", equalTo("campaignId")).body("errors[0].message", containsString("不包括罗雄街道"));
        given().contentType(ContentType.JSON).body(Map.of("campaignId", past)).queryParam("township", BANQIAO)
                .post("/api/registers/{id}/worklist/campaign", id).then().statusCode(400)
                .body("errors[0].message", containsString("截止"));
        given().contentType(ContentType.JSON).body(Map.of("campaignId", 987654)).queryParam("township", BANQIAO)
                .post("/api/registers/{id}/worklist/campaign", id).then().statusCode(400);
        given().contentType(ContentType.JSON).body(Map.of()).queryParam("township", BANQIAO)
                .post("/api/registers/{id}/worklist/campaign", id).then().statusCode(400)
                .body("errors[0].field", containsString("campaignId"));
        given().contentType(ContentType.JSON).body(Map.of("username", "campaign-clerk", "password", "campaign-clerk-pw",
                "roles", List.of("TOWNSHIP_STAFF"), "townships", List.of(LUOXIONG))).post("/api/users").then().statusCode(201);
        int refused = given().auth().preemptive().basic("campaign-clerk", "campaign-clerk-pw").contentType(ContentType.JSON)
                .body(Map.of("campaignId", campaign)).queryParam("township", BANQIAO)
                .post("/api/registers/{id}/worklist/campaign", id).then().extract().statusCode();
        assertTrue(refused == 400 || refused == 403, "another township's clerk (out of her scope): " + refused);
        assertEquals(List.of(), lines(id, "UNSURVEYED").getList("items.findAll { it.campaign != null }"));

        JsonPath listed = given().contentType(ContentType.JSON).body(Map.of("campaignId", campaign)).queryParam("township", BANQIAO)
                .post("/api/registers/{id}/worklist/campaign", id).then().statusCode(200).extract().jsonPath();
        assertEquals(2, listed.getInt("listed"));
        assertEquals("板桥补充摸底", listed.getString("campaign.name"));
        assertEquals(0, listed.getInt("leftForReview"));
        assertEquals(0, given().contentType(ContentType.JSON).body(Map.of("campaignId", campaign)).queryParam("township", BANQIAO)
                .post("/api/registers/{id}/worklist/campaign", id).then().statusCode(200).extract().jsonPath().getInt("listed"),
                "listing again lists nothing new");
        JsonPath banqiao = given().queryParam("township", BANQIAO).queryParam("category", "UNSURVEYED")
                .get("/api/registers/{id}/worklist", id).jsonPath();
        assertEquals(List.of((int) campaign, (int) campaign), banqiao.getList("items.campaign.id"));
        assertEquals(null, lines(id, "UNSURVEYED").getString("items.find { it.name == '罗平县罗雄某公司' }.campaign"));

        // the township's template lists them after its registry, pre-filled and without a registry id; 罗雄's does not
        String template = given().queryParam("township", BANQIAO).get("/api/surveys/template.csv").then().statusCode(200)
                .extract().asString();
        List<List<String>> table = csv(template);
        List<List<String>> rows = table.stream().filter(r -> r.get(0).startsWith("罗平县新摸")).toList();
        assertEquals(2, rows.size(), template);
        List<String> shop = new java.util.ArrayList<>(rows.stream().filter(r -> r.get(0).equals("罗平县新摸商店")).findFirst().orElseThrow());
        assertEquals(x, shop.get(1));
        assertEquals("个体工商户", shop.get(2));
        assertEquals("板桥镇", shop.get(3));
        assertEquals("罗平县板桥镇集镇街9号", shop.get(5));
        assertEquals("", shop.get(10), "the headcount is the clerk's to fill");
        assertTrue(shop.get(25).contains("市场监管名录"), shop.get(25));
        assertEquals("", shop.get(26), "a new organization: no registry id");
        assertTrue(csv(given().queryParam("township", LUOXIONG).get("/api/surveys/template.csv").asString()).stream()
                .noneMatch(r -> r.get(0).startsWith("罗平县新摸")));
        // the phone's offline copy lists the same lines, apart from the registry (id 0: a new organization),
        // pre-filled as the template is, the township by its code as the form's list takes it
        JsonPath offline = given().get("/api/surveys/offline-data").then().statusCode(200).extract().jsonPath();
        assertEquals(List.of("罗平县新摸二公司", "罗平县新摸商店"), offline.getList("registerLines.name", String.class).stream().sorted().toList());
        assertEquals(List.of(0, 0), offline.getList("registerLines.id"));
        assertEquals(x, offline.getString("registerLines.find { it.name == '罗平县新摸商店' }.uscc"));
        assertEquals(BANQIAO, offline.getString("registerLines.find { it.name == '罗平县新摸商店' }.values.townshipCode"));
        assertEquals("罗平县板桥镇集镇街9号", offline.getString("registerLines.find { it.name == '罗平县新摸商店' }.values.address"));
        assertTrue(offline.getList("organizations.name", String.class).stream().noneMatch(n -> n.startsWith("罗平县新摸")),
                "not among the registry's organizations");

        // the clerk fills in the shop and uploads the template; the other line, left blank, is refused in the preview
        shop.set(10, "6");
        shop.set(11, "0");
        shop.set(18, "未建立");
        StringBuilder filled = new StringBuilder();
        try (var out = new org.apache.commons.csv.CSVPrinter(filled, org.apache.commons.csv.CSVFormat.DEFAULT)) {
            for (List<String> r : table) {
                out.printRecord(r.get(0).equals("罗平县新摸商店") ? shop : r);
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        JsonPath preview = given().multiPart("file", "t.csv", filled.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8),
                "text/csv").post("/api/surveys/imports").then().statusCode(201).extract().jsonPath();
        assertEquals(1, preview.getInt("summary.new"), preview.prettify());
        assertEquals(1, preview.getInt("summary.rejected"), preview.prettify());
        assertEquals(0, lines(id, "MATCHED").getInt("total"), "nothing is found before the commit");
        given().post("/api/surveys/imports/{id}/commit", preview.getLong("id")).then().statusCode(200);

        JsonPath found = lines(id, "MATCHED");
        assertEquals(List.of("罗平县新摸商店"), found.getList("items.name"));
        assertEquals("SURVEYED", found.getString("items[0].done"));
        long shopId = given().queryParam("q", "罗平县新摸商店").get("/api/organizations").jsonPath().getLong("items[0].id");
        assertEquals(shopId, found.getLong("items[0].organizationId"));
        JsonPath imp = given().get("/api/registers/{id}", id).jsonPath();
        assertEquals(1, imp.getInt("summary.matched"));
        assertEquals(2, imp.getInt("summary.unsurveyed"));
        List<List<String>> now = csv(given().queryParam("township", BANQIAO).get("/api/surveys/template.csv").asString());
        assertEquals(List.of("罗平县新摸二公司"), now.stream().filter(r -> r.get(0).startsWith("罗平县新摸") && r.get(26).isEmpty())
                .map(r -> r.get(0)).toList(), "the shop is listed once, as the registry's now");
        assertEquals(String.valueOf(shopId), now.stream().filter(r -> r.get(0).equals("罗平县新摸商店")).findFirst().orElseThrow().get(26));

        // entered by hand on the form: found too
        Registry.createOrg("罗平县新摸二公司", BANQIAO, 8, 0);
        assertEquals(List.of("罗平县新摸商店", "罗平县新摸二公司"), lines(id, "MATCHED").getList("items.name"));
        assertEquals(Map.of("unsurveyed", 1, "matched", 2), Map.of("unsurveyed", given().get("/api/registers/{id}", id).jsonPath()
                .getInt("summary.unsurveyed"), "matched", given().get("/api/registers/{id}", id).jsonPath().getInt("summary.matched")));

        // the page: the bar beside 板桥镇's unsurveyed lines lists the open campaigns including it, and lists by form
        long other = upload("企业名称,登记状态,住所", "罗平县青松木业有限公司,存续,罗平县板桥镇集镇街11号").getLong("id");
        Document board = Jsoup.parse(given().accept("text/html").queryParam("township", BANQIAO)
                .get("/registers/{id}", other).asString());
        List<String> offered = board.select("#campaign-bar option").eachAttr("value");
        assertTrue(offered.contains(String.valueOf(campaign)), offered.toString());
        assertTrue(!offered.contains(String.valueOf(past)), "the closed campaign is not offered: " + offered);
        Document after = Jsoup.parse(cn.liangxin.testsupport.Forms.from("/registers")
                .formParam("campaignId", campaign).post("/registers/{id}/campaign?township=" + BANQIAO, other)
                .then().statusCode(200).extract().asString());
        assertEquals(1, after.select("#register-lines [data-campaign=" + campaign + "]").size(), after.select("main").text());
    }

    @Test
    void aClerkIsShownWhatHerTownshipHasToDoAndHerPartOfEachRegisterOnly() {
        clearRegisters(dataSource);
        String gone = uscc("91530324MA6K3X2W1");
        Registry.createOrg("罗平县板桥旧厂", BANQIAO, 10, 0, "uscc", gone);
        long id = upload("统一社会信用代码,企业名称,登记状态,住所", gone + ",罗平县板桥旧厂,注销,罗平县板桥镇老街1号",
                ",罗平县板桥新商行,存续,罗平县板桥镇新街2号", ",罗平县板桥新茶庄,存续,罗平县板桥镇新街3号",
                ",罗平县罗雄新公司,存续,罗平县罗雄街道某路9号", ",罗平县园区新公司,存续,罗平县某某园区").getLong("id");
        given().contentType(ContentType.JSON).body(Map.of("username", "todo-clerk", "password", "todo-clerk-pw",
                "roles", List.of("TOWNSHIP_STAFF"), "townships", List.of(BANQIAO))).post("/api/users").then().statusCode(201);

        // the county's summary, and hers: her township's lines only (no other township's, no unassigned ones)
        assertEquals(Map.of("rows", 5, "matched", 0, "closeCandidates", 1, "unsurveyed", 3, "unassigned", 1, "inactive", 0,
                "outOfScope", 0, "mismatches", 0), given().get("/api/registers/{id}", id).jsonPath().getMap("summary"));
        io.restassured.response.Response herImport = given().auth().preemptive().basic("todo-clerk", "todo-clerk-pw").get("/api/registers/{id}", id);
        assertEquals(200, herImport.statusCode(), herImport.asString());
        assertEquals(Map.of("rows", 3, "matched", 0, "closeCandidates", 1, "unsurveyed", 2, "unassigned", 0, "inactive", 0,
                "outOfScope", 0, "mismatches", 0), given().auth().preemptive().basic("todo-clerk", "todo-clerk-pw")
                .get("/api/registers/{id}", id).jsonPath().getMap("summary"));

        // her to-do: the page opens on what her township has to do; the county's officer sees the imports instead
        Document mine = Jsoup.parse(given().auth().preemptive().basic("todo-clerk", "todo-clerk-pw").accept("text/html")
                .get("/registers").asString());
        assertEquals(List.of("罗平县板桥新商行", "罗平县板桥新茶庄"),
                mine.select("#todo-unsurveyed-" + id + " tr[data-line] th").eachText());
        assertEquals(List.of("罗平县板桥旧厂"), mine.select("#todo-closing-" + id + " tr[data-line] th").eachText());
        assertEquals(1, mine.select("#todo-closing-" + id + " form[action$=/close]").size(), "she may close it");
        assertEquals(0, mine.select("#register-form").size(), "she uploads no register");
        assertEquals(0, Jsoup.parse(given().accept("text/html").get("/registers").asString()).select("[data-todo]").size());

        // what she dealt with leaves her to-do (open=true), and is still in the worklist
        long shop = given().auth().preemptive().basic("todo-clerk", "todo-clerk-pw").queryParam("category", "UNSURVEYED")
                .get("/api/registers/{id}/worklist", id).jsonPath().getLong("items[0].id");
        given().auth().preemptive().basic("todo-clerk", "todo-clerk-pw")
                .post("/api/registers/{id}/worklist/{item}/register", id, shop).then().statusCode(201);
        JsonPath open = given().auth().preemptive().basic("todo-clerk", "todo-clerk-pw").queryParam("category", "UNSURVEYED")
                .queryParam("open", "true").get("/api/registers/{id}/worklist", id).jsonPath();
        assertEquals(List.of("罗平县板桥新茶庄"), open.getList("items.name"));
        assertEquals(1, open.getInt("total"));
        assertEquals(2, given().auth().preemptive().basic("todo-clerk", "todo-clerk-pw").queryParam("category", "UNSURVEYED")
                .get("/api/registers/{id}/worklist", id).jsonPath().getInt("total"));
        given().queryParam("open", "maybe").get("/api/registers/{id}/worklist", id).then().statusCode(400)
                .body("errors[0].field", equalTo("open"));
        assertEquals(List.of("罗平县板桥新茶庄"), Jsoup.parse(given().auth().preemptive().basic("todo-clerk", "todo-clerk-pw")
                .accept("text/html").get("/registers").asString()).select("#todo-unsurveyed-" + id + " tr[data-line] th").eachText());
    }

    @Test
    void anImportThatDidNotFinishBreaksNoListAndIsNotListed() throws Exception {
        try (var c = dataSource.getConnection(); var s = c.createStatement()) {
            s.execute("truncate register_import, register_row");
        }
        String file = "企业名称,登记状态,住所\r\n罗平县完整公司,存续,罗平县罗雄街道振兴路1号\r\n";
        long done = given().multiPart("file", "whole.csv", file.getBytes(java.nio.charset.StandardCharsets.UTF_8), "text/csv")
                .multiPart("source", "MARKET").post("/api/registers").then().statusCode(201).extract().jsonPath().getLong("id");
        // the header row an import writes first, left as it was when the import stopped half-way
        long broken;
        try (var c = dataSource.getConnection(); var s = c.createStatement();
             var r = s.executeQuery("select nextval('register_import_id_seq')")) {
            r.next();
            broken = r.getLong(1);
            s.execute("insert into register_import (county_code, id, source, as_of, file_name, imported_by, summary)"
                    + " values ('530324', " + broken + ", 'MARKET', date '2026-11-20', 'half.xlsx', 'admin', '{}'::jsonb)");
            s.execute("insert into register_import (county_code, id, source, as_of, file_name, imported_by, summary)"
                    + " values ('530324', " + (broken + 1) + ", 'CIVIL', date '2026-11-20', 'odd.xlsx', 'admin', 'null'::jsonb)");
            s.execute("select setval('register_import_id_seq', " + (broken + 1) + ")");
        }
        assertEquals(List.of((int) done), given().get("/api/registers").then().statusCode(200).extract().jsonPath()
                .getList("id"), "an import that did not finish is not listed");
        given().get("/api/registers/{id}", done).then().statusCode(200).body("summary.rows", equalTo(1));
        given().get("/api/registers/{id}", broken).then().statusCode(404);
        given().get("/api/registers/{id}", broken + 1).then().statusCode(404);
        given().get("/api/registers/{id}/worklist", broken).then().statusCode(404);
        Document page = Jsoup.parse(given().accept("text/html").get("/registers").then().statusCode(200).extract().asString());
        assertTrue(page.selectFirst("#registers tr[data-register=" + done + "]") != null);
        assertTrue(page.selectFirst("#registers tr[data-register=" + broken + "]") == null);
        given().accept("text/html").get("/registers/{id}", broken).then().statusCode(404);
        given().contentType(ContentType.JSON).body(Map.of("username", "half-clerk", "password", "half-clerk-pw",
                "roles", List.of("TOWNSHIP_STAFF"), "townships", List.of(LUOXIONG))).post("/api/users").then().statusCode(201);
        given().auth().preemptive().basic("half-clerk", "half-clerk-pw").get("/api/registers").then().statusCode(200)
                .body("id", equalTo(List.of((int) done)));
        // the next snapshot of the market register is compared with the last one that finished
        long next = given().multiPart("file", "again.csv", file.getBytes(java.nio.charset.StandardCharsets.UTF_8), "text/csv")
                .multiPart("source", "MARKET").post("/api/registers").then().statusCode(201).extract().jsonPath()
                .getLong("sinceLast.previousId");
        assertEquals(done, next);
    }

    @Test
    void anAsOfOutsideTheYearsARegisterCanBeOfIsRefusedNamingIt() {
        byte[] file = "企业名称,登记状态,住所\r\n罗平县某公司,存续,罗平县罗雄街道振兴路1号\r\n"
                .getBytes(java.nio.charset.StandardCharsets.UTF_8);
        for (String day : List.of("+999999999-12-31", "+5874898-01-01", "-0001-01-01", "1948-12-31", "2101-01-01")) {
            given().multiPart("file", "m.csv", file, "text/csv").multiPart("source", "MARKET").multiPart("asOf", day)
                    .post("/api/registers").then().statusCode(400).body("errors[0].field", equalTo("asOf"))
                    .body("errors[0].message", containsString("1949"));
        }
        for (String day : List.of("1949-01-01", "2100-12-31")) {
            given().multiPart("file", "m.csv", file, "text/csv").multiPart("source", "MARKET").multiPart("asOf", day)
                    .post("/api/registers").then().statusCode(201).body("asOf", equalTo(day));
        }
    }

    /** A CSV download as rows of cells, its header and title rows included. */
    private static List<List<String>> csv(String text) {
        try (var parser = org.apache.commons.csv.CSVParser.parse(text.replace("\uFEFF", ""), org.apache.commons.csv.CSVFormat.DEFAULT)) {
            return parser.getRecords().stream().map(r -> r.toList()).toList();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
