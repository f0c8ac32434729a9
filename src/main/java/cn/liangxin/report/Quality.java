package cn.liangxin.report;

import cn.liangxin.division.Township;
import cn.liangxin.organization.Kind;
import cn.liangxin.security.Scope;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How complete and current each township's data is, scored 0–100 from four components, each shown
 * with its numerator and denominator:
 * <ul>
 * <li>completeness: blank spots whose survey fields are filled (the owner's attitude, and either a
 * planned date or the reason, the responsible person and the countermeasures);</li>
 * <li>freshness: active organizations confirmed by a survey or an edit in the last 12 months
 * ({@code liangxin.quality.fresh-months});</li>
 * <li>register coverage: the active lines of the latest register of each source, of the township,
 * that are in the registry (matched, or registered from the worklist); absent without a register;</li>
 * <li>no open warnings: active organizations without formal members above headcount, without a USCC
 * whose first two characters do not fit their kind, and without an active namesake in their township.</li>
 * </ul>
 * The score weighs the components present by configured weights.
 */
@ApplicationScoped
public class Quality implements cn.liangxin.goal.QualityScores {

    /** One component: what is counted, over what, and the share (null when there is nothing to count). */
    public record Component(long numerator, long denominator, BigDecimal rate) {
        static Component of(long numerator, long denominator) {
            return new Component(numerator, denominator, cn.liangxin.rules.Rates.of(numerator, denominator));
        }
    }

    /** A township's score and its components (by name: completeness, freshness, registerCoverage, noWarnings). */
    public record Line(String code, String name, Integer score, Map<String, Component> components) {
    }

    public record Report(Line total, List<Line> townships) {
    }

    /** Active organizations with the party organization that covers them, if any ({@code p.id} null: a blank spot). */
    private static final String FROM = """
            from organization o
            left join party_organization_coverage c on c.county_code = o.county_code and c.organization_id = o.id and c.active
            left join party_organization p on p.county_code = c.county_code and p.id = c.party_organization_id""";
    private static final String BLANK = "p.id is null";
    /**
     * A blank spot's survey fields are filled: the owner's attitude, and either a planned date or the
     * reason, the responsible person and the countermeasures. (Whether a secretary candidate exists
     * is a yes/no the registry always holds, so it is always answered.)
     */
    private static final String COMPLETE = """
            (o.owner_attitude is not null and (o.planned_formation_on is not null
                or (coalesce(btrim(o.not_planned_reason), '') <> '' and coalesce(btrim(o.responsible), '') <> ''
                    and coalesce(btrim(o.countermeasures), '') <> '')))""";
    /** Confirmed by a survey or an edit within the configured months. */
    private static final String FRESH = "o.updated_at > now() - make_interval(months => :months)";
    /**
     * An open warning: more formal members than staff, a USCC whose first two characters do not fit
     * the kind (the same mapping as the warning on the organization's page), or an active namesake
     * in the same township (a possible duplicate). {@code NAMESAKE_COUNTY} is replaced by {@link #warned}.
     */
    private static final String WARNED = "(o.formal_members > o.headcount or " + Kind.disagreementSql("o.kind", "o.uscc")
            + " or exists (select 1 from organization d where d.county_code = o.county_code NAMESAKE_COUNTY"
            + " and d.township_code = o.township_code and d.id <> o.id and d.status <> 'CLOSED' and d.name = o.name))";

    /**
     * {@link #WARNED} for a part: one county is named in the namesake's subquery too (on a cluster a
     * subquery that does not name its county asks every shard); a list of many is not (PostgreSQL
     * then probes a worse index: 5.3 s instead of 0.1 s for a county of a province in scope).
     */
    private static String warned(Scope.Part part) {
        return WARNED.replace("NAMESAKE_COUNTY", part.counties().size() == 1 ? "and d.county_code in (:scope_counties)" : "");
    }

    static final List<String> COMPONENTS = List.of("completeness", "freshness", "registerCoverage", "noWarnings");

    private final EntityManager em;
    private final Scope scope;
    @jakarta.inject.Inject
    CoverageReport coverage;
    private final Map<String, Integer> weights = new LinkedHashMap<>();
    /** How recent a survey or an edit must be for an organization to count as confirmed. */
    private final int freshMonths;

