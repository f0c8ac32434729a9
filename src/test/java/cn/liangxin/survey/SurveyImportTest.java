package cn.liangxin.survey;

import cn.liangxin.testsupport.Registry;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.apache.poi.hssf.usermodel.HSSFWorkbook;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.util.List;
import java.util.Map;

import static cn.liangxin.testsupport.Registry.BANQIAO;
import static cn.liangxin.testsupport.Registry.LUOXIONG;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
public class SurveyImportTest {

    public static final String HEADER = "组织名称*,统一社会信用代码,组织类别*,所属乡镇(街道)*,村(社区),详细地址,所在园区/楼宇,行业门类,"
            + "是否规模以上,经营状态*,从业人员数*,正式党员数*,组织关系不在本单位的党员数,预备党员数,入党积极分子数,"
            + "出资人(负责人)是否党员,业主对组建党组织态度,有无合适的书记人选,党组织建立情况*,所在党组织名称,已建群团组织,"
            + "党建工作指导员,计划组建时间,未能组建原因,责任人,备注";

    @Inject
    AgroalDataSource dataSource;

    @BeforeEach
    void clear() {
        Registry.clear(dataSource);
    }

    public static byte[] csv(Charset charset, boolean bom, String... rows) {
        String text = HEADER + "\r\n" + String.join("\r\n", rows) + "\r\n";
        byte[] body = text.getBytes(charset);
        if (!bom) return body;
        byte[] out = new byte[body.length + 3];
        out[0] = (byte) 0xEF;
        out[1] = (byte) 0xBB;
        out[2] = (byte) 0xBF;
        System.arraycopy(body, 0, out, 3, body.length);
        return out;
    }

    static JsonPath upload(String name, byte[] bytes, int status) {
        return given().multiPart("file", name, bytes, "application/octet-stream").post("/api/surveys/imports")
                .then().statusCode(status).extract().jsonPath();
    }

    @Test
    void aRowWithoutAKindTakesTheOneItsUsccSays() {
        Registry.clear(dataSource);
        String base = "93530324MA6K3X2Y1";
        String uscc = base + cn.liangxin.organization.Uscc.checkCharacter(base);
        byte[] file = csv(StandardCharsets.UTF_8, true,
                "无类别养殖专业合作社," + uscc + ",,罗雄街道,,,,A,否,正常,12,1,,,,否,,无,未建立,,,,,,,",
                "无类别无代码商店,,,罗雄街道,,,,F,否,正常,2,0,,,,否,,无,未建立,,,,,,,");
        io.restassured.path.json.JsonPath p = given().multiPart("file", "k.csv", file, "text/csv").post("/api/surveys/imports")
                .then().statusCode(201).extract().jsonPath();
        assertEquals(1, p.getInt("summary.new"));
        assertEquals(1, p.getInt("summary.rejected"), "without a kind and without a code the row says nothing of its kind");
        given().post("/api/surveys/imports/{id}/commit", p.getLong("id")).then().statusCode(200);
        assertEquals("FARMER_COOPERATIVE", given().queryParam("q", "无类别养殖").get("/api/organizations").jsonPath()
                .getString("items[0].kind"));
    }

