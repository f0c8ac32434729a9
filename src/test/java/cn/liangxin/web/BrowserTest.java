package cn.liangxin.web;

import cn.liangxin.rules.GapCode;
import cn.liangxin.testsupport.OneLoginCheck;
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
 * same figures as the JSON reports; the main pages pass axe-core's serious and critical checks and fit
 * a phone's screen.
 *
 * <p>Needs, besides the JDK: Chromium at {@code /usr/bin/chromium} (Debian packages {@code chromium}
 * and {@code fonts-wqy-microhei}), Node.js 20 or later at {@code /usr/bin/node} (or the path in
 * {@code PLAYWRIGHT_NODEJS_PATH}) with npm, and two npm packages: the Playwright driver, i.e.
 * {@code playwright-core} of the same version as the Java client, and {@code axe-core} of the version
 * in pom.xml ({@code axe-core.version}). When they are missing the test installs them itself with
 * <pre>npm install --prefix target/playwright package@npm:playwright-core@VERSION axe-core@VERSION</pre>
 * (the alias {@code package} gives the layout the Java client expects: {@code DIR/package/cli.js} with
 * {@code DIR = target/playwright/node_modules}; another DIR can be given with the system property
 * {@code playwright.cli.dir}). When Chromium, Node.js or npm is missing, or npm cannot install, the test
 * is skipped, saying what to install; with {@code BROWSER_TEST_REQUIRED=true} in the environment (as
 * {@code .ci/run} sets it) it fails instead, so that CI cannot pass by skipping it.
 *
 * <p>It runs with one password check at a time ({@link OneLoginCheck}), so that the sign-in queue can be
 * filled for real; every other test signs in one sign-in after another, which that queue takes.
 */
