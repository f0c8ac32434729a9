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
        var login = given().auth().none().redirects().follow(false).contentType("application/x-www-form-urlencoded")
                .formParam("j_username", "admin").formParam("j_password", "admin-test-password").post("/j_security_check");
        String session = login.getCookie("liangxin-session");
        var page = given().auth().none().cookie("liangxin-session", session).accept("text/html").get("/");
        String token = Jsoup.parse(page.asString()).selectFirst("form.logout input[name^=csrf]").attr("value");
        String tokenName = Jsoup.parse(page.asString()).selectFirst("form.logout input[name^=csrf]").attr("name");
        var out = given().auth().none().redirects().follow(false).cookies(page.getCookies())
                .cookie("liangxin-session", session).contentType("application/x-www-form-urlencoded")
                .formParam(tokenName, token).post("/logout");
        out.then().statusCode(303).header("Location", endsWith("/login"));
        org.junit.jupiter.api.Assertions.assertTrue(out.getHeaders().getValues("Set-Cookie").stream()
                .anyMatch(c -> c.startsWith("liangxin-session=;") || c.contains("Max-Age=0")), out.getHeaders().toString());
    }
}