    public Quality(EntityManager em, Scope scope,
                   @ConfigProperty(name = "liangxin.quality.weight.completeness", defaultValue = "40") int completeness,
                   @ConfigProperty(name = "liangxin.quality.weight.freshness", defaultValue = "20") int freshness,
                   @ConfigProperty(name = "liangxin.quality.weight.register-coverage", defaultValue = "25") int register,
                   @ConfigProperty(name = "liangxin.quality.weight.no-warnings", defaultValue = "15") int warnings,
                   @ConfigProperty(name = "liangxin.quality.fresh-months", defaultValue = "12") int freshMonths) {
        this.em = em;
        this.freshMonths = freshMonths;
        this.scope = scope;
        weights.put("completeness", completeness);
        weights.put("freshness", freshness);
        weights.put("registerCoverage", register);
        weights.put("noWarnings", warnings);
    }

    /** The report of a county in scope (null: all) or one township. */
    public Report report(String county, String township) {
        Scope.Part part = scope.part(county, township);
        List<Township> wanted = scope.townships().stream().filter(t -> part.holds(t.countyCode(), t.code())).toList();
        // the figures kept per township beside the coverage figures (recounted where stale)
        return report(part, wanted, coverage.figures(part, wanted));
    }

    /** The report of these townships of a part from their figures already read ({@link CoverageReport#figures}). */
    Report report(Scope.Part part, List<Township> wanted, Map<String, Map<String, Long>> n) {
        List<Line> lines = new ArrayList<>();
        long[] sum = new long[7];
        for (Township t : wanted) {
            long[] v = values(n.getOrDefault(t.code(), Map.of()));
            for (int i = 0; i < 7; i++) {
                sum[i] += v[i];
            }
            lines.add(line(t.code(), t.name(), v));
        }
        return new Report(line(part.counties().isEmpty() ? "" : String.join(",", part.counties()),
                cn.liangxin.web.Msg.t("overview.total"), sum), lines);
    }

    /** The figures {@link #count} gives, in the order of a line's values. */
    static final List<String> FIGURES = List.of("blank", "complete", "organizations", "fresh", "register_lines",
            "register_in", "warned");

    /** [blank, complete, active, fresh, registerLines, registerIn, warned] of one township's figures. */
    private static long[] values(Map<String, Long> figures) {
        long[] v = new long[FIGURES.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = figures.getOrDefault(FIGURES.get(i), 0L);
        }
        return v;
    }

    /**
     * The quality figures of each township of a part, counted from the registry now (by the names
     * {@link TownshipSummary#FIGURES} keeps them under; the active organizations are the coverage
     * table's {@code organizations}), with {@code fresh_until_ms}: when the first organization counted
     * as fresh stops being fresh (0: none is).
     */
    Map<String, Map<String, Long>> count(Scope.Part part) {
        Map<String, Map<String, Long>> n = new HashMap<>();
        for (Object o : part.bind(em.createNativeQuery("""
                select o.township_code,
                       count(*) filter (where %1$s),
                       count(*) filter (where %1$s and %2$s),
                       count(*) filter (where %3$s),
                       count(*) filter (where %4$s),
                       coalesce((extract(epoch from min(o.updated_at) filter (where %3$s)
                                 + make_interval(months => :months)) * 1000)::bigint, 0)
                %5$s
                where %6$s and o.status <> 'CLOSED'
                group by o.township_code""".formatted(BLANK, COMPLETE, FRESH, warned(part), FROM, part.sql("o"))))
                .setParameter("months", freshMonths).getResultList()) {
            Object[] r = (Object[]) o;
            Map<String, Long> v = n.computeIfAbsent((String) r[0], k -> new HashMap<>());
            v.put("blank", num(r[1]));
            v.put("complete", num(r[2]));
            v.put("fresh", num(r[3]));
            v.put("warned", num(r[4]));
            v.put("fresh_until_ms", num(r[5]));
        }
        // the latest register of each source per county (of those that finished: an import's summary counts
        // its lines once its last line is written): its active lines, and those in the registry
        for (Object o : part.bind(em.createNativeQuery("""
                select r.township_code, count(*), count(*) filter (where r.category in ('MATCHED', 'CLOSE_CANDIDATE')
                           or r.done = 'REGISTERED')
                from register_row r
                join (select county_code, source, max(id) as id from register_import
                      where (summary -> 'rows') is not null and %s group by county_code, source) last
                  on last.county_code = r.county_code and last.id = r.import_id
                where %s and r.active and r.category <> 'OUT_OF_SCOPE'
                group by r.township_code""".formatted(part.countySql("register_import"), part.sql("r"))))
                .getResultList()) {
            Object[] r = (Object[]) o;
            Map<String, Long> v = n.computeIfAbsent((String) r[0], k -> new HashMap<>());
            v.put("register_lines", num(r[1]));
            v.put("register_in", num(r[2]));
        }
        return n;
    }

