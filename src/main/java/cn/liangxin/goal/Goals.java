package cn.liangxin.goal;

import cn.liangxin.division.Divisions;
import cn.liangxin.division.Township;
import cn.liangxin.security.Scope;
import cn.liangxin.history.History;
import cn.liangxin.rules.FormationRules;
import cn.liangxin.rules.GapSql;
import cn.liangxin.rules.GoalMetric;
import cn.liangxin.rules.Thresholds;
import cn.liangxin.security.Caller;
import cn.liangxin.web.ApiException;
import cn.liangxin.web.Msg;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceException;
import jakarta.persistence.Query;
import jakarta.persistence.Tuple;
import jakarta.transaction.Transactional;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The county's coverage goals and how far each township and the county are from them, in any year:
 * a past year is measured on the registry as recorded at the end of 31 December, the current year
 * on the registry as it is. Counted in the database, one grouped query per kind of metric.
 */
@ApplicationScoped
public class Goals {

    @jakarta.inject.Inject
    cn.liangxin.security.Scope scope;

    /** The data-quality score, for {@link GoalMetric#DATA_QUALITY}. */
    @jakarta.inject.Inject
    QualityScores quality;

    /** How far a township (or the county) is from a goal. */
    public record Progress(String code, String name, GoalMetric metric, BigDecimal target, BigDecimal value, Boolean met,
                           long numerator, long denominator, long shortBy, String organizations) {
    }

    /** A goal with its progress in the county and in every township. */
    public record GoalProgress(Goal goal, boolean met, Progress county, List<Progress> townships) {
    }

    /** The progress of a year's goals; {@code recorded} false when the registry's history does not reach that year. */
    public record YearProgress(int year, LocalDate measuredOn, boolean recorded, List<GoalProgress> goals) {
    }

    /** Numerator and denominator of every metric, per township. */
    /**
     * Per township, the numerator and denominator of each metric ({@code [ordinal × 2]},
     * {@code [ordinal × 2 + 1]}), then ({@link #RATED}) how many of its party organizations have a
     * 五个好 rating for the year at all, passed or not.
     */
    record Counts(Map<String, long[]> byTownship) {
        long[] of(String township) {
            return byTownship.getOrDefault(township, new long[SLOTS]);
        }
    }

    private static final int RATED = GoalMetric.values().length * 2;
    private static final int SLOTS = RATED + 1;

    private final EntityManager em;
    private final Caller caller;
    private final Divisions divisions;
    private final Thresholds thresholds;
    private final History history;

    public Goals(EntityManager em, Caller caller, Divisions divisions, FormationRules rules, History history) {
        this.em = em;
        this.caller = caller;
        this.divisions = divisions;
        this.thresholds = rules.thresholds();
        this.history = history;
    }

    /** The county whose goals are read: the one the request names, or the caller's only one. */
    private String county() {
        return scope.requestCounty();
    }

    /** The county of a township asked for (its goals are its county's), or the request's county. */
    private String county(String township) {
        return township == null ? county() : divisions.township(township).map(Township::countyCode).orElseGet(this::county);
    }

    public List<Goal> list() {
        return list(county());
    }

    /** The target the county set for a metric in a year (null: none). */
    public java.math.BigDecimal target(GoalMetric metric, int year) {
        return list().stream().filter(g -> g.year() == year && g.metric() == metric).map(Goal::target).findFirst()
                .orElse(null);
    }

    /** The goals of one county. */
    private List<Goal> list(String county) {
        List<?> rows = em.createNativeQuery("select id, year, metric, target, scope from goal where county_code = :county"
                + " order by year, metric, scope", Tuple.class).setParameter("county", county).getResultList();
        List<Goal> goals = new ArrayList<>();
        for (Object o : rows) {
            Tuple t = (Tuple) o;
            goals.add(new Goal(((Number) t.get(0)).longValue(), county, ((Number) t.get(1)).intValue(),
                    GoalMetric.valueOf((String) t.get(2)), ((BigDecimal) t.get(3)).stripTrailingZeros(),
                    Goal.Scope.valueOf((String) t.get(4))));
        }
        return goals;
    }

    public Goal get(long id) {
        return get(county(), id);
    }

