package cn.liangxin.report;

import cn.liangxin.rules.GapCode;
import cn.liangxin.testsupport.Registry;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static cn.liangxin.testsupport.Registry.LUOXIONG;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * The reports count gaps in SQL and the API explains them in Java: over every boundary of members,
 * headcount and coverage, both must name exactly the same organizations.
 */
@QuarkusTest
class RulesAgreementTest {

    @Inject
    AgroalDataSource dataSource;

    @Test
    void sqlFiltersAndReportsAgreeWithTheJavaRules() {
        Registry.clear(dataSource);
        int[] members = {0, 1, 2, 3, 49, 50, 99, 100};
        int[] headcounts = {49, 50, 99, 100};
        String[][] coverages = {{"NONE", ""}, {"INDEPENDENT", "BRANCH"}, {"INDEPENDENT", "GENERAL_BRANCH"},
                {"INDEPENDENT", "COMMITTEE"}, {"JOINT", "BRANCH"}};
        List<Long> jointlyCovered = new ArrayList<>();
        int n = 0;
        for (int m : members) {
            for (int h : headcounts) {
                for (String[] cov : coverages) {
                    long id = Registry.createOrg("组织" + (n++), LUOXIONG, h, m,
                            "instructor", n % 3 == 0 ? "指导员" + n : null);
                    if (cov[0].equals("INDEPENDENT")) {
                        Registry.createParty("党组织" + n, LUOXIONG, cov[1], "INDEPENDENT", List.of(id));
                    } else if (cov[0].equals("JOINT")) {
                        jointlyCovered.add(id);
                    }
                }
            }
            Registry.createOrg("注销组织" + (n++), LUOXIONG, 120, m, "status", "CLOSED");
        }
        Registry.createParty("联合党支部", LUOXIONG, "BRANCH", "JOINT", jointlyCovered);

        Map<Long, Set<String>> javaGaps = new HashMap<>();
        Set<Long> javaBlank = new HashSet<>();
        JsonPath all = given().queryParam("size", 500).get("/api/organizations").jsonPath();
        assertEquals(n, all.getInt("total"));
        for (Map<String, Object> o : all.<Map<String, Object>>getList("items")) {
            long id = ((Number) o.get("id")).longValue();
            @SuppressWarnings("unchecked")
            Map<String, Object> c = (Map<String, Object>) o.get("classification");
            @SuppressWarnings("unchecked")
            List<Map<String, Object>> gaps = (List<Map<String, Object>>) c.get("gaps");
            Set<String> codes = new HashSet<>();
            gaps.forEach(g -> codes.add((String) g.get("code")));
            javaGaps.put(id, codes);
            if (Boolean.TRUE.equals(c.get("blankSpot"))) {
                javaBlank.add(id);
            }
        }

        for (GapCode gap : GapCode.values()) {
            Set<Long> expected = new HashSet<>();
            javaGaps.forEach((id, codes) -> {
                if (codes.contains(gap.name())) expected.add(id);
            });
            Set<Long> sql = new HashSet<>(given().queryParam("gap", gap.name()).queryParam("size", 500)
                    .get("/api/organizations").jsonPath().getList("items.id", Long.class));
            assertFalse(expected.isEmpty(), "the grid must exercise " + gap);
            assertEquals(expected, sql, "organizations with " + gap);
        }

        List<Map<String, Object>> ledger = given().get("/api/reports/blank-spots").jsonPath().getList("$");
        Set<Long> ledgerIds = new HashSet<>();
        for (Map<String, Object> b : ledger) {
            long id = ((Number) b.get("organizationId")).longValue();
            ledgerIds.add(id);
            assertEquals(Set.of(b.get("category")), intersect(javaGaps.get(id)), "category of " + id);
        }
        // the ledger: the blank spots, and the organizations covered only nominally
        Set<Long> javaLedger = new HashSet<>(javaBlank);
        javaGaps.forEach((id, codes) -> {
            if (codes.contains("NOMINAL_COVERAGE")) javaLedger.add(id);
        });
        assertEquals(javaLedger, ledgerIds);

        JsonPath coverage = given().queryParam("township", LUOXIONG).get("/api/reports/coverage").jsonPath();
        assertEquals(count(javaGaps, "SHOULD_FORM"), coverage.getInt("total.shouldForm"));
        assertEquals(count(javaGaps, "FEW_MEMBERS"), coverage.getInt("total.fewMembers"));
        assertEquals(count(javaGaps, "NO_MEMBERS"), coverage.getInt("total.noMembers"));
        assertEquals(javaBlank.size(), coverage.getInt("total.blankSpots"));
        assertEquals(count(javaGaps, "NOMINAL_COVERAGE"), coverage.getInt("total.nominalCoverage"));
        assertEquals(n - members.length, coverage.getInt("total.organizations"));
    }

    private static Set<Object> intersect(Set<String> codes) {
        Set<Object> categories = new HashSet<>(codes);
        categories.retainAll(Set.of("SHOULD_FORM", "FEW_MEMBERS", "NO_MEMBERS", "NOMINAL_COVERAGE"));
        return categories;
    }

    private static long count(Map<Long, Set<String>> gaps, String code) {
        return gaps.values().stream().filter(c -> c.contains(code)).count();
    }
}