    @Test
    void previewWritesNothingAndCommitAppliesAllAcceptedRowsOnce() {
        byte[] file = csv(StandardCharsets.UTF_8, true,
                "罗平县甲食品有限公司,91350100M000100Y43,企业,罗雄街道,城东社区,九龙大道1号,,C,是,正常,１２０人,57,2,3,4,是,支持,有,未建立,,工会、妇联,,2027年3月1日,,张三,",
                "乙商店,,个体工商户,530324102,,,,F,否,正常,3,5,,,,否,一般,无,未建立,,,,,,,",
                "丙公司,,企业,罗雄街道,,,,C,否,正常,十二,1,,,,否,,无,未建立,,,,,,,",
                "（示例）罗平县某某有限公司,,企业,罗雄街道,,,,C,否,正常,10,0,,,,否,,无,未建立,,,,,,,");
        String before = Registry.dump(dataSource);
        JsonPath p = upload("摸底.csv", file, 201);
        assertEquals(before, Registry.dump(dataSource), "the preview writes nothing to the registry");
        assertEquals(3, p.getInt("summary.rows"));
        assertEquals(2, p.getInt("summary.new"));
        assertEquals(1, p.getInt("summary.rejected"));
        assertEquals("CSV UTF-8", p.getString("format"));
        Map<String, Object> bad = p.getMap("rows.find { it.status == 'REJECTED' }");
        assertEquals(4, bad.get("row"));
        assertEquals("从业人员数", p.getString("rows.find { it.status == 'REJECTED' }.errors[0].column"));
        assertEquals("十二", p.getString("rows.find { it.status == 'REJECTED' }.errors[0].value"));
        assertTrue(p.getString("rows.find { it.row == 3 }.warnings[0].message").contains("正式党员数(5)多于从业人员数(3)"));
        long id = p.getLong("id");

        given().post("/api/surveys/imports/{id}/commit", id).then().statusCode(200)
                .body("status", equalTo("COMMITTED")).body("summary.new", equalTo(2));
        given().post("/api/surveys/imports/{id}/commit", id).then().statusCode(409)
                .body("code", equalTo("ALREADY_COMMITTED"));
        JsonPath orgs = given().queryParam("size", 50).get("/api/organizations").jsonPath();
        assertEquals(2, orgs.getInt("total"));
        Map<String, Object> a = orgs.getMap("items.find { it.name == '罗平县甲食品有限公司' }");
        assertEquals(120, a.get("headcount"));
        assertEquals("2027-03-01", a.get("plannedFormationOn"));
        assertEquals(List.of("UNION", "WOMEN"), a.get("massOrganizations"));
        assertEquals(true, a.get("aboveScale"));
        assertEquals(LUOXIONG, a.get("townshipCode"));

        JsonPath again = upload("摸底.csv", file, 201);
        assertEquals(2, again.getInt("summary.unchanged"));
        assertEquals(0, again.getInt("summary.new"));
        assertEquals(0, again.getInt("summary.changed"));
    }

    @Test
    void gb18030WithTraditionalTownshipsFullWidthDigitsAndDateForms() {
        byte[] file = csv(Charset.forName("GB18030"), false,
                "羅平縣鼎盛商貿有限公司,,企業,羅雄街道,,,,F,否,正常,\"1,250\",３,,,,否,支持,有,未建立,,,,2027/5/1,,,",
                "九龍協會,,社會團體,九龍街道,,,,S,否,正常,8名,0,,,,否,,無,未建立,,共青團,王芳,,,,");
        JsonPath p = upload("gb.csv", file, 201);
        assertEquals("CSV GB18030", p.getString("format"));
        assertEquals(2, p.getInt("summary.new"), p.prettify());
        given().post("/api/surveys/imports/{id}/commit", p.getLong("id")).then().statusCode(200);
        JsonPath orgs = given().queryParam("size", 50).get("/api/organizations").jsonPath();
        Map<String, Object> a = orgs.getMap("items.find { it.headcount == 1250 }");
        assertEquals("羅平縣鼎盛商貿有限公司", a.get("name"), "names are stored as written");
        assertEquals("2027-05-01", a.get("plannedFormationOn"));
        assertEquals("SOCIAL_GROUP", orgs.getString("items.find { it.headcount == 8 }.kind"));
    }