    private Goal get(String county, long id) {
        return list(county).stream().filter(g -> g.id() == id).findFirst()
                .orElseThrow(() -> ApiException.notFound(Msg.t("goal.what", id)));
    }

    /** A goal of the county the body names ({@code countyCode}), or of the request's county. */
    @Transactional
    public Goal create(GoalInput in) {
        String county = scope.manageCounty(in.countyCode() != null ? in.countyCode() : scope.requestedCounty());
        long id = ((Number) em.createNativeQuery("select nextval('goal_id_seq')").getSingleResult()).longValue();
        write("insert into goal (county_code, id, year, metric, target, scope, created_by, updated_by)"
                + " values (:county, :id, :year, :metric, :target, :scope, :user, :user)", county, id, in);
        return get(county, id);
    }

    @Transactional
    public Goal update(long id, GoalInput in) {
        String county = scope.manageCounty(in.countyCode() != null ? in.countyCode() : scope.requestedCounty());
        get(county, id);
        write("update goal set year = :year, metric = :metric, target = :target, scope = :scope,"
                + " updated_by = :user, updated_at = now() where county_code = :county and id = :id", county, id, in);
        return get(county, id);
    }

    /** Runs an insert or update of a goal; another goal of the same year, metric and scope is a 409. */
    private void write(String sql, String county, long id, GoalInput in) {
        try {
            em.createNativeQuery(sql).setParameter("county", county).setParameter("id", id).setParameter("year", in.year())
                    .setParameter("metric", in.metric().name()).setParameter("target", in.target())
                    .setParameter("scope", in.scope().name()).setParameter("user", caller.username()).executeUpdate();
            em.flush();
        } catch (PersistenceException e) {
            throw duplicate(in);
        }
    }

    @Transactional
    public void delete(long id) {
        String county = scope.manageCounty(scope.requestedCounty());
        get(county, id);
        em.createNativeQuery("delete from goal where county_code = :county and id = :id")
                .setParameter("county", county).setParameter("id", id).executeUpdate();
    }

    /** The goals seed 001 sets for 2009, 2010 and 2011, added where the county has none of that year and metric. */
    @Transactional
    public List<Goal> preset() {
        String county = scope.manageCounty(scope.requestedCounty());
        List<GoalInput> seed = List.of(
                new GoalInput(2009, GoalMetric.LARGE_HAVE_MEMBERS, BigDecimal.ONE, Goal.Scope.TOWNSHIP, county),
                new GoalInput(2009, GoalMetric.LARGE_HAVE_ORGANIZATION, BigDecimal.ONE, Goal.Scope.TOWNSHIP, county),
                new GoalInput(2010, GoalMetric.ELIGIBLE_HAVE_ORGANIZATION, BigDecimal.ONE, Goal.Scope.TOWNSHIP, county),
                new GoalInput(2011, GoalMetric.FIVE_GOOD, new BigDecimal("0.8"), Goal.Scope.COUNTY, county));
        List<Goal> existing = list(county);
        for (GoalInput in : seed) {
            if (existing.stream().noneMatch(g -> g.year() == in.year() && g.metric() == in.metric())) {
                create(in);
            }
        }
        return list(county);
    }

    private static ApiException duplicate(GoalInput in) {
        return ApiException.conflict("GOAL_EXISTS", Msg.t("goal.duplicate", in.year(), Msg.label(in.metric()), Msg.label(in.scope())));
    }

    /** The instant a year is measured at: the end of its 31 December, or null (now) for this year and later. */
    public static Instant measuredAt(int year) {
        return year >= LocalDate.now(cn.liangxin.time.Days.ZONE).getYear() ? null : cn.liangxin.time.Days.endOf(LocalDate.of(year, 12, 31));
    }

    /** Whether the registry's history reaches back to an instant (null: now, always). */
    public boolean recorded(Instant at) {
        if (at == null) {
            return true;
        }
        LocalDate first = history.firstDay();
        return first != null && !first.isAfter(at.atZone(cn.liangxin.time.Days.ZONE).toLocalDate());
    }

    /** The progress of the goals of a year, for the townships the caller sees (or the one asked for). */
    public YearProgress progress(int year, String township) {
        return progress(year, township, measuredAt(year), null);
    }

