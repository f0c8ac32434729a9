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
}
