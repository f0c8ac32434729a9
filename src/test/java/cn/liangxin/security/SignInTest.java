package cn.liangxin.security;

import cn.liangxin.testsupport.Login;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static cn.liangxin.testsupport.Registry.LUOXIONG;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * How a caller without a sign-in is asked for one: a person's browser is sent to the login page and
 * back, never offered the browser's own password prompt; a script gets the Basic challenge. And
 * every refusal of a name and password looks, and takes, alike.
 */
@QuarkusTest
class SignInTest {

    private static final String DOWNLOAD = "/api/reports/coverage.xlsx?county=530324&township=" + LUOXIONG;
    /** What Chromium sends when a link is followed. */
    private static final String NAVIGATION_ACCEPT =
            "text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,image/apng,*/*;q=0.8";

    private static RequestSpecification anonymous() {
        return given().auth().none().redirects().follow(false);
    }

    /** The page a browser sent to the login page would show: its form's fields. */
    private static Map<String, String> loginForm(String location, Map<String, String> cookies) {
        // the address as the browser was sent it, already encoded
        Response page = anonymous().urlEncodingEnabled(false).get(location);
        assertEquals(200, page.statusCode(), page.asString());
        cookies.putAll(page.getCookies());
        Map<String, String> fields = new HashMap<>();
        for (Element input : Jsoup.parse(page.asString()).select("form[action^=/login] input[type=hidden]")) {
            fields.put(input.attr("name"), input.attr("value"));
        }
        return fields;
    }

    private static Response signIn(Map<String, String> fields, Map<String, String> cookies, String user, String password) {
        RequestSpecification post = anonymous().cookies(cookies).contentType("application/x-www-form-urlencoded; charset=UTF-8")
                .formParam("j_username", user).formParam("j_password", password);
        fields.forEach(post::formParam);
        return post.post("/login");
    }

    @Test
    void aBrowserFollowingADownloadLinkIsSentToTheLoginPageAndBackAScriptIsChallenged() {
        // a link followed in Chromium: the login page, with the way back
        Response followed = anonymous().header("Sec-Fetch-Mode", "navigate").header("Sec-Fetch-Dest", "document")
                .header("Sec-Fetch-Site", "same-origin").accept(NAVIGATION_ACCEPT).get(DOWNLOAD);
        assertEquals(302, followed.statusCode(), followed.asString());
        assertNull(followed.getHeader("WWW-Authenticate"), "the browser's password prompt is offered");
        String location = followed.getHeader("Location");
        assertTrue(location.startsWith("/login?next="), location);
        assertEquals(DOWNLOAD, URLDecoder.decode(location.substring("/login?next=".length()), StandardCharsets.UTF_8));
        // an older browser without Sec-Fetch headers, known by what it accepts
        Response older = anonymous().accept(NAVIGATION_ACCEPT).get(DOWNLOAD);
        assertEquals(302, older.statusCode());
        assertEquals(location, older.getHeader("Location"));

        // signed in on that page, she is taken back to the download, which now comes
        Map<String, String> cookies = new HashMap<>();
        Response answer = signIn(loginForm(location, cookies), cookies, "admin", "admin-test-password");
        assertEquals(303, answer.statusCode(), answer.asString());
        assertTrue(answer.getHeader("Location").endsWith(DOWNLOAD), answer.getHeader("Location"));
        cookies.putAll(answer.getCookies());
        Response download = anonymous().cookies(cookies).accept(NAVIGATION_ACCEPT).get(DOWNLOAD);
        assertEquals(200, download.statusCode());
        assertTrue(download.contentType().startsWith("application/vnd.openxmlformats"), download.contentType());

        // a script (curl, a program) is asked for Basic credentials, with the error body
        anonymous().get(DOWNLOAD).then().statusCode(401).header("WWW-Authenticate", startsWith("Basic"))
                .body("code", equalTo("UNAUTHORIZED"));
        anonymous().accept("application/json").get("/api/organizations").then().statusCode(401)
                .header("WWW-Authenticate", startsWith("Basic"));
        // a page's own script whose session ended: 401 and the error body, but no prompt
        Response fetched = anonymous().header("Sec-Fetch-Mode", "cors").header("Sec-Fetch-Site", "same-origin")
                .header("Sec-Fetch-Dest", "empty").accept("application/json").get("/api/organizations");
        assertEquals(401, fetched.statusCode());
        assertEquals("UNAUTHORIZED", fetched.jsonPath().getString("code"));
        assertNull(fetched.getHeader("WWW-Authenticate"), "the browser's password prompt is offered to a page's script");
        // the ODK address typed into a browser: the login page too; ODK Collect (no fetch metadata) is asked for Basic
        Response typed = anonymous().header("Sec-Fetch-Mode", "navigate").header("Sec-Fetch-Dest", "document")
                .accept(NAVIGATION_ACCEPT).get("/openrosa/formList");
        assertEquals(302, typed.statusCode());
        assertNull(typed.getHeader("WWW-Authenticate"), "the browser's password prompt is offered under /openrosa");
        assertTrue(typed.getHeader("Location").startsWith("/login?next="), typed.getHeader("Location"));
        anonymous().header("X-OpenRosa-Version", "1.0").get("/openrosa/formList").then().statusCode(401)
                .header("WWW-Authenticate", startsWith("Basic"));
        // a page asked for: the login page and back again
        Response page = anonymous().header("Sec-Fetch-Mode", "navigate").accept(NAVIGATION_ACCEPT).get("/organizations?township=" + LUOXIONG);
        assertEquals(302, page.statusCode());
        assertEquals("/organizations?township=" + LUOXIONG, URLDecoder.decode(page.getHeader("Location")
                .substring("/login?next=".length()), StandardCharsets.UTF_8));
    }