    /**
     * The progress of a year's goals measured at an instant (null: now); {@code day} names it (null:
     * the year's 31 December, or today for this year).
     */
    public YearProgress progress(int year, String township, Instant at, LocalDate day) {
        return progress(county(township), year, township, at, day);
    }

    /** The progress of one county's goals of a year, measured at the year's end (or now for this year). */
    public YearProgress progressOf(String county, int year) {
        return progress(county, year, null, measuredAt(year), null);
    }

    /** The progress of each county the caller sees toward its own goals: the county lines only. */
    public record CountyProgress(String countyCode, String name, List<GoalProgress> goals) {
    }

    /** A region's roll-up: for each county, its goals of the year and how far it has come. */
    public record RegionProgress(int year, LocalDate measuredOn, boolean recorded, List<CountyProgress> counties) {
    }

    public RegionProgress progressByCounty(int year, Instant at, LocalDate day) {
        List<CountyProgress> counties = new ArrayList<>();
        YearProgress any = null;
        for (cn.liangxin.division.County c : scope.counties()) {
            YearProgress p = progress(c.code(), year, null, at, day);
            any = p;
            counties.add(new CountyProgress(c.code(), c.name(), p.goals().stream()
                    .map(g -> new GoalProgress(g.goal(), g.met(), g.county(), List.of())).toList()));
        }
        LocalDate measured = day != null ? day : at == null ? cn.liangxin.time.Days.today() : LocalDate.of(year, 12, 31);
        return new RegionProgress(year, measured, any == null || any.recorded(), counties);
    }

    private YearProgress progress(String county, int year, String township, Instant at, LocalDate day) {
        boolean recorded = recorded(at);
        Scope.Part part = scope.part(county, township);
        Counts counts = recorded ? counts(year, at, township, county) : null;
        List<Township> townships = scope.townships().stream().filter(t -> part.holds(t.countyCode(), t.code())).toList();
        List<GoalProgress> out = new ArrayList<>();
        QualityScores.Scores scores = null;
        for (Goal g : list(county)) {
            if (g.year() != year) {
                continue;
            }
            if (g.metric().over() == GoalMetric.Over.SCORE) {
                // the score is measured on the registry as it is now: a past year (or a past day) has none
                if (scores == null && recorded && at == null) {
                    scores = quality.scores(county, township);
                }
                out.add(scored(g, scores, county, year, township, townships, at == null));
                continue;
            }
            List<Progress> rows = new ArrayList<>();
            long[] total = new long[3];
            for (Township t : townships) {
                long[] c = counts == null ? null : counts.of(t.code());
                Progress p = progress(t.code(), t.name(), g, c, year, t.code());
                rows.add(p);
                total[0] += p.numerator();
                total[1] += p.denominator();
                total[2] += c == null ? 0 : c[RATED];
            }
            String name = township != null || !scope.seesWhole(county) ? Msg.t("overview.total")
                    : divisions.county(county).orElseThrow().name();
            Progress whole = progress(county, name, g, counts == null ? null : pair(g.metric(), total), year, township);
            boolean met = g.scope() == Goal.Scope.COUNTY ? Boolean.TRUE.equals(whole.met())
                    : rows.stream().allMatch(r -> Boolean.TRUE.equals(r.met()));
            out.add(new GoalProgress(g, recorded && met, whole, rows));
        }
        LocalDate measured = day != null ? day : at == null ? LocalDate.now(cn.liangxin.time.Days.ZONE) : LocalDate.of(year, 12, 31);
        return new YearProgress(year, measured, recorded, out);
    }

