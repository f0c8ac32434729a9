package cn.liangxin.division;

import io.quarkus.test.junit.QuarkusTest;
import cn.liangxin.testsupport.QujingScope;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.*;

/** A deployment configured with a prefecture code serves every county of the prefecture. */
@QuarkusTest
@TestProfile(QujingScope.class)
class PrefectureScopeTest {

    @Test
    void everyCountyOfThePrefectureIsServed() {
        given().get("/api/divisions/counties").then().statusCode(200)
                .body("$", hasSize(9))
                .body("code", hasItems("530302", "530324", "530381"))
                .body("find { it.code == '530324' }.name", equalTo("罗平县"))
                .body("find { it.code == '530324' }.townships", equalTo(13));
        given().get("/api/divisions/townships").then().statusCode(200)
                .body("countyCode", everyItem(startsWith("5303")))
                .body("code", hasItem("530381001"));
    }

    @Test
    void aTownshipNameThePrefectureRepeatsMeansTheClerksOwn() {
        // 板桥镇 is a township of 罗平县 (530324102) and of 陆良县 (530322102)
        given().contentType("application/json").body(java.util.Map.of("username", "banqiao-clerk", "password", "banqiao-clerk-pw",
                "roles", java.util.List.of("TOWNSHIP_STAFF"), "townships", java.util.List.of("530324102"))).post("/api/users")
                .then().statusCode(201);
        byte[] file = cn.liangxin.survey.SurveyImportTest.csv(java.nio.charset.StandardCharsets.UTF_8, true,
                "同名乡镇公司,,企业,板桥镇,,,,C,否,正常,10,1,,,,否,,无,未建立,,,,,,,");
        given().auth().preemptive().basic("banqiao-clerk", "banqiao-clerk-pw").multiPart("file", "x.csv", file, "text/csv")
                .post("/api/surveys/imports").then().statusCode(201).body("summary.new", equalTo(1));
        // an account holding both counties says which county the file is for; names are read within it
        given().multiPart("file", "x.csv", file, "text/csv").post("/api/surveys/imports").then().statusCode(400)
                .body("errors[0].field", equalTo("countyCode")).body("errors[0].message", containsString("530322"));
        given().multiPart("file", "x.csv", file, "text/csv").queryParam("countyCode", "530322").post("/api/surveys/imports")
                .then().statusCode(201).body("countyCode", equalTo("530322")).body("summary.new", equalTo(1));
    }
}
