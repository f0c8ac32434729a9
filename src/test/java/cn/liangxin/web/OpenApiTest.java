package cn.liangxin.web;

import cn.liangxin.testsupport.Registry;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import static cn.liangxin.testsupport.Registry.LUOXIONG;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.*;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
class OpenApiTest {

    private static final String ERROR_BODY = "#/components/schemas/ErrorBody";

    @Inject
    AgroalDataSource dataSource;

    @Test
    void everyApiPathIsDocumented() {
        given().queryParam("format", "json").get("/q/openapi").then().statusCode(200)
                .body("paths.keySet()", hasItems("/api/divisions/townships", "/api/organizations",
                        "/api/organizations/{id}", "/api/party-organizations", "/api/party-organizations/{id}",
                        "/api/reports/coverage", "/api/reports/coverage.xlsx", "/api/reports/coverage.csv",
                        "/api/reports/blank-spots", "/api/reports/blank-spots.xlsx", "/api/reports/blank-spots.csv"))
                .body("paths.keySet()", everyItem(startsWith("/api/")))
                .body("components.schemas.Kind.enum", hasItem("FARMER_COOPERATIVE"));
        given().get("/q/swagger-ui/").then().statusCode(200);
        given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
    }

    /**
     * Every operation says how it is refused: 400, 401 and 403, 404 where its path names a record,
     * and any other 4xx it declares (409, 410), each with the error body; and what it answers when it
     * succeeds.
     */
    @Test
    void everyOperationDocumentsItsRefusalsWithTheErrorBody() {
        Map<String, Object> doc = document();
        Map<String, Object> errorBody = map(map(map(doc, "components"), "schemas"), "ErrorBody");
        assertTrue(map(errorBody, "properties").keySet().containsAll(List.of("status", "code", "message", "errors")),
                "the error body's schema: " + errorBody);
        List<String> failures = new ArrayList<>();
        int operations = 0;
        for (var path : map(doc, "paths").entrySet()) {
            for (var op : operations(path.getValue()).entrySet()) {
                operations++;
                String where = op.getKey().toUpperCase() + " " + path.getKey();
                Map<String, Object> responses = map(map(op.getValue()), "responses");
                List<String> required = new ArrayList<>(List.of("400", "401", "403"));
                if (path.getKey().contains("{")) {
                    required.add("404");
                }
                for (String code : required) {
                    if (!responses.containsKey(code)) {
                        failures.add(where + " does not document " + code);
                    }
                }
                for (var r : responses.entrySet()) {
                    if (r.getKey().startsWith("4") && !ERROR_BODY.equals(schemaRef(r.getValue()))) {
                        failures.add(where + " " + r.getKey() + " without the error body: " + r.getValue());
                    }
                }
                if (responses.keySet().stream().noneMatch(c -> c.startsWith("2"))) {
                    failures.add(where + " documents no success");
                }
            }
        }
        assertTrue(operations >= 60, operations + " operations");
        assertTrue(failures.isEmpty(), String.join("\n", failures));
        Map<String, Object> commit = map(map(map(doc, "paths"), "/api/surveys/imports/{id}/commit"), "post");
        assertTrue(map(commit, "responses").keySet().containsAll(List.of("200", "409", "410")), commit.toString());
    }

    /**
     * Every POST of the document is sent a request that succeeds: the status it answers is the one
     * success it documents — 201 for those that create — with the schema of its body.
     */
    /** The tests run against the server named by DB_URL, not an embedded one the service runs itself. */
    static final boolean EXTERNAL_DATABASE = System.getenv("DB_URL") != null && !System.getenv("DB_URL").isBlank();