    /**
     * The progress of a data-quality goal: numerator the score, denominator 100, value the score ÷
     * 100 (like the target), {@code shortBy} the points short ({@link GoalMetric#pointsShort}). No
     * score (nothing to score) is met, as a rate with nothing to count is; unmeasured, nothing is.
     */
    private GoalProgress scored(Goal g, QualityScores.Scores scores, String county, int year, String township,
                                List<Township> townships, boolean now) {
        List<Progress> rows = new ArrayList<>();
        for (Township t : townships) {
            rows.add(scored(t.code(), t.name(), g, scores == null ? null : scores.townships().get(t.code()), scores != null,
                    year, t.code()));
        }
        String name = township != null || !scope.seesWhole(county) ? Msg.t("overview.total")
                : divisions.county(county).orElseThrow().name();
        Progress whole = scored(county, name, g, scores == null ? null : scores.total(), scores != null, year, township);
        boolean met = g.scope() == Goal.Scope.COUNTY ? Boolean.TRUE.equals(whole.met())
                : rows.stream().allMatch(r -> Boolean.TRUE.equals(r.met()));
        return new GoalProgress(g, scores != null && now && met, whole, rows);
    }

    private static Progress scored(String code, String name, Goal g, Integer score, boolean measured, int year,
                                   String township) {
        String link = "/api/goals/shortfall?year=" + year + "&metric=" + g.metric().name()
                + (township == null ? "" : "&township=" + township);
        if (!measured) {
            return new Progress(code, name, g.metric(), g.target(), null, null, 0, 0, 0, link);
        }
        if (score == null) {
            return new Progress(code, name, g.metric(), g.target(), null, true, 0, 0, 0, link);
        }
        long shortBy = GoalMetric.pointsShort(score, g.target());
        return new Progress(code, name, g.metric(), g.target(), BigDecimal.valueOf(score).movePointLeft(2).setScale(4),
                shortBy == 0, score, 100, shortBy, link);
    }

    private static long[] pair(GoalMetric m, long[] total) {
        long[] c = new long[SLOTS];
        c[m.ordinal() * 2] = total[0];
        c[m.ordinal() * 2 + 1] = total[1];
        c[RATED] = total[2];
        return c;
    }

    private Progress progress(String code, String name, Goal g, long[] c, int year, String township) {
        String link = "/api/goals/shortfall?year=" + year + "&metric=" + g.metric().name()
                + (township == null ? "" : "&township=" + township);
        // unmeasured, or 五个好 in a year none of its party organizations has been rated in: no rate, neither met nor short
        if (c == null || g.metric() == GoalMetric.FIVE_GOOD && c[RATED] == 0) {
            return new Progress(code, name, g.metric(), g.target(), null, null, 0, 0, 0, link);
        }
        long num = c[g.metric().ordinal() * 2];
        long den = c[g.metric().ordinal() * 2 + 1];
        BigDecimal value = cn.liangxin.rules.Rates.of(num, den);
        long shortBy = GoalMetric.shortBy(num, den, g.target());
        return new Progress(code, name, g.metric(), g.target(), value, shortBy == 0, num, den, shortBy, link);
    }

    /** Numerators and denominators of every metric per township, as of an instant (null: now). */
    Counts counts(int year, Instant at, String township) {
        return counts(year, at, township, county(township));
    }

