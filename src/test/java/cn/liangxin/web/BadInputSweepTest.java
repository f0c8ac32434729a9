package cn.liangxin.web;

import cn.liangxin.testsupport.Registry;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static cn.liangxin.testsupport.Registry.LUOXIONG;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Sends every write endpoint a catalogue of hostile and careless values, one field at a time: each
 * answer is a 4xx with the standard error body, and the database is unchanged to the byte.
 */
@QuarkusTest
class BadInputSweepTest {

    @Inject
    AgroalDataSource dataSource;

    /** Values no field of any input accepts (as raw JSON). */
    private static final List<String> HOSTILE = List.of(
            "2147483648", "-2147483649", "1e100", "-1", "1.5", "\"\"", "\"" + "长".repeat(10_000) + "\"",
            "\"a\\u0000b\"", "\"a\\u0007b\"", "\"\\ud800\"", "\"\\udc00x\"", "\"+999999999-12-31\"", "\"0001-01-01\"", "[]", "{}", "true", "\"NOT_A_VALUE\"");

    @Test
    void everyWriteEndpointRefusesEveryHostileValueAndWritesNothing() throws Exception {
        Registry.clear(dataSource);
        long org = Registry.createOrg("已有公司", LUOXIONG, 10, 3);
        long other = Registry.createOrg("另一公司", LUOXIONG, 10, 1);
        long party = Registry.createParty("已有公司党支部", LUOXIONG, "BRANCH", "INDEPENDENT", List.of(org));
        long target = given().contentType(ContentType.JSON)
                .body(Map.of("username", "sweep-target", "password", "password-1", "roles", List.of("COUNTY"), "divisions", List.of("530324")))
                .post("/api/users").then().statusCode(201).extract().jsonPath().getLong("id");
        long campaign = given().contentType(ContentType.JSON).body(Map.of("name", "扫描摸底", "deadline", "2030-01-31",
                "townships", List.of(LUOXIONG))).post("/api/surveys/campaigns").then().statusCode(201).extract().jsonPath().getLong("id");
        String before = Registry.dump(dataSource) + campaigns();

        Map<String, Map<String, Object>> valid = Map.of(
                "POST /api/organizations", Registry.org("新公司", LUOXIONG, 10, 0),
                "PUT /api/organizations/" + other, Registry.org("另一公司", LUOXIONG, 10, 1, "version", 0),
                "POST /api/party-organizations", Registry.party("新党支部", LUOXIONG, "BRANCH", "JOINT", List.of(other)),
                "PUT /api/party-organizations/" + party, withVersion(Registry.party("已有公司党支部", LUOXIONG, "BRANCH", "INDEPENDENT", List.of(org))),
                "POST /api/users", Map.of("username", "newuser", "password", "password-1", "roles", List.of("COUNTY")),
                "PUT /api/users/" + target, Map.of("username", "sweep-target", "roles", List.of("COUNTY")),
                "POST /api/surveys/campaigns", Map.of("name", "新摸底", "startsOn", "2030-01-01", "deadline", "2030-02-28",
                        "townships", List.of(LUOXIONG)),
                "PUT /api/surveys/campaigns/" + campaign, Map.of("name", "扫描摸底", "startsOn", "2030-01-01",
                        "deadline", "2030-02-28", "townships", List.of(LUOXIONG)));
        List<String> failures = new ArrayList<>();
        int calls = 0;
        for (var endpoint : valid.entrySet()) {
            String[] mp = endpoint.getKey().split(" ");
            for (String field : endpoint.getValue().keySet()) {
                for (String value : HOSTILE) {
                    if (acceptable(field, value)) {
                        continue;
                    }
                    Map<String, Object> body = new HashMap<>(endpoint.getValue());
                    body.remove(field);
                    String json = toJson(body, field, value);
                    calls++;
                    check(failures, mp[0], mp[1], json, field + "=" + abbreviate(value));
                }
                Map<String, Object> missing = new HashMap<>(endpoint.getValue());
                missing.remove(field);
                if (required(field)) {
                    calls++;
                    check(failures, mp[0], mp[1], toJson(missing, null, null), "without " + field);
                }
            }
            calls += 3;
            check(failures, mp[0], mp[1], "{\"name\": ", "truncated JSON");
            check(failures, mp[0], mp[1], toJson(endpoint.getValue(), "unknownField", "1"), "unknown field");
            check(failures, mp[0], mp[1], "\u0000\u0001", "binary");
        }
        assertTrue(failures.isEmpty(), calls + " calls, failures:\n" + String.join("\n", failures));
        assertEquals(before, Registry.dump(dataSource) + campaigns(), "the database is unchanged");
    }

    /** The campaigns as text, in a stable order. */
    private String campaigns() {
        StringBuilder s = new StringBuilder();
        try (var c = dataSource.getConnection(); var st = c.createStatement();
             var r = st.executeQuery("select k::text from survey_campaign k order by county_code, id")) {
            while (r.next()) {
                s.append(r.getString(1)).append('\n');
            }
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
        return s.toString();
    }

    private static Map<String, Object> withVersion(Map<String, Object> body) {
        body.put("version", 0);
        return body;
    }

    private static void check(List<String> failures, String method, String path, String json, String what) {
        var response = given().contentType(ContentType.JSON.withCharset("UTF-8")).body(json).request(method, path);
        int status = response.statusCode();
        String body = response.asString();
        if (status < 400 || status >= 500 || !body.contains("\"status\":" + status) || !body.contains("\"message\"")) {
            failures.add(method + " " + path + " " + what + " → " + status + " " + abbreviate(body));
        }
    }

    /** Values that are legitimately fine for a field, so not a test of refusal. */
    private static boolean acceptable(String field, String value) {
        boolean optionalText = List.of("secretary", "community", "address", "building", "instructor", "notes",
                "notPlannedReason", "responsible", "uscc", "industry").contains(field);
        if (value.equals("\"\"") && optionalText) return true;
        // an optional date left empty is a date not given (the date reader takes an empty array so too)
        if ((value.equals("\"\"") || value.equals("[]")) && field.equals("startsOn")) return true;
        if (value.equals("true") && field.equals("enabled")) return true;
        // a short, clean text is a fine name, whatever it looks like
        boolean text = optionalText || List.of("name", "username", "password").contains(field);
        if (text && value.startsWith("\"") && value.length() < 30 && !value.contains("\\") && !value.equals("\"\"")) {
            return true;
        }
        return false;
    }

    private static boolean required(String field) {
        return List.of("name", "kind", "townshipCode", "headcount", "formalMembers", "level", "formation",
                "foundedOn", "coveredOrganizationIds", "username", "version", "deadline").contains(field);
    }

    private static String toJson(Map<String, Object> body, String field, String rawValue) {
        try {
            String json = new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(body);
            if (field == null) return json;
            String entry = "\"" + field + "\":" + rawValue;
            return json.equals("{}") ? "{" + entry + "}" : json.substring(0, json.length() - 1) + "," + entry + "}";
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String abbreviate(String s) {
        return s.length() > 80 ? s.substring(0, 80) + "…" : s;
    }

}