    @Test
    void sameUsccTwiceRejectsBothAndJointBranchesAreCreatedOnce() {
        byte[] file = csv(StandardCharsets.UTF_8, true,
                "甲,91350100M000100Y43,企业,罗雄街道,,,,C,否,正常,10,1,,,,否,,无,未建立,,,,,,,",
                "乙,91350100M000100Y43,企业,罗雄街道,,,,C,否,正常,10,1,,,,否,,无,未建立,,,,,,,",
                "丙,,企业,罗雄街道,,,,C,否,正常,10,1,,,,否,,无,联合党支部,城东楼宇联合党支部,,,,,,",
                "丁,,企业,罗雄街道,,,,C,否,正常,10,2,,,,否,,无,联合党支部,城东楼宇联合党支部,,,,,,",
                "戊,,企业,罗雄街道,,,,C,否,正常,40,5,,,,否,,无,单独建立党支部,,,,,,,",
                "己,,企业,罗雄街道,,,,C,否,正常,10,1,,,,否,,无,挂靠其他党组织,,,,,,,");
        JsonPath p = upload("u.csv", file, 201);
        assertEquals(3, p.getInt("summary.rejected"));
        assertTrue(p.getString("rows.find { it.row == 2 }.errors[0].message").contains("不止一次"));
        assertTrue(p.getString("rows.find { it.row == 7 }.errors[0].message").contains("所在党组织名称"));
        given().post("/api/surveys/imports/{id}/commit", p.getLong("id")).then().statusCode(200);
        JsonPath parties = given().get("/api/party-organizations").jsonPath();
        assertEquals(2, parties.getList("$").size());
        assertEquals(2, parties.getList("find { it.name == '城东楼宇联合党支部' }.coveredOrganizationIds").size());
        assertEquals("JOINT", parties.getString("find { it.name == '城东楼宇联合党支部' }.formation"));
        assertEquals("INDEPENDENT", parties.getString("find { it.name == '戊党支部' }.formation"));
        given().queryParam("township", LUOXIONG).get("/api/reports/coverage").then()
                .body("total.coveredJointly", equalTo(2)).body("total.coveredIndependently", equalTo(1));
    }

    @Test
    void aPrefilledTemplateComesBackUnchangedAndItsEditsUpdateInPlace() throws Exception {
        long a = Registry.createOrg("罗雄甲公司", LUOXIONG, 30, 4, "uscc", "91350100M000100Y43", "secretaryCandidate", true,
                "massOrganizations", List.of("UNION"), "plannedFormationOn", "2027-01-15", "industry", "C");
        long b = Registry.createOrg("罗雄乙商店", LUOXIONG, 3, 1, "kind", "INDIVIDUAL_BUSINESS");
        Registry.createParty("罗雄联合党支部", LUOXIONG, "BRANCH", "JOINT", List.of(b));
        byte[] xlsx = given().queryParam("township", LUOXIONG).get("/api/surveys/template.xlsx").then().statusCode(200)
                .extract().asByteArray();
        JsonPath p = upload("template.xlsx", xlsx, 201);
        assertEquals(2, p.getInt("summary.unchanged"), p.prettify());
        assertEquals(0, p.getInt("summary.rejected"), p.prettify());

        byte[] csv = given().queryParam("township", LUOXIONG).get("/api/surveys/template.csv").then().statusCode(200)
                .extract().asByteArray();
        String text = new String(csv, StandardCharsets.UTF_8).replace(",30,4,", ",35,4,");
        JsonPath changed = upload("template.csv", text.getBytes(StandardCharsets.UTF_8), 201);
        assertEquals(1, changed.getInt("summary.changed"), changed.prettify());
        assertEquals("headcount", changed.getString("rows.find { it.status == 'CHANGED' }.changes[0].field"));
        given().post("/api/surveys/imports/{id}/commit", changed.getLong("id")).then().statusCode(200);
        given().get("/api/organizations/{id}", a).then().body("headcount", equalTo(35)).body("version", equalTo(1));
        try (var c = dataSource.getConnection(); var s = c.createStatement();
             ResultSet r = s.executeQuery("select updated_via from organization where id = " + a)) {
            r.next();
            assertTrue(r.getString(1).startsWith("IMPORT " + changed.getLong("id") + " ROW "), r.getString(1));
        }
        given().get("/api/organizations").then().body("total", equalTo(2));
    }

