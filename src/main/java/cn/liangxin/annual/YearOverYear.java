package cn.liangxin.annual;

import cn.liangxin.division.Township;
import cn.liangxin.goal.Goals;
import cn.liangxin.history.History;
import cn.liangxin.rules.YearRules;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a year changed in each township, from the registry as recorded at the end of the year before
 * to the end of the year (or now, for this year): organizations newly covered, newly blank, newly
 * registered and closed, and party organizations dissolved within 12 months of founding (刚建又散).
 */
@ApplicationScoped
public class YearOverYear {

    @jakarta.inject.Inject
    cn.liangxin.security.Scope scope;

    /** An organization or party organization named in the comparison. */
    public record Named(long id, String name, String detail) {
    }

    /** A township's changes over the year. */
    public record TownshipChanges(String code, String name, List<Named> newlyCovered, List<Named> newlyBlank,
                                  List<Named> newlyRegistered, List<Named> closed, List<Named> dissolvedSoon) {
    }

    /** The comparison; {@code recordedFrom} false when the history does not reach the year's start. */
    public record Comparison(int year, LocalDate from, LocalDate to, boolean recordedFrom, List<TownshipChanges> townships) {

        /** How many of one kind of change (newlyCovered, newlyBlank, …) all the townships have, for a total line. */
        public int total(String change) {
            return townships.stream().mapToInt(t -> switch (change) {
                case "newlyCovered" -> t.newlyCovered().size();
                case "newlyBlank" -> t.newlyBlank().size();
                case "newlyRegistered" -> t.newlyRegistered().size();
                case "closed" -> t.closed().size();
                case "dissolvedSoon" -> t.dissolvedSoon().size();
                default -> throw new IllegalArgumentException(change);
            }).sum();
        }
    }

    /** A county's changes over the year, counted: a region's roll-up. */
    public record CountyChanges(String code, String name, int newlyCovered, int newlyBlank, int newlyRegistered, int closed,
                                int dissolvedSoon) {
    }

    public record CountyComparison(int year, LocalDate from, LocalDate to, boolean recordedFrom, List<CountyChanges> counties) {
    }

    /** The year's changes of every county the caller sees, counted per county. */
    public CountyComparison compareByCounty(int year) {
        Comparison all = compare(year, null);
        List<CountyChanges> counties = new ArrayList<>();
        for (cn.liangxin.division.County c : scope.counties()) {
            int[] n = new int[5];
            for (TownshipChanges t : all.townships()) {
                if (t.code().startsWith(c.code())) {
                    n[0] += t.newlyCovered().size();
                    n[1] += t.newlyBlank().size();
                    n[2] += t.newlyRegistered().size();
                    n[3] += t.closed().size();
                    n[4] += t.dissolvedSoon().size();
                }
            }
            counties.add(new CountyChanges(c.code(), c.name(), n[0], n[1], n[2], n[3], n[4]));
        }
        return new CountyComparison(all.year(), all.from(), all.to(), all.recordedFrom(), counties);
    }

    private static final String SNAPSHOT = """
            select o.id, o.name, o.township_code, o.status <> 'CLOSED' as active, p.id is not null as covered
            from organization_as_of(?, ?) o
            left join party_organization_coverage_as_of(?, ?) c
                   on c.county_code = o.county_code and c.organization_id = o.id and c.active
            left join party_organization_as_of(?, ?) p on p.county_code = c.county_code and p.id = c.party_organization_id""";

    /**
     * The same now: the tables themselves, which the history equals at this instant (it is written
     * beside every change, in its transaction), read without rebuilding each row from the history.
     */
    private static final String NOW = """
            select o.id, o.name, o.township_code, o.status <> 'CLOSED' as active, p.id is not null as covered
            from organization o
            left join party_organization_coverage c
                   on c.county_code = o.county_code and c.organization_id = o.id and c.active
            left join party_organization p on p.county_code = c.county_code and p.id = c.party_organization_id
            where o.county_code = any (?)""";

    private final AgroalDataSource dataSource;
    private final Goals goals;