@QuarkusTest
@io.quarkus.test.junit.TestProfile(OneLoginCheck.class)
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
    /** Contexts a test opens besides the default one, closed after it. */
    final List<BrowserContext> extraContexts = new ArrayList<>();
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
        extraContexts.forEach(BrowserContext::close);
        extraContexts.clear();
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
        assertEquals(townships(coverage), page.locator("#year-over-year tr[data-township]:not([data-township=total])").count());
        assertEquals(1, page.locator("#year-over-year tr[data-township=total]").count(), "and their total line");
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

    /** The pages a clerk or the 党工委 uses most, by the name of their screenshots; the preview's path is filled in. */
    static List<String[]> mainPages(String previewPath, String campaignPath) {
        return List.of(
                new String[]{"overview", "/"},
                new String[]{"township", "/townships/" + LUOXIONG},
                new String[]{"ledger", "/blank-spots"},
                new String[]{"upload", "/surveys"},
                new String[]{"preview", previewPath},
                new String[]{"phone-form", "/surveys/form"},
                new String[]{"campaigns", "/surveys/campaigns"},
                new String[]{"campaign", campaignPath},
                new String[]{"goals", "/goals"},
                new String[]{"annual", "/annual"},
                new String[]{"instructors", "/instructors"},
                new String[]{"timetable", "/plans/timetable"});
    }

    @Test
    void mainPagesHaveNoSeriousOrCriticalAccessibilityViolations() throws IOException {
        Registry.clear(dataSource);
        createFixture();
        addGoal();
        // axe-core is injected as a script of its own: the page's CSP (script-src 'self') would refuse it.
        BrowserContext axeContext = browser.newContext(new Browser.NewContextOptions().setLocale("zh-CN")
                .setViewportSize(1366, 900).setBypassCSP(true));
        extraContexts.add(axeContext);
        axeContext.setDefaultTimeout(15_000);
        page = axeContext.newPage();
        page.onPageError(pageErrors::add);
        signIn();
        String preview = uploadSurvey();

        // each page on a desktop's screen and on a phone's, where tables are cards and the menu is folded
        List<String> violations = new ArrayList<>();
        for (String[] p : mainPages(preview, campaignBoard())) {
            page.setViewportSize(1366, 900);
            Response response = page.navigate(url(p[1]));
            assertEquals(200, response.status(), "GET " + p[1]);
            violations.addAll(axe(p[1]));
            page.setViewportSize(390, 844);
            violations.addAll(axe(p[1] + " at 390 px"));
        }
        page.setViewportSize(1366, 900);
        // The organization form as it comes back with a field error.
        page.navigate(url("/organizations/new?township=" + LUOXIONG));
        page.locator("#f-name").fill("  ");
        page.locator("#f-kind").selectOption("ENTERPRISE");
        page.locator("#f-headcount").fill("12");
        page.locator("#f-formalMembers").fill("1");
        page.locator("form.edit button[type=submit]").click();
        page.locator("[data-error=name]").waitFor();
        assertEquals("true", page.locator("#f-name").getAttribute("aria-invalid"), "the invalid name is marked");
        violations.addAll(axe("/organizations (name missing)"));
        page.setViewportSize(390, 844);
        violations.addAll(axe("/organizations (name missing) at 390 px"));

        assertTrue(violations.isEmpty(), "serious or critical axe-core violations:\n" + String.join("\n", violations));
        assertTrue(pageErrors.isEmpty(), "script errors on the pages: " + pageErrors);
    }

    /** axe-core's serious and critical violations on the page shown, one line each: rule, impact, first nodes. */
    @SuppressWarnings("unchecked")
    List<String> axe(String where) {
        if (Boolean.FALSE.equals(page.evaluate("() => typeof axe !== 'undefined'"))) {
            page.addScriptTag(new Page.AddScriptTagOptions().setPath(axeScript()));
        }
        Object result = page.evaluate("""
                async () => {
                  const r = await axe.run(document, { resultTypes: ['violations'] });
                  return r.violations.filter(v => v.impact === 'serious' || v.impact === 'critical')
                      .map(v => v.id + ' (' + v.impact + '): ' + v.help + ' — '
                          + v.nodes.slice(0, 3).map(n => n.target.join(' ')).join(' | ')
                          + (v.nodes.length > 3 ? ' … ' + v.nodes.length + ' nodes' : ''));
                }""");
        List<String> out = new ArrayList<>();
        for (Object line : (List<Object>) result) {
            out.add(where + ": " + line);
        }
        return out;
    }

    @Test
    void mainPagesFitAPhoneScreen() throws IOException {
        Registry.clear(dataSource);
        createFixture();
        // a township with more than its page shows: its lists fold after their first lines
        for (int i = 0; i < 30; i++) {
            Registry.createOrg(String.format("罗雄街道第%02d号小店", i), LUOXIONG, 3 + i, 0);
        }
        addGoal();
        // a 五个好 goal for this year, with nothing rated yet: its chart has a note under it
        given().contentType("application/json").body(Map.of("year", java.time.LocalDate.now(cn.liangxin.time.Days.ZONE).getYear(),
                "metric", "FIVE_GOOD", "target", 0.8, "scope", "COUNTY")).post("/api/goals").then()
                .statusCode(org.hamcrest.Matchers.anyOf(org.hamcrest.Matchers.is(201), org.hamcrest.Matchers.is(409)));
        signIn();
        String preview = uploadSurvey();
        Files.createDirectories(SCREENSHOTS);

        List<String> problems = new ArrayList<>();
        for (String[] p : mainPages(preview, campaignBoard())) {
            String name = p[0];
            page.setViewportSize(390, 844);
            page.navigate(url(p[1]));
            Map<String, Object> m = layout();
            System.out.println("BrowserTest: " + name + " at 390 px: " + m.get("height") + " px tall, header "
                    + m.get("header") + " px");
            if (((Number) m.get("scrollWidth")).intValue() > ((Number) m.get("clientWidth")).intValue()) {
                problems.add(name + ": scrolls sideways, " + m.get("scrollWidth") + " px wide in " + m.get("clientWidth"));
            }
            int screens = name.equals("township") ? 8 : 40;
            if (((Number) m.get("height")).intValue() > screens * 844) {
                problems.add(name + ": " + m.get("height") + " px tall, more than " + screens + " screens of 844 px");
            }
            if (((Number) m.get("header")).doubleValue() > 60) {
                problems.add(name + ": the header with the closed menu is " + m.get("header") + " px tall");
            }
            for (Object t : (List<?>) m.get("smallTargets")) {
                problems.add(name + ": less than 44 px tall: " + t);
            }
            for (Object c : (List<?>) m.get("narrowCells")) {
                problems.add(name + ": narrower than 4 characters: " + c);
            }
            // on a phone the township page links to its charts on the goals page instead of repeating them
            if (name.equals("township") && (!page.locator("#charts-link a").isVisible() || page.locator("#charts").isVisible())) {
                problems.add(name + ": at 390 px the charts should be a link to the goals page, not drawn here");
            }
            // the charts' texts as drawn: at least 12 px, and inside their figure
            if (List.of("overview", "goals").contains(name)) {
                Map<String, Object> c = charts();
                System.out.println("BrowserTest: " + name + " charts at 390 px: " + c.get("count") + ", smallest text "
                        + c.get("smallest") + " px (" + c.get("which") + ")");
                if (((Number) c.get("count")).intValue() == 0) {
                    problems.add(name + ": no chart");
                } else if (((Number) c.get("smallest")).doubleValue() < 12) {
                    problems.add(name + ": chart text " + c.get("which") + " is " + c.get("smallest") + " px");
                }
                for (Object o : (List<?>) c.get("outside")) {
                    problems.add(name + ": chart text outside its figure: " + o);
                }
            }
            page.screenshot(new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve(name + "-390.png")).setFullPage(true));
            page.setViewportSize(1366, 900);
            page.screenshot(new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve(name + "-1366.png")).setFullPage(true));
        }

        // The menu on a phone: closed, one line with the brand; open, every section a finger can hit; the
        // current section marked.
        page.setViewportSize(390, 844);
        page.navigate(url("/goals"));
        Locator menuLinks = page.locator("header.bar nav a:visible");
        assertEquals(0, menuLinks.count(), "the menu's links are hidden until the menu is opened");
        page.locator("header.bar summary").click();
        assertTrue(menuLinks.count() >= 7, "the open menu shows the sections: " + menuLinks.count());
        for (Locator a : menuLinks.all()) {
            double h = a.boundingBox().height;
            if (h < 44) {
                problems.add("open menu: " + a.innerText() + " is " + h + " px tall");
            }
        }
        assertEquals("/goals", page.locator("header.bar nav a[aria-current=page]:visible").getAttribute("href"));
        page.screenshot(new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve("goals-390-menu.png")));
        page.keyboard().press("Escape");
        assertEquals(0, menuLinks.count(), "Escape closes the menu");
        assertEquals("SUMMARY", page.evaluate("() => document.activeElement.tagName"), "and the focus is back on its button");

        // The skip link comes first and leads to the page's content.
        page.navigate(url("/"));
        page.keyboard().press("Tab");
        assertEquals("跳到正文", page.evaluate("() => document.activeElement.textContent.trim()"));
        page.keyboard().press("Enter");
        // The fragment reaches page.url() by an event of its own: wait for it rather than read it at once.
        page.waitForURL(u -> u.endsWith("#main"), new Page.WaitForURLOptions().setTimeout(5_000));

        // On a desktop the sections are there without a menu.
        page.setViewportSize(1366, 900);
        page.navigate(url("/goals"));
        assertEquals(0, page.locator("header.bar summary:visible").count(), "no menu button on a desktop");
        assertTrue(page.locator("header.bar nav a:visible").count() >= 7, "the sections show on a desktop");
        assertEquals("/goals", page.locator("header.bar nav a[aria-current=page]:visible").getAttribute("href"));

        assertTrue(problems.isEmpty(), "layout at 390 px:\n" + String.join("\n", problems));
        assertTrue(pageErrors.isEmpty(), "script errors on the pages: " + pageErrors);
    }

    /**
     * The print pages stay tables on a phone, as on paper: no row turned into a card, the header row
     * shown, and the table scrolling sideways inside its frame rather than widening the page; the ledger
     * page (not a print page) still shows its rows as cards.
     */
    @Test
    void printPagesStayTablesOnAPhone() throws IOException {
        Registry.clear(dataSource);
        createFixture();
        signIn();
        Files.createDirectories(SCREENSHOTS);
        page.setViewportSize(390, 844);
        for (String[] p : List.of(new String[]{"print-coverage", "/print/coverage"},
                new String[]{"print-blank-spots", "/print/blank-spots"})) {
            page.navigate(url(p[1]));
            @SuppressWarnings("unchecked")
            Map<String, Object> m = (Map<String, Object>) page.evaluate("""
                    () => {
                      const t = document.querySelector('main table');
                      const frame = t.parentElement;
                      const rows = [...t.querySelectorAll('tbody tr')];
                      return { table: getComputedStyle(t).display, head: getComputedStyle(t.tHead).display,
                          rows: rows.length, rowDisplays: [...new Set(rows.map(r => getComputedStyle(r).display))],
                          cell: getComputedStyle(t.querySelector('tbody td')).display,
                          frame: getComputedStyle(frame).overflowX,
                          scrollWidth: document.documentElement.scrollWidth, clientWidth: document.documentElement.clientWidth };
                    }""");
            assertEquals("table", m.get("table"), p[1]);
            assertEquals("table-header-group", m.get("head"), p[1] + ": the header row is shown");
            assertTrue(((Number) m.get("rows")).intValue() >= 2, p[1] + ": " + m);
            assertEquals(List.of("table-row"), m.get("rowDisplays"), p[1] + ": rows, not cards");
            assertEquals("table-cell", m.get("cell"), p[1]);
            assertEquals("auto", m.get("frame"), p[1] + ": the table scrolls sideways in its frame");
            assertTrue(((Number) m.get("scrollWidth")).intValue() <= ((Number) m.get("clientWidth")).intValue(),
                    p[1] + ": the page itself no wider than the screen, " + m);
            page.screenshot(new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve(p[0] + "-390.png")).setFullPage(true));
        }
        page.navigate(url("/blank-spots"));
        assertEquals("flex", page.evaluate("() => getComputedStyle(document.querySelector('main table tbody tr')).display"),
                "the ledger page shows its rows as cards");
        assertTrue(pageErrors.isEmpty(), "script errors on the pages: " + pageErrors);
    }

    /**
     * The page's width, height and header height, the controls shorter than 44 px a finger has to hit,
     * and the table cells with text narrower than four characters of their font (or their labels, when
     * squeezed so narrow that they wrap).
     */
    @SuppressWarnings("unchecked")
    Map<String, Object> layout() {
        return (Map<String, Object>) page.evaluate("""
                () => {
                  const de = document.documentElement;
                  const shown = el => { const r = el.getBoundingClientRect(); return r.width > 0 && r.height > 0
                      && getComputedStyle(el).visibility !== 'hidden'; };
                  const name = el => el.tagName.toLowerCase() + (el.id ? '#' + el.id : '')
                      + ' "' + (el.innerText || el.value || el.getAttribute('aria-label') || '').trim().slice(0, 16) + '"';
                  const header = document.querySelector('header.bar');
                  const targets = [...document.querySelectorAll('header.bar a, header.bar button, header.bar summary, '
                      + 'main button, main select, main textarea, main summary, main .actions a, main .pager a, '
                      + 'main input:not([type=hidden]):not([type=checkbox]):not([type=radio])')]
                      .filter(shown).filter(el => el.getBoundingClientRect().height < 44)
                      .map(el => name(el) + ' ' + Math.round(el.getBoundingClientRect().height) + ' px');
                  const cells = [...document.querySelectorAll('main td, main th')]
                      .filter(shown).filter(c => c.innerText.trim() !== '')
                      .flatMap(c => {
                        const s = getComputedStyle(c);
                        const font = parseFloat(s.fontSize);
                        const content = c.clientWidth - parseFloat(s.paddingLeft) - parseFloat(s.paddingRight);
                        const label = getComputedStyle(c, '::before');
                        const labelShown = label.content && label.content !== 'none' && label.content !== 'normal'
                            && label.content !== '""';
                        const out = [];
                        if (content < 4 * font) out.push(name(c) + ' ' + Math.round(content) + ' px');
                        // a short label may be narrow; one squeezed onto several lines may not
                        if (labelShown && parseFloat(label.width) < 4 * font && parseFloat(label.height) > 1.9 * font) {
                          out.push(name(c) + ' label ' + label.content + ' ' + Math.round(parseFloat(label.width)) + ' px');
                        }
                        return out;
                      });
                  return { scrollWidth: de.scrollWidth, clientWidth: de.clientWidth, height: de.scrollHeight,
                      header: header ? Math.round(header.getBoundingClientRect().height) : 0,
                      smallTargets: targets, narrowCells: cells };
                }""");
    }

    /**
     * The texts of the page's charts as drawn: how many charts, the smallest text's height in pixels
     * (its font size times the figure's drawn width over its viewBox's) and which it is, and the texts
     * that reach past their figure's edge.
     */
    @SuppressWarnings("unchecked")
    Map<String, Object> charts() {
        return (Map<String, Object>) page.evaluate("""
                () => {
                  const svgs = [...document.querySelectorAll('main svg.chart')];
                  let smallest = 1000, which = '';
                  const outside = [];
                  for (const svg of svgs) {
                    const vb = svg.viewBox.baseVal;
                    const k = svg.getBoundingClientRect().width / vb.width;
                    for (const t of svg.querySelectorAll('text')) {
                      const px = parseFloat(getComputedStyle(t).fontSize) * k;
                      if (px < smallest) { smallest = Math.round(px * 10) / 10; which = t.textContent; }
                      const b = t.getBBox();
                      if (b.x < -0.5 || b.x + b.width > vb.width + 0.5) outside.push(t.textContent);
                    }
                  }
                  return { count: svgs.length, smallest: smallest, which: which, outside: outside };
                }""");
    }

    /**
     * The clerk's survey at a phone's width: she finds her organization past the first page of
     * matches (更多), the form belongs to the campaign under way unless she says otherwise, and after
     * 确认提交 the page says what was written and the campaign board counts it.
     */
    @Test
    void theSurveyJourneyOnAPhoneFindsCountsAndSaysWhatWasDone() {
        Registry.clear(dataSource);
        try (var c = dataSource.getConnection(); var s = c.createStatement()) {
            s.execute("delete from survey_import; delete from survey_campaign");
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
        for (int i = 0; i < 25; i++) {
            Registry.createOrg(String.format("罗平县手机摸底%02d商店", i), LUOXIONG, 3, 0, "kind", "INDIVIDUAL_BUSINESS");
        }
        long campaign = given().contentType("application/json").body(Map.of("name", "年底摸底",
                        "deadline", java.time.LocalDate.now(cn.liangxin.time.Days.ZONE).plusDays(5).toString()))
                .post("/api/surveys/campaigns").then().statusCode(201).extract().jsonPath().getLong("id");
        signIn();
        page.setViewportSize(390, 844);
        page.navigate(url("/surveys/form"));
        page.locator("#f-q").fill("罗平县手机摸底");
        page.locator("#find-form button[type=submit]").click();
        assertEquals(20, page.locator("#found li a").count());
        page.locator("#found-more").click();
        page.locator("#found li a", new Page.LocatorOptions().setHasText("罗平县手机摸底24商店")).click();
        assertEquals(String.valueOf(campaign), page.locator("#f-campaignId").inputValue(), "the campaign under way");
        page.locator("#f-headcount").fill("4");
        page.locator("#survey-form button[type=submit]").click();
        page.waitForURL(u -> u.contains("/surveys/imports/"));
        Map<String, Object> m = layout();
        assertTrue(((Number) m.get("scrollWidth")).intValue() <= ((Number) m.get("clientWidth")).intValue(),
                "the preview fits the phone");
        page.locator("#commit-form button[type=submit]").click();
        page.waitForURL(u -> u.contains("/surveys/imports/"));
        String done = page.locator("#committed").innerText();
        assertTrue(done.contains("1 行已写入") && done.contains("0 行未写入"), done);
        page.navigate(url("/surveys/campaigns/" + campaign));
        assertEquals("1", page.locator("#campaign-progress tr[data-township='" + LUOXIONG + "'] td[data-col=surveyedOrganizations]")
                .innerText().strip());
        assertTrue(pageErrors.isEmpty(), pageErrors.toString());
    }

    /**
     * The phone form without a connection: once the service worker is active and her lookup data is
     * on the phone, the form opens offline, finds and pre-fills from the copy, and keeps what she
     * saves in its outbox across a reload; back online the outbox goes to one pending preview that
     * holds exactly those entries, and sending the same entries again changes nothing.
     */
    @Test
    void thePhoneFormWorksOfflineAndSendsItsOutboxOnceBackOnline() throws IOException {
        Registry.clear(dataSource);
        try (var c = dataSource.getConnection(); var s = c.createStatement()) {
            s.execute("delete from survey_import; delete from survey_campaign");
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
        long known = Registry.createOrg("罗平县离线核对五金厂", LUOXIONG, 20, 1);
        signIn();
        page.setViewportSize(390, 844);
        page.navigate(url("/surveys/form"));
        page.locator("#offline[data-worker=ready][data-copy=ready]").waitFor();
        assertEquals("待上传 0 条", page.locator("#outbox-title").innerText().strip());
        assertEquals("/surveys/form standalone zh-CN 2", page.evaluate("() => fetch(document.querySelector('link[rel=manifest]').href)"
                + ".then(r => r.json()).then(m => [m.start_url, m.display, m.lang, m.icons.length].join(' '))"), "the app's manifest");

        context.setOffline(true);
        page.reload();
        page.locator("#offline[data-online=false]").waitFor();
        assertTrue(page.locator("#offline-status").innerText().contains("没有网络"), page.locator("#offline-status").innerText());
        assertEquals(Boolean.FALSE, page.evaluate("() => fetch('/api/surveys/offline-data').then(() => true, () => false)"),
                "the context is offline: only the service worker's copy answers");

        // one organization found in the copy on the phone and pre-filled from it
        page.locator("#f-q").fill("离线核对");
        page.locator("#find-form button[type=submit]").click();
        page.locator("#offline-found button", new Page.LocatorOptions().setHasText("罗平县离线核对五金厂")).click();
        assertEquals("20", page.locator("#f-headcount").inputValue(), "pre-filled from the copy");
        page.locator("#f-headcount").fill("26");
        page.locator("#survey-form button[type=submit]").click();
        page.locator("#offline[data-count='1']").waitFor();
        // and two new ones
        String[][] fresh = {{"罗平县离线新建合作社", "农民专业合作社", "12", "3"}, {"罗平县离线新开商店", "个体工商户", "3", "0"}};
        for (int i = 0; i < fresh.length; i++) {
            page.locator("#f-name").fill(fresh[i][0]);
            page.locator("#f-kind").selectOption(fresh[i][1]);
            page.locator("#f-headcount").fill(fresh[i][2]);
            page.locator("#f-formalMembers").fill(fresh[i][3]);
            page.locator("#survey-form button[type=submit]").click();
            page.locator("#offline[data-count='" + (i + 2) + "']").waitFor();
        }

        page.reload();
        page.locator("#offline[data-count='3']").waitFor();
        assertEquals("待上传 3 条", page.locator("#outbox-title").innerText().strip());
        assertEquals(List.of("罗平县离线核对五金厂", "罗平县离线新建合作社", "罗平县离线新开商店"),
                page.locator("#outbox-list li").allInnerTexts(), "the outbox after a reload");
        Files.createDirectories(SCREENSHOTS);
        page.screenshot(new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve("survey-form-offline-390.png")).setFullPage(true));
        String outbox = (String) page.evaluate("() => new Promise((ok, fail) => { const r = indexedDB.open('liangxin-phone-form');"
                + " r.onsuccess = () => { const q = r.result.transaction('outbox').objectStore('outbox').getAll();"
                + " q.onsuccess = () => ok(JSON.stringify({ entries: q.result.map(e => ({ clientId: e.clientId, registryId: e.registryId,"
                + " registryVersion: e.registryVersion, values: e.values })) })); q.onerror = fail; }; r.onerror = fail; })");

        // back online, and the browser says so: the page sends the outbox by itself on its 'online' event
        // (dispatched here too: not every browser fires it when the network returns; a second is harmless);
        // pressing 上传 as well would race it, the button going away once the outbox is empty
        context.setOffline(false);
        page.evaluate("() => window.dispatchEvent(new Event('online'))");
        page.locator("#outbox-previews a").waitFor();
        assertEquals("待上传 0 条", page.locator("#outbox-title").innerText().strip());
        assertEquals(1, page.locator("#outbox-previews a").count(), "one pending preview");
        String preview = page.locator("#outbox-previews a").getAttribute("href");
        JsonNode pending = getJson("/api" + preview);
        assertEquals("OFFLINE", pending.get("format").asText());
        assertEquals(3, pending.get("summary").get("rows").asInt(), "exactly the three entries: " + pending.get("summary"));
        assertEquals(2, pending.get("summary").get("new").asInt());
        assertEquals(1, pending.get("summary").get("changed").asInt());
        List<String> names = new ArrayList<>();
        pending.get("rows").forEach(r -> names.add(r.get("name").asText()));
        assertEquals(List.of("罗平县离线核对五金厂", "罗平县离线新建合作社", "罗平县离线新开商店"), names);

        page.locator("#outbox-previews a").click();
        page.waitForURL(u -> u.contains(preview));
        page.locator("#commit-form button[type=submit]").click();
        page.waitForURL(u -> u.contains(preview));
        page.locator("#committed").waitFor();
        JsonNode orgs = getJson("/api/organizations?size=50");
        assertEquals(3, orgs.get("total").asInt(), "the registry has them: " + orgs);
        for (JsonNode o : orgs.get("items")) {
            if (o.get("id").asLong() == known) {
                assertEquals(26, o.get("headcount").asInt());
            }
        }

        // the same outbox sent again is answered with its first result and changes nothing
        page.navigate(url("/surveys/form"));
        String again = (String) page.evaluate("body => fetch('/api/surveys/entries', { method: 'POST', headers: {"
                + " 'Content-Type': 'application/json', 'X-CSRF-Token': document.querySelector('input[name=\"csrf-token\"]').value },"
                + " body }).then(r => r.text().then(t => r.status + ' ' + t))", outbox);
        assertTrue(again.startsWith("200 "), again);
        JsonNode repeated = JSON.readTree(again.substring(4));
        assertEquals(3, repeated.get("entries").size());
        repeated.get("entries").forEach(e -> assertTrue(e.get("repeated").asBoolean(), again));
        assertEquals(3, getJson("/api/organizations?size=50").get("total").asInt(), "sending again changes nothing");
        page.screenshot(new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve("survey-form-online-390.png")).setFullPage(true));
        assertTrue(pageErrors.isEmpty(), pageErrors.toString());
    }

    /**
     * The phone's network comes back without the browser saying so (no {@code online} event: it does
     * not come in every browser, nor on a phone whose page was in the background or whose radio came
     * back while the screen was off): the form sends its outbox by itself within 30 s, without 上传
     * being pressed, to a preview that holds the entry, and no longer says it has no network.
     */
    @Test
    void thePhoneFormSendsItsOutboxWhenTheNetworkReturnsWithoutAnOnlineEvent() throws IOException {
        Registry.clear(dataSource);
        try (var c = dataSource.getConnection(); var s = c.createStatement()) {
            s.execute("delete from survey_import; delete from survey_campaign");
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
        // before any script of the page: every 'online' event is stopped before the page's listeners
        context.addInitScript("window.addEventListener('online', function (e) { e.stopImmediatePropagation(); }, true);");
        signIn();
        page.setViewportSize(390, 844);
        page.navigate(url("/surveys/form"));
        page.locator("#offline[data-worker=ready][data-copy=ready]").waitFor();

        context.setOffline(true);
        page.reload();
        page.locator("#offline[data-online=false]").waitFor();
        page.locator("#f-name").fill("罗平县无声联网合作社");
        page.locator("#f-kind").selectOption("农民专业合作社");
        page.locator("#f-headcount").fill("7");
        page.locator("#f-formalMembers").fill("2");
        page.locator("#survey-form button[type=submit]").click();
        page.locator("#offline[data-count='1']").waitFor();
        // where the browser has Background Sync (Chromium does), the saved entry asked for it
        assertEquals("send-outbox", page.evaluate("async () => { if (!('SyncManager' in window)) return 'send-outbox';"
                + " const r = await navigator.serviceWorker.ready; for (let i = 0; i < 50; i++) { const t = await r.sync.getTags();"
                + " if (t.length) return t.join(','); await new Promise(ok => setTimeout(ok, 100)); } return 'none'; }"),
                "the Background Sync tag");
        // a while offline: the page's tries fail, and it waits longer between them
        page.waitForTimeout(7_000);
        assertEquals("待上传 1 条", page.locator("#outbox-title").innerText().strip(), "nothing sent offline");

        // a listener of the page's own: it must hear no 'online' event, or the case is not the one meant
        page.evaluate("() => { window.onlineHeard = 0; window.addEventListener('online', () => { window.onlineHeard++; }); }");
        long back = System.nanoTime();
        context.setOffline(false);
        page.locator("#outbox-previews a").waitFor(new Locator.WaitForOptions().setTimeout(30_000));
        long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - back);
        System.out.println("BrowserTest: the outbox was sent " + TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - back)
                + " ms after the network returned, without an 'online' event");
        assertEquals(0, ((Number) page.evaluate("() => window.onlineHeard")).intValue(), "no 'online' event reached the page");
        assertTrue(seconds <= 30, "sent " + seconds + " s after the network returned");
        assertEquals("待上传 0 条", page.locator("#outbox-title").innerText().strip());
        assertEquals("true", page.locator("#offline").getAttribute("data-online"));
        assertTrue(!page.locator("#offline-status").innerText().contains("没有网络"), page.locator("#offline-status").innerText());
        assertEquals(1, page.locator("#outbox-previews a").count(), "one pending preview");
        JsonNode pending = getJson("/api" + page.locator("#outbox-previews a").getAttribute("href"));
        assertEquals("OFFLINE", pending.get("format").asText());
        assertEquals(1, pending.get("summary").get("rows").asInt(), "exactly the entry: " + pending.get("summary"));
        assertEquals("罗平县无声联网合作社", pending.get("rows").get(0).get("name").asText());
        assertEquals("NEW", pending.get("rows").get(0).get("status").asText(), pending.get("rows").get(0).toString());
        assertEquals(0, pending.get("rows").get(0).get("errors").size(), pending.get("rows").get(0).toString());
        assertTrue(pageErrors.isEmpty(), pageErrors.toString());
    }

    /**
     * An outbox sent after the sign-in expired stays on the phone, and the page asks her to sign in
     * again; once she has, opening the form sends it.
     */
    @Test
    void anExpiredSignInKeepsTheOutboxUntilSheSignsInAgain() {
        Registry.clear(dataSource);
        signIn();
        page.setViewportSize(390, 844);
        page.navigate(url("/surveys/form"));
        page.locator("#offline[data-worker=ready][data-copy=ready]").waitFor();
        context.setOffline(true);
        page.reload();
        page.locator("#offline[data-online=false]").waitFor();
        page.locator("#f-name").fill("罗平县过期登录合作社");
        page.locator("#f-kind").selectOption("农民专业合作社");
        page.locator("#f-headcount").fill("9");
        page.locator("#f-formalMembers").fill("1");
        page.locator("#survey-form button[type=submit]").click();
        page.locator("#offline[data-count='1']").waitFor();

        // the session ends while she is away; back online she sends
        context.clearCookies(new BrowserContext.ClearCookiesOptions().setName("liangxin-session"));
        context.setOffline(false);
        page.locator("#outbox-send").click();
        page.locator("#outbox-message a[href='/login']").waitFor();
        assertTrue(page.locator("#outbox-message").innerText().contains("重新登录"), page.locator("#outbox-message").innerText());
        assertEquals("待上传 1 条", page.locator("#outbox-title").innerText().strip(), "the outbox is kept");

        signIn();
        page.navigate(url("/surveys/form"));
        page.locator("#outbox-previews a").waitFor();
        assertEquals("待上传 0 条", page.locator("#outbox-title").innerText().strip());
        JsonNode pending;
        try {
            pending = getJson("/api" + page.locator("#outbox-previews a").getAttribute("href"));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        assertEquals(1, pending.get("summary").get("rows").asInt());
        assertEquals("罗平县过期登录合作社", pending.get("rows").get(0).get("name").asText());
        assertTrue(pageErrors.isEmpty(), pageErrors.toString());
    }

    /**
     * Deadline morning on a queue of one check ({@link OneLoginCheck}): a real sign-in from another
     * client takes the queue's one place and is held there (its account's row locked by the test, so
     * its check waits on the database for as long as the test wants, inside its place). The clerk's
     * page, turned away with 429, says 排队中 and the wait, keeps her name and password, and once the
     * place is free signs her in by itself and takes her where she was going. Without script, the
     * service's own page says 排队中 and keeps her name.
     */
    @Test
    void aSignInTurnedAwayByAFullQueueWaitsItsTurnAndSignsInByItself() throws Exception {
        String clerk = "queue-clerk", clerkPassword = "queue-clerk-password-1", holder = "queue-holder";
        for (String name : List.of(clerk, holder)) {
            given().contentType("application/json").body(Map.of("username", name, "password", clerkPassword,
                    "roles", List.of("TOWNSHIP_STAFF"), "townships", List.of(LUOXIONG))).post("/api/users")
                    .then().statusCode(org.hamcrest.Matchers.oneOf(201, 409));
        }
        List<String> cspViolations = new ArrayList<>();
        page.onConsoleMessage(m -> {
            if (m.text().contains("Content Security Policy")) {
                cspViolations.add(m.text());
            }
        });
        java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
        java.util.concurrent.CompletableFuture<java.net.http.HttpResponse<String>> held;
        try (java.sql.Connection lock = dataSource.getConnection()) {
            lock.setAutoCommit(false);
            try (var s = lock.prepareStatement("select id from app_user where username = ? for update")) {
                s.setString(1, holder);
                assertTrue(s.executeQuery().next(), "the holder's account");
            }
            // the holder signs in (a wrong password: never remembered, always checked); its check waits on the row
            held = http.sendAsync(java.net.http.HttpRequest.newBuilder(java.net.URI.create(url("/api/divisions/townships")))
                    .header("Authorization", "Basic " + java.util.Base64.getEncoder().encodeToString(
                            (holder + ":not-the-password").getBytes(StandardCharsets.UTF_8))).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString());
            long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
            while (waitingOnLocks() == 0) {
                assertTrue(System.nanoTime() < until, "the holder's check never reached its account's row");
                Thread.sleep(20);
            }

            String next = "/townships/" + LUOXIONG;
            page.navigate(url("/login?next=" + java.net.URLEncoder.encode(next, StandardCharsets.UTF_8)));
            page.locator("#j_username").fill(clerk);
            page.locator("#j_password").fill(clerkPassword);
            page.locator("button[type=submit]").click();
            Locator queued = page.locator("#login-queued");
            queued.locator("strong").filter(new Locator.FilterOptions().setHasText("排队中")).waitFor();
            assertTrue(queued.innerText().matches("(?s).*\\d+ 秒.*"), "the expected wait: " + queued.innerText());
            assertEquals(clerk, page.locator("#j_username").inputValue(), "the name she typed, kept while queued");
            assertEquals(clerkPassword, page.locator("#j_password").inputValue(), "the password she typed, kept while queued");
            assertTrue(page.url().startsWith(url("/login")), "still on the login page while queued: " + page.url());
            Files.createDirectories(SCREENSHOTS);
            page.setViewportSize(390, 844);
            page.screenshot(new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve("login-queued-390.png")));
            page.setViewportSize(1366, 768);
            page.screenshot(new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve("login-queued-1366.png")));

            // without script: the form posts, the service's page says the same and keeps the name
            BrowserContext plain = browser.newContext(new Browser.NewContextOptions().setLocale("zh-CN").setJavaScriptEnabled(false));
            extraContexts.add(plain);
            Page noScript = plain.newPage();
            noScript.navigate(url("/login"));
            noScript.locator("#j_username").fill(clerk);
            noScript.locator("#j_password").fill(clerkPassword);
            Response turnedAway = noScript.waitForNavigation(() -> noScript.locator("button[type=submit]").click());
            assertEquals(429, turnedAway.status(), "a sign-in beyond the queue, without script");
            int wait = Integer.parseInt(turnedAway.headerValue("retry-after"));
            assertTrue(wait >= 1 && wait <= 120, "Retry-After " + wait);
            String said = noScript.locator("#login-queued").innerText();
            assertTrue(said.contains("排队中") && said.contains(wait + " 秒"), "the service's queued page: " + said);
            assertEquals(clerk, noScript.locator("#j_username").inputValue(), "the name kept by the service's page");
            assertEquals("", noScript.locator("#j_password").inputValue(), "no password written back into a page");
            assertTrue(page.url().startsWith(url("/login")), "the queued page waits while the queue is full: " + page.url());

            lock.rollback();
        }
        assertEquals(401, held.get(30, TimeUnit.SECONDS).statusCode(), "the holder's wrong password, checked once its row was free");
        // her turn: the page sends the form again by itself and follows the way back
        page.waitForURL(url("/townships/" + LUOXIONG), new Page.WaitForURLOptions().setTimeout(30_000));
        assertEquals(0, page.locator("#j_password").count(), "signed in, on her township's page");
        assertTrue(page.locator("h1").first().innerText().length() > 0);
        assertTrue(pageErrors.isEmpty(), pageErrors.toString());
        assertTrue(cspViolations.isEmpty(), cspViolations.toString());
    }

    /**
     * Sign-ins of this database whose count of attempts waits for a lock another holds (an account's
     * row): on this server, or on a Citus cluster wherever the row's copy is (Citus' view of the waits).
     */
    long waitingOnLocks() throws java.sql.SQLException {
        try (var c = dataSource.getConnection(); var s = c.createStatement()) {
            String sql = "select count(*) from pg_stat_activity where wait_event_type = 'Lock' and datname = current_database()"
                    + " and query like '%failed_logins%'";
            if (cn.liangxin.database.Distribution.citus(c)) {
                sql = "select (" + sql + ") + (select count(*) from citus_lock_waits where blocked_statement like '%failed_logins%')";
            }
            try (var r = s.executeQuery(sql)) {
                r.next();
                return r.getLong(1);
            }
        }
    }

    void signIn() {
        page.navigate(url("/login"));
        page.locator("#j_username").fill(SignedIn.ADMIN);
        page.locator("#j_password").fill(SignedIn.ADMIN_PASSWORD);
        page.locator("button[type=submit]").click();
        page.waitForURL(url("/"));
    }

    /** This year's county coverage goal (kept by Registry.clear: a second call finds it there). */
    static void addGoal() {
        given().contentType("application/json").body(Map.of("year", java.time.LocalDate.now(cn.liangxin.time.Days.ZONE).getYear(),
                "metric", "COVERAGE", "target", 0.5, "scope", "COUNTY")).post("/api/goals").then()
                .statusCode(org.hamcrest.Matchers.anyOf(org.hamcrest.Matchers.is(201), org.hamcrest.Matchers.is(409)));
    }

    /** Uploads a survey of one good row and one with a mistake through the upload page; the preview's path. */
    /** A 摸底 campaign of two townships: its board, where the 党工委 changes or closes it. */
    String campaignBoard() {
        long id = given().contentType("application/json").body(Map.of("name", "浏览器检查摸底",
                        "deadline", java.time.LocalDate.now(cn.liangxin.time.Days.ZONE).plusDays(20).toString(),
                        "townships", List.of(LUOXIONG, JIULONG)))
                .post("/api/surveys/campaigns").then().statusCode(201).extract().jsonPath().getLong("id");
        return "/surveys/campaigns/" + id;
    }

    String uploadSurvey() throws IOException {
        Path survey = Files.createTempFile("survey", ".csv");
        String rows = "\uFEFF" + cn.liangxin.survey.SurveyImportTest.HEADER + "\r\n"
                + "罗平县手机检查有限公司,,企业,罗雄街道,,,,C,否,正常,33,3,,,,否,支持,有,未建立,,,,,,,\r\n"
                + "罗平县人数写错有限公司,,企业,罗雄街道,,,,C,否,正常,许多,1,,,,否,,无,未建立,,,,,,,\r\n";
        Files.writeString(survey, rows, StandardCharsets.UTF_8);
        page.navigate(url("/surveys"));
        page.locator("#f-file").setInputFiles(survey);
        page.locator("form.edit button[type=submit]").click();
        page.waitForURL(u -> u.contains("/surveys/imports/"));
        return java.net.URI.create(page.url()).getPath();
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
        String axe = axeVersion();
        String install = "npm install --prefix " + cliDir().getParent() + " package@npm:playwright-core@" + version
                + " axe-core@" + axe;
        String missing = missingPackages(version, axe);
        if (missing == null) {
            return null;
        }
        Path npm = npm(node);
        if (npm == null) {
            return missing + ", and no npm next to " + node + " or on the PATH to install it; run: " + install;
        }
        System.out.println("BrowserTest: " + missing + "; installing: " + install);
        String failed = runNpm(npm, node, version, axe);
        if (failed != null) {
            return failed + "; run: " + install;
        }
        missing = missingPackages(version, axe);
        return missing == null ? null : missing + " after npm install; run: " + install;
    }

    /** What of the two npm packages is missing or of another version, or null. */
    static String missingPackages(String version, String axe) throws IOException {
        Path cli = cliDir().resolve("package").resolve("cli.js");
        if (!Files.isRegularFile(cli)) {
            return "no Playwright driver at " + cli;
        }
        String driverVersion = packageVersion(cliDir().resolve("package").resolve("package.json"));
        if (!version.equals(driverVersion)) {
            return "the Playwright driver at " + cli + " is version " + driverVersion + " but the Java client is " + version;
        }
        if (!Files.isRegularFile(axeScript())) {
            return "no axe-core at " + axeScript();
        }
        String installedAxe = packageVersion(cliDir().resolve("axe-core").resolve("package.json"));
        if (!axe.equals(installedAxe)) {
            return "axe-core at " + axeScript() + " is version " + installedAxe + " but pom.xml asks for " + axe;
        }
        return null;
    }

    /** npm beside node, else the first on the PATH; null when there is none. */
    static Path npm(Path node) {
        Path beside = node.resolveSibling("npm");
        if (Files.isExecutable(beside)) {
            return beside;
        }
        String path = System.getenv("PATH");
        if (path != null) {
            for (String dir : path.split(java.io.File.pathSeparator)) {
                Path candidate = Path.of(dir, "npm");
                if (!dir.isBlank() && Files.isExecutable(candidate)) {
                    return candidate;
                }
            }
        }
        return null;
    }

    /** Installs both packages in one go (npm drops what a later --no-save install does not name); why not, or null. */
    static String runNpm(Path npm, Path node, String version, String axe) {
        try {
            Path prefix = cliDir().getParent();
            Files.createDirectories(prefix);
            Path log = prefix.resolve("npm-install.log");
            ProcessBuilder pb = new ProcessBuilder(npm.toString(), "install", "--prefix", prefix.toString(),
                    "--no-save", "--no-package-lock", "--no-audit", "--no-fund", "--loglevel=error",
                    "package@npm:playwright-core@" + version, "axe-core@" + axe)
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
            // npm's own script starts with "#!/usr/bin/env node": the node found above comes first.
            pb.environment().merge("PATH", node.getParent().toString(), (old, dir) -> dir + java.io.File.pathSeparator + old);
            Process p = pb.start();
            if (!p.waitFor(10, TimeUnit.MINUTES)) {
                p.destroyForcibly();
                return "npm install took more than 10 minutes (output in " + log + ")";
            }
            if (p.exitValue() != 0) {
                return "npm install failed (exit " + p.exitValue() + "): " + Files.readString(log).strip();
            }
            return null;
        } catch (IOException e) {
            return "npm install could not run: " + e.getMessage();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "npm install was interrupted";
        }
    }

    static Path axeScript() {
        return cliDir().resolve("axe-core").resolve("axe.min.js");
    }

    /** The axe-core version pom.xml names ({@code <axe-core.version>}). */
    static String axeVersion() throws IOException {
        Matcher m = Pattern.compile("<axe-core\\.version>([^<]+)</axe-core\\.version>").matcher(Files.readString(Path.of("pom.xml")));
        if (!m.find()) {
            throw new IllegalStateException("no <axe-core.version> in pom.xml");
        }
        return m.group(1).strip();
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