    @Test
    void aCommitOverAnEditMadeSinceThePreviewIsRefusedWhole() {
        long a = Registry.createOrg("罗雄甲公司", LUOXIONG, 30, 4);
        byte[] csv = given().queryParam("township", LUOXIONG).get("/api/surveys/template.csv").then().extract().asByteArray();
        String text = new String(csv, StandardCharsets.UTF_8).replace(",30,4,", ",31,4,") + "新公司,,企业,罗雄街道,,,,C,否,正常,9,0,,,,否,,无,未建立,,,,,,,,\r\n";
        JsonPath p = upload("t.csv", text.getBytes(StandardCharsets.UTF_8), 201);
        assertEquals(1, p.getInt("summary.changed"));
        assertEquals(1, p.getInt("summary.new"));
        given().contentType(ContentType.JSON).body(Registry.org("罗雄甲公司", LUOXIONG, 40, 4, "version", 0))
                .put("/api/organizations/{id}", a).then().statusCode(200);
        String before = Registry.dump(dataSource);
        given().post("/api/surveys/imports/{id}/commit", p.getLong("id")).then().statusCode(409)
                .body("code", equalTo("STALE_PREVIEW"));
        assertEquals(before, Registry.dump(dataSource), "nothing of the import was written");
    }

    @Test
    void twoRowsForOneRegisteredOrganizationAreBothRejected() {
        long a = Registry.createOrg("罗雄甲公司", LUOXIONG, 30, 4);
        byte[] file = csv(StandardCharsets.UTF_8, true,
                "罗雄甲公司,,企业,罗雄街道,,,,C,否,正常,31,4,,,,否,,无,未建立,,,,,,,",
                "新公司,,企业,罗雄街道,,,,C,否,正常,9,0,,,,否,,无,未建立,,,,,,,",
                "罗雄甲公司,,企业,罗雄街道,,,,C,否,正常,32,4,,,,否,,无,未建立,,,,,,,");
        JsonPath p = upload("twice.csv", file, 201);
        assertEquals(2, p.getInt("summary.rejected"), p.prettify());
        assertEquals(1, p.getInt("summary.new"));
        assertEquals(0, p.getInt("summary.changed"));
        assertTrue(p.getString("rows.find { it.row == 2 }.errors[0].message").contains("第 4 行"), p.prettify());
        assertTrue(p.getString("rows.find { it.row == 4 }.errors[0].message").contains("第 2 行"), p.prettify());
        given().post("/api/surveys/imports/{id}/commit", p.getLong("id")).then().statusCode(200);
        given().get("/api/organizations/{id}", a).then().body("headcount", equalTo(30)).body("version", equalTo(0));
    }

    @Test
    void aLargePreviewIsReadPageByPage() {
        String[] rows = new String[7];
        for (int i = 0; i < rows.length; i++) {
            rows[i] = "公司" + i + ",,企业,罗雄街道,,,,C,否,正常," + (i == 3 ? "很多" : String.valueOf(10 + i)) + ",1,,,,否,,无,未建立,,,,,,,";
        }
        JsonPath p = given().queryParam("limit", 2).multiPart("file", "big.csv", csv(StandardCharsets.UTF_8, true, rows),
                "text/csv").post("/api/surveys/imports").then().statusCode(201).extract().jsonPath();
        assertEquals(7, p.getInt("summary.rows"));
        assertEquals(List.of(2, 3), p.getList("rows.row"), "the first rows, in file order");
        assertEquals(7, p.getInt("rowsPage.matching"));
        long id = p.getLong("id");
        given().queryParam("offset", 5).queryParam("limit", 10).get("/api/surveys/imports/{id}", id).then().statusCode(200)
                .body("rows.row", contains(7, 8)).body("rowsPage.offset", equalTo(5));
        given().queryParam("status", "rejected").get("/api/surveys/imports/{id}", id).then()
                .body("rows.row", contains(5)).body("rows[0].errors[0].value", equalTo("很多"))
                .body("rowsPage.matching", equalTo(1));
        given().queryParam("status", "NEW").queryParam("limit", 0).get("/api/surveys/imports/{id}", id).then()
                .body("rows", hasSize(0)).body("rowsPage.matching", equalTo(6));
        given().queryParam("status", "LOST").get("/api/surveys/imports/{id}", id).then().statusCode(400)
                .body("errors[0].field", equalTo("status"));
        given().queryParam("limit", 10001).get("/api/surveys/imports/{id}", id).then().statusCode(400)
                .body("errors[0].field", equalTo("limit"));
        given().queryParam("warnings", "maybe").get("/api/surveys/imports/{id}", id).then().statusCode(400)
                .body("errors[0].field", equalTo("warnings"));

        given().post("/api/surveys/imports/{id}/commit", id).then().statusCode(200).body("summary.new", equalTo(6));
        JsonPath after = given().queryParam("status", "NEW").get("/api/surveys/imports/{id}", id).jsonPath();
        List<Long> ids = after.getList("rows.organizationId", Long.class);
        assertEquals(6, ids.size());
        for (Long org : ids) {
            given().get("/api/organizations/{id}", org).then().statusCode(200)
                    .body("name", equalTo(after.getString("rows.find { it.organizationId == " + org + " }.name")));
        }
    }

