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
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Entries sent from the field: one preview for the new ones, the first result for a repeat. */
@QuarkusTest
public class SurveyEntriesTest {

    @Inject
    AgroalDataSource dataSource;

    @BeforeEach
    void clear() {
        Registry.clear(dataSource);
    }

    static Map<String, String> values(String name, String township, int headcount, int members) {
        Map<String, String> v = new HashMap<>();
        v.put("name", name);
        v.put("kind", "企业");
        v.put("townshipCode", township);
        v.put("status", "正常");
        v.put("headcount", String.valueOf(headcount));
        v.put("formalMembers", String.valueOf(members));
        v.put("partyStatus", "未建立");
        return v;
    }

    static Map<String, Object> entry(String clientId, Long registryId, Map<String, String> values) {
        Map<String, Object> e = new HashMap<>();
        e.put("clientId", clientId);
        if (registryId != null) {
            e.put("registryId", registryId);
        }
        e.put("values", values);
        return e;
    }

    static JsonPath send(int status, Object... entries) {
        return given().contentType(ContentType.JSON).body(Map.of("entries", List.of(entries)))
                .post("/api/surveys/entries").then().statusCode(status).extract().jsonPath();
    }

    @Test
    void theNewEntriesBecomeOnePreviewAndARepeatAnswersTheFirstResult() {
        long known = Registry.createOrg("已登记五金厂", LUOXIONG, 20, 0);
        Map<String, String> changed = values("已登记五金厂", LUOXIONG, 24, 1);
        String before = Registry.dump(dataSource);
        JsonPath first = send(201,
                entry("phone-a-0001", null, values("离线甲公司", LUOXIONG, 10, 3)),
                entry("phone-a-0002", known, changed),
                entry("phone-a-0003", null, values("离线丙商店", BANQIAO, 4, 0)));
        assertEquals(before, Registry.dump(dataSource), "nothing reaches the registry before the commit");
        long id = first.getLong("importId");
        assertEquals(List.of(2, 3, 4), first.getList("entries.row"));
        assertEquals(List.of(false, false, false), first.getList("entries.repeated"));
        JsonPath preview = given().get("/api/surveys/imports/{id}", id).then().statusCode(200).extract().jsonPath();
        assertEquals("OFFLINE", preview.getString("format"));
        assertEquals(3, preview.getInt("summary.rows"));
        assertEquals(2, preview.getInt("summary.new"));
        assertEquals(1, preview.getInt("summary.changed"));
        assertEquals(known, preview.getLong("rows.find { it.row == 3 }.organizationId"));
        assertTrue(given().queryParam("source", "OFFLINE").get("/api/surveys/imports").jsonPath().getList("id", Long.class).contains(id));
        assertTrue(given().queryParam("source", "FILE").get("/api/surveys/imports").jsonPath().getList("id", Long.class).stream()
                .noneMatch(i -> i == id), "an outbox is not a file");

        // the phone lost the answer and sends all three again, with one more
        JsonPath again = send(201,
                entry("phone-a-0001", null, values("离线甲公司", LUOXIONG, 10, 3)),
                entry("phone-a-0002", known, changed),
                entry("phone-a-0003", null, values("离线丙商店", BANQIAO, 4, 0)),
                entry("phone-a-0004", null, values("离线丁工作室", BANQIAO, 2, 0)));
        assertEquals(List.of(true, true, true, false), again.getList("entries.repeated"));
        assertEquals(List.of(id, id, id), again.getList("entries.importId", Long.class).subList(0, 3));
        long second = again.getLong("importId");
        assertTrue(second != id);
        assertEquals(1, given().get("/api/surveys/imports/{id}", second).jsonPath().getInt("summary.rows"));

        given().post("/api/surveys/imports/{id}/commit", id).then().statusCode(200);
        JsonPath all = send(200,
                entry("phone-a-0001", null, values("离线甲公司", LUOXIONG, 10, 3)),
                entry("phone-a-0004", null, values("离线丁工作室", BANQIAO, 2, 0)));
        assertTrue(all.get("importId") == null, "all repeats: no new preview");
        assertEquals(List.of(id, second), all.getList("entries.importId", Long.class));
        JsonPath orgs = given().queryParam("size", 50).get("/api/organizations").jsonPath();
        assertEquals(3, orgs.getInt("total"), "甲 and 丙 added, 五金厂 changed, 丁 still waiting");
        assertEquals(24, orgs.getInt("items.find { it.id == " + known + " }.headcount"));
    }

    @Test
    void anEntryWithErrorsIsKeptRejectedAndTheSameIdTwiceInOneSendingIsOneRow() {
        Map<String, String> bad = values("缺人数公司", LUOXIONG, 5, 1);
        bad.put("headcount", "五个");
        JsonPath p = send(201,
                entry("phone-b-0001", null, bad),
                entry("phone-b-0002", null, values("两次公司", LUOXIONG, 5, 0)),
                entry("phone-b-0002", null, values("两次公司", LUOXIONG, 5, 0)));
        assertEquals(List.of(false, false, true), p.getList("entries.repeated"));
        assertEquals(List.of(2, 3, 3), p.getList("entries.row"));
        JsonPath preview = given().get("/api/surveys/imports/{id}", p.getLong("importId")).jsonPath();
        assertEquals(2, preview.getInt("summary.rows"));
        assertEquals(1, preview.getInt("summary.rejected"));
        assertEquals("从业人员数", preview.getString("rows.find { it.row == 2 }.errors[0].column"));
    }

    @Test
    void refusedSendingsWriteNothing() {
        String before = Registry.dump(dataSource);
        List<Object> pending = given().get("/api/surveys/imports").jsonPath().getList("id");
        given().contentType(ContentType.JSON).body(Map.of("entries", List.of())).post("/api/surveys/entries")
                .then().statusCode(400);
        given().contentType(ContentType.JSON).body(Map.of("entries", List.of(entry("short", null, values("甲", LUOXIONG, 1, 0)))))
                .post("/api/surveys/entries").then().statusCode(400);
        given().contentType(ContentType.JSON).body(Map.of("campaignId", 999999, "entries",
                List.of(entry("phone-c-0001", null, values("甲", LUOXIONG, 1, 0))))).post("/api/surveys/entries")
                .then().statusCode(404);
        given().queryParam("source", "PAPER").get("/api/surveys/imports").then().statusCode(400);
        assertEquals(before, Registry.dump(dataSource));
        assertEquals(pending, given().get("/api/surveys/imports").jsonPath().getList("id"));
    }
}
