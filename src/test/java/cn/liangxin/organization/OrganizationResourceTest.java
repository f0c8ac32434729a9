package cn.liangxin.organization;

import cn.liangxin.testsupport.Registry;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.http.TestHTTPEndpoint;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static cn.liangxin.testsupport.Registry.BANQIAO;
import static cn.liangxin.testsupport.Registry.LUOXIONG;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.*;

@QuarkusTest
@TestHTTPEndpoint(OrganizationResource.class)
class OrganizationResourceTest {

    @Inject
    AgroalDataSource dataSource;

    @BeforeEach
    void clear() {
        Registry.clear(dataSource);
    }

    @Test
    void withoutAKindTheUsccSaysItAndADisagreementStaysAWarning() {
        String base = "92530324MA6K3X2Y1";
        String shop = base + Uscc.checkCharacter(base);
        Map<String, Object> body = new java.util.HashMap<>(Registry.org("罗平县无类别商店", LUOXIONG, 3, 0, "uscc", shop));
        body.remove("kind");
        given().contentType(ContentType.JSON).body(body).post().then().statusCode(201)
                .body("kind", equalTo("INDIVIDUAL_BUSINESS")).body("sector", equalTo("ECONOMIC")).body("warnings", empty());
        Map<String, Object> neither = new java.util.HashMap<>(Registry.org("罗平县无类别无代码商店", LUOXIONG, 3, 0));
        neither.remove("kind");
        given().contentType(ContentType.JSON).body(neither).post().then().statusCode(400)
                .body("errors.field", hasItem("kind"));
        String base2 = "52530324MA6K3X2Y2";
        given().contentType(ContentType.JSON).body(Registry.org("罗平县类别不符公司", LUOXIONG, 3, 0, "uscc",
                        base2 + Uscc.checkCharacter(base2))).post().then().statusCode(201)
                .body("kind", equalTo("ENTERPRISE")).body("warnings.field", hasItem("uscc"));
    }

    @Test
    void createAnswersLocationClassificationAndSector() {
        var response = given().contentType(ContentType.JSON)
                .body(Registry.org("罗平县金鸡峰食品有限公司", LUOXIONG, 120, 57, "uscc", "91350100M000100Y43"))
                .post()
                .then().statusCode(201)
                .header("Location", matchesPattern(".*/api/organizations/\\d+"))
                .body("sector", equalTo("ECONOMIC"))
                .body("townshipName", equalTo("罗雄街道"))
                .body("countyCode", equalTo("530324"))
                .body("classification.requiredForm", equalTo("GENERAL_BRANCH"))
                .body("classification.blankSpot", equalTo(true))
                .body("classification.gaps.code", contains("SHOULD_FORM", "LARGE_WITHOUT_ORGANIZATION"))
                .body("classification.gaps[0].explanation", containsString("57"))
                .body("warnings", empty())
                .extract();
        long id = response.jsonPath().getLong("id");
        given().get("/{id}", id).then().statusCode(200)
                .body("name", equalTo("罗平县金鸡峰食品有限公司"))
                .body("uscc", equalTo("91350100M000100Y43"))
                .body("headcount", equalTo(120));
    }

    @Test
    void townshipMayBeGivenByNameInTraditionalCharacters() {
        given().contentType(ContentType.JSON).body(Registry.org("某商行", "羅雄街道", 3, 0)).post()
                .then().statusCode(201).body("townshipCode", equalTo(LUOXIONG));
    }

    @Test
    void invalidInputIsRefusedWithEveryFieldNamedAndNothingWritten() {
        Map<String, Object> body = Registry.org("", "999999999", -1, 2, "uscc", "91350100M000100Y44");
        given().contentType(ContentType.JSON).body(body).post()
                .then().statusCode(400)
                .body("status", equalTo(400))
                .body("code", equalTo("INVALID"))
                .body("errors.field", hasItems("name", "headcount"));
        Map<String, Object> wrongPlace = Registry.org("某公司", "999999999", 5, 2, "uscc", "91350100M000100Y44");
        given().contentType(ContentType.JSON).body(wrongPlace).post()
                .then().statusCode(400)
                .body("errors.field", containsInAnyOrder("townshipCode", "uscc"))
                .body("errors.find { it.field == 'uscc' }.message", containsString("校验位"));
        given().get().then().statusCode(200).body("total", equalTo(0));
    }

    @Test
    void unknownEnumValueIsA400NamingTheField() {
        given().contentType(ContentType.JSON).body(Registry.org("某公司", LUOXIONG, 5, 0, "kind", "BANK")).post()
                .then().statusCode(400)
                .body("errors[0].field", equalTo("kind"))
                .body("errors[0].message", containsString("BANK"));
        given().contentType(ContentType.JSON).body("{\"name\": ").post()
                .then().statusCode(400).body("code", equalTo("INVALID"));
    }