    /** The counts of a year, of one county in scope (null: all of them). */
    private Counts counts(int year, Instant at, String township, String county) {
        Map<String, long[]> by = new HashMap<>();
        StringBuilder sql = new StringBuilder("select o.township_code as township");
        for (GoalMetric m : GoalMetric.values()) {
            if (m.over() == GoalMetric.Over.ORGANIZATIONS) {
                sql.append(", count(*) filter (where ").append(m.numerator(thresholds)).append(")")
                        .append(", count(*) filter (where ").append(m.denominator(thresholds)).append(")");
            }
        }
        sql.append(" from ").append(at == null ? GapSql.FROM : GapSql.FROM_AS_OF)
                .append(" where ").append(scope.part(county, township).sql("o")).append(" and ").append(GapSql.ACTIVE)
                .append(" group by o.township_code");
        Query q = em.createNativeQuery(sql.toString(), Tuple.class);
        bind(q, at, township, county);
        for (Object o : q.getResultList()) {
            Tuple t = (Tuple) o;
            long[] c = by.computeIfAbsent((String) t.get(0), k -> new long[SLOTS]);
            int k = 1;
            for (GoalMetric m : GoalMetric.values()) {
                if (m.over() == GoalMetric.Over.ORGANIZATIONS) {
                    c[m.ordinal() * 2] = ((Number) t.get(k++)).longValue();
                    c[m.ordinal() * 2 + 1] = ((Number) t.get(k++)).longValue();
                }
            }
        }
        StringBuilder psql = new StringBuilder("select q.township_code as township");
        for (GoalMetric m : GoalMetric.values()) {
            if (m.over() == GoalMetric.Over.PARTY_ORGANIZATIONS) {
                psql.append(", count(*) filter (where ").append(m.numerator(thresholds)).append(")")
                        .append(", count(*) filter (where ").append(m.denominator(thresholds)).append(")");
            }
        }
        psql.append(", count(r.party_organization_id)");
        psql.append(" from ").append(at == null ? "party_organization" : GapSql.asOf("party_organization")).append(" q")
                .append(" left join ").append(at == null ? "party_standard" : GapSql.asOf("party_standard"))
                .append(" s on s.county_code = q.county_code and s.party_organization_id = q.id")
                .append(at == null ? RATINGS : RATINGS_AS_OF_JOIN)
                .append(" where ").append(scope.part(county, township).sql("q")).append(" and q.dissolved_on is null")
                .append(" group by q.township_code");
        Query pq = em.createNativeQuery(psql.toString(), Tuple.class);
        bind(pq, at, township, county);
        pq.setParameter("year", year);
        for (Object o : pq.getResultList()) {
            Tuple t = (Tuple) o;
            long[] c = by.computeIfAbsent((String) t.get(0), k -> new long[SLOTS]);
            int k = 1;
            for (GoalMetric m : GoalMetric.values()) {
                if (m.over() == GoalMetric.Over.PARTY_ORGANIZATIONS) {
                    c[m.ordinal() * 2] = ((Number) t.get(k++)).longValue();
                    c[m.ordinal() * 2 + 1] = ((Number) t.get(k++)).longValue();
                }
            }
            c[RATED] = ((Number) t.get(k)).longValue();
        }
        return new Counts(by);
    }

    /**
     * One row that keeps a township (or the county) from a goal's target; {@code reasons}, for the
     * data-quality score only: which of INCOMPLETE_SURVEY, STALE and OPEN_WARNING lower it (empty otherwise).
     */
    public record Shortfall(long id, String name, String townshipCode, String townshipName, String kind, Integer headcount,
                            Integer formalMembers, List<String> reasons) {
    }

    /**
     * Exactly the organizations (or party organizations) counted in a metric's denominator but not
     * in its numerator: those that must change for the rate to rise. For the data-quality score: the
     * organizations that lower it now ({@link QualityScores#lowering}); none for a past year, whose
     * score is not measured.
     */
    public List<Shortfall> shortfall(int year, GoalMetric metric, String township) {
        Instant at = measuredAt(year);
        if (!recorded(at)) {
            return List.of();
        }
        if (metric.over() == GoalMetric.Over.SCORE) {
            return at == null ? quality.lowering(county(township), township) : List.of();
        }
        Query q;
        if (metric.over() == GoalMetric.Over.ORGANIZATIONS) {
            q = em.createNativeQuery("select o.id, o.name, o.township_code, 'ORGANIZATION', o.headcount, o.formal_members"
                    + " from " + (at == null ? GapSql.FROM : GapSql.FROM_AS_OF)
                    + " where " + scope.part(county(township), township).sql("o") + " and " + GapSql.ACTIVE
                    + " and (" + metric.denominator(thresholds) + ") and not (" + metric.numerator(thresholds) + ")"
                    + " order by o.township_code, o.formal_members desc, o.headcount desc, o.name, o.id", Tuple.class);
        } else {
            q = em.createNativeQuery("select q.id, q.name, q.township_code, 'PARTY_ORGANIZATION', null, null"
                    + " from " + (at == null ? "party_organization" : GapSql.asOf("party_organization")) + " q"
                    + " left join " + (at == null ? "party_standard" : GapSql.asOf("party_standard"))
                    + " s on s.county_code = q.county_code and s.party_organization_id = q.id"
                    + (at == null ? RATINGS : RATINGS_AS_OF_JOIN)
                    + " where " + scope.part(county(township), township).sql("q") + " and q.dissolved_on is null"
                    + " and not (" + metric.numerator(thresholds) + ") order by q.township_code, q.name, q.id", Tuple.class);
            q.setParameter("year", year);
        }
        bind(q, at, township, county(township));
        List<Shortfall> out = new ArrayList<>();
        for (Object o : q.getResultList()) {
            Tuple t = (Tuple) o;
            String code = (String) t.get(2);
            out.add(new Shortfall(((Number) t.get(0)).longValue(), (String) t.get(1), code,
                    divisions.township(code).map(Township::name).orElse(code), (String) t.get(3),
                    t.get(4) == null ? null : ((Number) t.get(4)).intValue(),
                    t.get(5) == null ? null : ((Number) t.get(5)).intValue(), List.of()));
        }
        return out;
    }

