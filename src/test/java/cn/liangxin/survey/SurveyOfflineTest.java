package cn.liangxin.survey;

import cn.liangxin.testsupport.Registry;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static cn.liangxin.testsupport.Registry.BANQIAO;
import static cn.liangxin.testsupport.Registry.LUOXIONG;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.anyOf;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The phone form offline: the copy of the lookup data is the caller's own, and an entry pre-filled
 * from a copy of an organization that someone changed since is pointed out in its preview.
 */
@QuarkusTest
public class SurveyOfflineTest {

    static final String PASSWORD = "offline-clerk-pw";

    @Inject
    AgroalDataSource dataSource;

    @BeforeEach
    void clear() {
        Registry.clear(dataSource);
        clerk("offline-clerk-lx", LUOXIONG);
        clerk("offline-clerk-bq", BANQIAO);
    }

    static void clerk(String name, String township) {
        given().contentType(ContentType.JSON).body(Map.of("username", name, "password", PASSWORD,
                        "roles", List.of("TOWNSHIP_STAFF"), "divisions", List.of(township)))
                .post("/api/users").then().statusCode(anyOf(is(201), is(409)));
    }

    static JsonPath copy(String clerk) {
        return given().auth().preemptive().basic(clerk, PASSWORD).get("/api/surveys/offline-data")
                .then().statusCode(200).extract().jsonPath();
    }

    @Test
    void theCopyHoldsHerTownshipsChoicesAndOrganizationsOnly() {
        long mine = Registry.createOrg("离线罗雄五金厂", LUOXIONG, 20, 2);
        long theirs = Registry.createOrg("离线板桥商店", BANQIAO, 3, 0);

        JsonPath lx = copy("offline-clerk-lx");
        assertEquals(List.of(LUOXIONG), lx.getList("townships.code"));
        assertEquals(List.of(mine), lx.getList("organizations.id", Long.class));
        assertEquals("离线罗雄五金厂", lx.getString("organizations[0].name"));
        assertEquals(LUOXIONG, lx.getString("organizations[0].townshipCode"));
        assertEquals(0, lx.getInt("organizations[0].version"));
        assertEquals("20", lx.getString("organizations[0].values.headcount"));
        assertEquals(LUOXIONG, lx.getString("organizations[0].values.townshipCode"));
        assertEquals("未建立", lx.getString("organizations[0].values.partyStatus"));
        assertTrue(lx.getList("choices.kind.value").contains("企业"), "the kinds: " + lx.getList("choices.kind"));
        assertEquals(List.of(LUOXIONG), lx.getList("choices.townshipCode.value"));
        assertTrue(lx.getList("choices.partyStatus.value").contains("未建立"));

        JsonPath bq = copy("offline-clerk-bq");
        assertEquals(List.of(BANQIAO), bq.getList("townships.code"));
        assertEquals(List.of(theirs), bq.getList("organizations.id", Long.class));
        assertFalse(given().auth().preemptive().basic("offline-clerk-bq", PASSWORD).get("/api/surveys/offline-data")
                .asString().contains("离线罗雄五金厂"), "another township's clerk gets none of hers");

        given().auth().none().redirects().follow(false).accept(ContentType.JSON).get("/api/surveys/offline-data")
                .then().statusCode(401);
    }

    @Test
    void anEntryFromACopyOfAnOrganizationChangedSinceSaysSoInItsPreview() {
        long org = Registry.createOrg("离线核对五金厂", LUOXIONG, 20, 2);
        long kept = Registry.createOrg("离线未改商店", LUOXIONG, 4, 0);
        JsonPath copied = copy("offline-clerk-lx");
        int had = copied.getInt("organizations.find { it.id == " + org + " }.version");
        Map<String, String> values = new HashMap<>(copied.getMap("organizations.find { it.id == " + org + " }.values"));
        Map<String, String> same = new HashMap<>(copied.getMap("organizations.find { it.id == " + kept + " }.values"));
        int keptVersion = copied.getInt("organizations.find { it.id == " + kept + " }.version");

        // the county changes the organization while the clerk is in the field
        Map<String, Object> body = new HashMap<>(given().get("/api/organizations/{id}", org).jsonPath().getMap(""));
        Map<String, Object> put = new HashMap<>(Registry.org("离线核对五金厂", LUOXIONG, 30, 2));
        put.put("version", body.get("version"));
        given().contentType(ContentType.JSON).body(put).put("/api/organizations/{id}", org).then().statusCode(200);

        values.put("headcount", "25");
        same.put("headcount", "5");
        JsonPath sent = given().auth().preemptive().basic("offline-clerk-lx", PASSWORD).contentType(ContentType.JSON)
                .body(Map.of("entries", List.of(
                        Map.of("clientId", "offline-v-0001", "registryId", org, "registryVersion", had, "values", values),
                        Map.of("clientId", "offline-v-0002", "registryId", kept, "registryVersion", keptVersion, "values", same))))
                .post("/api/surveys/entries").then().statusCode(201).extract().jsonPath();
        JsonPath preview = given().auth().preemptive().basic("offline-clerk-lx", PASSWORD)
                .get("/api/surveys/imports/{id}", sent.getLong("importId")).then().statusCode(200).extract().jsonPath();
        List<String> warned = preview.getList("rows.find { it.row == 2 }.warnings.message");
        assertTrue(warned.stream().anyMatch(w -> w.contains("已被他人修改") && w.contains("离线核对五金厂")), "warnings: " + warned);
        assertEquals("CHANGED", preview.getString("rows.find { it.row == 2 }.status"), "the diff is shown against today's registry");
        assertTrue(preview.getList("rows.find { it.row == 3 }.warnings.message").stream()
                .noneMatch(w -> w.toString().contains("已被他人修改")), "an unchanged organization is not pointed out");
    }
}