    @Test
    void aFormPostedFromAnotherSiteIsRefusedWithThePageOrAnswerItsCallerReads() {
        Login.Browser browser = Login.as("admin", "admin-test-password");
        Response page = browser.write().header("Origin", "https://evil.example").accept(NAVIGATION_ACCEPT)
                .contentType("application/x-www-form-urlencoded").formParam("csrf-token", browser.token())
                .formParam("year", 2020).post("/annual/freeze");
        assertEquals(403, page.statusCode(), page.asString());
        org.jsoup.nodes.Document html = Jsoup.parse(page.asString());
        assertNotNull(html.selectFirst("#error-message"), page.asString());
        assertEquals(cn.liangxin.web.Msg.t("error.crossSite"), html.selectFirst("#error-message").text());
        assertEquals("DENY", page.getHeader("X-Frame-Options"));
        assertNotNull(page.getHeader("Content-Security-Policy"));
        given().header("Sec-Fetch-Site", "cross-site").contentType("application/json").body("{}").post("/api/backups")
                .then().statusCode(403).body("code", equalTo(Csrf.CROSS_SITE))
                .body("message", equalTo(cn.liangxin.web.Msg.t("error.crossSite")));
        Response odk = given().header("Origin", "null").multiPart("xml_submission_file", "s.xml", "<data/>".getBytes(), "text/xml")
                .post("/openrosa/submission");
        assertEquals(403, odk.statusCode());
        assertTrue(odk.asString().contains("<OpenRosaResponse") && odk.asString().contains(cn.liangxin.web.Msg.t("error.crossSite")),
                odk.asString());
    }

    @Test
    void theWayBackAfterSigningInStaysOnThisService() {
        for (String next : List.of("//evil.example/x", "https://evil.example/", "/\\evil.example", "\\\\evil.example",
                "/%0d%0aSet-Cookie:x=1", "/ok\r\nSet-Cookie: x=1", "javascript:alert(1)", "", "evil")) {
            Map<String, String> cookies = new HashMap<>();
            Map<String, String> fields = loginForm("/login", cookies);
            fields.put("next", next);
            Response answer = signIn(fields, cookies, "admin", "admin-test-password");
            assertEquals(303, answer.statusCode(), next + ": " + answer.asString());
            java.net.URI location = java.net.URI.create(answer.getHeader("Location"));
            assertTrue((location.getHost() == null || location.getHost().equals("localhost"))
                            && location.getRawPath().startsWith("/") && !location.getRawPath().startsWith("//")
                            && !location.getRawPath().contains("evil"),
                    "next=" + next + " → " + location);
            assertFalse(answer.getHeaders().getValues("Set-Cookie").stream().anyMatch(c -> c.startsWith("x=")), next);
        }
        // the login page does not carry a foreign address into its form
        Map<String, String> fields = loginForm("/login?next=https://evil.example/", new HashMap<>());
        assertFalse(String.valueOf(fields.get("next")).contains("evil"), fields.toString());
    }

