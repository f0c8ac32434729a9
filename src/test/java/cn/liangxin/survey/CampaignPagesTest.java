package cn.liangxin.survey;

import cn.liangxin.testsupport.Forms;
import cn.liangxin.testsupport.Login;
import cn.liangxin.testsupport.Registry;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

import static cn.liangxin.testsupport.Registry.BANQIAO;
import static cn.liangxin.testsupport.Registry.JIULONG;
import static cn.liangxin.testsupport.Registry.LUOXIONG;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The county 党工委 starts, changes and closes a 摸底 campaign on its pages, with the same rules as
 * the API; a township clerk sees the board and nothing to change it with.
 */
@QuarkusTest
class CampaignPagesTest {

    static final String CLERK = "campaign-page-clerk";
    static final String CLERK_PASSWORD = "campaign-clerk-pw-1";
    static final LocalDate TODAY = LocalDate.now(ZoneId.of("Asia/Shanghai"));

    @Inject
    AgroalDataSource dataSource;

    @BeforeEach
    void clear() {
        Registry.clear(dataSource);
        Registry.sql(dataSource, "truncate survey_campaign, survey_import cascade");
    }

    @Test
    void theCountyStartsChangesAndClosesACampaignOnItsPages() {
        Document blank = page("/surveys/campaigns");
        Element start = blank.selectFirst("form#start-form.edit");
        assertNotNull(start, "the 党工委 is offered the form");
        List<Element> boxes = start.select("input[type=checkbox][name=townships]");
        assertTrue(boxes.size() > 2, "a box for each of the county's townships");
        assertTrue(boxes.stream().allMatch(b -> b.hasAttr("checked")), "all townships by default");
        assertEquals(TODAY.toString(), start.selectFirst("#f-startsOn").val(), "it starts today unless told");

        // three things wrong at once: each on its field, what was typed kept, nothing stored
        Response refused = Forms.from("/surveys/campaigns").formParam("name", " ")
                .formParam("startsOn", "2030-05-10").formParam("deadline", "2030-05-01")
                .post("/surveys/campaigns?countyCode=530324");
        assertEquals(400, refused.statusCode(), refused.asString());
        Document again = Jsoup.parse(refused.asString());
        assertEquals("true", again.selectFirst("#f-name").attr("aria-invalid"));
        assertEquals("true", again.selectFirst("#f-deadline").attr("aria-invalid"));
        assertFalse(again.select("input[name=townships]").isEmpty());
        assertTrue(again.select("input[name=townships]").stream().allMatch(b -> b.attr("aria-invalid").equals("true")
                && b.attr("aria-describedby").equals("f-townships-error") && !b.hasAttr("checked")));
        assertTrue(again.selectFirst("[data-error=name]").text().startsWith("名称:必填项,不能为空。"));
        assertTrue(again.selectFirst("[data-error=deadline]").text().contains("早于开始日期"),
                again.selectFirst("[data-error=deadline]").text());
        assertTrue(again.selectFirst("[data-error=townships]").text().contains("请至少选择一个乡镇(街道)"));
        assertEquals("2030-05-10", again.selectFirst("#f-startsOn").val());
        assertEquals("2030-05-01", again.selectFirst("#f-deadline").val());
        assertNotNull(again.selectFirst("#form-errors"));
        assertEquals(0, given().get("/api/surveys/campaigns").jsonPath().getList("id").size());

        // started
        String deadline = TODAY.plusDays(30).toString();
        String location = Forms.from("/surveys/campaigns").redirects().follow(false).formParam("name", "冬季集中摸底")
                .formParam("startsOn", TODAY.toString()).formParam("deadline", deadline)
                .formParam("townships", LUOXIONG).formParam("townships", BANQIAO)
                .post("/surveys/campaigns?countyCode=530324").then().statusCode(303).extract().header("Location");
        String board = location.replaceFirst("^https?://[^/]+", "");
        assertTrue(board.endsWith("?done=started"), board);
        long id = Long.parseLong(board.replaceAll("^/surveys/campaigns/(\\d+)\\?.*$", "$1"));
        Document started = page(board);
        assertEquals("已开始摸底任务“冬季集中摸底”。", started.selectFirst("#done").text());
        assertEquals(2, started.select("#campaign-progress tbody tr").size());
        JsonPath api = given().get("/api/surveys/campaigns/{id}", id).jsonPath();
        assertEquals(List.of(LUOXIONG, BANQIAO), api.getList("townships"));
        assertEquals(TODAY.toString(), api.getString("startsOn"));
        assertEquals(deadline, api.getString("deadline"));
        Element change = started.selectFirst("form#change-form.edit");
        assertNotNull(change);
        assertEquals(List.of(LUOXIONG, BANQIAO), change.select("input[name=townships][checked]").eachAttr("value"));

        // a change refused: the campaign stays as it was
        Response badChange = Forms.from("/surveys/campaigns/" + id).formParam("name", "冬季集中摸底")
                .formParam("startsOn", TODAY.toString()).formParam("deadline", TODAY.minusDays(1).toString())
                .formParam("townships", LUOXIONG).post("/surveys/campaigns/" + id);
        assertEquals(400, badChange.statusCode());
        Document badPage = Jsoup.parse(badChange.asString());
        assertEquals("true", badPage.selectFirst("#change-form #f-deadline").attr("aria-invalid"));
        assertEquals(TODAY.minusDays(1).toString(), badPage.selectFirst("#change-form #f-deadline").val());
        assertEquals(List.of(LUOXIONG), badPage.select("#change-form input[name=townships][checked]").eachAttr("value"));
        assertEquals(deadline, given().get("/api/surveys/campaigns/{id}", id).jsonPath().getString("deadline"));

        // changed: a later deadline, 九龙 instead of 板桥
        String later = TODAY.plusDays(60).toString();
        String changed = Forms.from("/surveys/campaigns/" + id).redirects().follow(false).formParam("name", "冬季集中摸底")
                .formParam("startsOn", TODAY.toString()).formParam("deadline", later)
                .formParam("townships", LUOXIONG).formParam("townships", JIULONG)
                .post("/surveys/campaigns/" + id).then().statusCode(303).extract().header("Location");
        assertTrue(changed.endsWith("/surveys/campaigns/" + id + "?done=changed"), changed);
        Document afterChange = page("/surveys/campaigns/" + id + "?done=changed");
        assertEquals("已修改摸底任务“冬季集中摸底”。", afterChange.selectFirst("#done").text());
        api = given().get("/api/surveys/campaigns/{id}", id).jsonPath();
        assertEquals(later, api.getString("deadline"));
        assertEquals(List.of(LUOXIONG, JIULONG), api.getList("townships"));
        assertNotNull(afterChange.selectFirst("tr[data-township=" + JIULONG + "]"));
        assertNull(afterChange.selectFirst("tr[data-township=" + BANQIAO + "]"));

        // a clerk of 罗雄街道 sees the board, and is refused every change
        given().contentType(ContentType.JSON).body(Map.of("username", CLERK, "password", CLERK_PASSWORD,
                "roles", List.of("TOWNSHIP_STAFF"), "divisions", List.of(LUOXIONG))).post("/api/users");
        Login.Browser clerk = Login.as(CLERK, CLERK_PASSWORD);
        Document seen = Jsoup.parse(clerk.request().accept("text/html").get("/surveys/campaigns/" + id)
                .then().statusCode(200).extract().asString());
        assertNotNull(seen.selectFirst("tr[data-township=" + LUOXIONG + "]"));
        assertNull(seen.selectFirst("#change-form"));
        assertNull(seen.selectFirst("#close-form"));
        assertTrue(seen.select("input[name=townships], input[name=deadline]").isEmpty());
        Document list = Jsoup.parse(clerk.request().accept("text/html").get("/surveys/campaigns")
                .then().statusCode(200).extract().asString());
        assertNull(list.selectFirst("#start-form"));
        assertNotNull(list.selectFirst("tr[data-campaign=" + id + "]"));
        String before = campaigns();
        clerk.write().accept("text/html").contentType("application/x-www-form-urlencoded; charset=UTF-8")
                .formParam("name", "罗雄自己的摸底").formParam("deadline", later).formParam("townships", LUOXIONG)
                .post("/surveys/campaigns").then().statusCode(403);
        clerk.write().accept("text/html").contentType("application/x-www-form-urlencoded; charset=UTF-8")
                .formParam("name", "改名").formParam("deadline", later).formParam("townships", LUOXIONG)
                .post("/surveys/campaigns/" + id).then().statusCode(403);
        // a refused form is refused as such, not shown again
        clerk.write().accept("text/html").contentType("application/x-www-form-urlencoded; charset=UTF-8")
                .formParam("name", "").post("/surveys/campaigns/" + id).then().statusCode(403);
        clerk.write().accept("text/html").contentType("application/x-www-form-urlencoded; charset=UTF-8")
                .formParam("confirmed", "1").post("/surveys/campaigns/" + id + "/close").then().statusCode(403);
        assertEquals(before, campaigns());

        // closing asks first; the question alone closes nothing
        Response question = Forms.from("/surveys/campaigns/" + id).redirects().follow(false)
                .post("/surveys/campaigns/" + id + "/close");
        assertEquals(200, question.statusCode());
        Document asked = Jsoup.parse(question.asString());
        assertTrue(asked.selectFirst("#confirm-question").text().contains("关闭摸底任务“冬季集中摸底”"));
        assertNotNull(asked.selectFirst("#confirm-form input[name=confirmed][value=1]"));
        assertNull(given().get("/api/surveys/campaigns/{id}", id).jsonPath().get("closedAt"));
        String closed = Forms.from("/surveys/campaigns/" + id).redirects().follow(false).formParam("confirmed", "1")
                .post("/surveys/campaigns/" + id + "/close").then().statusCode(303).extract().header("Location");
        assertTrue(closed.endsWith("/surveys/campaigns/" + id + "?done=closed"), closed);
        Document afterClose = page("/surveys/campaigns/" + id + "?done=closed");
        assertEquals("已关闭摸底任务“冬季集中摸底”。", afterClose.selectFirst("#done").text());
        assertNotNull(afterClose.selectFirst("#campaign-closed"));
        assertNull(afterClose.selectFirst("#change-form"), "a closed campaign takes no changes");
        assertNull(afterClose.selectFirst("#close-form"));
        assertTrue(afterClose.select("#campaign-progress form").isEmpty(), "nor a township's report");
        assertNotNull(given().get("/api/surveys/campaigns/{id}", id).jsonPath().get("closedAt"));
        assertEquals("已关闭", page("/surveys/campaigns").selectFirst("tr[data-campaign=" + id + "] td[data-col=state]").text());
        // and the API refuses to change or close it again
        given().contentType(ContentType.JSON).body(Map.of("name", "再改", "deadline", later))
                .put("/api/surveys/campaigns/{id}", id).then().statusCode(409);
        given().post("/api/surveys/campaigns/{id}/close", id).then().statusCode(409);
    }

