package cn.liangxin.plan;

import cn.liangxin.division.Divisions;
import cn.liangxin.division.Township;
import cn.liangxin.rules.Explanations;
import cn.liangxin.rules.FormationRules;
import cn.liangxin.rules.GapSql;
import cn.liangxin.rules.MemberForecast;
import cn.liangxin.rules.RequiredForm;
import cn.liangxin.rules.Thresholds;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The member pipeline: which organizations reach 3, 50 or 100 formal members within a window as
 * their probationary members become formal, and which of them will then have to form a party
 * organization of their own (SHOULD_FORM).
 */
@ApplicationScoped
public class Forecasts {

    @jakarta.inject.Inject
    cn.liangxin.security.Scope scope;

    /** A threshold an organization reaches, and when. */
    public record Milestone(RequiredForm form, int members, LocalDate on) {
    }

    /** One organization of the forecast. */
    public record Item(long id, String name, String townshipCode, String townshipName, int formalMembers,
                       int probationaryMembers, int admissionsKnown, boolean covered, boolean becomesShouldForm,
                       List<Milestone> milestones, String explanation) {
    }

    /** The forecast from a day over some months. */
    public record Forecast(LocalDate on, LocalDate until, List<Item> organizations) {
    }

    private final AgroalDataSource dataSource;
    private final Divisions divisions;
    private final Thresholds thresholds;

    public Forecasts(AgroalDataSource dataSource, Divisions divisions, FormationRules rules) {
        this.dataSource = dataSource;
        this.divisions = divisions;
        this.thresholds = rules.thresholds();
    }

    public Forecast forecast(String township, LocalDate on, int months) {
        LocalDate until = on.plusMonths(months);
        cn.liangxin.security.Scope.Part part = scope.part(null, township);
        List<Item> items = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("select o.id, o.name, o.township_code, o.formal_members,"
                     + " o.probationary_members, p.id is not null, array_agg(a.admitted_on order by a.admitted_on)"
                     + " from " + GapSql.FROM + " join probationary_admission a"
                     + " on a.county_code = o.county_code and a.organization_id = o.id"
                     + " where " + part.jdbc("o") + " and " + GapSql.ACTIVE
                     + " group by o.id, o.name, o.township_code, o.formal_members, o.probationary_members, p.id")) {
            part.bind(s, 1);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    List<LocalDate> admissions = Arrays.stream((Object[]) r.getArray(7).getArray())
                            .map(d -> ((java.sql.Date) d).toLocalDate()).toList();
                    int formal = r.getInt(4);
                    boolean covered = r.getBoolean(6);
                    List<Milestone> milestones = new ArrayList<>();
                    for (RequiredForm form : List.of(RequiredForm.BRANCH, RequiredForm.GENERAL_BRANCH, RequiredForm.COMMITTEE)) {
                        int target = thresholds.minMembers(form);
                        Optional<LocalDate> when = MemberForecast.reaches(formal, admissions, target);
                        // a day already past counts from today: the member is formal, the registry not yet updated
                        when.filter(d -> !d.isAfter(until)).ifPresent(d -> milestones.add(new Milestone(form, target,
                                d.isBefore(on) ? on : d)));
                    }
                    if (milestones.isEmpty()) {
                        continue;
                    }
                    boolean shouldForm = !covered && formal < thresholds.branchMinMembers()
                            && milestones.get(0).form() == RequiredForm.BRANCH;
                    Milestone first = milestones.get(0);
                    String code = r.getString(3);
                    items.add(new Item(r.getLong(1), r.getString(2), code,
                            divisions.township(code).map(Township::name).orElse(code), formal, r.getInt(5),
                            admissions.size(), covered, shouldForm, milestones,
                            Explanations.text(shouldForm ? "plan.forecast.shouldForm" : "plan.forecast.reaches",
                                    first.on().toString(), first.members(), Explanations.label(first.form()))));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        items.sort(Comparator.comparing((Item i) -> i.milestones().get(0).on()).thenComparing(Item::townshipCode)
                .thenComparing(Item::name).thenComparingLong(Item::id));
        return new Forecast(on, until, items);
    }
}