    @Test
    void aNulByteInTheUserNameIsAnOrdinaryRefusal() {
        anonymous().auth().preemptive().basic("ad\u0000min", "admin-test-password").get("/api/organizations")
                .then().statusCode(401).body("code", equalTo("UNAUTHORIZED"));
        anonymous().auth().preemptive().basic("admin", "admin-test-\u0000password").get("/api/organizations")
                .then().statusCode(401).body("code", equalTo("UNAUTHORIZED"));
        Login.Browser browser = Login.as("ad\u0000min", "admin-test-password");
        assertEquals(401, browser.answer().statusCode(), browser.answer().asString());
        assertNotNull(Jsoup.parse(browser.answer().asString()).selectFirst("#login-error"));
        assertNull(browser.session());
        // and the account is as it was: the right password still signs in
        anonymous().auth().preemptive().basic("admin", "admin-test-password").get("/api/organizations").then().statusCode(200);
    }

    /** The median time, in milliseconds, of a refused Basic sign-in of this name, over {@code times} attempts. */
    private static long median(String name, int times) {
        List<Long> took = new ArrayList<>();
        for (int i = 0; i < times; i++) {
            long start = System.nanoTime();
            anonymous().auth().preemptive().basic(name, "wrong-password-" + i).get("/api/divisions/townships")
                    .then().statusCode(401);
            took.add((System.nanoTime() - start) / 1_000_000);
        }
        took.sort(Long::compare);
        return took.get(took.size() / 2);
    }

    @Test
    void aHeldAnAbsentAndAWrongPasswordNameAreRefusedInAlikeTime() {
        long n = System.nanoTime() % 10_000_000;
        String held = "timing-held" + n;
        String wrong = "timing-wrong" + n;
        AccessTest.Users.create(held, "held-password-1", List.of("TOWNSHIP_STAFF"), List.of(LUOXIONG));
        AccessTest.Users.create(wrong, "wrong-password-1", List.of("TOWNSHIP_STAFF"), List.of(LUOXIONG));
        median(held, PasswordIdentityProvider.FREE_FAILURES); // now held back
        median("timing-nobody" + n, 2); // warm up
        // alternating, so that a busy moment of the machine falls on each alike
        List<Long> heldTimes = new ArrayList<>();
        List<Long> absentTimes = new ArrayList<>();
        List<Long> wrongTimes = new ArrayList<>();
        for (int i = 0; i < PasswordIdentityProvider.FREE_FAILURES - 1; i++) {
            heldTimes.add(median(held, 1));
            absentTimes.add(median("timing-nobody" + n + i, 1));
            wrongTimes.add(median(wrong, 1));
        }
        heldTimes.add(median(held, 1));
        absentTimes.add(median("timing-nobody" + n, 1));
        long h = middle(heldTimes);
        long a = middle(absentTimes);
        long w = middle(wrongTimes);
        String said = "medians: held " + h + " ms " + heldTimes + ", absent " + a + " ms " + absentTimes + ", wrong password "
                + w + " ms " + wrongTimes;
        assertTrue(h * 2 >= a && a * 2 >= h, said);
        assertTrue(w * 2 >= a && a * 2 >= w, said);
        given().get("/api/users").then().body("find { it.username == '" + held + "' }.locked", equalTo(true));
    }

    private static long middle(List<Long> times) {
        List<Long> sorted = new ArrayList<>(times);
        sorted.sort(Long::compare);
        return sorted.get(sorted.size() / 2);
    }
}
