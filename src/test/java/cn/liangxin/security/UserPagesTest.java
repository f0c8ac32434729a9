package cn.liangxin.security;

import cn.liangxin.testsupport.Forms;
import io.quarkus.test.junit.QuarkusTest;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.*;
import static org.junit.jupiter.api.Assertions.assertNotNull;

@QuarkusTest
class UserPagesTest {

    @Test
    void anAdministratorCreatesAClerkInThePageAndTheClerkSignsIn() {
        String name = "page-clerk" + System.nanoTime() % 100000;
        String bad = Forms.from("/users").accept("text/html")
                .formParam("username", name).formParam("roles", "TOWNSHIP_STAFF").formParam("enabled", "true")
                .post("/users").then().statusCode(400).extract().asString();
        Document doc = Jsoup.parse(bad);
        assertNotNull(doc.selectFirst("[data-error=password]"));
        assertNotNull(doc.selectFirst("[data-error=townships]"));

        Forms.from("/users").redirects().follow(false)
                .formParam("username", name).formParam("password", "clerk-page-pw").formParam("roles", "TOWNSHIP_STAFF")
                .formParam("townships", "530324102").formParam("enabled", "true")
                .post("/users").then().statusCode(303);
        given().auth().preemptive().basic(name, "clerk-page-pw").get("/api/reports/coverage").then()
                .statusCode(200).body("townships.code", contains("530324102"));
        given().auth().preemptive().basic(name, "clerk-page-pw").accept("text/html").get("/users").then().statusCode(403);
        Document list = Jsoup.parse(given().accept("text/html").get("/users").asString());
        assertNotNull(list.selectFirst("#users tr[data-user=" + name + "]"));
    }

    @Test
    void signingOutEndsTheSession() {
        var browser = cn.liangxin.testsupport.Login.as("admin", "admin-test-password");
        var page = browser.request().accept("text/html").get("/");
        page.then().statusCode(200);
        String token = Jsoup.parse(page.asString()).selectFirst("form.logout input[name^=csrf]").attr("value");
        String tokenName = Jsoup.parse(page.asString()).selectFirst("form.logout input[name^=csrf]").attr("name");
        var out = browser.request().contentType("application/x-www-form-urlencoded").formParam(tokenName, token).post("/logout");
        out.then().statusCode(303).header("Location", endsWith("/login"));
        org.junit.jupiter.api.Assertions.assertTrue(out.getHeaders().getValues("Set-Cookie").stream()
                .anyMatch(c -> c.startsWith("liangxin-session=;") || c.contains("Max-Age=0")), out.getHeaders().toString());
        // a copy of the cookie kept from before opens nothing any more
        browser.request().get("/api/organizations").then().statusCode(401).body("code", equalTo("UNAUTHORIZED"));
        browser.request().accept("text/html").get("/").then().statusCode(302).header("Location", endsWith("/login"));
    }
}
