package cn.liangxin.security;

import cn.liangxin.testsupport.Login;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static cn.liangxin.testsupport.Registry.LUOXIONG;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Sessions live on the server: whatever ends one (a new password, a disable, another role or other
 * divisions) ends every copy of its cookie at once, also for requests already under way.
 */
@QuarkusTest
class SessionTest {

    private static String clerk(String password) {
        String name = "session" + System.nanoTime() % 10_000_000;
        AccessTest.Users.create(name, password, List.of("TOWNSHIP_STAFF"), List.of(LUOXIONG));
        return name;
    }

    private static long id(String username) {
        return given().get("/api/users").jsonPath().getLong("find { it.username == '" + username + "' }.id");
    }

    private static void put(String username, Map<String, Object> changes) {
        Map<String, Object> body = new java.util.HashMap<>(Map.of("username", username, "roles", List.of("TOWNSHIP_STAFF"),
                "townships", List.of(LUOXIONG)));
        body.putAll(changes);
        given().contentType(ContentType.JSON).body(body).put("/api/users/{id}", id(username)).then().statusCode(200);
    }

    @Test
    void aNewPasswordEndsTheSessionsOfTheAccount() {
        String name = clerk("session-pw-1");
        Login.Browser a = Login.as(name, "session-pw-1");
        Login.Browser b = Login.as(name, "session-pw-1");
        a.request().get("/api/organizations").then().statusCode(200);
        put(name, Map.of("password", "session-pw-2"));
        a.request().get("/api/organizations").then().statusCode(401);
        b.request().get("/api/organizations").then().statusCode(401);
        Login.as(name, "session-pw-2").request().get("/api/organizations").then().statusCode(200);
    }

    @Test
    void disablingAnAccountEndsItsSessions() {
        String name = clerk("session-pw-1");
        Login.Browser a = Login.as(name, "session-pw-1");
        put(name, Map.of("enabled", false));
        a.request().get("/api/organizations").then().statusCode(401);
        // enabled again, the old cookie stays dead
        put(name, Map.of("enabled", true));
        a.request().get("/api/organizations").then().statusCode(401);
    }

    @Test
    void anotherRoleOrOtherDivisionsEndTheSessions() {
        String name = clerk("session-pw-1");
        Login.Browser a = Login.as(name, "session-pw-1");
        put(name, Map.of("townships", List.of("530324102")));
        a.request().get("/api/organizations").then().statusCode(401);
        Login.Browser b = Login.as(name, "session-pw-1");
        b.request().get("/api/divisions/townships").then().statusCode(200).body("code", equalTo(List.of("530324102")));
        // a save that changes nothing of the access keeps the session
        put(name, Map.of("townships", List.of("530324102")));
        b.request().get("/api/organizations").then().statusCode(200);
    }

    @Test
    void noRequestStartedAfterTheLogoutAnsweredIsServed() throws Exception {
        String name = clerk("session-pw-1");
        Login.Browser browser = Login.as(name, "session-pw-1");
        AtomicBoolean loggedOut = new AtomicBoolean();
        AtomicInteger servedAfter = new AtomicInteger();
        AtomicInteger refusedAfter = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> readers = new java.util.ArrayList<>();
            for (int t = 0; t < 4; t++) {
                readers.add(pool.submit(() -> {
                    for (int i = 0; i < 60; i++) {
                        boolean after = loggedOut.get();
                        int status = browser.request().get("/api/divisions/townships").statusCode();
                        if (after) {
                            (status == 200 ? servedAfter : refusedAfter).incrementAndGet();
                        }
                    }
                    return null;
                }));
            }
            Thread.sleep(150);
            browser.write().contentType("application/x-www-form-urlencoded").formParam("csrf-token", browser.token())
                    .post("/logout").then().statusCode(303);
            loggedOut.set(true);
            for (Future<?> f : readers) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(0, servedAfter.get(), "requests sent after the logout answered were served");
        assertTrue(refusedAfter.get() > 0, "no request was sent after the logout");
    }
}
