package cn.liangxin.web;

import cn.liangxin.testsupport.Login;
import cn.liangxin.testsupport.SignedIn;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A path no page or operation serves is answered like any other refusal: a signed-in person's
 * browser gets the styled page in Chinese, a program the error body; a signed-out caller cannot tell
 * it from a path that exists.
 */
@QuarkusTest
class ErrorPagesTest {

    private static final String BROWSER = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8";

    @Test
    void aPageAskedForJsonAnswersThePageAndTheApiStillNegotiates() {
        Login.Browser browser = Login.as(SignedIn.ADMIN, SignedIn.ADMIN_PASSWORD);
        for (String path : List.of("/goals", "/annual", "/instructors", "/surveys")) {
            String html = browser.request().accept("application/json").get(path).then().statusCode(200)
                    .contentType(startsWith("text/html")).extract().asString();
            assertNotNull(Jsoup.parse(html).selectFirst("main#main h1"), path);
        }
        // a page's address that is no page stays a 404, in the body the client asked for
        browser.request().accept("application/json").get("/plans/no-such-page").then().statusCode(404)
                .contentType(startsWith("application/json")).body("status", equalTo(404));
        // the API answers 406 to a type it does not write
        browser.request().accept("image/png").get("/api/organizations").then().statusCode(406);
    }

    @Test
    void anUnknownPathIsTheStyledPageForABrowserAndTheErrorBodyForAProgram() {
        Login.Browser browser = Login.as(SignedIn.ADMIN, SignedIn.ADMIN_PASSWORD);
        for (String path : List.of("/no-such-page", "/no-such/deeper/page.html", "/js/no-such.js", "/%E6%B2%A1%E6%9C%89")) {
            String html = browser.request().header("Accept", BROWSER).get(path).then().statusCode(404)
                    .contentType(startsWith("text/html")).extract().asString();
            Document page = Jsoup.parse(html);
            assertNotNull(page.selectFirst("header.bar a.brand"), path + ": the page is in the layout");
            assertEquals("两新组织党建覆盖台账", page.selectFirst("header.bar a.brand").text(), path);
            assertEquals("404", page.selectFirst("#error-title").attr("data-status"), path);
            assertEquals("没有找到该页面或数据。", page.selectFirst("#error-message").text(), path);
            assertEquals("zh-CN", page.selectFirst("html").attr("lang"));

            browser.request().accept("application/json").get(path).then().statusCode(404)
                    .contentType(startsWith("application/json")).body("status", equalTo(404))
                    .body("code", equalTo("NOT_FOUND")).body("message", equalTo("没有找到该页面或数据。"));
        }
        // a script over HTTP Basic that accepts anything reads the error body
        given().accept("*/*").get("/no-such-page").then().statusCode(404).body("code", equalTo("NOT_FOUND"));
        // and the assets are served as before
        browser.request().get("/js/upload.js").then().statusCode(200).contentType(startsWith("text/javascript"));
    }

    @Test
    void aSignedOutCallerCannotTellAnUnknownPathFromAKnownOne() {
        for (String path : List.of("/no-such-page", "/users")) {
            Response page = given().auth().none().redirects().follow(false).accept(BROWSER).get(path);
            assertEquals(302, page.statusCode(), path);
            // the login page, and the way back after signing in: the same for a path that exists and one that does not
            assertEquals("/login?next=" + java.net.URLEncoder.encode(path, java.nio.charset.StandardCharsets.UTF_8),
                    page.getHeader("Location"), path);
        }
        for (String path : List.of("/api/no-such", "/api/users")) {
            given().auth().none().accept("application/json").get(path).then().statusCode(401)
                    .body("code", equalTo("UNAUTHORIZED")).body("message", equalTo("请先登录。"));
        }
    }

    @Test
    void aRefusedPersonSeesTheStyledPageAndAProgramTheErrorBody() {
        String clerk = "error-page-clerk" + System.nanoTime() % 100000;
        given().contentType("application/json").body(Map.of("username", clerk, "password", "error-page-pw",
                "roles", List.of("TOWNSHIP_STAFF"), "townships", List.of(cn.liangxin.testsupport.Registry.LUOXIONG)))
                .post("/api/users").then().statusCode(201);
        Login.Browser browser = Login.as(clerk, "error-page-pw");
        Document page = Jsoup.parse(browser.request().header("Accept", BROWSER).get("/users").then().statusCode(403)
                .contentType(startsWith("text/html")).extract().asString());
        assertNotNull(page.selectFirst("header.bar a.brand"));
        assertEquals("403", page.selectFirst("#error-title").attr("data-status"));
        assertEquals("您的账号没有这项操作的权限。", page.selectFirst("#error-message").text());
        browser.request().accept("application/json").get("/api/users").then().statusCode(403)
                .body("code", equalTo("FORBIDDEN"));
        assertTrue(page.select("header.bar a[href=/users]").isEmpty(), "a clerk's layout has no link to the accounts");
    }
}