    @Test
    void sameUsccTwiceIsAConflictNamingTheExistingOrganization() {
        Registry.createOrg("第一家公司", LUOXIONG, 10, 0, "uscc", "91350100M000100Y43");
        given().contentType(ContentType.JSON)
                .body(Registry.org("第二家公司", BANQIAO, 10, 0, "uscc", " 91350100M000100Y43 ")).post()
                .then().statusCode(409)
                .body("code", equalTo("DUPLICATE_USCC"))
                .body("message", containsString("第一家公司"));
        given().get().then().body("total", equalTo(1));
    }

    @Test
    void warningsDoNotRefuse() {
        given().contentType(ContentType.JSON)
                .body(Registry.org("罗平县律师协会", LUOXIONG, 2, 5, "kind", "SOCIAL_GROUP", "uscc", "91350100M000100Y43"))
                .post()
                .then().statusCode(201)
                .body("sector", equalTo("SOCIAL"))
                .body("warnings.field", containsInAnyOrder("formalMembers", "uscc"));
    }

    @Test
    void updateChangesTheClassificationAndStaleVersionsConflict() {
        long id = Registry.createOrg("罗平县某合作社", LUOXIONG, 20, 2, "kind", "FARMER_COOPERATIVE");
        given().get("/{id}", id).then().body("classification.gaps.code", contains("FEW_MEMBERS"));
        given().contentType(ContentType.JSON)
                .body(Registry.org("罗平县某合作社", LUOXIONG, 20, 3, "kind", "FARMER_COOPERATIVE"))
                .put("/{id}", id)
                .then().statusCode(400).body("errors[0].field", equalTo("version"));
        given().contentType(ContentType.JSON)
                .body(Registry.org("罗平县某合作社", LUOXIONG, 20, 3, "kind", "FARMER_COOPERATIVE", "version", 0))
                .put("/{id}", id)
                .then().statusCode(200)
                .body("version", equalTo(1))
                .body("classification.requiredForm", equalTo("BRANCH"))
                .body("classification.gaps.code", contains("SHOULD_FORM"));
        given().contentType(ContentType.JSON)
                .body(Registry.org("罗平县某合作社", LUOXIONG, 20, 9, "kind", "FARMER_COOPERATIVE", "version", 0))
                .put("/{id}", id)
                .then().statusCode(409).body("code", equalTo("VERSION_CONFLICT"));
        given().get("/{id}", id).then().body("formalMembers", equalTo(3));
    }

    @Test
    void deleteAndMissingIds() {
        long id = Registry.createOrg("罗平县某店", LUOXIONG, 2, 0, "kind", "INDIVIDUAL_BUSINESS");
        given().delete("/{id}", id).then().statusCode(204);
        given().get("/{id}", id).then().statusCode(404).body("code", equalTo("NOT_FOUND"));
        given().get("/abc").then().statusCode(404);
    }

    @Test
    void listFiltersByTownshipSectorGapAndSearch() {
        Registry.createOrg("甲公司", LUOXIONG, 60, 0);
        Registry.createOrg("乙协会", LUOXIONG, 5, 1, "kind", "SOCIAL_GROUP", "uscc", "51530324MJ0000012Q");
        Registry.createOrg("丙公司", BANQIAO, 8, 4);
        given().queryParam("township", LUOXIONG).get().then().body("total", equalTo(2))
                .body("items.name", containsInAnyOrder("甲公司", "乙协会"));
        given().queryParam("sector", "SOCIAL").get().then().body("items.name", contains("乙协会"));
        given().queryParam("gap", "LARGE_WITHOUT_MEMBER").get().then().body("items.name", contains("甲公司"));
        given().queryParam("gap", "SHOULD_FORM").get().then().body("items.name", contains("丙公司"));
        given().queryParam("q", "协会").get().then().body("items.name", contains("乙协会"));
        given().queryParam("q", "51530324").get().then().body("items.name", contains("乙协会"));
        given().queryParam("size", 1).queryParam("page", 1).get().then()
                .body("total", equalTo(3)).body("items", hasSize(1));
        given().queryParam("size", 0).get().then().statusCode(400).body("errors[0].field", equalTo("size"));
        given().queryParam("gap", "NOPE").get().then().statusCode(400).body("errors[0].field", equalTo("gap"));
        given().queryParam("township", "530999001").get().then().statusCode(400);
    }
}
