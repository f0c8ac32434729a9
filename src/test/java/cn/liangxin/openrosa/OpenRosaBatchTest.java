package cn.liangxin.openrosa;

import cn.liangxin.testsupport.Registry;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.xml.XmlPath;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.javarosa.core.model.FormDef;
import org.javarosa.core.model.FormIndex;
import org.javarosa.core.model.data.IntegerData;
import org.javarosa.core.model.data.SelectOneData;
import org.javarosa.form.api.FormEntryController;
import org.javarosa.form.api.FormEntryModel;
import org.javarosa.form.api.FormEntryPrompt;
import org.javarosa.model.xform.XFormSerializingVisitor;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static cn.liangxin.openrosa.OpenRosaTest.as;
import static cn.liangxin.openrosa.OpenRosaTest.download;
import static cn.liangxin.openrosa.OpenRosaTest.fill;
import static cn.liangxin.openrosa.OpenRosaTest.odkPreviews;
import static cn.liangxin.openrosa.OpenRosaTest.parse;
import static cn.liangxin.testsupport.Registry.BANQIAO;
import static cn.liangxin.testsupport.Registry.LUOXIONG;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What ODK Collect (played by JavaRosa) hears back, and what is kept: a clerk's forms collect into
 * her one open preview until she commits it, each organization once; a form she may not send is
 * refused to the device saying why, and nothing of it is kept; a form sent again after the commit is
 * answered as done; every answer is dated in RFC 7231's form; clearing the registry question keeps
 * what she typed.
 */
@QuarkusTest
class OpenRosaBatchTest {

    static final String PASSWORD = OpenRosaTest.PASSWORD;
    static final String CLERK = "odk-batch-a" + OpenRosaTest.SUFFIX;
    static boolean users;
    static final Pattern HTTP_DATE = Pattern.compile("^[A-Z][a-z]{2}, \\d{2} [A-Z][a-z]{2} \\d{4} \\d{2}:\\d{2}:\\d{2} GMT$");

    @Inject
    AgroalDataSource dataSource;

    @BeforeEach
    void setUp() {
        Registry.clear(dataSource);
        Registry.sql(dataSource, "truncate survey_campaign, survey_import cascade");
        if (!users) {
            given().contentType(ContentType.JSON)
                    .body(Map.of("username", CLERK, "password", PASSWORD, "roles", List.of("TOWNSHIP_STAFF"),
                            "divisions", List.of(LUOXIONG)))
                    .post("/api/users").then().statusCode(201);
            users = true;
        }
    }

    /** A new organization's form as JavaRosa fills and serializes it. */
    private static byte[] newOrganization(OpenRosaTest.Downloaded d, String name, int headcount) throws Exception {
        FormDef form = parse(d);
        Map<String, Object> answers = new LinkedHashMap<>();
        answers.put("name", name);
        answers.put("kind", "企业");
        answers.put("townshipCode", LUOXIONG);
        answers.put("status", "正常");
        answers.put("headcount", headcount);
        answers.put("formalMembers", 0);
        answers.put("partyStatus", "未建立");
        Map<String, Integer> statuses = fill(form, answers, new HashMap<>());
        assertTrue(statuses.values().stream().allMatch(s -> s == FormEntryController.ANSWER_OK), statuses.toString());
        assertNull(form.validate());
        return new XFormSerializingVisitor().serializeInstance(form.getInstance());
    }

    /** A registry organization's form, its head count changed. */
    private static byte[] registered(OpenRosaTest.Downloaded d, long id, int headcount) throws Exception {
        FormDef form = parse(d);
        fill(form, Map.of("registryId", String.valueOf(id), "headcount", headcount), new HashMap<>());
        assertNull(form.validate());
        return new XFormSerializingVisitor().serializeInstance(form.getInstance());
    }

    private static Response submit(byte[] instance) {
        return OpenRosaTest.submit(CLERK, instance);
    }

    private static String message(Response r) {
        return new XmlPath(r.asString()).getString("OpenRosaResponse.message");
    }

    private static String nature(Response r) {
        return new XmlPath(r.asString()).getString("OpenRosaResponse.message.@nature");
    }

