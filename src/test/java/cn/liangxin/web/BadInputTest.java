package cn.liangxin.web;

import cn.liangxin.testsupport.Registry;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static cn.liangxin.testsupport.Registry.LUOXIONG;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.*;

/** Whatever a client sends, the answer is a 4xx with the one error body, and nothing is written. */
@QuarkusTest
class BadInputTest {

    @Inject
    AgroalDataSource dataSource;

    long org;

    @BeforeEach
    void load() {
        Registry.clear(dataSource);
        org = Registry.createOrg("已有公司", LUOXIONG, 10, 1);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "",
            "null",
            "[]",
            "\"text\"",
            "{",
            "{\"name\":\"甲\",\"kind\":\"ENTERPRISE\",\"townshipCode\":\"530324001\",\"headcount\":\"十\",\"formalMembers\":1}",
            "{\"name\":\"甲\",\"kind\":\"ENTERPRISE\",\"townshipCode\":\"530324001\",\"headcount\":1.5,\"formalMembers\":1}",
            "{\"name\":\"甲\",\"kind\":\"ENTERPRISE\",\"townshipCode\":\"530324001\",\"headcount\":99999999999,\"formalMembers\":1}",
            "{\"name\":\"甲\",\"kind\":\"ENTERPRISE\",\"townshipCode\":\"530324001\",\"headcount\":1,\"formalMembers\":1,\"plannedFormationOn\":\"2026-13-40\"}",
            "{\"name\":\"甲\",\"kind\":\"ENTERPRISE\",\"townshipCode\":\"530324001\",\"headcount\":1,\"formalMembers\":1,\"massOrganizations\":[\"PARTY\"]}",
            "{\"name\":\"甲\",\"kind\":\"ENTERPRISE\",\"townshipCode\":\"530324001\",\"headcount\":1,\"formalMembers\":1,\"industry\":\"Z\"}",
            "{\"name\":\"甲\",\"kind\":\"ENTERPRISE\",\"townshipCode\":\"110101001\",\"headcount\":1,\"formalMembers\":1}",
            "{\"name\":\"甲\",\"kind\":\"ENTERPRISE\",\"townshipCode\":\"530324001\",\"headcount\":1,\"formalMembers\":1,\"uscc\":\"<script>\"}",
            "{\"kind\":\"ENTERPRISE\",\"townshipCode\":\"530324001\",\"headcount\":1,\"formalMembers\":1}"})
    void organizationBodies(String body) {
        given().contentType(ContentType.JSON).body(body).post("/api/organizations")
                .then().statusCode(400)
                .body("status", equalTo(400))
                .body("code", not(emptyOrNullString()))
                .body("message", not(emptyOrNullString()));
        given().contentType(ContentType.JSON).body(body).put("/api/organizations/{id}", org)
                .then().statusCode(400);
        given().get("/api/organizations").then().body("total", equalTo(1))
                .body("items[0].name", equalTo("已有公司")).body("items[0].version", equalTo(0));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "/api/organizations?page=-1|400", "/api/organizations?page=x|400", "/api/organizations?size=501|400",
            "/api/organizations?sector=PUBLIC|400", "/api/organizations/99999999999999999999|404",
            "/api/organizations/0|404", "/api/party-organizations/-5|404", "/api/reports/coverage?township=%E7%81%AB|400",
            "/api/reports/blank-spots.xlsx?township=1|400", "/api/nothing-here|404"})
    void queries(String path, int status) {
        given().get(path).then().statusCode(status).body("status", equalTo(status));
    }

    @ParameterizedTest
    @ValueSource(strings = {"text/plain", "application/xml"})
    void wrongMediaType(String type) {
        given().contentType(type).body("name=甲").post("/api/organizations").then().statusCode(415)
                .body("code", equalTo("UNSUPPORTED_MEDIA_TYPE"));
    }
}
