package cn.liangxin.annual;

import cn.liangxin.goal.Goals;
import cn.liangxin.history.History;
import cn.liangxin.report.BlankSpot;
import cn.liangxin.report.CoverageReport;
import cn.liangxin.report.CoverageRow;
import cn.liangxin.security.Caller;
import cn.liangxin.web.ApiException;
import cn.liangxin.web.Msg;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Tuple;
import jakarta.transaction.Transactional;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The annual freeze (年报): the coverage table, the blank-spot ledger and the goal progress of a year
 * as they stood at the end of its 31 December, stored once and never changed afterwards. What was
 * changed or corrected since shows as differences against it.
 */
@ApplicationScoped
public class Freezes {

    @jakarta.inject.Inject
    cn.liangxin.security.Scope scope;

    /** A frozen year. */
    public record Freeze(int year, Instant asOf, String frozenBy, Instant frozenAt, JsonNode coverage, JsonNode blankSpots,
                         JsonNode goals) {
    }

    /** One frozen year in a list. */
    public record Summary(int year, Instant asOf, String frozenBy, Instant frozenAt) {
    }

    /** A figure of a township that is not what was frozen. */
    public record Difference(String code, String name, String field, long frozen, long now) {
    }

    /** What differs between a freeze and the registry now: figures, and blank spots gone or added. */
    public record Differences(int year, List<Difference> figures, List<Long> blankSpotsSince, List<Long> blankSpotsNoLonger) {
    }

    private static final List<String> FIGURES = List.of("organizations", "formalMembers", "partyOrganizations",
            "coveredOrganizations", "blankSpots", "shouldForm", "fewMembers", "noMembers");

    private final EntityManager em;
    private final CoverageReport report;
    private final Goals goals;
    private final Caller caller;
    private final History history;
    private final ObjectMapper json;

    public Freezes(EntityManager em, CoverageReport report, Goals goals, Caller caller, History history,
                   ObjectMapper json) {
        this.em = em;
        this.report = report;
        this.goals = goals;
        this.caller = caller;
        this.history = history;
        this.json = json;
    }

    /** The county whose 年报 is read: the one the request names, or the caller's only one. */
    private String county() {
        return scope.requestCounty();
    }

    /** Freezes a year that has ended; a year is frozen once. */
    @Transactional
    public Freeze freeze(int year) {
        return freeze(scope.requestedCounty(), year);
    }

