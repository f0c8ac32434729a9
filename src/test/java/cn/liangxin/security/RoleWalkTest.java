package cn.liangxin.security;

import cn.liangxin.survey.SurveyImportTest;
import cn.liangxin.testsupport.Login;
import cn.liangxin.testsupport.Registry;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import jakarta.enterprise.inject.spi.Bean;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.inject.Inject;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every route of the running application — each JAX-RS method of each resource bean, API and
 * pages, GET and POST/PUT/DELETE — walked as every role of a two-county deployment (罗平县 and
 * 陆良县): anonymous, a clerk of 罗雄街道, a clerk of 板桥镇, the 党工委 of 罗平县, the 党工委 of
 * 陆良县, the 曲靖市 region, an administrator of 陆良县 only, and the administrator of the whole
 * deployment. Each scope's records carry a marker in their names; no answer may hold a marker the
 * caller may not see, no answer is a 5xx, and every write aimed outside the caller's reach leaves
 * every table as it was.
 */
@QuarkusTest
@TestProfile(RoleWalkTest.TwoCounties.class)
class RoleWalkTest {

    /** 罗平县 and 陆良县, both of 曲靖市 (5303). */
    public static class TwoCounties implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("liangxin.scope.counties", "530324,530322");
        }
    }

    static final String LUOXIONG = "530324001";
    static final String BANQIAO = "530324102";
    static final String ZHONGSHU = "530322001";
    static final String LUOPING = "530324";
    static final String LULIANG = "530322";
    /** Markers: every record of a township carries its township's marker in its name. */
    static final String MA = "罗雄秘";
    static final String MB = "板桥秘";
    static final String ML = "陆良秘";
    static final String PASSWORD = "walk-password-1";

    @Inject
    AgroalDataSource dataSource;
    @Inject
    BeanManager beans;

    /** A role of the walk: who, and which markers it may see. */
    record Role(String name, String user, Set<String> sees) {
        boolean anonymous() {
            return user == null;
        }
    }

    /** The records of one township (ids by kind), aimed at by callers who must not reach them. */
    record Scoped(String marker, String township, String county, long org, long blank, long party, long instructor,
                  long campaign, long preview, long goal) {
    }

    static boolean ready;
    static Map<String, Scoped> scoped = new LinkedHashMap<>();
    static List<Role> roles = new ArrayList<>();

    @BeforeEach
    void load() throws Exception {
        if (ready) {
            return;
        }
        Registry.clear(dataSource);
        try (var c = dataSource.getConnection(); var s = c.createStatement()) {
            s.execute("truncate instructor, goal, annual_freeze, survey_campaign, survey_import cascade");
        }
        int year = LocalDate.now().getYear();
        user("walk-clerk-a", "TOWNSHIP_STAFF", LUOXIONG);
        user("walk-clerk-b", "TOWNSHIP_STAFF", BANQIAO);
        user("walk-county-lp", "COUNTY", LUOPING);
        user("walk-county-ll", "COUNTY", LULIANG);
        user("walk-region", "REGION", "5303");
        user("walk-admin-ll", "ADMIN", LULIANG);
        String[][] places = {{MA, LUOXIONG, LUOPING, "walk-clerk-a"}, {MB, BANQIAO, LUOPING, "walk-clerk-b"},
                {ML, ZHONGSHU, LULIANG, "walk-county-ll"}};
        int n = 0;
        for (String[] p : places) {
            n++;
            long org = Registry.createOrg(p[0] + "甲公司", p[1], 40, 5);
            long blank = Registry.createOrg(p[0] + "空白公司", p[1], 60, 4, "uscc", uscc(n));
            long party = Registry.createParty(p[0] + "党支部", p[1], "BRANCH", "INDEPENDENT", List.of(org));
            long instructor = given().contentType(ContentType.JSON).queryParam("countyCode", p[2])
                    .body(Map.of("name", p[0] + "指导员", "phone", "1390000000" + n, "townshipCode", p[1]))
                    .post("/api/instructors").then().statusCode(201).extract().jsonPath().getLong("id");
            long campaign = given().contentType(ContentType.JSON)
                    .body(Map.of("name", p[0] + "摸底", "deadline", LocalDate.now().plusMonths(1).toString(),
                            "townships", List.of(p[1])))
                    .post("/api/surveys/campaigns").then().statusCode(201).extract().jsonPath().getLong("id");
            byte[] file = SurveyImportTest.csv(StandardCharsets.UTF_8, true,
                    p[0] + "预览公司,,企业," + p[1] + ",,,,C,否,正常,12,1,,,,否,,无,未建立,,,,,,,");
            long preview = given().auth().preemptive().basic(p[3], PASSWORD).multiPart("file", "walk.csv", file, "text/csv")
                    .post("/api/surveys/imports").then().statusCode(201).extract().jsonPath().getLong("id");
            Long goal = given().contentType(ContentType.JSON)
                    .body(Map.of("year", year, "metric", "COVERAGE", "target", 0.5, "scope", "TOWNSHIP", "countyCode", p[2]))
                    .post("/api/goals").then().extract().jsonPath().getObject("id", Long.class);
            if (goal == null) {
                goal = given().queryParam("countyCode", p[2]).get("/api/goals").jsonPath().getLong("[0].id");
            }
            scoped.put(p[0], new Scoped(p[0], p[1], p[2], org, blank, party, instructor, campaign, preview, goal));
        }
        roles.add(new Role("anonymous", null, Set.of()));
        roles.add(new Role("clerk of 罗雄街道", "walk-clerk-a", Set.of(MA)));
        roles.add(new Role("clerk of 板桥镇", "walk-clerk-b", Set.of(MB)));
        roles.add(new Role("COUNTY 罗平县", "walk-county-lp", Set.of(MA, MB)));
        roles.add(new Role("COUNTY 陆良县", "walk-county-ll", Set.of(ML)));
        roles.add(new Role("REGION 5303", "walk-region", Set.of(MA, MB, ML)));
        roles.add(new Role("ADMIN 陆良县", "walk-admin-ll", Set.of(ML)));
        roles.add(new Role("ADMIN", "admin", Set.of(MA, MB, ML)));
        ready = true;
    }

    /** A valid code registered in the county of place n (1, 2: 罗平县; 3: 陆良县). */
    static String uscc(int n) {
        String body = List.of("91530324MA6K0001X", "91530324MA6K0002X", "91530322MA6K0003X").get(n - 1);
        return body + cn.liangxin.organization.Uscc.checkCharacter(body);
    }

    private static void user(String name, String role, String division) {
        given().contentType(ContentType.JSON)
                .body(Map.of("username", name, "password", PASSWORD, "roles", List.of(role), "divisions", List.of(division)))
                .post("/api/users").then().statusCode(201);
    }

    /** A route of the application: HTTP method and path template. */
    record Route(String method, String path) {
        @Override
        public String toString() {
            return method + " " + path;
        }
    }

    /** Every resource method of every JAX-RS bean of the running application. */
    List<Route> routes() {
        Set<String> seen = new TreeSet<>();
        List<Route> out = new ArrayList<>();
        for (Bean<?> bean : beans.getBeans(Object.class, jakarta.enterprise.inject.Any.Literal.INSTANCE)) {
            Class<?> type = bean.getBeanClass();
            Path root = type.getAnnotation(Path.class);
            if (root == null || !type.getPackageName().startsWith("cn.liangxin")) {
                continue;
            }
            for (Method m : type.getDeclaredMethods()) {
                String http = m.isAnnotationPresent(GET.class) ? "GET" : m.isAnnotationPresent(POST.class) ? "POST"
                        : m.isAnnotationPresent(PUT.class) ? "PUT" : m.isAnnotationPresent(DELETE.class) ? "DELETE" : null;
                if (http == null) {
                    continue;
                }
                Path sub = m.getAnnotation(Path.class);
                String path = ("/" + root.value() + "/" + (sub == null ? "" : sub.value())).replaceAll("/+", "/");
                if (path.length() > 1 && path.endsWith("/")) {
                    path = path.substring(0, path.length() - 1);
                }
                if (seen.add(http + " " + path)) {
                    out.add(new Route(http, path));
                }
            }
        }
        return out;
    }

    @Test
    void everyRouteAnswersEveryRoleWithinItsScope() throws Exception {
        List<Route> routes = routes();
        // the walk covers what the API document lists, so a documented route cannot hide from it
        Map<String, Map<String, Object>> documented = given().queryParam("format", "json").get("/q/openapi")
                .jsonPath().getMap("paths");
        for (var p : documented.entrySet()) {
            for (String method : p.getValue().keySet()) {
                assertTrue(routes.stream().anyMatch(r -> r.method().equalsIgnoreCase(method)
                                && r.path().replaceAll("\\{[^}]+}", "{}").equals(p.getKey().replaceAll("\\{[^}]+}", "{}"))),
                        "documented but not walked: " + method + " " + p.getKey());
            }
        }
        assertTrue(routes.size() > 80, "routes found: " + routes.size());
        // routes kept out of the API document (ODK's OpenRosa) are walked all the same
        assertTrue(routes.contains(new Route("POST", "/openrosa/submission")) && routes.contains(new Route("GET", "/openrosa/form.xml")),
                "OpenRosa not walked: " + routes);

        List<String> failures = new ArrayList<>();
        int calls = 0;
        for (Role role : roles) {
            Login.Browser browser = role.anonymous() ? null : Login.as(role.user(), role.user().equals("admin")
                    ? "admin-test-password" : PASSWORD);
            for (Route route : routes) {
                if (skipped(route)) {
                    continue;
                }
                boolean write = !route.method().equals("GET");
                for (Scoped target : targets(role, write)) {
                    String before = write ? dump() : null;
                    Response r = send(browser, route, target);
                    calls++;
                    int status = r.statusCode();
                    String body = r.asString();
                    String what = role.name() + ": " + route + " aimed at " + target.marker() + " → " + status;
                    if (status >= 500) {
                        failures.add(what + " " + abbreviate(body));
                    }
                    String cache = r.getHeader("Cache-Control");
                    if (!role.anonymous() && (cache == null || !cache.contains("no-store"))) {
                        failures.add(what + ": a signed-in answer the browser may keep (Cache-Control: " + cache + ")");
                    }
                    if (role.anonymous() && !(status == 401 || (status == 302 && toLogin(r)))) {
                        failures.add(what + " (anonymous not asked to sign in)");
                    }
                    for (String marker : List.of(MA, MB, ML)) {
                        if (!role.sees().contains(marker) && body.contains(marker)) {
                            failures.add(what + " shows " + marker + ": " + abbreviate(body));
                        }
                    }
                    if (write) {
                        boolean toLogin = status == 302 && toLogin(r);
                        if (status < 400 && !toLogin && !route.path().equals("/api/surveys/imports")
                                && !route.path().equals("/surveys/imports")) {
                            failures.add(what + ": a write outside the caller's reach was accepted");
                        }
                        String after = dump();
                        if (!before.equals(after)) {
                            failures.add(what + ": the data changed");
                        }
                    }
                }
            }
        }
        assertTrue(failures.isEmpty(), calls + " calls, " + failures.size() + " failures:\n" + String.join("\n", failures));
    }

    /** Sent to the login page (for a page read, with the way back to it). */
    private static boolean toLogin(Response r) {
        String location = r.getHeader("Location");
        return location != null && (location.endsWith("/login") || location.contains("/login?next=%2F"));
    }

    /** Signing in and out are walked by the session tests; the upload progress poll has no record to aim at. */
    private static boolean skipped(Route route) {
        return route.path().equals("/login") || route.path().equals("/logout");
    }

    /**
     * The records a role's request is aimed at: for reads, every township's (the answer must hold
     * only what the role sees); for writes, those outside its reach (every one for a role that may
     * change nothing), and none for the administrator of the deployment, whose writes are its own to
     * make (an administrator of one county is aimed at the others, as a county is).
     */
    private static List<Scoped> targets(Role role, boolean write) {
        List<Scoped> all = new ArrayList<>(scoped.values());
        if (!write) {
            return all;
        }
        if (role.name().equals("ADMIN")) {
            return List.of();
        }
        if (role.name().startsWith("REGION") || role.anonymous()) {
            return all;
        }
        return all.stream().filter(s -> !role.sees().contains(s.marker())).toList();
    }

    private Response send(Login.Browser browser, Route route, Scoped t) {
        return send(browser == null ? given().auth().none().redirects().follow(false)
                : browser.write().accept(accept(route)), route, t);
    }

    /** What a browser accepts: JSON from the API, a page elsewhere. */
    private static String accept(Route route) {
        return route.path().startsWith("/api/") ? "application/json, */*" : "text/html";
    }

    /** The route's request, aimed at the target's records, sent with what spec already holds (credentials, headers). */
    private Response send(RequestSpecification spec, Route route, Scoped t) {
        int lastYear = LocalDate.now().getYear() - 1;
        String path = route.path();
        long id = path.contains("party-organizations") ? t.party() : path.contains("instructors") ? t.instructor()
                : path.contains("campaigns") ? t.campaign() : path.contains("imports") ? t.preview()
                : path.contains("goals") ? t.goal() : path.contains("users") ? userId("walk-clerk-a") : t.org();
        String url = path.replace("{id}", String.valueOf(id)).replace("{year}", String.valueOf(lastYear))
                .replace("{code}", t.township()).replace("{township}", t.township()).replace("{item}", "1");
        spec.queryParam("township", t.township()).queryParam("countyCode", t.county());
        if (route.method().equals("GET") || route.method().equals("DELETE")) {
            return spec.request(route.method(), url);
        }
        if (path.equals("/api/registers")) {
            byte[] register = ("企业名称,登记状态,住所\r\n越权名录商店" + t.township() + ",存续," + t.township() + "\r\n")
                    .getBytes(StandardCharsets.UTF_8);
            return spec.multiPart("file", "walk.csv", register, "text/csv").multiPart("source", "MARKET")
                    .request(route.method(), url);
        }
        if (path.equals("/api/surveys/imports") || path.equals("/surveys/imports")
                || path.equals("/api/party-organizations/five-one")) {
            byte[] file = SurveyImportTest.csv(StandardCharsets.UTF_8, true,
                    "越权公司" + t.township() + ",,企业," + t.township() + ",,,,C,否,正常,12,1,,,,否,,无,联合党支部,越权党支部,,,,,,");
            return spec.multiPart("file", "walk.csv", file, "text/csv").request(route.method(), url);
        }
        if (path.startsWith("/api/")) {
            return spec.contentType(ContentType.JSON).body(body(path, t)).request(route.method(), url);
        }
        spec.contentType("application/x-www-form-urlencoded; charset=UTF-8");
        body(path, t).forEach((k, v) -> {
            if (v instanceof List<?> l) {
                l.forEach(x -> spec.formParam(k, String.valueOf(x)));
            } else {
                spec.formParam(k, String.valueOf(v));
            }
        });
        return spec.request(route.method(), url);
    }

    /** A body as valid as can be, aimed at the target's township and records. */
    private static Map<String, Object> body(String path, Scoped t) {
        Map<String, Object> b = new HashMap<>();
        if (path.contains("party-organizations") && !path.contains("standards") && !path.contains("five")) {
            b.putAll(Registry.party(t.township() + "越权党支部", t.township(), "BRANCH", "JOINT", List.of(t.blank())));
            b.put("version", 0);
        } else if (path.contains("organizations")) {
            b.putAll(Registry.org(t.township() + "越权公司", t.township(), 10, 1, "version", 0));
        } else if (path.contains("instructors")) {
            b.putAll(Map.of("name", t.township() + "越权指导员", "townshipCode", t.township(), "organizationIds", List.of(t.blank()),
                    "instructorId", t.instructor()));
        } else if (path.contains("goals")) {
            b.putAll(Map.of("year", 2030, "metric", "COVERAGE", "target", 0.9, "scope", "COUNTY", "countyCode", t.county()));
        } else if (path.contains("campaigns")) {
            b.putAll(Map.of("name", t.township() + "越权摸底", "deadline", "2031-01-01", "townships", List.of(t.township()),
                    "township", t.township()));
        } else if (path.contains("users")) {
            b.putAll(Map.of("username", "walk-intruder", "password", "walk-intruder-1", "roles", List.of("ADMIN"),
                    "divisions", List.of(t.county())));
        } else if (path.contains("admissions")) {
            b.put("admissions", List.of("2024-07-01"));
        } else if (path.contains("five-one") || path.contains("standards")) {
            b.putAll(Map.of("room", true, "sign", true, "system", true, "activity", true, "funding", 1000));
        } else if (path.contains("freeze") || path.contains("annual")) {
            b.put("year", LocalDate.now().getYear() - 1);
        } else {
            b.put("townshipCode", t.township());
        }
        return b;
    }

    private static long userId(String username) {
        return given().get("/api/users").jsonPath().getLong("find { it.username == '" + username + "' }.id");
    }

    /** Every row a write could touch, in a stable order (survey previews aside: a preview changes nothing). */
    private String dump() {
        StringBuilder s = new StringBuilder(Registry.dump(dataSource));
        try (var c = dataSource.getConnection(); var st = c.createStatement()) {
            for (String q : List.of("select i::text from instructor i order by county_code, id",
                    "select g.county_code, g.id, g.year, g.metric, g.target, g.scope from goal g order by county_code, id",
                    "select f.county_code, f.year from annual_freeze f order by 1, 2",
                    "select k::text from survey_campaign k order by county_code, id",
                    "select k::text from survey_submission k order by 1",
                    "select k::text from party_standard k order by county_code, party_organization_id",
                    "select k::text from party_rating k order by 1",
                    "select count(*) from survey_import where status = 'COMMITTED'")) {
                try (var r = st.executeQuery(q)) {
                    int cols = r.getMetaData().getColumnCount();
                    while (r.next()) {
                        for (int i = 1; i <= cols; i++) {
                            s.append(r.getString(i)).append('|');
                        }
                        s.append('\n');
                    }
                }
            }
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
        return s.toString();
    }

    private static String abbreviate(String s) {
        return s.length() > 200 ? s.substring(0, 200) + "…" : s;
    }

    // --- requests from other sites, and what a signed-in answer lets a browser keep -------------

    static final String EVIL = "https://evil.example";

    /** The origin the test's requests are addressed to (scheme, host and port of the service). */
    private static String own() {
        return "http://localhost:" + io.restassured.RestAssured.port;
    }

    /** The cross-site refusal: 403, its code in the error body, its message on a page or in OpenRosa's answer. */
    private static boolean refusedAsCrossSite(Response r) {
        if (r.statusCode() != 403) {
            return false;
        }
        String body = r.asString();
        if (body.contains("\"CROSS_SITE\"")) {
            return true;
        }
        try {
            return body.contains(cn.liangxin.web.Msg.t("error.crossSite"));
        } catch (java.util.MissingResourceException e) {
            return false;
        }
    }

    /** Everything a write could leave behind: the walk's tables, every preview, session and backup. */
    private String everything() {
        StringBuilder s = new StringBuilder(dump());
        try (var c = dataSource.getConnection(); var st = c.createStatement();
             var r = st.executeQuery("select (select count(*) from survey_import) || '|' || (select count(*) from app_session)")) {
            r.next();
            s.append(r.getString(1));
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
        java.io.File[] backups = new java.io.File("target/test-backups").listFiles();
        return s.append('|').append(backups == null ? 0 : backups.length).toString();
    }

    @Test
    void noWriteIsTakenFromAnotherSiteWhateverItsCredentials() {
        List<Route> writes = routes().stream().filter(r -> !r.method().equals("GET")).toList();
        for (Route must : List.of(new Route("POST", "/api/surveys/imports/{id}/commit"), new Route("POST", "/openrosa/submission"),
                new Route("POST", "/api/backups"), new Route("POST", "/api/surveys/imports"), new Route("POST", "/login"),
                new Route("POST", "/organizations/{id}/delete"))) {
            assertTrue(writes.contains(must), "not walked: " + must + " in " + writes);
        }
        Login.Browser admin = Login.as("admin", "admin-test-password");
        // the administrator may make every one of these writes: only where it came from can refuse it
        Map<String, java.util.function.Supplier<RequestSpecification>> senders = new LinkedHashMap<>();
        senders.put("Basic, Origin " + EVIL, () -> given().auth().preemptive().basic("admin", "admin-test-password")
                .redirects().follow(false).header("Origin", EVIL));
        senders.put("Basic, Origin null", () -> given().auth().preemptive().basic("admin", "admin-test-password")
                .redirects().follow(false).header("Origin", "null"));
        senders.put("Basic, Sec-Fetch-Site cross-site", () -> given().auth().preemptive().basic("admin", "admin-test-password")
                .redirects().follow(false).header("Sec-Fetch-Site", "cross-site"));
        senders.put("Basic, Sec-Fetch-Site same-site", () -> given().auth().preemptive().basic("admin", "admin-test-password")
                .redirects().follow(false).header("Sec-Fetch-Site", "same-site"));
        senders.put("Basic, the service's host on another port", () -> given().auth().preemptive()
                .basic("admin", "admin-test-password").redirects().follow(false)
                .header("Origin", "http://localhost:" + (io.restassured.RestAssured.port + 1)));
        senders.put("session and token, Origin " + EVIL, () -> admin.write().header("Origin", EVIL));
        senders.put("session and token, Sec-Fetch-Site cross-site", () -> admin.write().header("Sec-Fetch-Site", "cross-site"));
        senders.put("wrong password, Origin " + EVIL, () -> given().auth().preemptive().basic("walk-clerk-a", "wrong")
                .redirects().follow(false).header("Origin", EVIL));
        List<String> failures = new ArrayList<>();
        Scoped target = scoped.get(MA);
        String before = everything();
        for (Route route : writes) {
            for (var sender : senders.entrySet()) {
                Response r = send(sender.getValue().get().accept(accept(route)), route, target);
                String what = route + " (" + sender.getKey() + ") → " + r.statusCode() + " " + abbreviate(r.asString());
                if (!refusedAsCrossSite(r)) {
                    failures.add(what);
                }
                // a write let through has spoilt the walk's records: stop at the first
                assertTrue(before.equals(everything()), what + ": the data changed; so far:\n" + String.join("\n", failures));
            }
        }
        assertTrue(failures.isEmpty(), writes.size() + " writes, " + failures.size() + " failures:\n" + String.join("\n", failures));
        // refused before any password was checked: the wrong ones were not even counted
        try (var c = dataSource.getConnection(); var st = c.createStatement();
             var r = st.executeQuery("select failed_logins from app_user where username = 'walk-clerk-a'")) {
            r.next();
            assertEquals(0, r.getInt(1), "wrong passwords sent cross-site were checked");
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void aWriteFromTheServicesOwnPagesOrWithoutOriginIsJudgedOnItsMerits() {
        // a clerk's writes aimed at another township: refused by her scope, the same with or without her own origin
        List<Route> writes = routes().stream().filter(r -> !r.method().equals("GET") && !skipped(r)).toList();
        Login.Browser clerk = Login.as("walk-clerk-a", PASSWORD);
        Scoped target = scoped.get(MB);
        List<String> failures = new ArrayList<>();
        for (Route route : writes) {
            Response plain = send(clerk.write().accept(accept(route)), route, target);
            Response sameOrigin = send(clerk.write().accept(accept(route)).header("Origin", own())
                    .header("Sec-Fetch-Site", "same-origin"), route, target);
            Response typed = send(clerk.write().accept(accept(route)).header("Sec-Fetch-Site", "none"), route, target);
            Response script = send(given().auth().preemptive().basic("walk-clerk-a", PASSWORD).redirects().follow(false)
                    .accept(accept(route)), route, target);
            for (Response r : List.of(sameOrigin, typed)) {
                if (r.statusCode() != plain.statusCode() || refusedAsCrossSite(r)) {
                    failures.add(route + ": " + plain.statusCode() + " without Origin, " + r.statusCode() + " from the service's own page");
                }
            }
            if (refusedAsCrossSite(script)) {
                failures.add(route + ": a script without Origin was refused as cross-site");
            }
        }
        assertTrue(failures.isEmpty(), String.join("\n", failures));

        // and writes in reach go through, by the API, a page's form and OpenRosa, also behind the HTTPS proxy
        long id = given().auth().preemptive().basic("walk-clerk-a", PASSWORD).header("Origin", own())
                .header("Sec-Fetch-Site", "same-origin").contentType(ContentType.JSON).body(Registry.org("同源新增公司", LUOXIONG, 3, 0))
                .post("/api/organizations").then().statusCode(201).extract().jsonPath().getLong("id");
        clerk.write().header("Origin", own()).contentType(ContentType.JSON).body(Registry.org("同源会话公司", LUOXIONG, 3, 0))
                .post("/api/organizations").then().statusCode(201);
        clerk.write().header("Host", "liangxin.example").header("X-Forwarded-Proto", "https")
                .header("Origin", "https://liangxin.example").contentType(ContentType.JSON)
                .body(Registry.org("代理后公司", LUOXIONG, 3, 0)).post("/api/organizations").then().statusCode(201);
        Response proxiedHttp = clerk.write().header("Host", "liangxin.example").header("X-Forwarded-Proto", "https")
                .header("Origin", "http://liangxin.example").contentType(ContentType.JSON)
                .body(Registry.org("降级公司", LUOXIONG, 3, 0)).post("/api/organizations");
        assertTrue(refusedAsCrossSite(proxiedHttp), proxiedHttp.statusCode() + " " + proxiedHttp.asString());
        clerk.request().header("Origin", own()).header("Sec-Fetch-Site", "same-origin").accept("text/html")
                .contentType("application/x-www-form-urlencoded").formParam(Csrf.FIELD, clerk.token()).formParam("confirmed", "1")
                .post("/organizations/{id}/delete", id).then().statusCode(303);
        given().get("/api/organizations/{id}", id).then().statusCode(404);
    }

    @Test
    void everyAnswerToASignedInCallerIsKeptOutOfTheBrowsersCache() {
        List<Route> reads = routes().stream().filter(r -> r.method().equals("GET")).toList();
        Login.Browser admin = Login.as("admin", "admin-test-password");
        List<String> failures = new ArrayList<>();
        for (Route route : reads) {
            for (Scoped target : List.of(scoped.get(MA), scoped.get(ML))) {
                Response bySession = send(admin.request().accept(accept(route)), route, target);
                Response byBasic = send(given().auth().preemptive().basic("walk-clerk-a", PASSWORD).redirects().follow(false)
                        .accept(accept(route)), route, target);
                for (Response r : List.of(bySession, byBasic)) {
                    String cache = r.getHeader("Cache-Control");
                    if (cache == null || !cache.contains("no-store")) {
                        failures.add(route + " aimed at " + target.marker() + " → " + r.statusCode() + ", Cache-Control: " + cache);
                    }
                }
            }
        }
        assertTrue(failures.isEmpty(), reads.size() + " reads, " + failures.size() + " failures:\n" + String.join("\n", failures));
        // the service's own scripts and icons are the same for everyone, and may be kept
        String script = admin.request().get("/js/offline.js").then().statusCode(200).extract().header("Cache-Control");
        assertTrue(script == null || !script.contains("no-store"), script);
    }

    // --- the holes the outside tester found, one by one ---------------------------------------

    @Test
    void aClerkCannotFreezeTheCountysYearThroughThePage() {
        Login.Browser clerk = Login.as("walk-clerk-a", PASSWORD);
        clerk.write().contentType("application/x-www-form-urlencoded").formParam("year", LocalDate.now().getYear() - 1)
                .post("/annual/freeze").then().statusCode(403);
        given().queryParam("countyCode", LUOPING).get("/api/freezes").then().statusCode(200).body("size()", equalTo(0));
    }

    @Test
    void aSurveyRowCannotJoinAnotherTownshipsJointBranch() {
        long theirs = Registry.createOrg("板桥联合甲", BANQIAO, 5, 1);
        long joint = Registry.createParty("板桥联合党支部", BANQIAO, "BRANCH", "JOINT", List.of(theirs));
        byte[] file = SurveyImportTest.csv(StandardCharsets.UTF_8, true,
                "罗雄加入公司,,企业,罗雄街道,,,,C,否,正常,12,1,,,,否,,无,联合党支部,板桥联合党支部,,,,,,");
        long preview = given().auth().preemptive().basic("walk-clerk-a", PASSWORD).multiPart("file", "j.csv", file, "text/csv")
                .post("/api/surveys/imports").then().statusCode(201).extract().jsonPath().getLong("id");
        given().auth().preemptive().basic("walk-clerk-a", PASSWORD).post("/api/surveys/imports/{id}/commit", preview)
                .then().statusCode(200);
        given().get("/api/party-organizations/{id}", joint).then().body("coveredOrganizationIds", equalTo(List.of((int) theirs)));
    }

    @Test
    void aBranchSpanningTownshipsShowsEachClerkHerOwnAndKeepsTheOthersLinks() {
        long a = Registry.createOrg("罗雄依托甲", LUOXIONG, 5, 1);
        long b = Registry.createOrg("板桥依托乙", BANQIAO, 5, 1);
        long reliant = Registry.createParty("县商会党委依托支部", LUOXIONG, "BRANCH", "RELIANT", List.of(a, b));
        var asClerk = given().auth().preemptive().basic("walk-clerk-a", PASSWORD);
        String seen = asClerk.get("/api/party-organizations/{id}", reliant).then().statusCode(200).extract().asString();
        assertFalse(seen.contains("板桥依托乙") || seen.contains(String.valueOf(b)), seen);
        Map<String, Object> put = new HashMap<>(Registry.party("县商会党委依托支部", LUOXIONG, "BRANCH", "RELIANT", List.of(a)));
        put.put("version", 0);
        given().auth().preemptive().basic("walk-clerk-a", PASSWORD).contentType(ContentType.JSON).body(put)
                .put("/api/party-organizations/{id}", reliant).then().statusCode(200);
        given().get("/api/party-organizations/{id}", reliant).then()
                .body("coveredOrganizationIds", org.hamcrest.Matchers.containsInAnyOrder((int) a, (int) b));
        // a joint branch covers its own township only: the rule is the formation's
        given().contentType(ContentType.JSON).body(Registry.party("跨镇联合党支部", LUOXIONG, "BRANCH", "JOINT",
                        List.of(Registry.createOrg("罗雄联合丙", LUOXIONG, 2, 1), Registry.createOrg("板桥联合丁", BANQIAO, 2, 1))))
                .post("/api/party-organizations").then().statusCode(400).body("errors[0].field", equalTo("coveredOrganizationIds[1]"));
    }

    @Test
    void aCodeRegisteredInAnotherCountyIsNoneOfTheUploadsBusiness() {
        byte[] file = SurveyImportTest.csv(StandardCharsets.UTF_8, true,
                "陆良代码同号公司," + uscc(3) + ",企业,罗雄街道,,,,C,否,正常,12,1,,,,否,,无,未建立,,,,,,,",
                "本县代码同号公司," + uscc(2) + ",企业,罗雄街道,,,,C,否,正常,12,1,,,,否,,无,未建立,,,,,,,");
        String answer = given().auth().preemptive().basic("walk-clerk-a", PASSWORD).multiPart("file", "u.csv", file, "text/csv")
                .post("/api/surveys/imports").then().statusCode(201).body("summary.new", equalTo(1))
                .body("summary.rejected", equalTo(1)).extract().asString();
        assertFalse(answer.contains(MB) || answer.contains(ML), answer);
    }

    @Test
    void aPreviewIsCommittedOnlyWhileItsTownshipsAreStillTheUploadersAndNotWhenStale() throws Exception {
        String name = "walk-mover" + System.nanoTime() % 100000;
        user(name, "TOWNSHIP_STAFF", LUOXIONG);
        byte[] file = SurveyImportTest.csv(StandardCharsets.UTF_8, true,
                "移交前公司,,企业,罗雄街道,,,,C,否,正常,12,1,,,,否,,无,未建立,,,,,,,");
        long first = given().auth().preemptive().basic(name, PASSWORD).multiPart("file", "m.csv", file, "text/csv")
                .post("/api/surveys/imports").then().statusCode(201).extract().jsonPath().getLong("id");
        long second = given().auth().preemptive().basic(name, PASSWORD).multiPart("file", "m.csv", file, "text/csv")
                .post("/api/surveys/imports").then().statusCode(201).extract().jsonPath().getLong("id");
        // an old preview is refused: the registry has moved on since
        try (var c = dataSource.getConnection(); var s = c.createStatement()) {
            s.execute("update survey_import set uploaded_at = now() - interval '8 days' where id = " + second);
        }
        String before = dump();
        given().auth().preemptive().basic(name, PASSWORD).post("/api/surveys/imports/{id}/commit", second)
                .then().statusCode(410).body("code", equalTo("PREVIEW_EXPIRED"));
        assertEquals(before, dump());
        // she moves to 板桥镇: her 罗雄街道 preview can no longer be committed, by her
        long id = userId(name);
        given().contentType(ContentType.JSON).body(Map.of("username", name, "roles", List.of("TOWNSHIP_STAFF"),
                "divisions", List.of(BANQIAO))).put("/api/users/{id}", id).then().statusCode(200);
        before = dump();
        given().auth().preemptive().basic(name, PASSWORD).post("/api/surveys/imports/{id}/commit", first)
                .then().statusCode(403).body("code", equalTo("OUT_OF_SCOPE"));
        assertEquals(before, dump());
        // the county may discard it; then it is gone
        Login.as("walk-county-lp", PASSWORD).write().delete("/api/surveys/imports/{id}", first).then().statusCode(204);
        given().get("/api/surveys/imports/{id}", first).then().statusCode(404);
    }

    @Test
    void cookieSignedApiWritesNeedTheCsrfToken() {
        Login.Browser county = Login.as("walk-county-lp", PASSWORD);
        String before = dump();
        county.request().contentType(ContentType.JSON).body(Map.of("countyCode", LUOPING)).post("/api/goals/preset")
                .then().statusCode(400).body("code", equalTo("CSRF"));
        county.request().multiPart("file", "x.csv", new byte[]{'a'}, "text/csv").post("/api/party-organizations/five-one")
                .then().statusCode(400).body("code", equalTo("CSRF"));
        county.request().post("/api/surveys/imports/{id}/commit", scoped.get(MA).preview()).then().statusCode(400)
                .body("code", equalTo("CSRF"));
        assertEquals(before, dump());
        // the same call with the token passes the check (and is then judged on its merits)
        county.write().contentType(ContentType.JSON).body(Map.of()).queryParam("countyCode", LUOPING).post("/api/goals/preset")
                .then().statusCode(200);
    }

    @Test
    void theTemplateCsvWritesRegistryTextInert() {
        Registry.createOrg("=HYPERLINK(\"http://x\",\"点击\")", LUOXIONG, 5, 0);
        String csv = given().queryParam("township", LUOXIONG).get("/api/surveys/template.csv").then().statusCode(200)
                .extract().asString();
        assertTrue(csv.contains("'=HYPERLINK"), csv);
        assertFalse(csv.contains(",=HYPERLINK") || csv.contains("\n=HYPERLINK") || csv.contains("\"=HYPERLINK"), csv);
    }

    @Test
    void refusalsCarryTheErrorBodyAndPagesAStyledPage() {
        given().auth().none().get("/api/organizations").then().statusCode(401).body("code", equalTo("UNAUTHORIZED"))
                .body("message", org.hamcrest.Matchers.not(org.hamcrest.Matchers.emptyString()));
        given().auth().preemptive().basic("walk-county-lp", PASSWORD).get("/api/users").then().statusCode(403)
                .body("code", equalTo("FORBIDDEN"));
        String page = Login.as("walk-county-lp", PASSWORD).request().accept("text/html").get("/users").then().statusCode(403)
                .extract().asString();
        assertTrue(org.jsoup.Jsoup.parse(page).select("nav, header, h1").size() > 0, page);
        Response r = given().get("/");
        assertEquals("DENY", r.getHeader("X-Frame-Options"));
        assertEquals("nosniff", r.getHeader("X-Content-Type-Options"));
        assertTrue(r.getHeader("Content-Security-Policy").contains("frame-ancestors 'none'"));
        assertFalse(r.getHeader("Content-Security-Policy").contains("'unsafe-inline'") && r.getHeader("Content-Security-Policy")
                .matches(".*script-src[^;]*'unsafe-inline'.*"));
    }

    @Test
    void aRegionSeesItsCountiesRolledUpAndChangesNothing() {
        var region = given().auth().preemptive().basic("walk-region", PASSWORD);
        var table = region.queryParam("by", "county").get("/api/reports/coverage").then().statusCode(200).extract().jsonPath();
        assertEquals(List.of(LUOPING, LULIANG), table.getList("counties.code"));
        long sum = table.getList("counties.organizations", Integer.class).stream().mapToLong(Integer::longValue).sum();
        assertEquals(table.getLong("total.organizations"), sum);
        given().auth().preemptive().basic("walk-region", PASSWORD).contentType(ContentType.JSON)
                .body(Registry.org("区域越权公司", LUOXIONG, 1, 0)).post("/api/organizations").then().statusCode(403);
        // each county's progress toward its own goals, and the year's changes counted per county
        var goals = given().auth().preemptive().basic("walk-region", PASSWORD).queryParam("by", "county")
                .get("/api/goals/progress").then().statusCode(200).extract().jsonPath();
        assertEquals(List.of(LUOPING, LULIANG), goals.getList("counties.countyCode"));
        assertEquals(LUOPING, goals.getString("counties[0].goals[0].county.code"));
        assertEquals(LULIANG, goals.getString("counties[1].goals[0].county.code"));
        var yoyByCounty = given().auth().preemptive().basic("walk-region", PASSWORD).queryParam("by", "county")
                .get("/api/reports/year-over-year").then().statusCode(200).extract().jsonPath();
        var yoy = given().auth().preemptive().basic("walk-region", PASSWORD).get("/api/reports/year-over-year")
                .then().statusCode(200).extract().jsonPath();
        int named = yoy.getList("townships.newlyRegistered", List.class).stream().mapToInt(List::size).sum();
        int counted = yoyByCounty.getList("counties.newlyRegistered", Integer.class).stream().mapToInt(Integer::intValue).sum();
        assertEquals(named, counted);
        assertTrue(counted >= 6, "the walk's organizations were registered this year: " + counted);
        // a page that shows one county's records asks a region which county, with a link each
        Login.Browser browser = Login.as("walk-region", PASSWORD);
        String chooser = browser.request().accept("text/html").get("/goals").then().statusCode(400).extract().asString();
        org.jsoup.nodes.Element link = org.jsoup.Jsoup.parse(chooser).selectFirst("#choices a[data-county=" + LULIANG + "]");
        assertTrue(link != null, chooser);
        browser.request().accept("text/html").get(link.attr("href")).then().statusCode(200);
        given().auth().preemptive().basic("walk-region", PASSWORD).get("/api/goals").then().statusCode(400)
                .body("code", equalTo("COUNTY_REQUIRED")).body("choices.value", equalTo(List.of(LUOPING, LULIANG)));
        // a county's 党工委 sees its own county only in the roll-up
        given().auth().preemptive().basic("walk-county-ll", PASSWORD).queryParam("by", "county").get("/api/reports/coverage")
                .then().statusCode(200).body("counties.code", equalTo(List.of(LULIANG)));
    }

    /**
     * A region's overview offers 打印, and the print page rolls the region up as the overview does: a line
     * per county and the total, the same figures as {@code /api/reports/coverage?by=county}; a county's
     * 党工委 still prints its townships.
     */
    @Test
    void aRegionPrintsItsRollUpByCounty() {
        Login.Browser region = Login.as("walk-region", PASSWORD);
        org.jsoup.nodes.Document overview = org.jsoup.Jsoup.parse(region.request().accept("text/html").get("/").then()
                .statusCode(200).extract().asString());
        org.jsoup.nodes.Element print = overview.selectFirst(".actions a[href^=/print/coverage]");
        assertTrue(print != null, "the region's overview offers 打印: " + overview.select(".actions").outerHtml());
        assertEquals("/print/coverage?by=county", print.attr("href"));

        var api = given().auth().preemptive().basic("walk-region", PASSWORD).queryParam("by", "county")
                .get("/api/reports/coverage").then().statusCode(200).extract().jsonPath();
        for (String path : List.of("/print/coverage?by=county", "/print/coverage")) {
            org.jsoup.nodes.Document page = org.jsoup.Jsoup.parse(region.request().accept("text/html").get(path).then()
                    .statusCode(200).extract().asString());
            var lines = page.select("#coverage tbody tr");
            assertEquals(List.of(LUOPING, LULIANG, "total"), lines.eachAttr("data-county"), path);
            assertTrue(page.select("#coverage tr[data-township]").isEmpty(), path + ": no township lines");
            assertEquals("县(市、区)", page.selectFirst("#coverage thead th").text(), path);
            for (int i = 0; i < lines.size(); i++) {
                String row = i < 2 ? "counties[" + i + "]" : "total";
                var line = lines.get(i);
                assertEquals(api.getString(row + ".name"), line.selectFirst("[data-col=name]").text(), path + " " + row);
                for (String field : List.of("organizations", "formalMembers", "partyOrganizations", "coveredOrganizations",
                        "blankSpots", "nominalCoverage", "fundingYuan")) {
                    assertEquals(api.getString(row + "." + field), line.selectFirst("td[data-col=" + field + "]").text(),
                            path + " " + row + " " + field);
                }
                assertEquals(cn.liangxin.rules.Rates.percent(new java.math.BigDecimal(api.getString(row + ".coverageRate"))),
                        line.selectFirst("td[data-col=coverageRate]").text(), path + " " + row);
            }
        }

        // a county's 党工委 prints her county's townships
        org.jsoup.nodes.Document county = org.jsoup.Jsoup.parse(Login.as("walk-county-lp", PASSWORD).request()
                .accept("text/html").get("/print/coverage").then().statusCode(200).extract().asString());
        assertTrue(county.select("#coverage tr[data-county]").isEmpty());
        assertTrue(county.select("#coverage tr[data-township=" + LUOXIONG + "]").size() == 1);
    }
}
