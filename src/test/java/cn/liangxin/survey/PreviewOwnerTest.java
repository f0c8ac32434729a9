package cn.liangxin.survey;

import cn.liangxin.testsupport.Login;
import cn.liangxin.testsupport.Registry;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static cn.liangxin.testsupport.Registry.LUOXIONG;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A survey preview (an uploaded file, an entry sent from the phone form) belongs to the account
 * that sent it, not to the name the account had then: an account given up a name keeps its
 * previews, and a new account given that name gets none of them.
 */
@QuarkusTest
class PreviewOwnerTest {

    static final String NAME = "preview-owner";
    static final String RENAMED = "preview-owner-renamed";
    static final String FIRST_PW = "preview-owner-pw1";
    static final String SECOND_PW = "preview-owner-pw2";

    @Inject
    AgroalDataSource dataSource;

    private static RequestSpecification as(String user, String password) {
        return given().auth().preemptive().basic(user, password);
    }

    private static long createClerk(String name, String password) {
        return given().contentType(ContentType.JSON).body(Map.of("username", name, "password", password,
                        "roles", List.of("TOWNSHIP_STAFF"), "divisions", List.of(LUOXIONG)))
                .post("/api/users").then().statusCode(201).extract().jsonPath().getLong("id");
    }

    @Test
    void aNewAccountGivenARenamedAccountsOldNameInheritsNoneOfItsPreviews() {
        Registry.clear(dataSource);
        long first = createClerk(NAME, FIRST_PW);
        byte[] file = SurveyImportTest.csv(StandardCharsets.UTF_8, true,
                "改名前甲公司,,企业,罗雄街道,,,,C,否,正常,12,1,,,,否,,无,未建立,,,,,,,");
        long upload = as(NAME, FIRST_PW).multiPart("file", "a.csv", file, "text/csv").post("/api/surveys/imports")
                .then().statusCode(201).extract().jsonPath().getLong("id");
        long discardable = as(NAME, FIRST_PW).multiPart("file", "b.csv", file, "text/csv").post("/api/surveys/imports")
                .then().statusCode(201).extract().jsonPath().getLong("id");
        Map<String, Object> entry = SurveyEntriesTest.entry("owner-phone-0001", null,
                SurveyEntriesTest.values("改名前离线公司", LUOXIONG, 8, 0));
        long sent = as(NAME, FIRST_PW).contentType(ContentType.JSON).body(Map.of("entries", List.of(entry)))
                .post("/api/surveys/entries").then().statusCode(201).extract().jsonPath().getLong("importId");

        // the administrator renames her account; a new clerk of the same township gets the old name
        given().contentType(ContentType.JSON).body(Map.of("username", RENAMED, "roles", List.of("TOWNSHIP_STAFF"),
                "divisions", List.of(LUOXIONG))).put("/api/users/{id}", first).then().statusCode(200);
        long second = createClerk(NAME, SECOND_PW);
        assertNotEquals(first, second);

        String before = Registry.dump(dataSource);
        // the newcomer sees none of the previews: not in the list, not one by one, not on the page
        assertEquals(List.of(), as(NAME, SECOND_PW).get("/api/surveys/imports").then().statusCode(200)
                .extract().jsonPath().getList("id"));
        for (long id : List.of(upload, discardable, sent)) {
            as(NAME, SECOND_PW).get("/api/surveys/imports/{id}", id).then().statusCode(404);
            as(NAME, SECOND_PW).post("/api/surveys/imports/{id}/commit", id).then().statusCode(404);
            as(NAME, SECOND_PW).delete("/api/surveys/imports/{id}", id).then().statusCode(404);
        }
        Login.Browser newcomer = Login.as(NAME, SECOND_PW);
        String page = newcomer.request().accept("text/html").get("/surveys").then().statusCode(200).extract().asString();
        for (long id : List.of(upload, discardable, sent)) {
            assertFalse(page.contains("data-import=\"" + id + "\""), "preview " + id + " listed to the newcomer");
        }
        newcomer.request().accept("text/html").get("/surveys/imports/{id}", upload).then().statusCode(404);
        // the same device id sent by the newcomer is her own first entry, not a repeat of the other's
        JsonPath mine = as(NAME, SECOND_PW).contentType(ContentType.JSON).body(Map.of("entries", List.of(entry)))
                .post("/api/surveys/entries").then().statusCode(201).extract().jsonPath();
        assertEquals(List.of(false), mine.getList("entries.repeated"));
        assertNotEquals(sent, mine.getLong("importId"));
        assertEquals(before, Registry.dump(dataSource), "nothing of hers was committed or discarded");

        // she, renamed, still has all three: the list, the previews, the commit and the discard
        List<Long> hers = as(RENAMED, FIRST_PW).get("/api/surveys/imports").then().statusCode(200)
                .extract().jsonPath().getList("id", Long.class);
        assertTrue(hers.containsAll(List.of(upload, discardable, sent)), hers.toString());
        assertFalse(hers.contains(mine.getLong("importId")), "the newcomer's entry is not hers");
        as(RENAMED, FIRST_PW).get("/api/surveys/imports").then()
                .body("find { it.id == " + upload + " }.uploadedBy", equalTo(RENAMED))
                .body("find { it.id == " + upload + " }.campaignId", org.hamcrest.Matchers.nullValue());
        as(RENAMED, FIRST_PW).post("/api/surveys/imports/{id}/commit", upload).then().statusCode(200)
                .body("status", equalTo("COMMITTED"));
        as(RENAMED, FIRST_PW).delete("/api/surveys/imports/{id}", discardable).then().statusCode(204);
        // her own device id is still known as hers: sent again, it answers the first result
        JsonPath again = as(RENAMED, FIRST_PW).contentType(ContentType.JSON).body(Map.of("entries", List.of(entry)))
                .post("/api/surveys/entries").then().statusCode(200).extract().jsonPath();
        assertEquals(List.of(true), again.getList("entries.repeated"));
        assertEquals(List.of(sent), again.getList("entries.importId", Long.class));
        given().queryParam("q", "改名前甲公司").get("/api/organizations").then().statusCode(200).body("total", equalTo(1));
    }