    /** Freezes a year of a county (null: the caller's only one) that has ended. */
    @Transactional
    public Freeze freeze(String requested, int year) {
        // a county's year is frozen by its 党工委 (or an administrator holding the county), whatever the door
        String county = scope.manageCounty(requested);
        int now = LocalDate.now(cn.liangxin.time.Days.ZONE).getYear();
        if (year >= now) {
            throw ApiException.invalid("year", Msg.t("freeze.notEnded", year));
        }
        Instant at = cn.liangxin.time.Days.endOf(LocalDate.of(year, 12, 31));
        if (!goals.recorded(at)) {
            throw ApiException.invalid("year", Msg.t("freeze.notRecorded", year));
        }
        if (find(county, year) != null) {
            throw ApiException.conflict("ALREADY_FROZEN", Msg.t("freeze.already", year));
        }
        CoverageReport.Table coverage = report.coverage(county, null, at);
        List<BlankSpot> blank = report.blankSpots(county, null, at);
        Goals.YearProgress progress = goals.progressOf(county, year);
        try {
            em.createNativeQuery("insert into annual_freeze (county_code, year, as_of, frozen_by, coverage, blank_spots, goals)"
                            + " values (:county, :year, :asOf, :user, cast(:coverage as jsonb), cast(:blank as jsonb),"
                            + " cast(:goals as jsonb))")
                    .setParameter("county", county).setParameter("year", year)
                    .setParameter("asOf", at.atOffset(java.time.ZoneOffset.UTC)).setParameter("user", caller.username())
                    .setParameter("coverage", json.writeValueAsString(coverage))
                    .setParameter("blank", json.writeValueAsString(blank))
                    .setParameter("goals", json.writeValueAsString(progress)).executeUpdate();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        return find(county, year);
    }

    public Freeze get(int year) {
        Freeze f = find(year);
        if (f == null) {
            throw ApiException.notFound(Msg.t("freeze.what", year));
        }
        return f;
    }

    public List<Summary> list() {
        List<Summary> out = new ArrayList<>();
        for (Object o : em.createNativeQuery("select year, as_of, frozen_by, frozen_at from annual_freeze where county_code = :county"
                + " order by year desc", Tuple.class).setParameter("county", county()).getResultList()) {
            Tuple t = (Tuple) o;
            out.add(new Summary(((Number) t.get(0)).intValue(), instant(t.get(1)), (String) t.get(2), instant(t.get(3))));
        }
        return out;
    }

    /** The freeze against the registry now, for the townships the caller sees. */
    public Differences differences(int year) {
        Freeze f = get(year);
        List<Difference> figures = new ArrayList<>();
        Map<String, JsonNode> frozen = new HashMap<>();
        for (JsonNode row : f.coverage().get("townships")) {
            frozen.put(row.get("code").asText(), row);
        }
        for (CoverageRow row : report.coverage(county(), null, null).townships()) {
            JsonNode was = frozen.get(row.code());
            JsonNode is = json.valueToTree(row);
            for (String field : FIGURES) {
                long a = was == null ? 0 : was.get(field).asLong();
                long b = is.get(field).asLong();
                if (a != b) {
                    figures.add(new Difference(row.code(), row.name(), field, a, b));
                }
            }
        }
        Set<Long> before = new HashSet<>();
        for (JsonNode b : f.blankSpots()) {
            // blank spots only: a frozen ledger also names the nominally covered, which are not blank
            if (scope.sees(b.get("townshipCode").asText()) && cn.liangxin.rules.GapCode.valueOf(b.get("category").asText())
                    .isBlankSpotCategory()) {
                before.add(b.get("organizationId").asLong());
            }
        }
        Set<Long> now = new HashSet<>();
        report.blankSpots(county(), null, null).stream().filter(b -> b.category().isBlankSpotCategory())
                .forEach(b -> now.add(b.organizationId()));
        List<Long> since = now.stream().filter(id -> !before.contains(id)).sorted().toList();
        List<Long> gone = before.stream().filter(id -> !now.contains(id)).sorted().toList();
        return new Differences(year, figures, since, gone);
    }

    private Freeze find(int year) {
        return find(county(), year);
    }

    private Freeze find(String county, int year) {
        List<?> rows = em.createNativeQuery("select as_of, frozen_by, frozen_at, coverage::text, blank_spots::text, goals::text"
                        + " from annual_freeze where county_code = :county and year = :year", Tuple.class)
                .setParameter("county", county).setParameter("year", year).getResultList();
        if (rows.isEmpty()) {
            return null;
        }
        Tuple t = (Tuple) rows.get(0);
        try {
            return new Freeze(year, instant(t.get(0)), (String) t.get(1), instant(t.get(2)), scoped(county, json.readTree((String) t.get(3))),
                    scopedList(county, json.readTree((String) t.get(4))), scopedGoals(county, json.readTree((String) t.get(5))));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A clerk sees the frozen rows of her townships only (the county total is the county's, so left out for her). */
    private JsonNode scoped(String county, JsonNode coverage) {
        if (scope.seesWhole(county)) {
            return coverage;
        }
        var out = json.createObjectNode();
        var rows = out.putArray("townships");
        for (JsonNode row : coverage.get("townships")) {
            if (scope.sees(row.get("code").asText())) rows.add(row);
        }
        return out;
    }

    private JsonNode scopedGoals(String county, JsonNode progress) {
        if (scope.seesWhole(county)) {
            return progress;
        }
        com.fasterxml.jackson.databind.node.ObjectNode out = progress.deepCopy();
        for (JsonNode g : out.withArray("goals")) {
            com.fasterxml.jackson.databind.node.ObjectNode goal = (com.fasterxml.jackson.databind.node.ObjectNode) g;
            goal.remove("county");
            var kept = json.createArrayNode();
            for (JsonNode row : goal.get("townships")) {
                if (scope.sees(row.get("code").asText())) kept.add(row);
            }
            goal.set("townships", kept);
        }
        return out;
    }

    private JsonNode scopedList(String county, JsonNode list) {
        if (scope.seesWhole(county)) {
            return list;
        }
        var out = json.createArrayNode();
        for (JsonNode row : list) {
            if (scope.sees(row.get("townshipCode").asText())) out.add(row);
        }
        return out;
    }

    private static Instant instant(Object v) {
        if (v instanceof Instant i) return i;
        if (v instanceof OffsetDateTime o) return o.toInstant();
        if (v instanceof java.sql.Timestamp ts) return ts.toInstant();
        return null;
    }
}