    @Test
    void everyPostDocumentsTheSuccessItReallyAnswers() {
        Map<String, Object> doc = document();
        List<String> posts = new ArrayList<>();
        for (var path : map(doc, "paths").entrySet()) {
            if (operations(path.getValue()).containsKey("post")) {
                posts.add(path.getKey());
            }
        }
        Map<String, Supplier<Response>> samples = samples();
        // the demo needs an empty registry: first
        posts.sort((a, b) -> a.equals("/api/demo") ? -1 : b.equals("/api/demo") ? 1 : a.compareTo(b));
        List<String> created = new ArrayList<>();
        List<String> failures = new ArrayList<>();
        for (String path : posts) {
            Supplier<Response> sample = samples.get(path);
            assertNotNull(sample, "POST " + path + " is new: give it a request that succeeds here");
            Response answer = sample.get();
            String status = String.valueOf(answer.statusCode());
            Map<String, Object> responses = map(map(map(map(doc, "paths"), path), "post"), "responses");
            List<String> successes = responses.keySet().stream().filter(c -> c.startsWith("2")).toList();
            if (path.equals("/api/backups") && EXTERNAL_DATABASE) {
                // the service backs up only the PostgreSQL it runs itself: elsewhere its documented refusal
                if (!status.equals("409") || !answer.asString().contains("BACKUP_NOT_EMBEDDED") || !responses.containsKey("409")) {
                    failures.add("POST " + path + " on an external database answered " + status + " (" + abbreviate(answer.asString()) + ")");
                }
                continue;
            }
            if (!successes.contains(status) || successes.size() > 1 && !MANY_SUCCESSES.contains(path)) {
                failures.add("POST " + path + " answered " + status + " (" + abbreviate(answer.asString())
                        + ") but documents " + successes);
            } else if (schemaRef(responses.get(status)) == null && schemaType(responses.get(status)) == null) {
                failures.add("POST " + path + " documents " + status + " without a schema: " + responses.get(status));
            }
            if (status.equals("201")) {
                created.add(path);
            }
        }
        assertTrue(failures.isEmpty(), String.join("\n", failures));
        assertTrue(created.containsAll(List.of("/api/organizations", "/api/party-organizations", "/api/users", "/api/goals",
                "/api/instructors", "/api/freezes", "/api/demo", "/api/surveys/imports", "/api/surveys/campaigns")), created.toString());
        Registry.clear(dataSource);
    }

    /** The POSTs that document more than one success (a repeat answered with the first result: 200). */
    private static final List<String> MANY_SUCCESSES = List.of("/api/surveys/entries");

