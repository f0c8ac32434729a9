package cn.liangxin.web;

import cn.liangxin.testsupport.Forms;
import cn.liangxin.testsupport.Registry;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ResourceBundle;

import static cn.liangxin.testsupport.Registry.LUOXIONG;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every page form reports every problem of a submission at once, each on its field (marked
 * {@code aria-invalid}, its message under it, the typed value kept), listed at the top with a link to
 * the field, in the words the API and the phone form use for the same rule.
 */
@QuarkusTest
class PageFormsTest {

    @Inject
    AgroalDataSource dataSource;

    private static final String LONG = "长".repeat(60);

    @Test
    void theOrganizationFormMarksThreeWrongFieldsAtOnce() {
        Registry.clear(dataSource);
        Map<String, String> wrong = new LinkedHashMap<>();
        wrong.put("name", "");
        wrong.put("headcount", "-5");
        wrong.put("formalMembers", "1.5");
        Document page = refused("/organizations/new", "/organizations", wrong,
                Map.of("kind", "ENTERPRISE", "townshipCode", LUOXIONG, "status", "OPERATING"));
        allMarked(page, wrong);
        // the phone form's words for a count, for both a negative and a fractional one
        String count = cn.liangxin.rules.Explanations.text("survey.row.count");
        assertTrue(page.selectFirst("#f-headcount-error").text().endsWith(count), page.selectFirst("#f-headcount-error").text());
        assertTrue(page.selectFirst("#f-formalMembers-error").text().endsWith(count), page.selectFirst("#f-formalMembers-error").text());
        assertTrue(page.selectFirst("#f-name-error").text().endsWith(cn.liangxin.rules.Explanations.text("survey.row.required")),
                page.selectFirst("#f-name-error").text());
        // and the API says the same for the same count
        String api = given().contentType(ContentType.JSON)
                .body(Map.of("name", "计数公司", "kind", "ENTERPRISE", "townshipCode", LUOXIONG, "status", "OPERATING",
                        "headcount", -5, "formalMembers", 0))
                .post("/api/organizations").then().statusCode(400).extract().jsonPath().getString("errors[0].message");
        assertEquals(page.selectFirst("#f-headcount-error").text(), api);
        assertEquals(0, given().get("/api/organizations").jsonPath().getInt("total"), "nothing written");
    }

    @Test
    void thePartyOrganizationFormMarksThreeWrongFieldsAtOnce() {
        Registry.clear(dataSource);
        long org = Registry.createOrg("三错公司", LUOXIONG, 30, 4);
        Map<String, String> wrong = new LinkedHashMap<>();
        wrong.put("name", "");
        wrong.put("foundedOn", "2024-13-45");
        wrong.put("secretary", LONG);
        Document page = refused("/party-organizations/new", "/party-organizations", wrong,
                Map.of("level", "BRANCH", "formation", "INDEPENDENT", "townshipCode", LUOXIONG,
                        "coveredOrganizationIds", String.valueOf(org)));
        allMarked(page, wrong);
        assertTrue(page.selectFirst("#f-foundedOn-error").text().endsWith(cn.liangxin.rules.Explanations.text("survey.row.date")),
                page.selectFirst("#f-foundedOn-error").text());
    }

    @Test
    void theGoalFormMarksThreeWrongFieldsAtOnceAndAnInlineTargetItsOwn() {
        Registry.clear(dataSource);
        Map<String, String> wrong = new LinkedHashMap<>();
        wrong.put("year", "1999");
        wrong.put("scope", "SOMEWHERE");
        wrong.put("target", "abc");
        Document page = refused("/goals", "/goals", wrong, Map.of("metric", "COVERAGE"));
        allMarked(page, wrong);
        // the metric the clerk chose is kept too
        assertEquals("COVERAGE", page.selectFirst("#f-metric option[selected]").attr("value"));

        // an inline target: refused on its own row, the typed value kept there
        String year = String.valueOf(java.time.LocalDate.now().getYear());
        String created = Forms.from("/goals").redirects().follow(false).formParam("year", year).formParam("metric", "COVERAGE")
                .formParam("scope", "COUNTY").formParam("target", "80").post("/goals").then().statusCode(303)
                .extract().header("Location");
        assertNotNull(created);
        long id = given().get("/api/goals").jsonPath().getLong("find { it.year == " + year + " }.id");
        Document inline = Jsoup.parse(Forms.from("/goals").accept("text/html").formParam("target", "150")
                .post("/goals/" + id).then().statusCode(400).extract().asString());
        Element target = inline.getElementById("target-" + id);
        assertEquals("true", target.attr("aria-invalid"));
        assertEquals("150", target.val());
        assertTrue(inline.getElementById("target-" + id + "-error").text().contains("150"), inline.select("#goals").text());
        assertNotNull(inline.selectFirst("#form-errors a[href=#target-" + id + "]"));
        assertEquals("0.8", given().get("/api/goals").jsonPath().getString("find { it.id == " + id + " }.target")
                .replaceAll("0+$", ""), "the stored target unchanged");
    }

