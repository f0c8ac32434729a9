package cn.liangxin.web;

import cn.liangxin.rules.GapCode;
import cn.liangxin.testsupport.Registry;
import cn.liangxin.testsupport.SignedIn;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.Response;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static cn.liangxin.testsupport.Registry.JIULONG;
import static cn.liangxin.testsupport.Registry.LUOXIONG;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * End to end: the county overview and a township page, rendered by a real headless Chromium, show the
 * same figures as the JSON reports.
 *
 * <p>Needs, besides the JDK: Chromium at {@code /usr/bin/chromium} (Debian packages {@code chromium}
 * and {@code fonts-wqy-microhei}), Node.js 20 or later at {@code /usr/bin/node} (or the path in
 * {@code PLAYWRIGHT_NODEJS_PATH}), and the Playwright driver, i.e. the npm package
 * {@code playwright-core} of the same version as the Java client, installed with
 * <pre>npm install --prefix target/playwright package@npm:playwright-core@VERSION</pre>
 * (the alias {@code package} gives the layout the Java client expects: {@code DIR/package/cli.js} with
 * {@code DIR = target/playwright/node_modules}; another DIR can be given with the system property
 * {@code playwright.cli.dir}). {@code .ci/run} does all of this. When something is missing the test is
 * skipped, saying what to install; with {@code BROWSER_TEST_REQUIRED=true} in the environment it fails
 * instead, so that CI cannot pass by skipping it.
 */
@QuarkusTest
class BrowserTest {

    static final String CHROMIUM = "/usr/bin/chromium";
    static final String DEFAULT_NODE = "/usr/bin/node";
    static final Path DEFAULT_CLI_DIR = Path.of("target", "playwright", "node_modules");
    static final Path SCREENSHOTS = Path.of("target", "screenshots");

    /** Every figure of a coverage row, by its JSON name, which is also the page's {@code data-col}. */
    static final List<String> FIELDS = List.of("organizations", "economic", "social", "headcount", "formalMembers",
            "probationaryMembers", "partyOrganizations", "coveredIndependently", "coveredJointly",
            "coveredOrganizations", "blankSpots", "shouldForm", "fewMembers", "noMembers",
            "noMembersWithInstructor", "coverageRate");

    static final Pattern HAN = Pattern.compile("\\p{IsHan}");

    static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

    /** Why the browser cannot run here, or null. */
    static String unavailable;
    static Playwright playwright;
    static Browser browser;

    @TestHTTPResource("/")
    URL base;

    @Inject
    AgroalDataSource dataSource;

    BrowserContext context;
    Page page;
    final List<String> pageErrors = new ArrayList<>();