    public YearOverYear(AgroalDataSource dataSource, Goals goals) {
        this.dataSource = dataSource;
        this.goals = goals;
    }

    public Comparison compare(int year, String township) {
        Instant from = cn.liangxin.time.Days.endOf(LocalDate.of(year - 1, 12, 31));
        Instant measured = Goals.measuredAt(year);
        Instant to = measured == null ? Instant.now() : measured;
        cn.liangxin.security.Scope.Part part = scope.part(null, township);
        List<Township> townships = scope.townships().stream().filter(t -> part.holds(t.countyCode(), t.code())).toList();
        Map<String, TownshipChanges> by = new LinkedHashMap<>();
        for (Township t : townships) {
            by.put(t.code(), new TownshipChanges(t.code(), t.name(), new ArrayList<>(), new ArrayList<>(), new ArrayList<>(),
                    new ArrayList<>(), new ArrayList<>()));
        }
        try (Connection c = dataSource.getConnection()) {
            try (PreparedStatement s = c.prepareStatement("with a as (" + SNAPSHOT + "), b as (" + (measured == null ? NOW : SNAPSHOT) + ")"
                    + " select coalesce(b.id, a.id), coalesce(b.name, a.name), coalesce(b.township_code, a.township_code),"
                    + " a.id is not null, coalesce(a.active, false), coalesce(a.covered, false),"
                    + " b.id is not null, coalesce(b.active, false), coalesce(b.covered, false)"
                    + " from a full join b on a.id = b.id order by 3, 2, 1")) {
                Object counties = c.createArrayOf("varchar", part.counties().toArray());
                int k = 1;
                for (Instant at : measured == null ? List.of(from) : List.of(from, to)) {
                    for (int i = 0; i < 3; i++) {
                        s.setTimestamp(k++, Timestamp.from(at));
                        s.setObject(k++, counties);
                    }
                }
                if (measured == null) {
                    s.setObject(k, counties);
                }
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        TownshipChanges t = by.get(r.getString(3));
                        if (t == null) {
                            continue;
                        }
                        Named n = new Named(r.getLong(1), r.getString(2), null);
                        boolean existed = r.getBoolean(4), wasActive = r.getBoolean(5), wasCovered = r.getBoolean(6);
                        boolean exists = r.getBoolean(7), active = r.getBoolean(8), covered = r.getBoolean(9);
                        if (exists && !existed) t.newlyRegistered().add(n);
                        if (wasActive && !active) t.closed().add(n);
                        if (active && covered && !(wasActive && wasCovered)) t.newlyCovered().add(n);
                        if (active && !covered && (!wasActive || wasCovered)) t.newlyBlank().add(n);
                    }
                }
            }
            try (PreparedStatement s = c.prepareStatement("select p.id, p.name, p.township_code, p.founded_on, p.dissolved_on"
                    + " from party_organization_as_of(?, ?) p where p.dissolved_on between ? and ?"
                    + " and p.dissolved_on < p.founded_on + make_interval(months => " + YearRules.DISSOLVED_SOON_MONTHS + ")"
                    + " order by p.township_code, p.name, p.id")) {
                s.setTimestamp(1, Timestamp.from(to));
                s.setObject(2, c.createArrayOf("varchar", part.counties().toArray()));
                s.setObject(3, LocalDate.of(year, 1, 1));
                s.setObject(4, LocalDate.of(year, 12, 31));
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        TownshipChanges t = by.get(r.getString(3));
                        if (t != null) {
                            t.dissolvedSoon().add(new Named(r.getLong(1), r.getString(2),
                                    r.getObject(4, LocalDate.class) + " — " + r.getObject(5, LocalDate.class)));
                        }
                    }
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        LocalDate toDay = measured == null ? LocalDate.now(cn.liangxin.time.Days.ZONE) : LocalDate.of(year, 12, 31);
        return new Comparison(year, LocalDate.of(year - 1, 12, 31), toDay, goals.recorded(from), new ArrayList<>(by.values()));
    }
}