    /** The preview, its row and its rows a 201's message names. */
    private static int[] named(Response r) {
        assertEquals(201, r.statusCode(), r.asString());
        assertEquals("submit_success", nature(r));
        Matcher m = Pattern.compile("编号 (\\d+)[^0-9]+第 (\\d+) 行[^0-9]+(\\d+) 行").matcher(message(r));
        assertTrue(m.find(), message(r));
        return new int[]{Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3))};
    }

    private long count(String table) {
        try (var c = dataSource.getConnection(); var s = c.createStatement();
             var r = s.executeQuery("select count(*) from " + table)) {
            r.next();
            return r.getLong(1);
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Everything a submission may write: the registry, the previews, their rows and the entries, as text. */
    private String stored() {
        StringBuilder s = new StringBuilder(Registry.dump(dataSource));
        try (var c = dataSource.getConnection(); var st = c.createStatement()) {
            for (String q : List.of("select i::text from survey_import i order by id",
                    "select r::text from survey_import_row r order by import_id, seq",
                    "select e::text from survey_entry e order by client_id")) {
                try (var r = st.executeQuery(q)) {
                    while (r.next()) {
                        s.append(r.getString(1)).append('\n');
                    }
                }
            }
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
        return s.toString();
    }

    private static String instanceId(byte[] instance) {
        Matcher m = Pattern.compile("<instanceID>([^<]+)</instanceID>").matcher(new String(instance, StandardCharsets.UTF_8));
        assertTrue(m.find());
        return m.group(1);
    }

    private static byte[] replace(byte[] instance, String from, String to) {
        String xml = new String(instance, StandardCharsets.UTF_8);
        assertTrue(xml.contains(from), xml);
        return xml.replace(from, to).getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void herFormsCollectIntoOnePreviewEachOrganizationOnceUntilSheCommitsIt() throws Exception {
        long known = Registry.createOrg("批量五金厂", LUOXIONG, 20, 2);
        OpenRosaTest.Downloaded d = download(CLERK);
        byte[] first = newOrganization(d, "批量新材料公司", 12);
        byte[] second = registered(d, known, 24);
        byte[] third = newOrganization(d, "批量物流公司", 7);

        int[] a = named(submit(first));
        int[] b = named(submit(second));
        int[] c = named(submit(third));
        // one preview, the rows in the order sent, the count growing
        assertEquals(a[0], b[0]);
        assertEquals(a[0], c[0]);
        assertEquals(List.of(2, 3, 4), List.of(a[1], b[1], c[1]));
        assertEquals(List.of(1, 2, 3), List.of(a[2], b[2], c[2]));
        long preview = a[0];
        assertEquals(List.of(preview), odkPreviews(CLERK));
        var listed = as(CLERK).queryParam("source", "ODK").get("/api/surveys/imports").then().statusCode(200)
                .extract().jsonPath();
        assertEquals(3, listed.getInt("[0].summary.rows"), listed.prettify());
        var p = as(CLERK).get("/api/surveys/imports/{id}", preview).then().statusCode(200).extract().jsonPath();
        assertEquals(3, p.getInt("summary.rows"), p.prettify());
        assertEquals(2, p.getInt("summary.new"), p.prettify());
        assertEquals(1, p.getInt("summary.changed"), p.prettify());
        // the upload page lists it once, with its rows
        String page = as(CLERK).get("/surveys").then().statusCode(200).extract().asString();
        assertEquals(1, page.split("data-import=\"" + preview + "\"", -1).length - 1, page);
        assertTrue(page.contains("共 3 行"), page);

        // the first form sent again, changed (same instanceID): it replaces its row, no fourth one
        byte[] again = replace(first, "<headcount>12</headcount>", "<headcount>15</headcount>");
        int[] re = named(submit(again));
        assertEquals(List.of(preview, 2L, 3L), List.of((long) re[0], (long) re[1], (long) re[2]));
        // a later form about the registry organization replaces the earlier one: still three rows
        int[] later = named(submit(registered(d, known, 30)));
        assertEquals(preview, later[0]);
        assertEquals(3, later[2]);
        p = as(CLERK).get("/api/surveys/imports/{id}", preview).then().statusCode(200).extract().jsonPath();
        assertEquals(3, p.getInt("summary.rows"), p.prettify());
        assertEquals(0, p.getInt("summary.rejected"), p.prettify());
        assertEquals(3, count("survey_import_row"));

        as(CLERK).post("/api/surveys/imports/{id}/commit", preview).then().statusCode(200);
        assertEquals(30, as(CLERK).get("/api/organizations/{id}", known).then().statusCode(200)
                .extract().jsonPath().getInt("headcount"));
        var orgs = as(CLERK).queryParam("q", "批量").get("/api/organizations").then().statusCode(200).extract().jsonPath();
        assertEquals(3, orgs.getList("items").size(), orgs.prettify());
        assertEquals(15, orgs.getInt("items.find { it.name == '批量新材料公司' }.headcount"));

        // after the commit the next form opens a new preview
        int[] next = named(submit(newOrganization(d, "批量第二批公司", 5)));
        assertNotEquals(preview, next[0]);
        assertEquals(2, next[1]);
        assertEquals(1, next[2]);
        assertEquals(List.of((long) next[0]), odkPreviews(CLERK));
        // and after a discard too
        as(CLERK).delete("/api/surveys/imports/{id}", next[0]).then().statusCode(204);
        int[] afterDiscard = named(submit(newOrganization(d, "批量第三批公司", 5)));
        assertNotEquals(next[0], afterDiscard[0]);
        assertEquals(1, afterDiscard[2]);
    }

    @Test
    void formsSentAtOnceStillCollectIntoOnePreview() throws Exception {
        OpenRosaTest.Downloaded d = download(CLERK);
        List<byte[]> forms = List.of(newOrganization(d, "同时一公司", 3), newOrganization(d, "同时二公司", 4),
                newOrganization(d, "同时三公司", 5), newOrganization(d, "同时四公司", 6));
        java.net.http.HttpClient client = java.net.http.HttpClient.newBuilder()
                .version(java.net.http.HttpClient.Version.HTTP_1_1).build();
        String auth = "Basic " + java.util.Base64.getEncoder().encodeToString((CLERK + ":" + PASSWORD)
                .getBytes(StandardCharsets.UTF_8));
        List<java.util.concurrent.CompletableFuture<java.net.http.HttpResponse<String>>> sent = new java.util.ArrayList<>();
        for (byte[] form : forms) {
            sent.add(client.sendAsync(java.net.http.HttpRequest.newBuilder(java.net.URI.create(
                            io.restassured.RestAssured.baseURI + ":" + io.restassured.RestAssured.port + "/openrosa/submission"))
                    .header("Authorization", auth)
                    .header("Content-Type", "multipart/form-data; boundary=" + OpenRosaHostileTest.BOUNDARY)
                    .timeout(Duration.ofSeconds(60))
                    .POST(java.net.http.HttpRequest.BodyPublishers.ofByteArray(OpenRosaHostileTest.multipart(form))).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8)));
        }
        for (var f : sent) {
            assertEquals(201, f.get().statusCode(), f.get().body());
        }
        List<Long> previews = odkPreviews(CLERK);
        assertEquals(1, previews.size(), previews.toString());
        assertEquals(4, as(CLERK).get("/api/surveys/imports/{id}", previews.get(0)).then().statusCode(200)
                .extract().jsonPath().getInt("summary.rows"));
        assertEquals(4, count("survey_entry"));
    }

    @Test
    void aFormSheMayNotSendIsRefusedToTheDeviceAndNothingIsKept() throws Exception {
        long theirs = Registry.createOrg("板桥别人的店", BANQIAO, 5, 0);
        long mine = Registry.createOrg("罗雄自己的店", LUOXIONG, 3, 0);
        OpenRosaTest.Downloaded d = download(CLERK);
        // her open preview, with one form in it
        int[] open = named(submit(newOrganization(d, "拒收前公司", 6)));
        String before = stored();
        long previews = count("survey_import");
        long rows = count("survey_import_row");
        long entries = count("survey_entry");

        // a township not hers (the form offers none, a device may still send one)
        byte[] elsewhere = replace(newOrganization(d, "越界公司", 4), "<townshipCode>" + LUOXIONG + "</townshipCode>",
                "<townshipCode>" + BANQIAO + "</townshipCode>");
        Response r = submit(elsewhere);
        assertEquals(403, r.statusCode(), r.asString());
        assertTrue(r.getContentType().startsWith("text/xml"), r.getContentType());
        assertEquals("error", nature(r));
        assertTrue(message(r).contains(BANQIAO) && message(r).contains("不是您负责的"), message(r));
        assertTrue(message(r).contains("什么也没有保存"), message(r));

        // an organization of another township chosen in the registry question
        byte[] other = replace(registered(d, mine, 4), "<registryId>" + mine + "</registryId>",
                "<registryId>" + theirs + "</registryId>");
        Response o = submit(other);
        assertEquals(403, o.statusCode(), o.asString());
        assertTrue(message(o).contains(String.valueOf(theirs)), message(o));

        // answers with errors: refused with the question named
        byte[] wrong = replace(newOrganization(d, "错误人数公司", 4), "<headcount>4</headcount>", "<headcount>四个</headcount>");
        Response w = submit(wrong);
        assertEquals(400, w.statusCode(), w.asString());
        assertEquals("error", nature(w));
        assertTrue(message(w).contains("从业人员"), message(w));

        assertEquals(previews, count("survey_import"));
        assertEquals(rows, count("survey_import_row"));
        assertEquals(entries, count("survey_entry"));
        assertEquals(before, stored(), "the registry, the previews, their rows and the entries as they were");
        // the refused forms' ids were not kept: fixed and sent again, the township one is taken
        byte[] fixed = replace(elsewhere, "<townshipCode>" + BANQIAO + "</townshipCode>", "<townshipCode>" + LUOXIONG + "</townshipCode>");
        assertEquals(instanceId(elsewhere), instanceId(fixed));
        int[] taken = named(submit(fixed));
        assertEquals(open[0], taken[0]);
        assertEquals(2, taken[2]);
    }

    @Test
    void aPreviewKeptBeforeBatchesIsNotJoinedAndAnExpiredOneGivesItsFormsUp() throws Exception {
        OpenRosaTest.Downloaded d = download(CLERK);
        byte[] old = newOrganization(d, "旧预览公司", 4);
        int[] first = named(submit(old));
        // as a preview of one form was kept before batches: its entry without answers
        Registry.sql(dataSource, "update survey_entry set answers = null");
        // sent again: still that preview's, no second record anywhere
        int[] again = named(submit(old));
        assertEquals(first[0], again[0]);
        assertEquals(List.of((long) first[0]), odkPreviews(CLERK));
        // the next form opens a batch of its own rather than rewriting that preview
        int[] next = named(submit(newOrganization(d, "新批次公司", 5)));
        assertNotEquals(first[0], next[0]);
        assertEquals(1, next[2]);
        assertEquals(1, as(CLERK).get("/api/surveys/imports/{id}", first[0]).then().statusCode(200)
                .extract().jsonPath().getInt("summary.rows"));

        // the old preview expired (no longer to be committed): the form sent again joins the open batch
        Registry.sql(dataSource, "update survey_import set uploaded_at = now() - interval '8 days' where id = " + first[0]);
        int[] revived = named(submit(old));
        assertEquals(next[0], revived[0]);
        assertEquals(2, revived[2]);
        assertEquals(List.of((long) next[0]), odkPreviews(CLERK));
    }

    @Test
    void aFormSentAgainAfterTheCommitIsAnsweredAsDone() throws Exception {
        OpenRosaTest.Downloaded d = download(CLERK);
        byte[] form = newOrganization(d, "重发公司", 9);
        int[] sent = named(submit(form));
        as(CLERK).post("/api/surveys/imports/{id}/commit", sent[0]).then().statusCode(200);
        String committed = stored();

        Response again = submit(form);
        assertEquals(202, again.statusCode(), again.asString());
        assertEquals("submit_success", nature(again));
        assertTrue(message(again).contains("已经提交") && message(again).contains("无需"), message(again));
        assertTrue(message(again).contains(String.valueOf(sent[0])), message(again));
        assertFalse(message(again).contains("确认入库。") && message(again).contains("核对"), message(again));
        assertEquals(committed, stored(), "nothing new: no preview, no entry, no registry change");
        assertTrue(odkPreviews(CLERK).isEmpty());
        // changed and sent again under the same id: still done, nothing read
        Response changed = submit(replace(form, "<headcount>9</headcount>", "<headcount>10</headcount>"));
        assertEquals(202, changed.statusCode(), changed.asString());
        assertEquals(committed, stored());
    }

    @Test
    void everyAnswerIsDatedInRfc7231sForm() throws Exception {
        OpenRosaTest.Downloaded d = download(CLERK);
        List<Response> answers = List.of(as(CLERK).get("/openrosa/formList"), as(CLERK).head("/openrosa/submission"),
                given().auth().none().get("/openrosa/formList"), submit(newOrganization(d, "日期公司", 3)),
                submit("<data>".getBytes(StandardCharsets.UTF_8)));
        assertEquals(List.of(200, 204, 401, 201, 400), answers.stream().map(Response::statusCode).toList());
        for (Response r : answers) {
            String date = r.getHeader("Date");
            assertTrue(date != null && HTTP_DATE.matcher(date).matches(), date);
            ZonedDateTime at = ZonedDateTime.parse(date, OpenRosaHeaders.HTTP_DATE.withZone(java.time.ZoneOffset.UTC));
            assertTrue(Duration.between(at, ZonedDateTime.now()).abs().toMinutes() < 5, date);
        }
        // a day below the 10th in two digits
        assertEquals("Mon, 07 Dec 2026 08:28:00 GMT", OpenRosaHeaders.HTTP_DATE.format(
                ZonedDateTime.of(2026, 12, 7, 8, 28, 0, 0, java.time.ZoneOffset.UTC)));
    }

    @Test
    void clearingTheRegistryQuestionKeepsWhatSheTyped() throws Exception {
        long known = Registry.createOrg("清空测试商店", LUOXIONG, 20, 2);
        FormDef form = parse(download(CLERK));
        FormEntryModel model = new FormEntryModel(form);
        FormEntryController entry = new FormEntryController(model);
        entry.jumpToIndex(FormIndex.createBeginningOfFormIndex());
        FormIndex registry = null;
        int event;
        while ((event = entry.stepToNextEvent()) != FormEntryController.EVENT_END_OF_FORM) {
            if (event != FormEntryController.EVENT_QUESTION) {
                continue;
            }
            FormEntryPrompt prompt = model.getQuestionPrompt();
            String name = prompt.getIndex().getReference().getNameLast();
            if (name.equals("registryId")) {
                registry = prompt.getIndex();
                var choice = prompt.getSelectChoices().stream().filter(c -> c.getValue().equals(String.valueOf(known)))
                        .findFirst().orElseThrow();
                assertEquals(FormEntryController.ANSWER_OK, entry.answerQuestion(registry, new SelectOneData(choice.selection()), true));
            } else if (name.equals("headcount")) {
                // filled from the registry, then changed by her
                assertEquals("20", prompt.getAnswerValue().getDisplayText());
                assertEquals(FormEntryController.ANSWER_OK, entry.answerQuestion(prompt.getIndex(), new IntegerData(33), true));
            }
        }
        // back to the registry question, the choice cleared
        assertEquals(FormEntryController.ANSWER_OK, entry.answerQuestion(registry, null, true));
        String xml = new String(new XFormSerializingVisitor().serializeInstance(form.getInstance()), StandardCharsets.UTF_8);
        assertTrue(Pattern.compile("<registryId ?/>|<registryId></registryId>").matcher(xml).find(), xml);
        assertTrue(xml.contains("<name>清空测试商店</name>"), xml);
        assertTrue(xml.contains("<headcount>33</headcount>"), xml);
        assertTrue(xml.contains("<formalMembers>2</formalMembers>"), xml);
        assertTrue(xml.contains("<townshipCode>" + LUOXIONG + "</townshipCode>"), xml);
    }
}
