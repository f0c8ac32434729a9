package cn.liangxin.openrosa;

import cn.liangxin.testsupport.Registry;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.path.xml.XmlPath;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.javarosa.core.model.FormDef;
import org.javarosa.model.xform.XFormSerializingVisitor;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static cn.liangxin.openrosa.OpenRosaTest.PASSWORD;
import static cn.liangxin.openrosa.OpenRosaTest.as;
import static cn.liangxin.openrosa.OpenRosaTest.download;
import static cn.liangxin.openrosa.OpenRosaTest.fill;
import static cn.liangxin.openrosa.OpenRosaTest.odkPreviews;
import static cn.liangxin.openrosa.OpenRosaTest.parse;
import static cn.liangxin.openrosa.OpenRosaTest.submit;
import static cn.liangxin.testsupport.Registry.LUOXIONG;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What a hostile client may send to {@code /openrosa/submission}, and the media file a spreadsheet
 * may open: every refusal is an OpenRosa answer with a Chinese message, a 4xx within 10 s; the
 * service is healthy afterwards and nothing was written. The advertised length is the limit,
 * whether the body says its length or comes in chunks.
 */
@QuarkusTest
class OpenRosaHostileTest {

    static final String CLERK = "odk-hostile" + OpenRosaTest.SUFFIX;
    static final Duration QUICK = Duration.ofSeconds(10);
    /** The longest answer read, in characters: ten times the longest the form asks for (备注, 1,000). */
    static final int MAX_TEXT = 10_000;
    static boolean users;

    @Inject
    AgroalDataSource dataSource;

    @BeforeEach
    void setUp() throws Exception {
        Registry.clear(dataSource);
        try (var c = dataSource.getConnection(); var s = c.createStatement()) {
            s.execute("truncate survey_campaign, survey_import cascade");
        }
        if (!users) {
            given().contentType(ContentType.JSON)
                    .body(Map.of("username", CLERK, "password", PASSWORD, "roles", List.of("TOWNSHIP_STAFF"),
                            "divisions", List.of(LUOXIONG)))
                    .post("/api/users").then().statusCode(201);
            users = true;
        }
    }

    /** A filled form the service takes, {@code inside} written within its root before the answers. */
    static String instance(String id, String inside) {
        return "<data id=\"liangxin-survey-530324\">" + inside + "<name>正常提交公司</name><kind>企业</kind><townshipCode>"
                + LUOXIONG + "</townshipCode><status>正常</status><headcount>3</headcount><formalMembers>0</formalMembers>"
                + "<partyStatus>未建立</partyStatus><meta><instanceID>uuid:" + id + "</instanceID></meta></data>";
    }

    /** The number of stored survey imports of any source: a refused submission adds none. */
    private long imports() throws Exception {
        try (var c = dataSource.getConnection(); var s = c.createStatement();
             var r = s.executeQuery("select count(*) from survey_import")) {
            r.next();
            return r.getLong(1);
        }
    }

    /** The answer was a refusal in OpenRosa's form, quick, with a Chinese message containing {@code says}. */
    private static void refused(int status, long millis, int gotStatus, String body, String says) {
        assertEquals(status, gotStatus, () -> "after " + millis + " ms: " + body);
        assertTrue(millis < QUICK.toMillis(), "answered after " + millis + " ms");
        XmlPath xml = new XmlPath(body);
        assertEquals("error", xml.getString("OpenRosaResponse.message.@nature"), body);
        String message = xml.getString("OpenRosaResponse.message");
        assertTrue(message.codePoints().anyMatch(c -> Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN), message);
        assertTrue(message.contains(says), message);
    }

    /** The service still answers, and still takes a normal submission. */
    private void stillHealthy(String id) {
        given().get("/q/health").then().statusCode(200);
        Response ok = submit(CLERK, instance(id, "").getBytes(StandardCharsets.UTF_8));
        assertEquals(201, ok.statusCode(), ok.asString());
    }

