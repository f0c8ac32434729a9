package cn.liangxin.partyorg;

import cn.liangxin.testsupport.Registry;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.http.TestHTTPEndpoint;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import static cn.liangxin.testsupport.Registry.BANQIAO;
import static cn.liangxin.testsupport.Registry.LUOXIONG;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.*;

@QuarkusTest
@TestHTTPEndpoint(PartyOrganizationResource.class)
class PartyOrganizationResourceTest {

    @Inject
    AgroalDataSource dataSource;

    @BeforeEach
    void clear() {
        Registry.clear(dataSource);
    }

    @Test
    void independentBranchCoversItsOrganization() {
        long org = Registry.createOrg("罗平县甲公司", LUOXIONG, 40, 5);
        given().contentType(ContentType.JSON)
                .body(Registry.party("罗平县甲公司党支部", LUOXIONG, "BRANCH", "INDEPENDENT", List.of(org)))
                .post()
                .then().statusCode(201)
                .header("Location", containsString("/api/party-organizations/"))
                .body("active", equalTo(true))
                .body("coveredOrganizationIds", contains((int) org))
                .body("coveredOrganizations[0].name", equalTo("罗平县甲公司"));
        given().basePath("").get("/api/organizations/{id}", org).then()
                .body("partyOrganization.name", equalTo("罗平县甲公司党支部"))
                .body("classification.blankSpot", equalTo(false))
                .body("classification.gaps", empty());
        given().queryParam("township", LUOXIONG).get().then().body("name", contains("罗平县甲公司党支部"));
        given().queryParam("township", BANQIAO).get().then().body("$", empty());
    }

    @Test
    void independentMustCoverExactlyOne() {
        long a = Registry.createOrg("甲", LUOXIONG, 10, 3);
        long b = Registry.createOrg("乙", LUOXIONG, 10, 3);
        given().contentType(ContentType.JSON)
                .body(Registry.party("甲乙党支部", LUOXIONG, "BRANCH", "INDEPENDENT", List.of(a, b))).post()
                .then().statusCode(400).body("errors[0].field", equalTo("coveredOrganizationIds"));
        given().contentType(ContentType.JSON)
                .body(Registry.party("空党支部", LUOXIONG, "BRANCH", "JOINT", List.of())).post()
                .then().statusCode(400).body("errors[0].field", equalTo("coveredOrganizationIds"));
        given().get().then().body("$", empty());
    }

    @Test
    void anOrganizationIsCoveredByOneActivePartyOrganizationOnly() {
        long a = Registry.createOrg("甲商店", LUOXIONG, 3, 1, "kind", "INDIVIDUAL_BUSINESS");
        long b = Registry.createOrg("乙商店", LUOXIONG, 3, 2, "kind", "INDIVIDUAL_BUSINESS");
        long joint = Registry.createParty("商贸联合党支部", LUOXIONG, "BRANCH", "JOINT", List.of(a, b));
        given().contentType(ContentType.JSON)
                .body(Registry.party("另一联合党支部", LUOXIONG, "BRANCH", "JOINT", List.of(b))).post()
                .then().statusCode(409)
                .body("code", equalTo("ALREADY_COVERED"))
                .body("message", allOf(containsString("乙商店"), containsString("商贸联合党支部")));
        given().get().then().body("$", hasSize(1));

        // dissolving the joint branch frees both organizations, which become blank spots again
        Map<String, Object> dissolved = Registry.party("商贸联合党支部", LUOXIONG, "BRANCH", "JOINT", List.of(a, b));
        dissolved.put("dissolvedOn", LocalDate.now(cn.liangxin.time.Days.ZONE).minusDays(1).toString());
        given().contentType(ContentType.JSON).body(dissolved).put("/{id}", joint)
                .then().statusCode(400).body("errors[0].field", equalTo("version"));
        dissolved.put("version", 0);
        given().contentType(ContentType.JSON).body(dissolved).put("/{id}", joint)
                .then().statusCode(200).body("active", equalTo(false));
        given().basePath("").get("/api/organizations/{id}", b).then()
                .body("partyOrganization", nullValue())
                .body("classification.gaps.code", contains("FEW_MEMBERS"));
        given().contentType(ContentType.JSON)
                .body(Registry.party("新联合党支部", LUOXIONG, "BRANCH", "JOINT", List.of(b))).post()
                .then().statusCode(201);
    }

    @Test
    void datesAndMembersAreChecked() {
        long a = Registry.createOrg("甲", LUOXIONG, 10, 3);
        Map<String, Object> future = Registry.party("甲党支部", LUOXIONG, "BRANCH", "INDEPENDENT", List.of(a));
        future.put("foundedOn", LocalDate.now(cn.liangxin.time.Days.ZONE).plusDays(1).toString());
        given().contentType(ContentType.JSON).body(future).post()
                .then().statusCode(400).body("errors.field", hasItem("foundedOn"));
        Map<String, Object> backwards = Registry.party("甲党支部", LUOXIONG, "BRANCH", "INDEPENDENT", List.of(a));
        backwards.put("dissolvedOn", "2019-01-01");
        given().contentType(ContentType.JSON).body(backwards).post()
                .then().statusCode(400).body("errors.field", hasItem("dissolvedOn"));
        given().contentType(ContentType.JSON)
                .body(Registry.party("无名党支部", LUOXIONG, "BRANCH", "JOINT", List.of(a, 987654321L))).post()
                .then().statusCode(400).body("errors[0].field", equalTo("coveredOrganizationIds[1]"));
        long closed = Registry.createOrg("已注销公司", LUOXIONG, 10, 3, "status", "CLOSED");
        given().contentType(ContentType.JSON)
                .body(Registry.party("注销公司党支部", LUOXIONG, "BRANCH", "INDEPENDENT", List.of(closed))).post()
                .then().statusCode(400).body("errors[0].message", containsString("已注销"));
        given().get().then().body("$", empty());
    }

    @Test
    void coveredOrganizationCannotBeDeletedAndJointCoverageOfAnEligibleOneAsksToStandAlone() {
        long a = Registry.createOrg("甲", LUOXIONG, 10, 4);
        long b = Registry.createOrg("乙", LUOXIONG, 10, 1);
        Registry.createParty("园区联合党支部", LUOXIONG, "BRANCH", "JOINT", List.of(a, b));
        given().basePath("").delete("/api/organizations/{id}", a).then().statusCode(409).body("code", equalTo("COVERED"));
        given().basePath("").get("/api/organizations/{id}", a).then()
                .body("classification.blankSpot", equalTo(false))
                .body("classification.gaps.code", contains("UPGRADE"));
        given().basePath("").get("/api/organizations/{id}", b).then()
                .body("classification.gaps", empty());
    }

    @Test
    void unknownIdIs404() {
        given().get("/{id}", 424242).then().statusCode(404).body("code", equalTo("NOT_FOUND"));
    }
}
