package cn.liangxin.plan;

import cn.liangxin.testsupport.Registry;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.dhatim.fastexcel.reader.ReadableWorkbook;
import org.dhatim.fastexcel.reader.Row;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.util.List;
import java.util.Map;

import static cn.liangxin.testsupport.Registry.BANQIAO;
import static cn.liangxin.testsupport.Registry.LUOXIONG;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
class JointProposalsTest {

    @Inject
    AgroalDataSource dataSource;

    long cA, cB, eastF, eastG, eastK, lone, partner;

    @BeforeEach
    void fixture() {
        Registry.clear(dataSource);
        cA = Registry.createOrg("罗雄甲机械厂", LUOXIONG, 20, 2, "industry", "C");
        cB = Registry.createOrg("罗雄乙食品厂", LUOXIONG, 12, 1, "industry", "C");
        eastF = Registry.createOrg("城东商店", LUOXIONG, 5, 1, "industry", "F", "community", "城东社区");
        eastG = Registry.createOrg("城东物流", LUOXIONG, 9, 1, "industry", "G", "community", "城东社区");
        eastK = Registry.createOrg("城东物业", LUOXIONG, 7, 1, "industry", "K", "community", " 城东社区 ");
        lone = Registry.createOrg("罗雄律师事务所", LUOXIONG, 6, 1, "industry", "L", "kind", "LAW_FIRM");
        partner = Registry.createOrg("罗雄租赁公司", LUOXIONG, 4, 1, "industry", "L");
        Registry.createParty("罗雄商务联合党支部", LUOXIONG, "BRANCH", "JOINT", List.of(partner));
        // not candidates: a branch of its own is due, no members, closed, another township
        Registry.createOrg("罗雄大厂", LUOXIONG, 80, 3, "industry", "C");
        Registry.createOrg("罗雄小店", LUOXIONG, 2, 0, "industry", "C");
        Registry.createOrg("罗雄停业厂", LUOXIONG, 9, 2, "industry", "C", "status", "CLOSED");
        Registry.createOrg("板桥厂", BANQIAO, 9, 2, "industry", "C");
    }

    @Test
    void groupsByIndustryThenCommunityAndTheRestJoinsAnExistingBranch() {
        JsonPath p = given().queryParam("township", LUOXIONG).get("/api/plans/joint-proposals").then().statusCode(200)
                .extract().jsonPath();
        assertEquals(1, p.getList("$").size());
        assertEquals(2, p.getList("[0].groups").size(), p.prettify());
        assertEquals("INDUSTRY", p.getString("[0].groups[0].basis"));
        assertEquals(List.of(cA, cB), p.getList("[0].groups[0].organizations.id", Long.class));
        assertEquals(3, p.getInt("[0].groups[0].formalMembers"));
        assertEquals("同属制造业(C),2 个组织合计正式党员 3 名,可联合组建党支部。", p.getString("[0].groups[0].explanation"));
        assertEquals("COMMUNITY", p.getString("[0].groups[1].basis"));
        assertEquals("城东社区", p.getString("[0].groups[1].sharedValue"));
        assertEquals(List.of(eastF, eastG, eastK).stream().sorted().toList(),
                p.getList("[0].groups[1].organizations.id", Long.class).stream().sorted().toList());
        assertEquals(1, p.getList("[0].joins").size());
        assertEquals(lone, p.getLong("[0].joins[0].organization.id"));
        assertEquals("罗雄商务联合党支部", p.getString("[0].joins[0].partyOrganizationName"));
        assertEquals("INDUSTRY", p.getString("[0].joins[0].basis"), "the branch covers a company of the same section");
        assertTrue(p.getString("[0].joins[0].explanation").contains("租赁和商务服务业"), p.getString("[0].joins[0].explanation"));
        assertTrue(p.getList("[0].unplaced").isEmpty());
    }

    @Test
    void withoutABranchToJoinTheOrganizationIsListedWithTheReason() {
        given().contentType(ContentType.JSON).body(Map.of("name", "罗雄甲机械厂", "townshipCode", LUOXIONG, "kind", "ENTERPRISE",
                "headcount", 20, "formalMembers", 3, "industry", "C", "version", 0)).put("/api/organizations/{id}", cA)
                .then().statusCode(200);
        JsonPath p = given().queryParam("township", LUOXIONG).get("/api/plans/joint-proposals").jsonPath();
        // 甲 now has 3 members and needs a branch of its own: 乙 (1 member) is left without a manufacturing partner
        assertEquals(List.of("COMMUNITY"), p.getList("[0].groups.basis"));
        assertEquals(List.of(cB, lone).stream().sorted().toList(),
                p.getList("[0].joins.organization.id", Long.class).stream().sorted().toList());
    }

    @Test
    void aClerkSeesHerTownshipsOnlyAndTheWorkbookListsEveryOrganization() throws Exception {
        given().contentType(ContentType.JSON).body(Map.of("username", "plan-clerk", "password", "plan-clerk-pw",
                "roles", List.of("TOWNSHIP_STAFF"), "townships", List.of(BANQIAO))).post("/api/users").then().statusCode(201);
        given().auth().preemptive().basic("plan-clerk", "plan-clerk-pw").queryParam("township", LUOXIONG)
                .get("/api/plans/joint-proposals").then().statusCode(400).body("errors[0].field", equalTo("township"));
        JsonPath own = given().auth().preemptive().basic("plan-clerk", "plan-clerk-pw").get("/api/plans/joint-proposals").jsonPath();
        assertEquals(List.of(BANQIAO), own.getList("townshipCode"));
        assertEquals(1, own.getList("[0].unplaced").size(), "板桥厂 alone: nothing to group with, no branch");

        byte[] xlsx = given().queryParam("township", LUOXIONG).get("/api/plans/joint-proposals.xlsx").then().statusCode(200)
                .extract().asByteArray();
        try (ReadableWorkbook wb = new ReadableWorkbook(new ByteArrayInputStream(xlsx))) {
            List<Row> rows = wb.getFirstSheet().read();
            List<Row> data = rows.subList(2, rows.size());
            assertEquals(6, data.size(), "2 + 3 organizations in groups, 1 joining");
            assertEquals("1", data.get(0).getCellText(0), "序号");
            assertEquals("方案 1:联合组建", data.get(0).getCellText(2));
            assertEquals("罗雄乙食品厂", data.get(0).getCellText(5));
            assertEquals("加入已有联合党支部", data.get(5).getCellText(2));
            assertEquals("罗雄律师事务所", data.get(5).getCellText(3));
        }

        Document page = Jsoup.parse(given().accept("text/html").get("/plans/joint-proposals?township=" + LUOXIONG).asString());
        assertEquals(2, page.select("section[data-township=" + LUOXIONG + "] .proposal").size());
        assertEquals(3, page.select(".proposal[data-basis=COMMUNITY] li[data-org]").size());
        assertEquals(1, page.select("table.joins tr[data-org=" + lone + "]").size());
    }
}
