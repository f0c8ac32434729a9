package cn.liangxin.security;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static cn.liangxin.testsupport.Registry.LUOXIONG;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Wrong passwords sent all at once count every one, before any password is checked. */
@QuarkusTest
class LockoutTest {

    @Inject
    AgroalDataSource dataSource;

    @Test
    void fortyWrongPasswordsInParallelHoldTheAccountAndTheRightOneRightAfterIsRefused() throws Exception {
        String name = "lockout" + System.nanoTime() % 10_000_000;
        AccessTest.Users.create(name, "right-password", List.of("TOWNSHIP_STAFF"), List.of(LUOXIONG));
        ExecutorService pool = Executors.newFixedThreadPool(20);
        List<Future<Integer>> answers = new ArrayList<>();
        try {
            for (int i = 0; i < 40; i++) {
                int n = i;
                answers.add(pool.submit(() -> given().auth().preemptive().basic(name, "wrong-" + n)
                        .get("/api/divisions/townships").statusCode()));
            }
            for (Future<Integer> f : answers) {
                int status = f.get();
                assertTrue(status == 401 || status == 429, "a wrong password answered " + status);
            }
        } finally {
            pool.shutdownNow();
        }
        Thread.sleep(300);
        assertEquals(401, given().auth().preemptive().basic(name, "right-password").get("/api/divisions/townships").statusCode(),
                "the right password right after the flood");
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
             ResultSet r = s.executeQuery("select failed_logins, locked_until > now() from app_user where username = '" + name + "'")) {
            r.next();
            assertTrue(r.getInt(1) >= PasswordIdentityProvider.FREE_FAILURES, "failures counted: " + r.getInt(1));
            assertTrue(r.getBoolean(2), "the account is held back");
        }
    }

    @Test
    void fourWrongPasswordsThenTheRightOneLetsInAndClearsTheCount() throws Exception {
        String name = "lockout" + System.nanoTime() % 10_000_000;
        AccessTest.Users.create(name, "right-password", List.of("TOWNSHIP_STAFF"), List.of(LUOXIONG));
        for (int i = 0; i < PasswordIdentityProvider.FREE_FAILURES - 1; i++) {
            given().auth().preemptive().basic(name, "wrong-" + i).get("/api/divisions/townships").then().statusCode(401);
        }
        given().auth().preemptive().basic(name, "right-password").get("/api/divisions/townships").then().statusCode(200);
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
             ResultSet r = s.executeQuery("select failed_logins, locked_until from app_user where username = '" + name + "'")) {
            r.next();
            assertEquals(0, r.getInt(1));
            assertEquals(null, r.getTimestamp(2));
        }
    }
}
