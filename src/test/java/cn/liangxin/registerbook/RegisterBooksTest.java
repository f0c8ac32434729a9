package cn.liangxin.registerbook;

import cn.liangxin.testsupport.Registry;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.dhatim.fastexcel.reader.ReadableWorkbook;
import org.dhatim.fastexcel.reader.Row;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static cn.liangxin.testsupport.Registry.BANQIAO;
import static cn.liangxin.testsupport.Registry.LUOXIONG;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The register books read back: every organization of the filters, every party organization, in Chinese. */
@QuarkusTest
class RegisterBooksTest {

    @Inject
    AgroalDataSource dataSource;

    @Test
    void theBooksListTheRegistryOfTheFiltersAndReadBack() throws Exception {
        Registry.clear(dataSource);
        long a = Registry.createOrg("登记册甲公司", LUOXIONG, 40, 5, "uscc", "91350100M000100Y43");
        Registry.createOrg("登记册乙商店", LUOXIONG, 3, 0, "kind", "INDIVIDUAL_BUSINESS");
        Registry.createOrg("登记册丙协会", BANQIAO, 8, 1, "kind", "SOCIAL_GROUP");
        Registry.createParty("登记册甲公司党支部", LUOXIONG, "BRANCH", "INDEPENDENT", List.of(a));

        byte[] xlsx = given().queryParam("township", LUOXIONG).get("/api/organizations.xlsx").then().statusCode(200)
                .header("Content-Disposition", org.hamcrest.Matchers.containsString("filename*=UTF-8''")).extract().asByteArray();
        try (ReadableWorkbook wb = new ReadableWorkbook(new ByteArrayInputStream(xlsx))) {
            List<Row> rows = wb.getFirstSheet().read();
            assertTrue(rows.get(0).getCellText(0).startsWith("罗雄街道两新组织登记册"), rows.get(0).getCellText(0));
            assertEquals("序号", rows.get(1).getCellText(0));
            assertEquals("名称", rows.get(1).getCellText(2));
            assertEquals(2 + 2, rows.size(), "罗雄街道's two, not 板桥镇's");
            Row first = rows.stream().filter(r -> "登记册甲公司".equals(r.getCellText(2))).findFirst().orElseThrow();
            assertEquals("91350100M000100Y43", first.getCellText(3));
            assertEquals("企业", first.getCellText(4));
            assertEquals("登记册甲公司党支部", first.getCellText(14));
        }
        String csv = new String(given().queryParam("gap", "NO_MEMBERS").get("/api/organizations.csv").then().statusCode(200)
                .extract().asByteArray(), StandardCharsets.UTF_8);
        assertTrue(csv.contains("登记册乙商店") && !csv.contains("登记册甲公司") && !csv.contains("登记册丙协会"), csv);

        String parties = new String(given().get("/api/party-organizations.csv").then().statusCode(200).extract().asByteArray(),
                StandardCharsets.UTF_8);
        String[] lines = parties.strip().split("\r\n");
        assertEquals(2, lines.length, parties);
        assertTrue(lines[1].startsWith("罗雄街道,登记册甲公司党支部,党支部,"), lines[1]);
        assertTrue(lines[1].contains(",登记册甲公司,5,"), "covered and its member base: " + lines[1]);
        given().queryParam("gap", "NONSENSE").get("/api/organizations.xlsx").then().statusCode(400);
    }
}
