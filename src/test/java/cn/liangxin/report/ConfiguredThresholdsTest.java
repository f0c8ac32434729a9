package cn.liangxin.report;

import cn.liangxin.testsupport.Registry;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static cn.liangxin.testsupport.Registry.LUOXIONG;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.*;

/** A county that moves the thresholds by configuration sees every rule, filter and report move. */
@QuarkusTest
@TestProfile(ConfiguredThresholdsTest.Strict.class)
class ConfiguredThresholdsTest {

    public static class Strict implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("liangxin.rules.branch-min-members", "5", "liangxin.rules.general-branch-min-members", "30",
                    "liangxin.rules.committee-min-members", "60", "liangxin.rules.large-headcount", "20",
                    "liangxin.rules.very-large-headcount", "40");
        }
    }

    @Inject
    AgroalDataSource dataSource;

    @Test
    void thresholdsComeFromConfiguration() {
        Registry.clear(dataSource);
        long four = Registry.createOrg("四名党员公司", LUOXIONG, 10, 4);
        long five = Registry.createOrg("五名党员公司", LUOXIONG, 10, 5);
        long thirty = Registry.createOrg("三十名党员公司", LUOXIONG, 45, 30);
        Registry.createOrg("二十人无党员公司", LUOXIONG, 20, 0);

        given().get("/api/organizations/{id}", four).then()
                .body("classification.requiredForm", equalTo("JOINT"))
                .body("classification.gaps[0].code", equalTo("FEW_MEMBERS"))
                .body("classification.gaps[0].explanation", containsString("不足 5 人"));
        given().get("/api/organizations/{id}", five).then().body("classification.requiredForm", equalTo("BRANCH"));
        given().get("/api/organizations/{id}", thirty).then()
                .body("classification.requiredForm", equalTo("GENERAL_BRANCH"))
                .body("classification.gaps.code", hasItem("LARGE_WITHOUT_ORGANIZATION"));
        given().queryParam("gap", "SHOULD_FORM").get("/api/organizations").then().body("total", equalTo(2));
        given().queryParam("gap", "LARGE_WITHOUT_MEMBER").get("/api/organizations").then().body("total", equalTo(1));
        given().queryParam("township", LUOXIONG).get("/api/reports/coverage").then()
                .body("total.shouldForm", equalTo(2))
                .body("total.fewMembers", equalTo(1))
                .body("total.noMembers", equalTo(1));
        given().get("/api/reports/blank-spots").then()
                .body("requiredForm", contains("GENERAL_BRANCH", "BRANCH", "JOINT", "WORK_COVERAGE"));
    }
}