    private void sendsRefused(byte[] xml, int status, String says) throws Exception {
        String before = Registry.dump(dataSource);
        long imports = imports();
        byte[] body = multipart(xml);
        long start = System.nanoTime();
        HttpResponse<String> r = post(body, false);
        long millis = (System.nanoTime() - start) / 1_000_000;
        refused(status, millis, r.statusCode(), r.body(), says);
        assertEquals("1.0", r.headers().firstValue("X-OpenRosa-Version").orElse(null));
        assertEquals(imports, imports(), "a refused submission writes nothing");
        assertEquals(before, Registry.dump(dataSource));
    }

    @Test
    void aFourMillionElementSubmissionIsRefusedQuicklyAndTheServiceStaysHealthy() throws Exception {
        StringBuilder x = new StringBuilder(16_100_000);
        for (int i = 0; i < 4_000_000; i++) {
            x.append("<x/>");
        }
        byte[] xml = instance("four-million-1", x.toString()).getBytes(StandardCharsets.UTF_8);
        assertTrue(xml.length > 16_000_000 && xml.length < 20_971_520, String.valueOf(xml.length));
        sendsRefused(xml, 400, "元素");
        assertTrue(odkPreviews(CLERK).isEmpty());
        stillHealthy("after-elements-1");
    }

    @Test
    void deepNestingAndAnOverlongAnswerAreRefusedNamingWhat() throws Exception {
        int depth = 200_000;
        String deep = "<notes>" + "<a>".repeat(depth) + "深" + "</a>".repeat(depth) + "</notes>";
        sendsRefused(instance("deep-nesting-1", deep).getBytes(StandardCharsets.UTF_8), 400, "层");
        // the answer's bound is the field's, and the message names the question
        String notes = "<notes>" + "长".repeat(MAX_TEXT + 1) + "</notes>";
        sendsRefused(instance("overlong-text-1", notes).getBytes(StandardCharsets.UTF_8), 400, "备注");
        // at the bound it is read, and the form's own length check refuses it, naming the question
        String atBound = "<notes>" + "长".repeat(MAX_TEXT) + "</notes>";
        sendsRefused(instance("at-bound-text-1", atBound).getBytes(StandardCharsets.UTF_8), 400, "备注");
        stillHealthy("after-deep-1");
    }

    @Test
    void entityExpansionAndOutsideEntitiesAreRefused() throws Exception {
        String laughs = "<?xml version=\"1.0\"?><!DOCTYPE data [<!ENTITY a \"哈哈哈哈哈哈哈哈哈哈\">"
                + "<!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\"><!ENTITY c \"&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;\">"
                + "<!ENTITY d \"&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;\"><!ENTITY e \"&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;\">"
                + "<!ENTITY f \"&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;\"><!ENTITY g \"&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;\">"
                + "<!ENTITY h \"&g;&g;&g;&g;&g;&g;&g;&g;&g;&g;\"><!ENTITY i \"&h;&h;&h;&h;&h;&h;&h;&h;&h;&h;\">]>"
                + instance("laughs-0001", "<notes>&i;</notes>");
        sendsRefused(laughs.getBytes(StandardCharsets.UTF_8), 400, "XML");
        String outside = "<?xml version=\"1.0\"?><!DOCTYPE data [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>"
                + instance("outside-0001", "<notes>&x;</notes>");
        sendsRefused(outside.getBytes(StandardCharsets.UTF_8), 400, "XML");
        String parameter = "<?xml version=\"1.0\"?><!DOCTYPE data [<!ENTITY % p SYSTEM \"http://127.0.0.1:1/x.dtd\"> %p;]>"
                + instance("parameter-0001", "");
        sendsRefused(parameter.getBytes(StandardCharsets.UTF_8), 400, "XML");
        assertTrue(odkPreviews(CLERK).isEmpty());
        stillHealthy("after-entities-1");
    }

    // --- the advertised length ---------------------------------------------------------------------

    static final String BOUNDARY = "liangxin-hostile-boundary";

