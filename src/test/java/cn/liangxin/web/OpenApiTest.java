package cn.liangxin.web;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.*;

@QuarkusTest
class OpenApiTest {

    @Test
    void everyApiPathIsDocumented() {
        given().queryParam("format", "json").get("/q/openapi").then().statusCode(200)
                .body("paths.keySet()", hasItems("/api/divisions/townships", "/api/organizations",
                        "/api/organizations/{id}", "/api/party-organizations", "/api/party-organizations/{id}",
                        "/api/reports/coverage", "/api/reports/coverage.xlsx", "/api/reports/coverage.csv",
                        "/api/reports/blank-spots", "/api/reports/blank-spots.xlsx", "/api/reports/blank-spots.csv"))
                .body("paths.keySet()", everyItem(startsWith("/api/")))
                .body("components.schemas.Kind.enum", hasItem("FARMER_COOPERATIVE"));
        given().get("/q/swagger-ui/").then().statusCode(200);
        given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
    }
}