    @Test
    void anUploadTellsHowFarItsReadingHasComeUnderItsToken() {
        String[] rows = new String[2500];
        for (int i = 0; i < rows.length; i++) {
            rows[i] = "进度公司" + i + ",,企业,罗雄街道,,,,C,否,正常,10,1,,,,否,,无,未建立,,,,,,,";
        }
        given().get("/api/surveys/imports/progress?token=never-used-1").then().statusCode(200)
                .body("rows", equalTo(0)).body("done", equalTo(false));
        given().multiPart("file", "big.csv", csv(StandardCharsets.UTF_8, true, rows), "text/csv")
                .multiPart("progress", "token-of-this-upload").queryParam("limit", 0).post("/api/surveys/imports")
                .then().statusCode(201).body("summary.new", equalTo(2500));
        given().get("/api/surveys/imports/progress?token=token-of-this-upload").then().body("done", equalTo(true));
        given().contentType(ContentType.JSON).body(Map.of("username", "progress-clerk", "password", "progress-clerk-pw",
                "roles", List.of("TOWNSHIP_STAFF"), "townships", List.of(LUOXIONG))).post("/api/users");
        given().auth().preemptive().basic("progress-clerk", "progress-clerk-pw")
                .get("/api/surveys/imports/progress?token=token-of-this-upload").then().body("done", equalTo(false));
        given().multiPart("file", "big.csv", csv(StandardCharsets.UTF_8, true, rows[0]), "text/csv")
                .multiPart("progress", "bad token!").post("/api/surveys/imports").then().statusCode(201);
    }