    /**
     * Each county's score from a report's township lines, summed per county (the same figures as a
     * report of that county alone, without asking the database once per county).
     */
    public Map<String, Integer> countyScores(Report report) {
        Map<String, long[]> byCounty = new LinkedHashMap<>();
        for (Line l : report.townships()) {
            long[] v = byCounty.computeIfAbsent(l.code().substring(0, 6), k -> new long[7]);
            Component complete = l.components().get("completeness");
            Component fresh = l.components().get("freshness");
            Component register = l.components().get("registerCoverage");
            Component unwarned = l.components().get("noWarnings");
            v[0] += complete.denominator();
            v[1] += complete.numerator();
            v[2] += fresh.denominator();
            v[3] += fresh.numerator();
            v[4] += register.denominator();
            v[5] += register.numerator();
            v[6] += unwarned.denominator() - unwarned.numerator();
        }
        Map<String, Integer> scores = new HashMap<>();
        byCounty.forEach((county, v) -> scores.put(county, line(county, county, v).score()));
        return scores;
    }

    @Override
    public Scores scores(String county, String township) {
        Report r = report(county, township);
        Map<String, Integer> by = new LinkedHashMap<>();
        for (Line l : r.townships()) {
            by.put(l.code(), l.score());
        }
        return new Scores(by, r.total().score());
    }

    @Override
    public List<cn.liangxin.goal.Goals.Shortfall> lowering(String county, String township) {
        Scope.Part part = scope.part(county, township);
        List<cn.liangxin.goal.Goals.Shortfall> out = new ArrayList<>();
        for (Object o : part.bind(em.createNativeQuery("""
                select * from (
                    select o.id, o.name, o.township_code, o.headcount, o.formal_members,
                           %s and not %s as incomplete, not (%s) as stale, %s as warned
                    %s
                    where %s and o.status <> 'CLOSED') x
                where incomplete or stale or warned
                order by township_code, name, id""".formatted(BLANK, COMPLETE, FRESH, warned(part), FROM, part.sql("o"))))
                .setParameter("months", freshMonths).getResultList()) {
            Object[] r = (Object[]) o;
            String code = (String) r[2];
            List<String> reasons = new ArrayList<>();
            if (Boolean.TRUE.equals(r[5])) {
                reasons.add("INCOMPLETE_SURVEY");
            }
            if (Boolean.TRUE.equals(r[6])) {
                reasons.add("STALE");
            }
            if (Boolean.TRUE.equals(r[7])) {
                reasons.add("OPEN_WARNING");
            }
            out.add(new cn.liangxin.goal.Goals.Shortfall(((Number) r[0]).longValue(), (String) r[1], code,
                    scope.find(code).map(Township::name).orElse(code), "ORGANIZATION",
                    ((Number) r[3]).intValue(), ((Number) r[4]).intValue(), List.copyOf(reasons)));
        }
        return out;
    }

    private Line line(String code, String name, long[] v) {
        Map<String, Component> c = new LinkedHashMap<>();
        c.put("completeness", Component.of(v[1], v[0]));
        c.put("freshness", Component.of(v[3], v[2]));
        c.put("registerCoverage", Component.of(v[5], v[4]));
        c.put("noWarnings", Component.of(v[2] - v[6], v[2]));
        return new Line(code, name, score(c), c);
    }

    /** The weight of each component, by name, as configured. */
    public Map<String, Integer> weights() {
        return java.util.Collections.unmodifiableMap(weights);
    }

    /** The weighted mean of the components that have something to count, 0–100; null when none has. */
    Integer score(Map<String, Component> components) {
        double weighted = 0;
        int weight = 0;
        for (Map.Entry<String, Component> e : components.entrySet()) {
            if (e.getValue().rate() != null) {
                int w = weights.get(e.getKey());
                weighted += w * e.getValue().rate().doubleValue();
                weight += w;
            }
        }
        return weight == 0 ? null : (int) Math.round(100 * weighted / weight);
    }

    private static long num(Object o) {
        return o == null ? 0 : ((Number) o).longValue();
    }
}
