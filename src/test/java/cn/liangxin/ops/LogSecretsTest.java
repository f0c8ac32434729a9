package cn.liangxin.ops;

import cn.liangxin.testsupport.Login;
import io.quarkus.test.junit.QuarkusTest;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What the service logs while people sign in, fail to and work holds no secret of theirs or its own. */
@QuarkusTest
class LogSecretsTest {

    @ConfigProperty(name = "quarkus.datasource.password")
    String databasePassword;

    @Test
    void theLogHoldsNoPasswordKeyOrSessionToken() throws Exception {
        Login.Browser admin = Login.as("admin", "admin-test-password");
        admin.request().get("/api/organizations").then().statusCode(200);
        Login.as("admin", "a-wrong-password-typed");
        given().auth().preemptive().basic("admin", "another-wrong-password").get("/api/organizations").then().statusCode(401);
        Path log = Path.of("target/test-service.log");
        assertTrue(Files.exists(log), "the test log file");
        String text = Files.readString(log);
        assertTrue(text.contains("Created the first administrator") || text.contains("started in"), "the log is the service's");
        for (String secret : new String[]{"admin-test-password", "a-wrong-password-typed", "another-wrong-password",
                admin.session(), admin.token(), "temporary key"}) {
            assertFalse(text.contains(secret), "the log holds " + secret);
        }
        if (databasePassword != null && databasePassword.length() >= 8) {
            assertFalse(text.contains(databasePassword), "the log holds the database password");
        }
    }
}