    @BeforeAll
    static void launchBrowser() throws IOException {
        unavailable = missingPrerequisite();
        if (unavailable != null) {
            System.out.println("BrowserTest: " + unavailable);
            return;
        }
        // Read by the Java client when it starts the driver: with it set, no bundled driver is looked for.
        System.setProperty("playwright.cli.dir", cliDir().toString());
        playwright = Playwright.create(new Playwright.CreateOptions().setEnv(Map.of(
                "PLAYWRIGHT_NODEJS_PATH", node().toString(),
                "PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
        browser = playwright.chromium().launch(new BrowserType.LaunchOptions()
                .setExecutablePath(Path.of(CHROMIUM))
                .setHeadless(true)
                .setArgs(List.of("--no-sandbox", "--disable-gpu", "--disable-background-networking",
                        "--disable-component-update", "--disable-sync", "--no-first-run")));
    }

    @AfterAll
    static void closeBrowser() {
        if (browser != null) {
            browser.close();
        }
        if (playwright != null) {
            playwright.close();
        }
    }

    @BeforeEach
    void openPage() {
        String message = "browser test: " + unavailable;
        if ("true".equalsIgnoreCase(System.getenv("BROWSER_TEST_REQUIRED"))) {
            assertNull(unavailable, message + " (BROWSER_TEST_REQUIRED=true)");
        } else {
            assumeTrue(unavailable == null, message);
        }
        context = browser.newContext(new Browser.NewContextOptions().setLocale("zh-CN").setViewportSize(1400, 900));
        context.setDefaultTimeout(15_000);
        page = context.newPage();
        page.onPageError(pageErrors::add);
    }

    @AfterEach
    void closePage() {
        if (context != null) {
            context.close();
        }
    }

    @Test
    void overviewAndTownshipPageShowTheFiguresOfTheReports() throws IOException {
        Registry.clear(dataSource);
        createFixture();

        JsonNode coverage = getJson("/api/reports/coverage");
        JsonNode total = coverage.get("total");
        // The fixture must give figures worth comparing, not a county of zeros.
        assertEquals(8, total.get("organizations").asLong(), "organizations in the fixture (the closed one left out)");
        assertTrue(total.get("coveredIndependently").asLong() > 0 && total.get("coveredJointly").asLong() > 0
                && total.get("blankSpots").asLong() > 0, "fixture coverage: " + total);

        // Signing in through the login page, as a person does: an anonymous visit lands there.
        page.navigate(url("/"));
        assertTrue(page.url().endsWith("/login"), "an anonymous visit is sent to the login page: " + page.url());
        page.locator("#j_username").fill(SignedIn.ADMIN);
        page.locator("#j_password").fill(SignedIn.ADMIN_PASSWORD);
        page.locator("button[type=submit]").click();
        page.waitForURL(url("/"));

        // County overview.
        Response response = page.navigate(url("/"));
        assertEquals(200, response.status(), "GET /");
        assertHasChinese("the title of /", page.title());
        assertHasChinese("the h1 of /", page.locator("h1").first().innerText());

        Locator table = page.locator("table#coverage");
        JsonNode townships = coverage.get("townships");
        assertEquals(townships.size(), table.locator("tr[data-township]:not([data-township=total])").count(),
                "township rows on /");
        for (JsonNode row : townships) {
            String code = row.get("code").asText();
            Locator tr = table.locator("tr[data-township='" + code + "']");
            assertEquals(1, tr.count(), "row of township " + code + " on /");
            assertRow("/ township " + code + " (" + row.get("name").asText() + ")", row,
                    field -> tr.locator("td[data-col='" + field + "']"));
            assertEquals(1, tr.locator("a[href$='/townships/" + code + "']").count(), "link to township " + code + " on /");
        }
        Locator totalRow = table.locator("tr[data-township='total']");
        assertEquals(1, totalRow.count(), "total row on /");
        assertRow("/ total", total, field -> totalRow.locator("td[data-col='" + field + "']"));

        Files.createDirectories(SCREENSHOTS);
        page.screenshot(new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve("overview.png")).setFullPage(true));

        // Township page, reached through its link on the overview.
        table.locator("tr[data-township='" + LUOXIONG + "'] a[href$='/townships/" + LUOXIONG + "']").first().click();
        page.waitForURL("**/townships/" + LUOXIONG);
        assertHasChinese("the title of /townships/" + LUOXIONG, page.title());

        JsonNode row = null;
        for (JsonNode r : townships) {
            if (LUOXIONG.equals(r.get("code").asText())) {
                row = r;
            }
        }
        assertTrue(row != null, "township " + LUOXIONG + " in the coverage report");
        Locator summary = page.locator("dl#township-summary");
        assertRow("/townships/" + LUOXIONG + " summary", row, field -> summary.locator("dd[data-col='" + field + "']"));

        JsonNode spots = getJson("/api/reports/blank-spots?limit=100&township=" + LUOXIONG); // the page shows 100 a page
        assertTrue(spots.size() >= 3, "blank spots of the fixture in " + LUOXIONG + ": " + spots);
        List<String> shownIds = page.locator("table#blank-spots tr[data-org-id]").all().stream()
                .map(tr -> tr.getAttribute("data-org-id")).toList();
        List<String> apiIds = new ArrayList<>();
        spots.forEach(s -> apiIds.add(s.get("organizationId").asText()));
        assertEquals(apiIds, shownIds, "blank-spot ledger of " + LUOXIONG + ": organizations in API order");
        for (JsonNode spot : spots) {
            String id = spot.get("organizationId").asText();
            Locator tr = page.locator("table#blank-spots tr[data-org-id='" + id + "']");
            String where = "/townships/" + LUOXIONG + " blank spot " + id;
            assertEquals(spot.get("name").asText(), cell(tr, "th[data-col='name']", where + " name"), where + " name");
            String label = Msg.label(GapCode.valueOf(spot.get("category").asText()));
            assertHasChinese("the category label " + label, label);
            assertEquals(label, cell(tr, "td[data-col='category']", where + " category"), where + " category");
            assertEquals(spot.get("formalMembers").asText(), cell(tr, "td[data-col='formalMembers']", where), where + " formalMembers");
            assertEquals(spot.get("headcount").asText(), cell(tr, "td[data-col='headcount']", where), where + " headcount");
        }
        page.screenshot(new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve("township.png")).setFullPage(true));

        // Survey intake as a clerk does it: choose the filled form, upload, read the preview, commit.
        Path survey = Files.createTempFile("survey", ".csv");
        byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
        String rows = cn.liangxin.survey.SurveyImportTest.HEADER + "\r\n"
                + "罗平县浏览器上传有限公司,,企业,罗雄街道,,,,C,否,正常,33,3,,,,否,支持,有,未建立,,,,,,,\r\n"
                + "罗平县填错人数有限公司,,企业,罗雄街道,,,,C,否,正常,许多,1,,,,否,,无,未建立,,,,,,,\r\n";
        Files.write(survey, bom);
        Files.write(survey, rows.getBytes(java.nio.charset.StandardCharsets.UTF_8), java.nio.file.StandardOpenOption.APPEND);
        // a file that is no spreadsheet: the clerk stays on the upload page and reads why
        Path picture = Files.createTempFile("picture", ".png");
        Files.write(picture, new byte[]{(byte) 0x89, 'P', 'N', 'G', 13, 10, 26, 10, 0, 0, 0, 13, 'I', 'H', 'D', 'R'});
        page.navigate(url("/surveys"));
        page.locator("#f-file").setInputFiles(picture);
        page.locator("form.edit button[type=submit]").click();
        page.locator("#upload-error").waitFor();
        assertHasChinese("the upload error", page.locator("#upload-error").innerText());

        page.navigate(url("/surveys"));
        page.locator("#f-file").setInputFiles(survey);
        page.locator("form.edit button[type=submit]").click();
        page.waitForURL(u -> u.contains("/surveys/imports/"));
        assertEquals("1", page.locator("#import-summary dd[data-col=new]").innerText().strip());
        assertEquals("1", page.locator("#import-summary dd[data-col=rejected]").innerText().strip());
        assertEquals("从业人员数", page.locator("#rejected-rows tr[data-row='3']").getAttribute("data-column"));
        page.screenshot(new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve("survey-preview.png")).setFullPage(true));
        page.locator("#commit-form button").click();
        page.locator("#committed").waitFor();
        JsonNode after = getJson("/api/reports/coverage?township=" + LUOXIONG);
        assertEquals(townshipOrganizations(coverage, LUOXIONG) + 1, after.get("total").get("organizations").asLong(),
                "the committed row counts in the coverage report");

        // The year's pages: goals with their charts (SVG drawn by the server), then year-over-year and the 年报.
        given().contentType("application/json").body(java.util.Map.of("year", java.time.LocalDate.now(cn.liangxin.time.Days.ZONE).getYear(),
                "metric", "COVERAGE", "target", 0.5, "scope", "COUNTY")).post("/api/goals");
        page.navigate(url("/goals"));
        assertTrue(page.locator("#charts svg circle.point").count() >= 1, "the coverage chart has its points");
        assertEquals("1", String.valueOf(page.locator("section.goal[data-metric=COVERAGE]").count()));
        page.screenshot(new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve("goals.png")).setFullPage(true));
        page.navigate(url("/annual"));
        assertEquals(townships(coverage), page.locator("#year-over-year tr[data-township]").count());
        page.screenshot(new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve("annual.png")).setFullPage(true));

        // The same survey for one organization on a phone: the form fits the screen, no map, no location.
        page.setViewportSize(390, 844);
        page.navigate(url("/surveys/form"));
        assertEquals(Boolean.TRUE, page.evaluate("() => document.documentElement.scrollWidth <= window.innerWidth"),
                "the phone form needs no sideways scrolling");
        page.locator("#f-name").fill("罗平县手机填报合作社");
        page.locator("#f-kind").selectOption("农民专业合作社");
        page.locator("#f-headcount").fill("18");
        page.locator("#f-formalMembers").fill("2");
        page.locator("#f-partyStatus").selectOption("未建立");
        page.screenshot(new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve("survey-form-phone.png")).setFullPage(true));
        page.locator("#survey-form button[type=submit]").click();
        page.waitForURL(u -> u.contains("/surveys/imports/"));
        assertEquals("1", page.locator("#import-summary dd[data-col=new]").innerText().strip());
        page.locator("#commit-form button").click();
        page.locator("#committed").waitFor();
        assertEquals(townshipOrganizations(coverage, LUOXIONG) + 2,
                getJson("/api/reports/coverage?township=" + LUOXIONG).get("total").get("organizations").asLong(),
                "the organization sent from the phone counts in the coverage report");

        assertTrue(pageErrors.isEmpty(), "script errors on the pages: " + pageErrors);
    }

    private static int townships(JsonNode coverage) {
        return coverage.get("townships").size();
    }

    private static long townshipOrganizations(JsonNode coverage, String code) {
        for (JsonNode row : coverage.get("townships")) {
            if (code.equals(row.get("code").asText())) {
                return row.get("organizations").asLong();
            }
        }
        throw new AssertionError("no row for " + code);
    }

    /**
     * 罗雄街道: one organization with its own party organization, two covered by a joint one, and three
     * blank spots (should form, no members with an instructor, a social organization without members).
     * 九龙街道: two blank spots and a closed organization, which no figure counts.
     */
    void createFixture() {
        long own = Registry.createOrg("罗平县金鸡峰食品有限公司", LUOXIONG, 120, 57, "probationaryMembers", 2);
        long jointA = Registry.createOrg("罗平县鲁布革商贸有限公司", LUOXIONG, 8, 1);
        long jointB = Registry.createOrg("罗平县多依河物流有限公司", LUOXIONG, 6, 2);
        Registry.createOrg("罗平县油菜花科技有限公司", LUOXIONG, 30, 4);
        Registry.createOrg("罗雄镇小黄姜餐馆", LUOXIONG, 5, 0, "kind", "INDIVIDUAL_BUSINESS", "instructor", "王芳");
        Registry.createOrg("罗平县书法家协会", LUOXIONG, 12, 0, "kind", "SOCIAL_GROUP");
        Registry.createOrg("罗平县九龙建材有限公司", JIULONG, 60, 3, "probationaryMembers", 1);
        Registry.createOrg("罗平县九龙瀑布蜂蜜专业合作社", JIULONG, 15, 1, "kind", "FARMER_COOPERATIVE");
        Registry.createOrg("罗平县已注销贸易有限公司", JIULONG, 40, 5, "status", "CLOSED");
        Registry.createParty("中共罗平县金鸡峰食品有限公司总支部委员会", LUOXIONG, "GENERAL_BRANCH", "INDEPENDENT", List.of(own));
        Registry.createParty("中共罗雄街道商贸物流联合支部委员会", LUOXIONG, "BRANCH", "JOINT", List.of(jointA, jointB));
    }

    /** Every figure of a coverage row as shown: integers as plain digits, the rate as a percentage with two decimals. */
    static void assertRow(String where, JsonNode row, Function<String, Locator> cellOf) {
        for (String field : FIELDS) {
            JsonNode value = row.get(field);
            if (value == null) {
                fail("the coverage report has no field " + field + ": " + row);
            }
            String expected = "coverageRate".equals(field) ? percent(value.decimalValue()) : Long.toString(value.asLong());
            Locator cell = cellOf.apply(field);
            assertEquals(1, cell.count(), where + ": cells data-col=" + field);
            assertEquals(expected, cell.innerText().strip(), where + ": " + field);
        }
    }

    static String percent(BigDecimal rate) {
        return rate.movePointRight(2).setScale(2, RoundingMode.HALF_UP).toPlainString() + "%";
    }

    static String cell(Locator row, String selector, String where) {
        Locator cell = row.locator(selector);
        assertEquals(1, cell.count(), where + ": " + selector);
        return cell.innerText().strip();
    }

    static void assertHasChinese(String what, String text) {
        assertTrue(text != null && HAN.matcher(text).find(), what + " has no Chinese text: " + text);
    }

    JsonNode getJson(String path) throws IOException {
        String body = given().basePath("").accept("application/json").get(path).then().statusCode(200).extract().asString();
        return JSON.readTree(body);
    }

    String url(String path) {
        String b = base.toString();
        return (b.endsWith("/") ? b.substring(0, b.length() - 1) : b) + path;
    }

    /** What is missing to run the browser, with what to install; null when nothing is. */
    static String missingPrerequisite() throws IOException {
        if (!Files.isExecutable(Path.of(CHROMIUM))) {
            return "no Chromium at " + CHROMIUM + ": install the Debian packages chromium and fonts-wqy-microhei";
        }
        Path node = node();
        if (!Files.isExecutable(node)) {
            return "no Node.js at " + node + ": install Node.js 20 or later (Debian package nodejs), or set PLAYWRIGHT_NODEJS_PATH";
        }
        int nodeMajor = nodeMajorVersion(node);
        if (nodeMajor < 20) {
            return "Node.js at " + node + " is version " + nodeMajor + ", the Playwright driver needs 20 or later";
        }
        String version = playwrightVersion();
        String install = "run: npm install --prefix target/playwright package@npm:playwright-core@" + version;
        Path cli = cliDir().resolve("package").resolve("cli.js");
        if (!Files.isRegularFile(cli)) {
            return "no Playwright driver at " + cli + "; " + install;
        }
        String driverVersion = packageVersion(cliDir().resolve("package").resolve("package.json"));
        if (!version.equals(driverVersion)) {
            return "the Playwright driver at " + cli + " is version " + driverVersion + " but the Java client is "
                    + version + "; " + install;
        }
        return null;
    }

    static Path node() {
        String env = System.getenv("PLAYWRIGHT_NODEJS_PATH");
        return Path.of(env == null || env.isBlank() ? DEFAULT_NODE : env);
    }

    static Path cliDir() {
        String property = System.getProperty("playwright.cli.dir");
        return (property == null || property.isBlank() ? DEFAULT_CLI_DIR : Path.of(property)).toAbsolutePath();
    }

    /** The version of the Playwright Java client on the class path. */
    static String playwrightVersion() throws IOException {
        String version = Playwright.class.getPackage().getImplementationVersion();
        if (version != null) {
            return version;
        }
        try (InputStream in = Playwright.class.getResourceAsStream(
                "/META-INF/maven/com.microsoft.playwright/playwright/pom.properties")) {
            if (in == null) {
                throw new IllegalStateException("cannot tell the version of the Playwright Java client");
            }
            Properties p = new Properties();
            p.load(in);
            return p.getProperty("version");
        }
    }

    static String packageVersion(Path packageJson) throws IOException {
        if (!Files.isRegularFile(packageJson)) {
            return "unknown";
        }
        return JSON.readTree(packageJson.toFile()).path("version").asText("unknown");
    }

    static int nodeMajorVersion(Path node) {
        try {
            Process p = new ProcessBuilder(node.toString(), "--version").redirectErrorStream(true).start();
            if (!p.waitFor(10, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return 0;
            }
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            Matcher m = Pattern.compile("^v(\\d+)\\.").matcher(out);
            return m.find() ? Integer.parseInt(m.group(1)) : 0;
        } catch (IOException e) {
            return 0;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 0;
        }
    }
}
