package cn.liangxin.security;

import cn.liangxin.testsupport.Login;
import cn.liangxin.testsupport.Registry;
import org.jsoup.Jsoup;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.Map;

import static cn.liangxin.testsupport.Registry.BANQIAO;
import static cn.liangxin.testsupport.Registry.LUOXIONG;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
class AccessTest {

    @Inject
    AgroalDataSource dataSource;

    static long n;
    String clerk;
    long mine;
    long theirs;

    @BeforeEach
    void load() {
        Registry.clear(dataSource);
        clerk = "clerk" + (++n) + System.nanoTime() % 100000;
        Users.create(clerk, "clerk-password", List.of("TOWNSHIP_STAFF"), List.of(LUOXIONG));
        mine = Registry.createOrg("罗雄本镇公司", LUOXIONG, 20, 3);
        theirs = Registry.createOrg("板桥外镇公司", BANQIAO, 20, 3);
    }

    @Test
    void anonymousCallsAreAskedToLogIn() {
        given().auth().none().get("/api/organizations").then().statusCode(401)
                .header("WWW-Authenticate", startsWith("Basic"));
        given().auth().none().redirects().follow(false).accept("text/html").get("/").then().statusCode(302)
                .header("Location", endsWith("/login"));
        given().auth().none().get("/login").then().statusCode(200);
        given().auth().none().get("/q/health/ready").then().statusCode(200);
        given().auth().basic("admin", "wrong-password").get("/api/organizations").then().statusCode(401);
    }

    @Test
    void formLoginGivesAnHttpOnlySameSiteSessionThatPagesAndTheApiAccept() {
        Login.Browser browser = Login.as(clerk, "clerk-password");
        assertEquals(303, browser.answer().statusCode(), browser.answer().asString());
        String setCookie = browser.answer().getHeaders().getValues("Set-Cookie").stream()
                .filter(c -> c.startsWith("liangxin-session=")).findFirst().orElseThrow();
        assertTrue(setCookie.toLowerCase().contains("httponly"), setCookie);
        assertTrue(setCookie.toLowerCase().contains("samesite=strict"), setCookie);
        browser.request().accept("text/html").get("/").then().statusCode(200);
        browser.request().get("/api/organizations").then().statusCode(200).body("items.name", contains("罗雄本镇公司"));

        Login.Browser wrong = Login.as(clerk, "nope");
        assertEquals(401, wrong.answer().statusCode());
        assertNotNull(Jsoup.parse(wrong.answer().asString()).selectFirst("#login-error"));
        assertEquals(null, wrong.session());
    }

    @Test
    void theLoginFormWithoutItsCsrfTokenIsRefused() {
        given().auth().none().redirects().follow(false).contentType("application/x-www-form-urlencoded")
                .formParam("j_username", clerk).formParam("j_password", "clerk-password").post("/login")
                .then().statusCode(400).body("code", equalTo("CSRF"));
    }

    @Test
    void behindAnHttpsProxyTheSessionCookieIsSecure() {
        Login.Browser browser = Login.as(clerk, "clerk-password", "X-Forwarded-Proto", "https");
        String setCookie = browser.answer().getHeaders().getValues("Set-Cookie").stream()
                .filter(c -> c.startsWith("liangxin-session=")).findFirst().orElseThrow();
        assertTrue(setCookie.toLowerCase().contains("secure"), setCookie);
    }

    @Test
    void repeatedFailedLoginsHoldTheAccountBackUntilAnAdministratorResetsIt() {
        for (int i = 0; i < PasswordIdentityProvider.FREE_FAILURES; i++) {
            given().auth().preemptive().basic(clerk, "guess" + i).get("/api/organizations").then().statusCode(401);
        }
        // the right password is refused too while the account is held back
        given().auth().preemptive().basic(clerk, "clerk-password").get("/api/organizations").then().statusCode(401);
        long id = userId(clerk);
        given().get("/api/users/{id}", id).then().body("locked", equalTo(true));
        given().contentType(ContentType.JSON)
                .body(Map.of("username", clerk, "password", "new-clerk-password", "roles", List.of("TOWNSHIP_STAFF"),
                        "townships", List.of(LUOXIONG)))
                .put("/api/users/{id}", id).then().statusCode(200).body("locked", equalTo(false));
        given().auth().preemptive().basic(clerk, "new-clerk-password").get("/api/organizations").then().statusCode(200);
    }

    @Test
    void disabledUsersCannotLogIn() {
        long id = userId(clerk);
        given().contentType(ContentType.JSON)
                .body(Map.of("username", clerk, "roles", List.of("TOWNSHIP_STAFF"), "townships", List.of(LUOXIONG),
                        "enabled", false))
                .put("/api/users/{id}", id).then().statusCode(200).body("enabled", equalTo(false));
        given().auth().preemptive().basic(clerk, "clerk-password").get("/api/organizations").then().statusCode(401);
    }

