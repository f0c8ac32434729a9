package cn.liangxin.security;

import cn.liangxin.testsupport.Registry;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static cn.liangxin.testsupport.Registry.BANQIAO;
import static cn.liangxin.testsupport.Registry.LUOXIONG;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Walks every operation of the OpenAPI document: an anonymous call is refused with 401, and a clerk
 * of 罗雄街道 can neither read nor change anything of 板桥镇 — no answer of hers carries 板桥镇's data,
 * and the database is the same afterwards.
 */
@QuarkusTest
class OpenApiWalkTest {

    private static final String SECRET = "板桥镇保密两新组织";

    @Inject
    AgroalDataSource dataSource;

    @Test
    void everyOperationIsClosedToAnonymousCallersAndToOtherTownshipsClerks() throws Exception {
        Registry.clear(dataSource);
        String clerk = "walker" + System.nanoTime() % 1000000;
        AccessTest.Users.create(clerk, "walker-password", List.of("TOWNSHIP_STAFF"), List.of(LUOXIONG));
        Registry.createOrg("罗雄公开公司", LUOXIONG, 5, 1);
        long theirs = Registry.createOrg(SECRET, BANQIAO, 40, 4, "uscc", "91350100M000100Y43");
        long theirParty = Registry.createParty(SECRET + "党支部", BANQIAO, "BRANCH", "INDEPENDENT", List.of(theirs));
        long adminId = given().get("/api/users").jsonPath().getLong("find { it.username == 'admin' }.id");
        String before = Registry.dump(dataSource);

        Map<String, Map<String, Object>> paths = given().queryParam("format", "json").get("/q/openapi")
                .jsonPath().getMap("paths");
        List<String> walked = new ArrayList<>();
        for (var path : paths.entrySet()) {
            for (String method : path.getValue().keySet()) {
                if (!List.of("get", "post", "put", "delete").contains(method)) {
                    continue;
                }
                String p = path.getKey();
                long id = p.startsWith("/api/party-organizations") ? theirParty : p.startsWith("/api/users") ? adminId : theirs;
                String url = p.replace("{id}", String.valueOf(id)).replace("{year}", "2025").replace("{item}", "1");
                Object body = body(p, theirs);
                walked.add(method.toUpperCase() + " " + p);

                Response anonymous = request(given().auth().none(), method, url, body);
                assertEquals(401, anonymous.statusCode(), "anonymous " + method + " " + p);

                Response asClerk = request(given().auth().preemptive().basic(clerk, "walker-password")
                        .queryParam("township", BANQIAO), method, url, body);
                // reads may answer (reference data such as the division list), writes must be refused
                boolean refused = asClerk.statusCode() >= 400 && asClerk.statusCode() < 500;
                assertTrue(method.equals("get") ? asClerk.statusCode() < 500 : refused,
                        "clerk of 罗雄街道: " + method + " " + p + " answered " + asClerk.statusCode());
                assertFalse(asClerk.asString().contains(SECRET), method + " " + p + " showed 板桥镇's data");

                Response unfiltered = request(given().auth().preemptive().basic(clerk, "walker-password"), method,
                        p.contains("{") ? url : p, body);
                assertFalse(unfiltered.asString().contains(SECRET), method + " " + p + " showed 板桥镇's data");
            }
        }
        assertTrue(walked.size() >= 15, "walked " + walked);
        assertEquals(before, Registry.dump(dataSource), "nothing of the registry or the accounts changed");
    }

    private static Object body(String path, long theirs) {
        if (path.startsWith("/api/organizations")) {
            return Registry.org(SECRET + "改", BANQIAO, 1, 0);
        }
        if (path.startsWith("/api/party-organizations")) {
            return Registry.party("越权党支部", BANQIAO, "BRANCH", "INDEPENDENT", List.of(theirs));
        }
        if (path.startsWith("/api/users")) {
            return Map.of("username", "admin", "password", "taken-over-1", "roles", List.of("ADMIN"));
        }
        return Map.of();
    }

    private static Response request(RequestSpecification spec, String method, String url, Object body) {
        return switch (method) {
            case "post" -> spec.contentType(ContentType.JSON).body(body).post(url);
            case "put" -> spec.contentType(ContentType.JSON).body(body).put(url);
            case "delete" -> spec.delete(url);
            default -> spec.get(url);
        };
    }

}