    @Test
    void aClerksPreviewIsListedHoweverManyTheCountyHasAfterIt() throws java.sql.SQLException {
        Registry.clear(dataSource);
        String clerk = "preview-many", password = "preview-many-pw";
        createClerk(clerk, password);
        byte[] file = SurveyImportTest.csv(StandardCharsets.UTF_8, true,
                "众多之前公司,,企业,罗雄街道,,,,C,否,正常,12,1,,,,否,,无,未建立,,,,,,,");
        long hers = as(clerk, password).multiPart("file", "mine.csv", file, "text/csv").post("/api/surveys/imports")
                .then().statusCode(201).extract().jsonPath().getLong("id");
        // the county's administrator uploaded 250 previews after hers
        try (var c = dataSource.getConnection(); var s = c.createStatement()) {
            long admin;
            try (var r = s.executeQuery("select id from app_user where username = 'admin'")) {
                r.next();
                admin = r.getLong(1);
            }
            s.execute("create temp table copy_of as select * from survey_import where id = " + hers);
            for (int i = 1; i <= 250; i++) {
                s.execute("update copy_of set id = nextval('survey_import_id_seq'), uploaded_at = uploaded_at + interval '" + i
                        + " milliseconds', uploaded_by = 'admin', uploaded_by_id = " + admin);
                s.execute("insert into survey_import select * from copy_of");
            }
            s.execute("drop table copy_of");
        }
        try {
            assertEquals(List.of(hers), as(clerk, password).get("/api/surveys/imports").then().statusCode(200)
                    .extract().jsonPath().getList("id", Long.class));
            assertEquals(200, given().get("/api/surveys/imports").then().statusCode(200).extract().jsonPath().getList("id").size());
        } finally {
            // the copies would stand before the previews of the tests after this one
            try (var c = dataSource.getConnection(); var s = c.createStatement()) {
                s.execute("delete from survey_import where file_name = 'mine.csv' and id <> " + hers);
            }
        }
    }
}