    /** A request that succeeds, for each POST of the API (what it needs is made first). */
    private Map<String, Supplier<Response>> samples() {
        String tag = String.valueOf(System.nanoTime() % 1_000_000);
        Supplier<Long> org = () -> Registry.createOrg("接口样例公司" + tag + System.nanoTime() % 1000, LUOXIONG, 10, 1);
        Supplier<Long> campaign = () -> json(Map.of("name", "接口样例摸底" + tag, "deadline", LocalDate.now().plusDays(30).toString(),
                "townships", List.of(LUOXIONG))).post("/api/surveys/campaigns").jsonPath().getLong("id");
        Supplier<byte[]> survey = () -> cn.liangxin.survey.SurveyImportTest.csv(StandardCharsets.UTF_8, true,
                "接口样例摸底公司" + tag + ",,企业,罗雄街道,,,,C,否,正常,12,1,,,,否,,无,未建立,,,,,,,");
        // a market register with one line to survey
        Supplier<Response> register = () -> given().multiPart("file", "r.csv", ("企业名称,登记状态,住所\r\n接口样例名录商店" + tag
                        + System.nanoTime() % 1000 + ",存续,罗平县罗雄街道\r\n").getBytes(StandardCharsets.UTF_8), "text/csv")
                .multiPart("source", "MARKET").post("/api/registers");
        return Map.ofEntries(
                Map.entry("/api/demo", () -> {
                    Registry.clear(dataSource);
                    sql("truncate goal, instructor");
                    Response r = json(Map.of()).post("/api/demo");
                    Registry.clear(dataSource);
                    return r;
                }),
                Map.entry("/api/freezes", () -> {
                    // last year is frozen only if the registry was recorded by then: date it back, as AnnualTest does
                    sql("truncate annual_freeze, goal");
                    sql("truncate organization_history, party_organization_history, party_organization_coverage_history,"
                            + " party_standard_history");
                    org.get();
                    sql("update organization_history set valid = tstzrange(((lower(valid) at time zone 'UTC') - interval '2 years') at time zone 'UTC', null)"
                            + " where upper_inf(valid)");
                    Response r = json(Map.of("year", LocalDate.now(cn.liangxin.time.Days.ZONE).getYear() - 1)).post("/api/freezes");
                    sql("truncate annual_freeze");
                    return r;
                }),
                Map.entry("/api/organizations", () -> json(Registry.org("接口样例新公司" + tag, LUOXIONG, 10, 0)).post("/api/organizations")),
                Map.entry("/api/party-organizations", () -> json(Registry.party("接口样例党支部" + tag, LUOXIONG, "BRANCH",
                        "INDEPENDENT", List.of(org.get()))).post("/api/party-organizations")),
                Map.entry("/api/party-organizations/five-one", () -> {
                    long party = Registry.createParty("接口样例五个一党支部" + tag, LUOXIONG, "BRANCH", "INDEPENDENT", List.of(org.get()));
                    String csv = "党组织编号,党组织名称,活动场所,活动场所面积(平方米),党员公示栏,党组织牌子,党旗,制度,检查日期\r\n"
                            + party + ",,有,40,有,有,有,有,\r\n";
                    return given().multiPart("file", "五个一.csv", csv.getBytes(StandardCharsets.UTF_8), "text/csv")
                            .post("/api/party-organizations/five-one");
                }),
                Map.entry("/api/users", () -> json(Map.of("username", "api-sample-" + tag, "password", "api-sample-pw",
                        "roles", List.of("TOWNSHIP_STAFF"), "townships", List.of(LUOXIONG))).post("/api/users")),
                Map.entry("/api/goals", () -> {
                    Response r = json(Map.of("year", 2077, "metric", "COVERAGE", "target", 0.5, "scope", "COUNTY")).post("/api/goals");
                    if (r.statusCode() == 201) {
                        given().delete("/api/goals/{id}", r.jsonPath().getLong("id")).then().statusCode(204);
                    }
                    return r;
                }),
                Map.entry("/api/goals/preset", () -> given().post("/api/goals/preset")),
                Map.entry("/api/backups", () -> given().post("/api/backups")),
                Map.entry("/api/instructors", () -> json(Map.of("name", "接口样例指导员" + tag)).post("/api/instructors")),
                Map.entry("/api/instructors/{id}/assignments", () -> {
                    long id = json(Map.of("name", "接口样例指派" + tag)).post("/api/instructors").jsonPath().getLong("id");
                    return json(Map.of("organizationIds", List.of(org.get()))).post("/api/instructors/{id}/assignments", id);
                }),
                Map.entry("/api/surveys/imports", () -> given().multiPart("file", "s.csv", survey.get(), "text/csv")
                        .post("/api/surveys/imports")),
                Map.entry("/api/surveys/imports/{id}/commit", () -> {
                    long id = given().multiPart("file", "s.csv", survey.get(), "text/csv").post("/api/surveys/imports")
                            .jsonPath().getLong("id");
                    return given().post("/api/surveys/imports/{id}/commit", id);
                }),
                Map.entry("/api/surveys/entries", () -> json(Map.of("entries", List.of(Map.of("clientId", "api-sample-" + tag,
                        "values", Map.of("name", "接口样例离线公司" + tag, "kind", "企业", "townshipCode", LUOXIONG, "status", "正常",
                                "headcount", "5", "formalMembers", "0", "partyStatus", "未建立"))))).post("/api/surveys/entries")),
                Map.entry("/api/surveys/campaigns", () -> json(Map.of("name", "接口样例新摸底" + tag,
                        "deadline", LocalDate.now().plusDays(30).toString())).post("/api/surveys/campaigns")),
                Map.entry("/api/surveys/campaigns/{id}/submissions", () -> given().queryParam("township", LUOXIONG)
                        .post("/api/surveys/campaigns/{id}/submissions", campaign.get())),
                Map.entry("/api/surveys/campaigns/{id}/close", () -> given().post("/api/surveys/campaigns/{id}/close", campaign.get())),
                Map.entry("/api/registers", () -> register.get()),
                Map.entry("/api/registers/rules", () -> json(Map.of("keyword", "接口样例园区" + tag, "townshipCode", LUOXIONG))
                        .post("/api/registers/rules")),
                Map.entry("/api/registers/{id}/worklist/close", () -> given().queryParam("township", LUOXIONG)
                        .post("/api/registers/{id}/worklist/close", register.get().jsonPath().getLong("id"))),
                Map.entry("/api/registers/{id}/worklist/campaign", () -> json(Map.of("campaignId", campaign.get()))
                        .queryParam("township", LUOXIONG)
                        .post("/api/registers/{id}/worklist/campaign", register.get().jsonPath().getLong("id"))),
                Map.entry("/api/registers/{id}/worklist/{item}/assign", () -> {
                    long id = given().multiPart("file", "r.csv", ("企业名称,登记状态,住所\r\n接口样例无址商店" + tag
                                    + System.nanoTime() % 1000 + ",存续,罗平县某某村\r\n").getBytes(StandardCharsets.UTF_8), "text/csv")
                            .multiPart("source", "MARKET").post("/api/registers").jsonPath().getLong("id");
                    return json(Map.of("townshipCode", LUOXIONG)).post("/api/registers/{id}/worklist/{item}/assign", id, 1);
                }),
                Map.entry("/api/registers/{id}/worklist/{item}/match", () -> {
                    long id = register.get().jsonPath().getLong("id");
                    return json(Map.of("organizationId", org.get())).post("/api/registers/{id}/worklist/{item}/match", id, 1);
                }),
                Map.entry("/api/registers/{id}/worklist/{item}/register", () -> {
                    long id = register.get().jsonPath().getLong("id");
                    return given().post("/api/registers/{id}/worklist/{item}/register", id, 1);
                }),
                Map.entry("/api/registers/{id}/worklist/register", () -> {
                    long id = register.get().jsonPath().getLong("id");
                    return given().queryParam("township", LUOXIONG).post("/api/registers/{id}/worklist/register", id);
                }),
                Map.entry("/api/registers/{id}/worklist/{item}/close", () -> {
                    long closing = org.get();
                    String name = given().get("/api/organizations/{id}", closing).jsonPath().getString("name");
                    long id = given().multiPart("file", "r.csv", ("企业名称,登记状态,住所\r\n" + name + ",注销,罗平县罗雄街道\r\n")
                            .getBytes(StandardCharsets.UTF_8), "text/csv").multiPart("source", "MARKET").post("/api/registers")
                            .jsonPath().getLong("id");
                    return given().post("/api/registers/{id}/worklist/{item}/close", id, 1);
                }));
    }

