package cn.liangxin.security;

import cn.liangxin.testsupport.Login;
import cn.liangxin.testsupport.OneLoginCheck;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A crowd signing in at once beyond the check queue is told when to come back: 429, Retry-After, the error body. */
@QuarkusTest
@TestProfile(OneLoginCheck.class)
class LoginQueueTest {

    @Test
    void signInsBeyondTheQueueAreAnswered429() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(16);
        List<Future<Response>> answers = new ArrayList<>();
        try {
            for (int i = 0; i < 48; i++) {
                int n = i;
                // distinct unknown users: each costs a full check, none is held back by the lockout
                answers.add(pool.submit(() -> given().auth().preemptive().basic("crowd" + n, "crowd-password-" + n)
                        .get("/api/divisions/townships")));
            }
            int busy = 0;
            for (Future<Response> f : answers) {
                Response r = f.get();
                assertTrue(r.statusCode() == 401 || r.statusCode() == 429, "answered " + r.statusCode());
                if (r.statusCode() == 429) {
                    busy++;
                    // the expected wait, from the queue and the measured checks: whole seconds, at least one
                    int wait = Integer.parseInt(r.getHeader("Retry-After"));
                    assertTrue(wait >= 1 && wait <= 120, "Retry-After " + wait);
                    assertEquals("TOO_MANY_LOGINS", r.jsonPath().getString("code"));
                }
            }
            assertTrue(busy > 0, "no sign-in was turned away with a queue of one");
        } finally {
            pool.shutdownNow();
        }
        // the crowd gone, the right password signs in again, by Basic and by the login page
        given().auth().preemptive().basic("admin", "admin-test-password").get("/api/divisions/townships").then().statusCode(200);
        assertEquals(303, Login.as("admin", "admin-test-password").answer().statusCode());
    }
}