    private static final byte[] HEAD = ("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"xml_submission_file\"; "
            + "filename=\"submission.xml\"\r\nContent-Type: text/xml\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
    private static final byte[] TAIL = ("\r\n--" + BOUNDARY + "--\r\n").getBytes(StandardCharsets.US_ASCII);

    /** A multipart body holding one filled form, as ODK Collect sends it. */
    static byte[] multipart(byte[] xml) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(HEAD.length + xml.length + TAIL.length);
        out.writeBytes(HEAD);
        out.writeBytes(xml);
        out.writeBytes(TAIL);
        return out.toByteArray();
    }

    /** A multipart body of exactly {@code length} bytes holding one filled form (padded with spaces). */
    static byte[] body(String id, int length) {
        String xml = instance(id, "");
        int split = "<data id=\"liangxin-survey-530324\">".length();
        int pad = length - HEAD.length - TAIL.length - xml.getBytes(StandardCharsets.UTF_8).length;
        assertTrue(pad >= 0);
        byte[] body = multipart((xml.substring(0, split) + " ".repeat(pad) + xml.substring(split)).getBytes(StandardCharsets.UTF_8));
        assertEquals(length, body.length);
        return body;
    }

    /** POSTs {@code body} as a clerk's submission: with its Content-Length, or chunked without one. */
    static HttpResponse<String> post(byte[] body, boolean chunked) throws Exception {
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        HttpRequest.BodyPublisher publisher = chunked
                ? HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body))
                : HttpRequest.BodyPublishers.ofByteArray(body);
        HttpRequest request = HttpRequest.newBuilder(URI.create(RestAssured.baseURI + ":" + RestAssured.port + "/openrosa/submission"))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString((CLERK + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8)))
                .header("Content-Type", "multipart/form-data; boundary=" + BOUNDARY)
                .timeout(Duration.ofSeconds(60))
                .POST(publisher).build();
        return client.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    @Test
    void aSubmissionLargerThanAdvertisedIsRefusedWith413WhetherItSaysItsLengthOrNot() throws Exception {
        Response head = as(CLERK).head("/openrosa/submission");
        int advertised = Integer.parseInt(head.getHeader("X-OpenRosa-Accept-Content-Length"));
        assertEquals(20_971_520, advertised);
        for (boolean chunked : new boolean[]{false, true}) {
            String before = Registry.dump(dataSource);
            long imports = imports();
            long start = System.nanoTime();
            HttpResponse<String> r = post(body("oversized-" + chunked, 25 << 20), chunked);
            refused(413, (System.nanoTime() - start) / 1_000_000, r.statusCode(), r.body(), "20 MB");
            assertEquals("1.0", r.headers().firstValue("X-OpenRosa-Version").orElse(null));
            assertEquals(imports, imports(), "chunked=" + chunked);
            assertEquals(before, Registry.dump(dataSource));
            // one byte over is over too
            r = post(body("one-over-" + chunked, advertised + 1), chunked);
            assertEquals(413, r.statusCode(), "chunked=" + chunked + " " + r.body());
            assertEquals(imports, imports());
            // and exactly the advertised length is taken
            r = post(body("exactly-" + chunked, advertised), chunked);
            assertEquals(201, r.statusCode(), "chunked=" + chunked + " " + r.body());
            // into her one open preview
            assertEquals(1, imports());
            assertEquals(1, odkPreviews(CLERK).size());
        }
        stillHealthy("after-oversized-1");
    }

    /** A multipart body holding one filled form as a plain field: no file name, its bytes UTF-8. */
    static byte[] plainField(String xml) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"xml_submission_file\"\r\n"
                + "Content-Type: text/xml\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        out.writeBytes(xml.getBytes(StandardCharsets.UTF_8));
        out.writeBytes(TAIL);
        return out.toByteArray();
    }

    @Test
    void aFormSentAsAPlainFieldWithoutAFileNameIsReadLikeAFile() throws Exception {
        // past the 2 KB the framework keeps in memory for a form field; the length within bounds
        String xml = instance("plain-field-1", "<notes>" + "备".repeat(MAX_TEXT / 10) + "</notes>");
        assertTrue(xml.getBytes(StandardCharsets.UTF_8).length > 2048);
        HttpResponse<String> r = post(plainField(xml), false);
        assertEquals(201, r.statusCode(), r.body());
        assertEquals(1, odkPreviews(CLERK).size());
        // and the bounds hold there too
        String over = instance("plain-field-2", "<notes>" + "备".repeat(MAX_TEXT + 1) + "</notes>");
        r = post(plainField(over), false);
        assertEquals(400, r.statusCode(), r.body());
        assertTrue(new XmlPath(r.body()).getString("OpenRosaResponse.message").contains("备注"), r.body());
        assertEquals(1, odkPreviews(CLERK).size());
    }

    @Test
    void theMediaFileIsInertInASpreadsheetAndTheFormStillFillsAndSendsTheNameAsRegistered() throws Exception {
        String formula = "=HYPERLINK(\"http://evil.example/x\",\"点我\")";
        long hostile = Registry.createOrg(formula, LUOXIONG, 7, 1);
        long plain = Registry.createOrg("-普通五金店", LUOXIONG, 9, 3);
        long normal = Registry.createOrg("诚信五金店", LUOXIONG, 11, 4);
        OpenRosaTest.Downloaded d = download(CLERK);
        String csv = new String(d.csv(), StandardCharsets.UTF_8);
        // no cell of the media file starts a formula: the same inert form as the API's CSV
        for (String line : csv.split("\n")) {
            for (String cell : line.split(",(?=(?:[^\"]*\"[^\"]*\")*[^\"]*$)")) {
                String text = cell.startsWith("\"") ? cell.substring(1) : cell;
                assertFalse(!text.isEmpty() && "=+-@".indexOf(text.charAt(0)) >= 0 && !text.matches("[+-]?\\d+(\\.\\d+)?"),
                        "a formula cell: " + cell + " in " + line);
            }
        }
        assertTrue(csv.contains(hostile + ",\"'=HYPERLINK("), csv);
        String api = as(CLERK).get("/api/organizations.csv").then().statusCode(200).extract().asString();
        assertTrue(api.contains("'=HYPERLINK("), api);

        // a normal name still fills the form
        Map<String, String> found = new HashMap<>();
        FormDef form = parse(d);
        fill(form, Map.of("registryId", String.valueOf(normal)), found);
        assertEquals("诚信五金店", found.get("name"));
        assertEquals("11", found.get("headcount"));

        // the formula-like names fill the form as the file has them, and come back as registered
        String before = Registry.dump(dataSource);
        for (long id : List.of(hostile, plain)) {
            FormDef f = parse(d);
            fill(f, Map.of("registryId", String.valueOf(id)), new HashMap<>());
            Response r = submit(CLERK, new XFormSerializingVisitor().serializeInstance(f.getInstance()));
            assertEquals(201, r.statusCode(), r.asString());
        }
        List<Long> previews = odkPreviews(CLERK);
        assertEquals(1, previews.size(), previews.toString());
        for (long preview : previews) {
            var p = as(CLERK).get("/api/surveys/imports/{id}", preview).then().statusCode(200).extract().jsonPath();
            assertEquals(2, p.getInt("summary.unchanged"), p.prettify());
            assertEquals(0, p.getInt("summary.changed"), p.prettify());
        }
        assertEquals(before, Registry.dump(dataSource));
        for (long preview : previews) {
            as(CLERK).post("/api/surveys/imports/{id}/commit", preview).then().statusCode(200);
        }
        assertEquals(formula, as(CLERK).get("/api/organizations/{id}", hostile).then().statusCode(200).extract().jsonPath().getString("name"));
        assertEquals("-普通五金店", as(CLERK).get("/api/organizations/{id}", plain).then().extract().jsonPath().getString("name"));
    }
}