    private static io.restassured.specification.RequestSpecification json(Object body) {
        return given().contentType(ContentType.JSON).body(body);
    }

    private void sql(String statement) {
        cn.liangxin.testsupport.Registry.sql(dataSource, statement);
    }

    private static Map<String, Object> document() {
        return given().queryParam("format", "json").get("/q/openapi").then().statusCode(200).extract().jsonPath().getMap("$");
    }

    /** The operations of a path item, by method. */
    private static Map<String, Object> operations(Object pathItem) {
        Map<String, Object> ops = new java.util.TreeMap<>();
        map(pathItem).forEach((k, v) -> {
            if (List.of("get", "put", "post", "delete", "patch").contains(k)) {
                ops.put(k, v);
            }
        });
        return ops;
    }

    private static String schemaRef(Object response) {
        Object schema = schema(response);
        return schema == null ? null : (String) map(schema).get("$ref");
    }

    private static String schemaType(Object response) {
        Object schema = schema(response);
        return schema == null ? null : (String) map(schema).get("type");
    }

    private static Object schema(Object response) {
        Object content = map(response).get("content");
        if (content == null) {
            return null;
        }
        Object json = map(content).get("application/json");
        return json == null ? null : map(json).get("schema");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object o) {
        assertTrue(o instanceof Map, "not an object: " + o);
        return (Map<String, Object>) o;
    }

    private static Map<String, Object> map(Map<String, Object> parent, String key) {
        Object o = parent.get(key);
        assertNotNull(o, "no " + key + " in " + parent.keySet());
        return map(o);
    }

    private static String abbreviate(String s) {
        return s.length() > 200 ? s.substring(0, 200) + "…" : s;
    }
}