    @Test
    void usersAreManagedByAdministratorsAndPasswordsNeverLeave() {
        String json = given().get("/api/users").then().statusCode(200).extract().asString();
        assertTrue(!json.contains("password") && !json.contains("$2a$"), json);
        given().auth().preemptive().basic(clerk, "clerk-password").get("/api/users").then().statusCode(403);
        given().contentType(ContentType.JSON)
                .body(Map.of("username", "nobody", "password", "short", "roles", List.of("COUNTY")))
                .post("/api/users").then().statusCode(400).body("errors[0].field", equalTo("password"));
        given().contentType(ContentType.JSON)
                .body(Map.of("username", "clerk-without-township", "password", "long-enough", "roles", List.of("TOWNSHIP_STAFF")))
                .post("/api/users").then().statusCode(400).body("errors[0].field", equalTo("townships"));
        given().contentType(ContentType.JSON)
                .body(Map.of("username", clerk, "password", "long-enough", "roles", List.of("COUNTY")))
                .post("/api/users").then().statusCode(409);
    }

    @Test
    void aClerkSeesAndChangesOnlyHerTownship() {
        var asClerk = given().auth().preemptive().basic(clerk, "clerk-password");
        asClerk.get("/api/organizations").then().body("items.id", contains((int) mine));
        given().auth().preemptive().basic(clerk, "clerk-password").get("/api/organizations/{id}", theirs)
                .then().statusCode(404);
        given().auth().preemptive().basic(clerk, "clerk-password").contentType(ContentType.JSON)
                .body(Registry.org("改名", BANQIAO, 1, 0)).put("/api/organizations/{id}", theirs).then().statusCode(404);
        given().auth().preemptive().basic(clerk, "clerk-password").delete("/api/organizations/{id}", theirs)
                .then().statusCode(404);
        given().auth().preemptive().basic(clerk, "clerk-password").contentType(ContentType.JSON)
                .body(Registry.org("越权登记公司", BANQIAO, 1, 0)).post("/api/organizations")
                .then().statusCode(400).body("errors[0].field", equalTo("townshipCode"));
        given().auth().preemptive().basic(clerk, "clerk-password").contentType(ContentType.JSON)
                .body(Registry.org("罗雄本镇公司", LUOXIONG, 20, 3, "version", 0)).put("/api/organizations/{id}", mine)
                .then().statusCode(200);
        given().auth().preemptive().basic(clerk, "clerk-password").get("/api/reports/coverage").then()
                .body("townships.code", contains(LUOXIONG)).body("total.organizations", equalTo(1))
                .body("total.name", equalTo("合计"));
        given().auth().preemptive().basic(clerk, "clerk-password").queryParam("township", BANQIAO)
                .get("/api/reports/blank-spots").then().statusCode(400);
        given().auth().preemptive().basic(clerk, "clerk-password").get("/api/reports/blank-spots").then()
                .body("organizationId", contains((int) mine));
        given().auth().preemptive().basic(clerk, "clerk-password").contentType(ContentType.JSON)
                .body(Registry.party("越权党支部", LUOXIONG, "BRANCH", "JOINT", List.of(mine, theirs)))
                .post("/api/party-organizations").then().statusCode(400)
                .body("errors[0].field", equalTo("coveredOrganizationIds[1]"));
        given().auth().preemptive().basic(clerk, "clerk-password").accept("text/html").get("/townships/" + BANQIAO)
                .then().statusCode(404);
        given().get("/api/organizations/{id}", theirs).then().body("name", equalTo("板桥外镇公司"));
    }

    @Test
    void theLoserOfAConcurrentEditIsToldWhoChangedItAndWhen() throws Exception {
        given().auth().preemptive().basic(clerk, "clerk-password").contentType(ContentType.JSON)
                .body(Registry.org("罗雄本镇公司", LUOXIONG, 25, 3, "version", 0)).put("/api/organizations/{id}", mine)
                .then().statusCode(200);
        given().contentType(ContentType.JSON).body(Registry.org("罗雄本镇公司", LUOXIONG, 30, 4, "version", 0))
                .put("/api/organizations/{id}", mine)
                .then().statusCode(409)
                .body("code", equalTo("VERSION_CONFLICT"))
                .body("message", allOf(containsString(clerk), matchesPattern(".*\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}.*")));
        given().get("/api/organizations/{id}", mine).then().body("headcount", equalTo(25));
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
             ResultSet r = s.executeQuery("select created_by, updated_by from organization where id = " + mine)) {
            r.next();
            assertEquals("admin", r.getString(1));
            assertEquals(clerk, r.getString(2));
        }
    }

    private static long userId(String username) {
        return given().get("/api/users").jsonPath().getLong("find { it.username == '" + username + "' }.id");
    }

    /** Accounts made through the API by the administrator. */
    static final class Users {
        static void create(String username, String password, List<String> roles, List<String> townships) {
            given().contentType(ContentType.JSON)
                    .body(Map.of("username", username, "password", password, "roles", roles, "townships", townships))
                    .post("/api/users").then().statusCode(201).body("password", nullValue());
        }
    }
}