    @Test
    void theUserFormMarksThreeWrongFieldsAtOnce() {
        Map<String, String> wrong = new LinkedHashMap<>();
        wrong.put("username", "a");
        wrong.put("password", "short");
        wrong.put("roles", "");
        Document page = refused("/users", "/users", wrong, Map.of("divisions", LUOXIONG));
        for (String field : wrong.keySet()) {
            assertNotNull(page.getElementById("f-" + field + "-error"), field + " not marked: " + page.select("main").text());
            assertNotNull(page.selectFirst("#form-errors a[href=#f-" + field + "]"), field + " not in the summary");
            assertNotNull(page.getElementById("f-" + field), "the summary's link target for " + field);
        }
        assertEquals("a", page.getElementById("f-username").val());
        assertTrue(page.getElementById("f-roles-error").text().contains("至少选择 1 个"), page.getElementById("f-roles-error").text());
    }

    @Test
    void theInstructorFormMarksThreeWrongFieldsAtOnce() {
        Map<String, String> wrong = new LinkedHashMap<>();
        wrong.put("name", "");
        wrong.put("phone", "1".repeat(31));
        wrong.put("unit", LONG.repeat(2));
        Document page = refused("/instructors", "/instructors", wrong, Map.of());
        allMarked(page, wrong);
        // an instructor's name is 姓名, not an organization's 名称
        assertTrue(page.getElementById("f-name-error").text().startsWith("姓名"), page.getElementById("f-name-error").text());
    }

    /** The phone form's words and the API's are one text for the same rule. */
    @Test
    void validationSpeaksThePhoneFormsWords() {
        ResourceBundle validation = ResourceBundle.getBundle("ValidationMessages");
        assertEquals(cn.liangxin.rules.Explanations.text("survey.row.count"), validation.getString("liangxin.count"));
        assertEquals(cn.liangxin.rules.Explanations.text("survey.row.required"),
                validation.getString("jakarta.validation.constraints.NotBlank.message"));
        assertEquals(cn.liangxin.rules.Explanations.text("survey.row.required"),
                validation.getString("jakarta.validation.constraints.NotNull.message"));
    }

    /** Posts the form of {@code page} to {@code action} with the wrong fields and the others, expecting 400. */
    private static Document refused(String page, String action, Map<String, String> wrong, Map<String, String> others) {
        RequestSpecification request = Forms.from(page).accept("text/html");
        others.forEach(request::formParam);
        wrong.forEach((k, v) -> {
            if (!v.isEmpty()) {
                request.formParam(k, v);
            }
        });
        return Jsoup.parse(request.post(action).then().statusCode(400).extract().asString());
    }

    /** Each field marked invalid with its message and its typed value, each linked from the summary. */
    private static void allMarked(Document page, Map<String, String> wrong) {
        Element summary = page.getElementById("form-errors");
        assertNotNull(summary, "no summary: " + page.select("main").text());
        for (var e : wrong.entrySet()) {
            Element field = page.getElementById("f-" + e.getKey());
            assertNotNull(field, e.getKey());
            assertEquals("true", field.attr("aria-invalid"), e.getKey() + " not marked: " + page.select("main").text());
            Element message = page.getElementById("f-" + e.getKey() + "-error");
            assertNotNull(message, e.getKey() + " has no message");
            assertTrue(field.attr("aria-describedby").contains(message.id()), e.getKey());
            if (field.tagName().equals("input")) {
                assertEquals(e.getValue(), field.val(), e.getKey() + " lost its typed value");
            }
            assertNotNull(summary.selectFirst("a[href=#f-" + e.getKey() + "]"), e.getKey() + " not in the summary: " + summary.text());
        }
        assertEquals(List.of(), page.select(".box.error").stream().map(Element::id)
                .filter(id -> !id.equals("form-errors")).toList(), "one summary only");
    }
}
