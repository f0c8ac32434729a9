package cn.liangxin.openrosa;

import cn.liangxin.testsupport.Login;
import cn.liangxin.testsupport.Registry;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.xml.XmlPath;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import org.javarosa.core.model.FormDef;
import org.javarosa.core.model.FormIndex;
import org.javarosa.core.model.SelectChoice;
import org.javarosa.core.model.data.DateData;
import org.javarosa.core.model.data.IAnswerData;
import org.javarosa.core.model.data.IntegerData;
import org.javarosa.core.model.data.SelectMultiData;
import org.javarosa.core.model.data.SelectOneData;
import org.javarosa.core.model.data.StringData;
import org.javarosa.core.model.data.helper.Selection;
import org.javarosa.core.model.instance.InstanceInitializationFactory;
import org.javarosa.core.reference.PrefixedRootFactory;
import org.javarosa.core.reference.Reference;
import org.javarosa.core.reference.ReferenceManager;
import org.javarosa.form.api.FormEntryController;
import org.javarosa.form.api.FormEntryModel;
import org.javarosa.form.api.FormEntryPrompt;
import org.javarosa.model.xform.XFormSerializingVisitor;
import org.javarosa.xform.util.XFormUtils;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static cn.liangxin.testsupport.Registry.BANQIAO;
import static cn.liangxin.testsupport.Registry.LUOXIONG;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * ODK Collect's side of OpenRosa, played by ODK's own form engine (JavaRosa): the form list, the
 * form and its media file are fetched as a clerk signed in by HTTP Basic, the form is parsed and
 * filled (a constraint refused by the engine itself), and the filled instances are submitted; they
 * collect into one pending preview, reach the registry at its commit, and are not a second record
 * when sent again. Another township's clerk gets neither the organizations nor the townships of the first.
 */
@QuarkusTest
class OpenRosaTest {