    @Test
    void theApiRefusesWhatThePageRefuses() {
        JsonPath p = given().contentType(ContentType.JSON)
                .body(Map.of("name", " ", "startsOn", "2030-05-10", "deadline", "2030-05-01", "townships", List.of()))
                .post("/api/surveys/campaigns").then().statusCode(400).extract().jsonPath();
        assertEquals(List.of("deadline", "name", "townships"), p.getList("errors.field"));
        assertEquals(0, given().get("/api/surveys/campaigns").jsonPath().getList("id").size());
        // without townships the campaign takes all the county's
        long id = given().contentType(ContentType.JSON).body(Map.of("name", "全县摸底", "deadline", TODAY.plusDays(5).toString()))
                .post("/api/surveys/campaigns").then().statusCode(201).extract().jsonPath().getLong("id");
        assertTrue(given().get("/api/surveys/campaigns/{id}", id).jsonPath().getList("townships").size() > 2);
    }

    private static Document page(String path) {
        return Jsoup.parse(given().accept("text/html").get(path).then().statusCode(200).extract().asString());
    }

    private String campaigns() {
        StringBuilder s = new StringBuilder();
        try (var c = dataSource.getConnection(); var st = c.createStatement();
             var r = st.executeQuery("select k::text from survey_campaign k order by id")) {
            while (r.next()) {
                s.append(r.getString(1)).append('\n');
            }
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
        return s.toString();
    }
}