    /** A metric's value year by year for a township (or the county: null), from the first recorded year to this one. */
    public Map<Integer, BigDecimal> series(GoalMetric metric, String township, List<Integer> years, Map<Integer, Counts> cache) {
        return series(metric, null, township, years, cache);
    }

    /**
     * The same within one county (null: every county in scope). The cache holds the counts of one
     * county (or of all) by year: share it only between series of the same county.
     */
    private Map<Integer, BigDecimal> series(GoalMetric metric, String county, String township, List<Integer> years,
                                            Map<Integer, Counts> cache) {
        Map<Integer, BigDecimal> out = new LinkedHashMap<>();
        if (metric.over() == GoalMetric.Over.SCORE) {
            // measured now only: this year's point, none before
            for (int y : years) {
                Integer score = measuredAt(y) == null ? quality.scores(county, township).total() : null;
                out.put(y, score == null ? null : BigDecimal.valueOf(score).movePointLeft(2));
            }
            return out;
        }
        for (int y : years) {
            Counts c = cache.computeIfAbsent(y, k -> past(k, county));
            long num = 0;
            long den = 0;
            long rated = 0;
            for (Township t : scope.townships()) {
                if ((township == null || township.equals(t.code())) && (county == null || county.equals(t.countyCode()))) {
                    num += c.of(t.code())[metric.ordinal() * 2];
                    den += c.of(t.code())[metric.ordinal() * 2 + 1];
                    rated += c.of(t.code())[RATED];
                }
            }
            // a year in which none of them has been rated has no 五个好 rate (not 0 %): it is not rated yet
            out.put(y, metric == GoalMetric.FIVE_GOOD && rated == 0 ? null : cn.liangxin.rules.Rates.of(num, den));
        }
        return out;
    }

    /**
     * The chart of a metric across the years: the county's line (the caller's total for a clerk),
     * and a township's when one is given; the year's target as a red bar.
     */
    public String chart(GoalMetric metric, String township, List<Integer> years, Map<Integer, Counts> cache) {
        List<Chart.Series> series = new ArrayList<>();
        // beside a township, its own county's line (in a province, not the province's)
        Township of = township == null ? null : divisions.township(township).orElse(null);
        String county = of == null ? null : of.countyCode();
        if (county == null) {
            county = county();
        }
        String total = !scope.seesWhole(county) ? Msg.t("overview.total") : divisions.county(county).orElseThrow().name();
        series.add(new Chart.Series(total, "#555555", series(metric, county, null, years, cache)));
        if (township != null) {
            String name = of == null ? township : of.name();
            series.add(new Chart.Series(name, "#c0392b", series(metric, county, township, years, cache)));
        }
        Map<Integer, BigDecimal> targets = new HashMap<>();
        for (Goal g : list(county)) {
            if (g.metric() == metric && (g.scope() == Goal.Scope.TOWNSHIP) == (township != null)) {
                targets.put(g.year(), g.target());
            } else if (g.metric() == metric) {
                targets.putIfAbsent(g.year(), g.target());
            }
        }
        return Chart.svg(Msg.label(metric), years, series, targets, metric.scored(), unrated(metric, series, years));
    }

