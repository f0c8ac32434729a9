package cn.liangxin.demo;

import cn.liangxin.database.Distribution;
import cn.liangxin.testsupport.Registry;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.LocalDate;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The demo county answers the same on one PostgreSQL and on a Citus cluster: its coverage table, its
 * ledger, the table as of 31 December 2009 (seed 001's), the year over year, the goals' progress and
 * the demo's freezes. Each run writes its answers to {@code target/demo-answers/} under the kind of
 * database it ran on; a run that finds the other kind's answers there compares them, field by field
 * (CI runs the suite on one node, then on the cluster, in the same directory).
 */
@QuarkusTest
class DemoAnswersTest {

    static final Path ANSWERS = Path.of("target/demo-answers");
    private final ObjectMapper json = new ObjectMapper();

    @Inject
    AgroalDataSource dataSource;

    @Test
    void theDemoAnswersTheSameOnOneNodeAndOnACluster() throws Exception {
        empty();
        var demo = given().contentType("application/json").body("{}").post("/api/demo");
        assertEquals(201, demo.statusCode(), demo.asString());
        int lastYear = LocalDate.now(cn.liangxin.time.Days.ZONE).getYear() - 1;
        try {
            answer(lastYear);
        } finally {
            empty();
        }
    }

    /** No registry, history, goals, instructors or freezes: the demo's alone, then nothing of it for the next test. */
    private void empty() {
        Registry.clear(dataSource);
        Registry.sql(dataSource, "truncate goal, instructor, annual_freeze, survey_campaign, organization_history,"
                + " party_organization_history, party_organization_coverage_history, party_standard_history cascade");
    }

    private void answer(int lastYear) throws Exception {

        Map<String, JsonNode> answers = new LinkedHashMap<>();
        answers.put("coverage", get("/api/reports/coverage"));
        answers.put("coverage as of 2009-12-31", get("/api/reports/coverage?asOf=2009-12-31"));
        answers.put("coverage as of " + lastYear + "-12-31", get("/api/reports/coverage?asOf=" + lastYear + "-12-31"));
        answers.put("blank spots", get("/api/reports/blank-spots?limit=5000"));
        answers.put("blank spots as of 2015-12-31", get("/api/reports/blank-spots?asOf=2015-12-31&limit=5000"));
        answers.put("year over year " + lastYear, get("/api/reports/year-over-year?year=" + lastYear));
        answers.put("goals", get("/api/goals/progress"));
        answers.put("goals as of " + lastYear + "-12-31", get("/api/goals/progress?asOf=" + lastYear + "-12-31"));
        JsonNode freezes = get("/api/freezes");
        answers.put("freezes", freezes);
        // the demo froze its past years' reports: each one as it was frozen
        assertTrue(freezes.size() > 0, freezes.toString());
        for (JsonNode f : freezes) {
            answers.put("freeze " + f.get("year").asInt(), get("/api/freezes/" + f.get("year").asInt()));
        }
        ObjectNode mine = json.createObjectNode();
        answers.forEach((k, v) -> mine.set(k, comparable(v)));
        // seed 001's table as of 2009, whatever the database
        assertEquals(1001, mine.get("coverage as of 2009-12-31").get("total").get("organizations").asInt());
        assertTrue(mine.get("blank spots").toString().length() > 10_000, "the ledger names the blank spots");

        String kind;
        try (Connection c = dataSource.getConnection()) {
            kind = Distribution.citus(c) ? "citus" : "single";
        }
        Files.createDirectories(ANSWERS);
        Files.writeString(ANSWERS.resolve(kind + ".json"), json.writerWithDefaultPrettyPrinter().writeValueAsString(mine));
        Path other = ANSWERS.resolve((kind.equals("citus") ? "single" : "citus") + ".json");
        if (Files.exists(other)) {
            JsonNode theirs = json.readTree(other.toFile());
            for (Iterator<String> names = mine.fieldNames(); names.hasNext(); ) {
                String name = names.next();
                assertEquals(theirs.get(name), mine.get(name), name + ": " + kind + " answers otherwise than " + other);
            }
            Files.writeString(ANSWERS.resolve("compared"), kind + " compared with " + other.getFileName() + "\n");
        }
    }

    private JsonNode get(String path) throws IOException {
        String body = given().get(path).then().statusCode(200).extract().asString();
        return json.readTree(body);
    }

    /** The answer without what differs between two loads of the same demo: ids and moments of writing. */
    private static JsonNode comparable(JsonNode node) {
        if (node instanceof ObjectNode o) {
            ObjectNode out = o.objectNode();
            o.fields().forEachRemaining(e -> {
                String k = e.getKey();
                boolean id = k.equals("id") || k.endsWith("Id") || k.endsWith("Ids");
                boolean moment = k.endsWith("At") || k.equals("asOf") && e.getValue().asText().contains("T");
                if (!id && !moment) {
                    out.set(k, comparable(e.getValue()));
                }
            });
            return out;
        }
        if (node instanceof ArrayNode a) {
            ArrayNode out = a.arrayNode();
            a.forEach(n -> out.add(comparable(n)));
            return out;
        }
        return node;
    }
}