    static final String PASSWORD = "odk-password-1";
    static final String SUFFIX = String.valueOf(System.nanoTime() % 1_000_000);
    static final String CLERK = "odk-clerk-a" + SUFFIX;
    static final String CLERK_B = "odk-clerk-b" + SUFFIX;
    static final String REGION = "odk-region" + SUFFIX;
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
            user(CLERK, "TOWNSHIP_STAFF", LUOXIONG);
            user(CLERK_B, "TOWNSHIP_STAFF", BANQIAO);
            user(REGION, "REGION", "5303");
            users = true;
        }
    }

    private static void user(String name, String role, String division) {
        given().contentType(ContentType.JSON)
                .body(Map.of("username", name, "password", PASSWORD, "roles", List.of(role), "divisions", List.of(division)))
                .post("/api/users").then().statusCode(201);
    }

    static RequestSpecification as(String user) {
        return given().auth().preemptive().basic(user, PASSWORD);
    }

    /** The form list, the form (its hash as listed), and the media file (its hash as the manifest says). */
    record Downloaded(XmlPath list, byte[] form, byte[] csv) {
    }

    static Downloaded download(String user) {
        Response list = as(user).get("/openrosa/formList");
        assertEquals(200, list.statusCode(), list.asString());
        assertEquals("1.0", list.getHeader("X-OpenRosa-Version"));
        XmlPath xml = new XmlPath(list.asString());
        assertEquals(1, xml.getList("xforms.xform.formID").size(), list.asString());
        byte[] form = as(user).get(xml.getString("xforms.xform.downloadUrl")).then().statusCode(200)
                .header("X-OpenRosa-Version", "1.0").extract().asByteArray();
        assertEquals("md5:" + XForm.md5(form), xml.getString("xforms.xform.hash"));
        assertTrue(new String(form, StandardCharsets.UTF_8).contains("version=\"" + xml.getString("xforms.xform.version") + "\""));
        XmlPath manifest = new XmlPath(as(user).get(xml.getString("xforms.xform.manifestUrl")).then().statusCode(200)
                .header("X-OpenRosa-Version", "1.0").extract().asString());
        assertEquals("organizations.csv", manifest.getString("manifest.mediaFile.filename"));
        byte[] csv = as(user).get(manifest.getString("manifest.mediaFile.downloadUrl")).then().statusCode(200)
                .extract().asByteArray();
        assertEquals("md5:" + XForm.md5(csv), manifest.getString("manifest.mediaFile.hash"));
        return new Downloaded(xml, form, csv);
    }

    /** The form parsed by JavaRosa, its media file where ODK Collect keeps it (jr://file-csv/). */
    static FormDef parse(Downloaded d) throws Exception {
        Path media = Files.createTempDirectory("odk-media");
        Files.write(media.resolve("organizations.csv"), d.csv());
        ReferenceManager.instance().reset();
        ReferenceManager.instance().addReferenceFactory(new PrefixedRootFactory(new String[]{"file-csv/"}) {
            @Override
            protected Reference factory(String terminal, String uri) {
                return new FileReference(media.resolve(terminal), uri);
            }
        });
        FormDef form = XFormUtils.getFormFromInputStream(new ByteArrayInputStream(d.form()));
        assertNotNull(form);
        form.initialize(true, new InstanceInitializationFactory());
        return form;
    }

    /** A file the form engine reads (read only). */
    record FileReference(Path file, String uri) implements Reference {
        public boolean doesBinaryExist() {
            return Files.exists(file);
        }

        public InputStream getStream() throws IOException {
            return Files.newInputStream(file);
        }

        public String getURI() {
            return uri;
        }

        public String getLocalURI() {
            return file.toAbsolutePath().toString();
        }

        public boolean isReadOnly() {
            return true;
        }

        public OutputStream getOutputStream() {
            throw new UnsupportedOperationException();
        }

        public void remove() {
            throw new UnsupportedOperationException();
        }

        public Reference[] probeAlternativeReferences() {
            return new Reference[0];
        }
    }

    /**
     * Walks the form as ODK Collect does, answering the questions named (by their node name) in
     * order; answers each question's status by name, and what each question held when reached.
     */
    static Map<String, Integer> fill(FormDef form, Map<String, Object> answers, Map<String, String> found) {
        FormEntryModel model = new FormEntryModel(form);
        FormEntryController entry = new FormEntryController(model);
        entry.jumpToIndex(FormIndex.createBeginningOfFormIndex());
        Map<String, Integer> statuses = new LinkedHashMap<>();
        int event;
        while ((event = entry.stepToNextEvent()) != FormEntryController.EVENT_END_OF_FORM) {
            if (event != FormEntryController.EVENT_QUESTION) {
                continue;
            }
            FormEntryPrompt prompt = model.getQuestionPrompt();
            String name = prompt.getIndex().getReference().getNameLast();
            IAnswerData held = prompt.getAnswerValue();
            found.put(name, held == null ? null : held.getDisplayText());
            if (!answers.containsKey(name)) {
                continue;
            }
            Object[] tries = answers.get(name) instanceof Object[] a ? a : new Object[]{answers.get(name)};
            for (Object answer : tries) {
                statuses.put(name + "=" + answer, entry.answerQuestion(prompt.getIndex(), data(prompt, answer), true));
            }
        }
        return statuses;
    }

    private static IAnswerData data(FormEntryPrompt prompt, Object answer) {
        if (answer instanceof Integer i) {
            return new IntegerData(i);
        }
        if (answer instanceof LocalDate d) {
            return new DateData(Date.from(d.atStartOfDay(ZoneId.systemDefault()).toInstant()));
        }
        List<SelectChoice> choices = prompt.getSelectChoices();
        if (choices == null || choices.isEmpty()) {
            return new StringData((String) answer);
        }
        List<String> wanted = answer instanceof List<?> l ? l.stream().map(String::valueOf).toList() : List.of((String) answer);
        List<Selection> picked = new ArrayList<>();
        for (String w : wanted) {
            SelectChoice c = choices.stream().filter(x -> x.getValue().equals(w)).findFirst()
                    .orElseThrow(() -> new AssertionError("no choice " + w + " in " + choices.stream().map(SelectChoice::getValue).toList()));
            picked.add(c.selection());
        }
        return answer instanceof List<?> ? new SelectMultiData(picked) : new SelectOneData(picked.get(0));
    }

    static Response submit(String user, byte[] instance) {
        return as(user).multiPart("xml_submission_file", "submission.xml", instance, "text/xml").post("/openrosa/submission");
    }

    static List<Long> odkPreviews(String user) {
        return as(user).queryParam("source", "ODK").get("/api/surveys/imports").then().statusCode(200)
                .extract().jsonPath().getList("id", Long.class);
    }

    @Test
    void odkCollectFillsTheServedFormAndItsSubmissionsReachTheRegistryOnce() throws Exception {
        long known = Registry.createOrg("奥德凯五金厂", LUOXIONG, 20, 2);
        Downloaded d = download(CLERK);
        String csv = new String(d.csv(), StandardCharsets.UTF_8);
        assertTrue(csv.startsWith("id,label,name,uscc,kind,townshipCode,"), csv);
        assertTrue(csv.contains(known + ",奥德凯五金厂,奥德凯五金厂,"), csv);

        // a new organization, a count refused by the form's constraint first
        FormDef form = parse(d);
        Map<String, Object> answers = new LinkedHashMap<>();
        answers.put("name", "奥德凯新材料公司");
        answers.put("kind", "企业");
        answers.put("townshipCode", LUOXIONG);
        answers.put("industry", "C");
        answers.put("status", "正常");
        answers.put("headcount", new Object[]{-3, 12});
        answers.put("formalMembers", 3);
        answers.put("ownerIsMember", "否");
        answers.put("partyStatus", "未建立");
        answers.put("massOrganizations", List.of("工会", "共青团"));
        answers.put("plannedFormationOn", LocalDate.of(2027, 3, 1));
        Map<String, Integer> statuses = fill(form, answers, new HashMap<>());
        assertEquals(FormEntryController.ANSWER_CONSTRAINT_VIOLATED, statuses.get("headcount=-3"), statuses.toString());
        statuses.remove("headcount=-3");
        assertTrue(statuses.values().stream().allMatch(s -> s == FormEntryController.ANSWER_OK), statuses.toString());
        assertNull(form.validate(), "the filled form is complete");
        byte[] fresh = new XFormSerializingVisitor().serializeInstance(form.getInstance());
        String freshXml = new String(fresh, StandardCharsets.UTF_8);
        assertTrue(freshXml.contains("<instanceID>uuid:"), freshXml);

        // the registry's organization chosen: every answer filled from the registry, one changed
        FormDef second = parse(d);
        Map<String, String> found = new HashMap<>();
        statuses = fill(second, Map.of("registryId", String.valueOf(known), "headcount", 24), found);
        assertTrue(statuses.values().stream().allMatch(s -> s == FormEntryController.ANSWER_OK), statuses.toString());
        assertEquals("奥德凯五金厂", found.get("name"));
        assertEquals("20", found.get("headcount"));
        assertEquals("2", found.get("formalMembers"));
        assertNull(second.validate());
        byte[] changed = new XFormSerializingVisitor().serializeInstance(second.getInstance());

        String before = Registry.dump(dataSource);
        Response r = submit(CLERK, fresh);
        assertEquals(201, r.statusCode(), r.asString());
        assertEquals("1.0", r.getHeader("X-OpenRosa-Version"));
        String message = new XmlPath(r.asString()).getString("OpenRosaResponse.message");
        assertTrue(message.contains("已收到"), message);
        // attachments beside the filled form are taken and not kept (the form asks for none)
        assertEquals(201, as(CLERK).multiPart("xml_submission_file", "submission.xml", changed, "text/xml")
                .multiPart("photo.jpg", "photo.jpg", new byte[]{(byte) 0xFF, (byte) 0xD8, (byte) 0xFF}, "image/jpeg")
                .post("/openrosa/submission").statusCode());
        assertEquals(before, Registry.dump(dataSource), "nothing reaches the registry before the commit");

        // both forms collect into her one open preview
        List<Long> previews = odkPreviews(CLERK);
        assertEquals(1, previews.size(), previews.toString());
        // ODK sends a form again when it missed the answer: the same preview and row, no second record
        Response again = submit(CLERK, fresh);
        assertEquals(201, again.statusCode());
        String againMessage = new XmlPath(again.asString()).getString("OpenRosaResponse.message");
        assertEquals(previewOf(message), previewOf(againMessage));
        assertTrue(message.contains("第 2 行") && againMessage.contains("第 2 行") && againMessage.contains("现有 2 行"), againMessage);
        assertEquals(previews, odkPreviews(CLERK));

        long firstId = previewOf(message);
        assertTrue(previews.contains(firstId), previews + " " + message);
        var first = as(CLERK).get("/api/surveys/imports/{id}", firstId).then().statusCode(200).extract().jsonPath();
        assertEquals("ODK", first.getString("format"));
        assertEquals(2, first.getInt("summary.rows"));
        assertEquals(1, first.getInt("summary.new"));
        assertEquals(1, first.getInt("summary.changed"));
        for (long id : previews) {
            as(CLERK).post("/api/surveys/imports/{id}/commit", id).then().statusCode(200);
        }
        var orgs = as(CLERK).queryParam("q", "奥德凯").get("/api/organizations").then().statusCode(200).extract().jsonPath();
        assertEquals(2, orgs.getList("items").size(), orgs.prettify());
        assertEquals(24, as(CLERK).get("/api/organizations/{id}", known).then().extract().jsonPath().getInt("headcount"));
        long created = orgs.getLong("items.find { it.name == '奥德凯新材料公司' }.id");
        var org = as(CLERK).get("/api/organizations/{id}", created).then().statusCode(200).extract().jsonPath();
        assertEquals(12, org.getInt("headcount"));
        assertEquals("C", org.getString("industry"));
        assertEquals(List.of("UNION", "YOUTH_LEAGUE"), org.getList("massOrganizations"));

        // sent again after the commit: done (202), still no second record
        String committed = Registry.dump(dataSource);
        List<Long> pending = odkPreviews(CLERK);
        Response late = submit(CLERK, fresh);
        assertEquals(202, late.statusCode(), late.asString());
        assertTrue(new XmlPath(late.asString()).getString("OpenRosaResponse.message").contains("已经提交"), late.asString());
        assertEquals(pending, odkPreviews(CLERK));
        assertEquals(committed, Registry.dump(dataSource));
    }

    /** The preview a submission's answer names (编号 N). */
    private static long previewOf(String message) {
        var m = java.util.regex.Pattern.compile("编号 (\\d+)").matcher(message);
        assertTrue(m.find(), message);
        return Long.parseLong(m.group(1));
    }

    @Test
    void anotherTownshipsClerkGetsNeitherTheOrganizationsNorTheTownships() throws Exception {
        Registry.createOrg("罗雄秘密商店", LUOXIONG, 5, 0);
        Registry.createOrg("板桥公开商店", BANQIAO, 5, 0);
        Downloaded theirs = download(CLERK_B);
        String form = new String(theirs.form(), StandardCharsets.UTF_8);
        String csv = new String(theirs.csv(), StandardCharsets.UTF_8);
        assertTrue(form.contains("<value>" + BANQIAO + "</value>"), form);
        assertFalse(form.contains(LUOXIONG) || form.contains("罗雄街道"), form);
        assertTrue(csv.contains("板桥公开商店"), csv);
        assertFalse(csv.contains("罗雄秘密商店"), csv);
        // and JavaRosa offers her only her own township and organizations
        FormDef parsed = parse(theirs);
        Map<String, String> found = new HashMap<>();
        Map<String, Object> answers = Map.of("townshipCode", BANQIAO);
        assertEquals(FormEntryController.ANSWER_OK, fill(parsed, answers, found).get("townshipCode=" + BANQIAO));
        // a region changes nothing: no form to fill, and a submission is refused
        assertTrue(new XmlPath(as(REGION).get("/openrosa/formList").then().statusCode(200).extract().asString())
                .getList("xforms.xform").isEmpty());
        Response refused = submit(REGION, form.getBytes(StandardCharsets.UTF_8));
        assertEquals(403, refused.statusCode());
        assertEquals("1.0", refused.getHeader("X-OpenRosa-Version"));
        assertFalse(new XmlPath(refused.asString()).getString("OpenRosaResponse.message").isBlank());
    }

    @Test
    void refusalsAreInOpenRosasFormWithItsVersion() {
        for (String path : List.of("/openrosa/formList", "/openrosa/form.xml", "/openrosa/submission")) {
            Response r = given().auth().none().redirects().follow(false).get(path);
            assertEquals(401, r.statusCode(), path);
            assertTrue(r.getHeader("WWW-Authenticate").startsWith("Basic realm="), path);
            assertEquals("1.0", r.getHeader("X-OpenRosa-Version"), path);
            assertTrue(r.getHeader("Date").endsWith(" GMT"), path);
        }
        Response anonymousPost = given().auth().none().multiPart("xml_submission_file", "s.xml", new byte[]{'<'}, "text/xml")
                .post("/openrosa/submission");
        assertEquals(401, anonymousPost.statusCode());
        assertEquals("1.0", anonymousPost.getHeader("X-OpenRosa-Version"));

        Response bad = submit(CLERK, "<data><name>未闭合".getBytes(StandardCharsets.UTF_8));
        assertEquals(400, bad.statusCode(), bad.asString());
        assertEquals("1.0", bad.getHeader("X-OpenRosa-Version"));
        assertEquals("error", new XmlPath(bad.asString()).getString("OpenRosaResponse.message.@nature"));
        assertTrue(new XmlPath(bad.asString()).getString("OpenRosaResponse.message").contains("XML"), bad.asString());
        Response noId = submit(CLERK, "<data><name>无编号公司</name></data>".getBytes(StandardCharsets.UTF_8));
        assertEquals(400, noId.statusCode());

        Response head = as(CLERK).head("/openrosa/submission");
        assertEquals(204, head.statusCode());
        assertEquals("1.0", head.getHeader("X-OpenRosa-Version"));
        assertTrue(head.getHeader("Date").endsWith(" GMT"), head.getHeader("Date"));
        // what the framework refuses before the service reads it carries the headers too
        Response unsupported = as(CLERK).contentType(ContentType.JSON).body("{}").post("/openrosa/submission");
        assertEquals(415, unsupported.statusCode());
        assertEquals("1.0", unsupported.getHeader("X-OpenRosa-Version"));
        assertTrue(Long.parseLong(head.getHeader("X-OpenRosa-Accept-Content-Length")) > 1_000_000);
    }

    @Test
    void aSubmissionSignedInByTheSessionCookieNeedsTheCsrfTokenAndBasicNeedsNone() {
        String instance = "<data id=\"liangxin-survey-530324\"><name>跨站公司</name><kind>企业</kind><townshipCode>" + LUOXIONG
                + "</townshipCode><status>正常</status><headcount>3</headcount><formalMembers>0</formalMembers>"
                + "<partyStatus>未建立</partyStatus><meta><instanceID>uuid:csrf-check-0001</instanceID></meta></data>";
        Login.Browser browser = Login.as(CLERK, PASSWORD);
        browser.request().multiPart("xml_submission_file", "s.xml", instance.getBytes(StandardCharsets.UTF_8), "text/xml")
                .post("/openrosa/submission").then().statusCode(400).body("code", org.hamcrest.Matchers.equalTo("CSRF"));
        assertTrue(odkPreviews(CLERK).isEmpty());
        assertEquals(201, submit(CLERK, instance.getBytes(StandardCharsets.UTF_8)).statusCode());
        assertEquals(1, odkPreviews(CLERK).size());
    }

    @Test
    void theKindMayBeLeftOutWhereTheUsccSaysItAsTheServerReadsIt() throws Exception {
        for (char c : "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabn ".toCharArray()) {
            String uscc = c + "1530324MA6K0001X";
            assertEquals(cn.liangxin.organization.Kind.of(uscc).isPresent(),
                    java.util.regex.Pattern.matches(XForm.KIND_FROM_USCC, uscc), uscc);
        }
        Downloaded d = download(CLERK);
        Map<String, Object> answers = new LinkedHashMap<>(Map.of("name", "代码定类公司", "townshipCode", LUOXIONG,
                "status", "正常", "headcount", 5, "formalMembers", 0, "partyStatus", "未建立"));
        FormDef withoutCode = parse(d);
        fill(withoutCode, answers, new HashMap<>());
        assertNotNull(withoutCode.validate(), "the kind is required without a USCC");
        answers.put("uscc", "91530324MA6K0001X7");
        FormDef withCode = parse(d);
        fill(withCode, answers, new HashMap<>());
        var outcome = withCode.validate();
        assertNull(outcome, () -> "the USCC says the kind, yet " + outcome.failedPrompt.getReference());
    }

    @Test
    void behindTheHttpsProxyTheFormListGivesHttpsAddresses() {
        String list = as(CLERK).header("X-Forwarded-Proto", "https").header("Host", "dangjian.example.cn")
                .get("/openrosa/formList").then().statusCode(200).extract().asString();
        XmlPath xml = new XmlPath(list);
        assertTrue(xml.getString("xforms.xform.downloadUrl").startsWith("https://dangjian.example.cn/openrosa/form.xml?"), list);
        assertTrue(xml.getString("xforms.xform.manifestUrl").startsWith("https://dangjian.example.cn/openrosa/manifest?"), list);
    }
}