    /**
     * The note under a 五个好 chart naming the years without a point because nothing of its scope was
     * rated (this year: not yet; an earlier year: no rating recorded); null when there are none. A
     * year counts when any line lacks its point; a line's name is given when the lines differ.
     */
    private static String unrated(GoalMetric metric, List<Chart.Series> series, List<Integer> years) {
        if (metric != GoalMetric.FIVE_GOOD) {
            return null;
        }
        int now = LocalDate.now(cn.liangxin.time.Days.ZONE).getYear();
        List<List<Integer>> missing = series.stream()
                .map(s -> years.stream().filter(y -> s.values().get(y) == null).toList()).toList();
        if (missing.stream().allMatch(List::isEmpty)) {
            return null;
        }
        boolean same = missing.stream().distinct().count() == 1;
        List<String> parts = new ArrayList<>();
        for (int i = 0; i < series.size(); i++) {
            List<Integer> m = missing.get(i);
            if (m.isEmpty() || (same && i > 0)) {
                continue;
            }
            List<String> sentences = new ArrayList<>();
            List<Integer> past = m.stream().filter(y -> y != now).toList();
            if (!past.isEmpty()) {
                sentences.add(Msg.t("chart.note.noRating", spans(past)));
            }
            if (m.contains(now)) {
                sentences.add(Msg.t("chart.note.notYetRated", String.valueOf(now)));
            }
            String text = String.join(";", sentences);
            parts.add(same ? text : series.get(i).name() + ":" + text);
        }
        return Msg.t("chart.note.fiveGood", String.join(";", parts));
    }

    /** Years as a person writes them: 2009–2012、2015. */
    private static String spans(List<Integer> years) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < years.size(); ) {
            int j = i;
            while (j + 1 < years.size() && years.get(j + 1) == years.get(j) + 1) {
                j++;
            }
            out.add(j == i ? String.valueOf(years.get(i)) : years.get(i) + "–" + years.get(j));
            i = j + 1;
        }
        return String.join("、", out);
    }

    /** The metrics worth a chart: those with a goal, or coverage when there is none. */
    public List<GoalMetric> chartedMetrics(String township) {
        List<GoalMetric> metrics = list(county(township)).stream().map(Goal::metric).distinct().sorted().toList();
        return metrics.isEmpty() ? List.of(GoalMetric.COVERAGE) : metrics;
    }

    /** A fresh cache for the counts of several charts drawn together. */
    public static Map<Integer, Counts> cache() {
        return new HashMap<>();
    }

    /**
     * The counts of a year for the caller's townships. A past year's are read once and kept: they are
     * of the registry as recorded on its 31 December, which later changes do not move.
     */
    private Counts past(int year, String county) {
        Instant at = measuredAt(year);
        if (at == null) {
            return counts(year, null, null, county);
        }
        String key = year + "|" + county + "|" + scope.part(county, null);
        Counts kept = PAST.get(key);
        if (kept == null) {
            kept = counts(year, at, null, county);
            if (PAST.size() < 10_000) {
                PAST.put(key, kept);
            }
        }
        return kept;
    }

    private static final Map<String, Counts> PAST = new java.util.concurrent.ConcurrentHashMap<>();

    /** Forgets the kept counts of past years: only for tests, which rewrite the recorded past. */
    static void forgetPast() {
        PAST.clear();
    }

    /** The years a chart shows: from the earliest goal or recorded year (whichever is later) to this one. */
    public List<Integer> chartYears() {
        int now = LocalDate.now(cn.liangxin.time.Days.ZONE).getYear();
        LocalDate first = history.firstDay();
        int from = first == null ? now : first.getYear();
        List<Integer> years = new ArrayList<>();
        for (int y = Math.min(from, now); y <= now; y++) {
            years.add(y);
        }
        return years;
    }

    /** The year's 五个好 ratings of each party organization {@code q}, as {@code r}. */
    private static final String RATINGS = " left join party_rating r on r.county_code = q.county_code"
            + " and r.party_organization_id = q.id and r.year = :year";
    /**
     * The same beside the history read as of an instant, through a function as the history is: a
     * distributed database (Citus) plans a query of functions alone where the functions can read.
     */
    private static final String RATINGS_AS_OF_JOIN = " left join party_rating_of(:year, cast(array[:scope_counties] as varchar[])) r"
            + " on r.county_code = q.county_code and r.party_organization_id = q.id";

    private void bind(Query q, Instant at, String township, String county) {
        scope.part(county, township).bind(q);
        if (at != null) {
            q.setParameter("asOf", at.atOffset(ZoneOffset.UTC));
        }
    }
}
