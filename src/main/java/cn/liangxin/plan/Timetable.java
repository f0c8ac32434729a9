package cn.liangxin.plan;

import cn.liangxin.division.Divisions;
import cn.liangxin.division.Township;
import cn.liangxin.history.History;
import cn.liangxin.rules.FormationRules;
import cn.liangxin.rules.GapSql;
import cn.liangxin.rules.RequiredForm;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;

import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The formation timetable of the blank spots: those with a planned formation date by month, the
 * overdue ones (date passed, still not covered), and those without a plan that lack the reason,
 * the responsible person or the countermeasures a plan-less blank spot must carry (data gaps).
 */
@ApplicationScoped
public class Timetable {

    @jakarta.inject.Inject
    cn.liangxin.security.Scope scope;

    /** A blank spot in the timetable. */
    public record Item(long id, String name, String townshipCode, String townshipName, int formalMembers, int headcount,
                       RequiredForm requiredForm, LocalDate plannedFormationOn, boolean overdue) {
    }

    /** The plans of one month. */
    public record Month(String month, List<Item> organizations) {
    }

    /** A blank spot without a plan, and which of reason, responsible person, countermeasures it lacks. */
    public record DataGap(Item organization, List<String> missing) {
    }

    /** The timetable on a day. */
    public record Plan(LocalDate today, List<Month> months, List<Item> overdue, List<DataGap> dataGaps) {
    }

    private final AgroalDataSource dataSource;
    private final Divisions divisions;
    private final FormationRules rules;

    public Timetable(AgroalDataSource dataSource, Divisions divisions, FormationRules rules) {
        this.dataSource = dataSource;
        this.divisions = divisions;
        this.rules = rules;
    }

    public Plan plan(String township) {
        return plan(township, false);
    }

    /** Only the overdue blank spots of a township (or of all in scope: null), as on the township page. */
    public List<Item> overdue(String township) {
        return plan(township, true).overdue();
    }

    private Plan plan(String township, boolean overdueOnly) {
        LocalDate today = LocalDate.now(cn.liangxin.time.Days.ZONE);
        cn.liangxin.security.Scope.Part part = scope.part(null, township);
        Map<YearMonth, List<Item>> months = new TreeMap<>();
        List<Item> overdue = new ArrayList<>();
        List<DataGap> gaps = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("select o.id, o.name, o.township_code, o.formal_members, o.headcount,"
                     + " o.planned_formation_on, o.not_planned_reason, o.responsible, o.countermeasures from " + GapSql.FROM
                     + " where " + part.jdbc("o") + " and " + GapSql.ACTIVE + " and "
                     + GapSql.UNCOVERED + (overdueOnly ? " and o.planned_formation_on < ?" : "") + " order by o.planned_formation_on nulls last, o.township_code, o.name, o.id")) {
            int next = part.bind(s, 1);
            if (overdueOnly) {
                s.setDate(next, Date.valueOf(today));
            }
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    Date planned = r.getDate(6);
                    LocalDate on = planned == null ? null : planned.toLocalDate();
                    String code = r.getString(3);
                    Item item = new Item(r.getLong(1), r.getString(2), code,
                            divisions.township(code).map(Township::name).orElse(code), r.getInt(4), r.getInt(5),
                            rules.thresholds().requiredForm(r.getInt(4)), on, on != null && on.isBefore(today));
                    if (on != null) {
                        months.computeIfAbsent(YearMonth.from(on), k -> new ArrayList<>()).add(item);
                        if (item.overdue()) {
                            overdue.add(item);
                        }
                        continue;
                    }
                    List<String> missing = new ArrayList<>();
                    if (blank(r.getString(7))) missing.add("notPlannedReason");
                    if (blank(r.getString(8))) missing.add("responsible");
                    if (blank(r.getString(9))) missing.add("countermeasures");
                    if (!missing.isEmpty()) {
                        gaps.add(new DataGap(item, missing));
                    }
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        List<Month> list = new ArrayList<>();
        months.forEach((m, items) -> list.add(new Month(m.toString(), items)));
        return new Plan(today, list, overdue, gaps);
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