    @Test
    void xlsFromWpsIsRead() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (HSSFWorkbook wb = new HSSFWorkbook()) {
            Sheet sheet = wb.createSheet("摸底");
            sheet.createRow(0).createCell(0).setCellValue("罗平县两新组织摸底登记表");
            Row header = sheet.createRow(1);
            String[] h = HEADER.split(",");
            for (int i = 0; i < h.length; i++) header.createCell(i).setCellValue(h[i]);
            Row r = sheet.createRow(2);
            r.createCell(0).setCellValue("板桥水泥有限公司");
            r.createCell(2).setCellValue("企业");
            r.createCell(3).setCellValue("板桥镇");
            r.createCell(9).setCellValue("正常");
            r.createCell(10).setCellValue(210);
            r.createCell(11).setCellValue(6);
            r.createCell(18).setCellValue("未建立");
            wb.write(out);
        }
        JsonPath p = upload("wps.xls", out.toByteArray(), 201);
        assertEquals("XLS", p.getString("format"));
        assertEquals(1, p.getInt("summary.new"), p.prettify());
        assertEquals(3, p.getInt("rows[0].row"), "row numbers as Excel shows them (title, header, data)");
    }

    @Test
    void aClerkCannotImportIntoAnotherTownshipAndBadFilesAreClear() {
        given().contentType(ContentType.JSON).body(Map.of("username", "import-clerk", "password", "import-clerk-pw",
                "roles", List.of("TOWNSHIP_STAFF"), "townships", List.of(LUOXIONG))).post("/api/users");
        byte[] file = csv(StandardCharsets.UTF_8, true,
                "板桥公司,,企业,板桥镇,,,,C,否,正常,10,1,,,,否,,无,未建立,,,,,,,");
        JsonPath p = given().auth().preemptive().basic("import-clerk", "import-clerk-pw")
                .multiPart("file", "x.csv", file, "text/csv").post("/api/surveys/imports")
                .then().statusCode(201).extract().jsonPath();
        assertEquals(1, p.getInt("summary.rejected"));
        assertEquals("所属乡镇(街道)", p.getString("rows[0].errors[0].column"));

        upload("empty.csv", new byte[0], 400);
        upload("picture.png", new byte[]{(byte) 0x89, 'P', 'N', 'G', 13, 10, 26, 10, 0, 0, 0, 13, 'I', 'H', 'D', 'R', 0, 0}, 400);
        given().multiPart("file", "notes.csv", "你好,世界\r\n1,2\r\n".getBytes(StandardCharsets.UTF_8), "text/csv")
                .post("/api/surveys/imports").then().statusCode(400).body("code", equalTo("NO_HEADER"));
        given().get("/api/organizations").then().body("total", equalTo(0));
    }

    @Test
    void campaignProgressCountsSurveyedOrganizationsPerTownship() {
        Registry.createOrg("罗雄旧公司", LUOXIONG, 10, 0);
        Registry.createOrg("罗雄另一旧公司", LUOXIONG, 10, 0);
        Registry.createOrg("板桥旧公司", BANQIAO, 10, 0);
        long campaign = given().contentType(ContentType.JSON)
                .body(Map.of("name", "2009年两新组织集中摸底", "deadline", "2009-11-30", "townships", List.of(LUOXIONG, BANQIAO)))
                .post("/api/surveys/campaigns").then().statusCode(201).extract().jsonPath().getLong("id");
        given().get("/api/surveys/campaigns/{id}/progress", campaign).then().statusCode(200)
                .body("status", everyItem(equalTo("NOT_STARTED")))
                .body("overdue", everyItem(equalTo(true)));

        byte[] csv = given().queryParam("township", LUOXIONG).get("/api/surveys/template.csv").then().extract().asByteArray();
        String text = new String(csv, StandardCharsets.UTF_8)
                + "罗雄新公司,,企业,罗雄街道,,,,C,否,正常,9,0,,,,否,,无,未建立,,,,,,,,\r\n";
        long id = given().multiPart("file", "t.csv", text.getBytes(StandardCharsets.UTF_8), "text/csv")
                .multiPart("campaignId", String.valueOf(campaign))
                .post("/api/surveys/imports").then().statusCode(201).extract().jsonPath().getLong("id");
        given().post("/api/surveys/imports/{id}/commit", id).then().statusCode(200);
        given().queryParam("township", LUOXIONG).post("/api/surveys/campaigns/{id}/submissions", campaign).then().statusCode(200);

        JsonPath progress = given().get("/api/surveys/campaigns/{id}/progress", campaign).jsonPath();
        Map<String, Object> luoxiong = progress.getMap("find { it.code == '" + LUOXIONG + "' }");
        assertEquals(3, luoxiong.get("registryOrganizations"));
        assertEquals(3, luoxiong.get("surveyedOrganizations"));
        assertEquals(1.0f, ((Number) luoxiong.get("reportingRate")).floatValue());
        assertEquals("SUBMITTED", luoxiong.get("status"));
        assertEquals(false, luoxiong.get("overdue"));
        Map<String, Object> banqiao = progress.getMap("find { it.code == '" + BANQIAO + "' }");
        assertEquals(1, banqiao.get("registryOrganizations"));
        assertEquals(0, banqiao.get("surveyedOrganizations"));
        assertEquals("NOT_STARTED", banqiao.get("status"));
        assertEquals(true, banqiao.get("overdue"));
    }

    @Test
    void aFailureInTheMiddleOfACommitLeavesTheRegistryAsItWas() {
        long a = Registry.createOrg("罗雄甲公司", LUOXIONG, 30, 4);
        byte[] csv = given().queryParam("township", LUOXIONG).get("/api/surveys/template.csv").then().extract().asByteArray();
        String text = new String(csv, StandardCharsets.UTF_8).replace(",30,4,", ",33,4,")
                + "新甲公司,,企业,罗雄街道,,,,C,否,正常,9,0,,,,否,,无,未建立,,,,,,,,\r\n"
                + "新乙公司,91350100M000100Y43,企业,罗雄街道,,,,C,否,正常,9,0,,,,否,,无,未建立,,,,,,,,\r\n"
                + "新丙公司,,企业,罗雄街道,,,,C,否,正常,9,0,,,,否,,无,单独建立党支部,,,,,,,,\r\n";
        JsonPath p = upload("t.csv", text.getBytes(StandardCharsets.UTF_8), 201);
        assertEquals(3, p.getInt("summary.new"));
        assertEquals(1, p.getInt("summary.changed"));
        // between preview and commit, someone registers the code of the second new row: its insert fails
        Registry.createOrg("抢先登记公司", BANQIAO, 5, 0, "uscc", "91350100M000100Y43");
        String before = Registry.dump(dataSource);
        given().post("/api/surveys/imports/{id}/commit", p.getLong("id")).then().statusCode(409)
                .body("code", equalTo("STALE_PREVIEW"));
        assertEquals(before, Registry.dump(dataSource), "none of the import's rows, changes or party organizations");
        given().get("/api/surveys/imports/{id}", p.getLong("id")).then().body("status", equalTo("PREVIEW"));
    }

    @Test
    void badUploadsAreRefusedClearlyAndWriteNothing() throws Exception {
        Registry.createOrg("已有公司", LUOXIONG, 10, 1);
        String before = Registry.dump(dataSource);
        byte[] good = csv(StandardCharsets.UTF_8, true, "甲,,企业,罗雄街道,,,,C,否,正常,10,1,,,,否,,无,未建立,,,,,,,");
        byte[] xlsx = given().get("/api/surveys/template.xlsx").then().statusCode(200).extract().asByteArray();
        java.io.ByteArrayOutputStream bomb = new java.io.ByteArrayOutputStream();
        try (java.util.zip.ZipOutputStream zip = new java.util.zip.ZipOutputStream(bomb)) {
            zip.putNextEntry(new java.util.zip.ZipEntry("xl/workbook.xml"));
            zip.write("<workbook/>".getBytes(StandardCharsets.UTF_8));
            zip.putNextEntry(new java.util.zip.ZipEntry("xl/worksheets/sheet1.xml"));
            byte[] zeros = new byte[1 << 20];
            for (int i = 0; i < 300; i++) zip.write(zeros);
        }
        java.io.ByteArrayOutputStream encrypted = new java.io.ByteArrayOutputStream();
        try (org.apache.poi.poifs.filesystem.POIFSFileSystem fs = new org.apache.poi.poifs.filesystem.POIFSFileSystem()) {
            fs.createDocument(new java.io.ByteArrayInputStream(new byte[64]), "EncryptionInfo");
            fs.createDocument(new java.io.ByteArrayInputStream(new byte[64]), "EncryptedPackage");
            fs.writeFilesystem(encrypted);
        }
        String longLine = HEADER + "\r\n" + "甲".repeat(1_100_000) + ",,企业\r\n";
        Map<String, byte[]> bad = new java.util.LinkedHashMap<>();
        bad.put("empty.csv", new byte[0]);
        bad.put("truncated.xlsx", java.util.Arrays.copyOf(xlsx, xlsx.length / 2));
        bad.put("renamed.xlsx", new byte[]{0x7f, 'E', 'L', 'F', 2, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0});
        bad.put("zip-bomb.xlsx", bomb.toByteArray());
        bad.put("encrypted.xlsx", encrypted.toByteArray());
        bad.put("long-line.csv", longLine.getBytes(StandardCharsets.UTF_8));
        bad.put("good-but-renamed.xlsx.png", good);
        for (var e : bad.entrySet()) {
            var response = given().multiPart("file", e.getKey(), e.getValue(), "application/octet-stream")
                    .post("/api/surveys/imports");
            if (e.getKey().startsWith("good")) {
                assertEquals(201, response.statusCode(), "a good CSV under any name: " + response.asString());
                continue;
            }
            assertEquals(400, response.statusCode(), e.getKey() + ": " + response.asString());
            assertTrue(response.jsonPath().getString("message").matches(".*[\\u4e00-\\u9fa5].*"), e.getKey());
        }
        given().contentType(ContentType.JSON).body("{}").post("/api/surveys/imports").then().statusCode(415);
        assertEquals(before, Registry.dump(dataSource));
    }
}
