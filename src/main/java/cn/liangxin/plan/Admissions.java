package cn.liangxin.plan;

import cn.liangxin.organization.Organization;
import cn.liangxin.organization.Organizations;
import cn.liangxin.web.ApiException;
import cn.liangxin.web.Msg;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

/** The admission dates of an organization's probationary members. */
@ApplicationScoped
public class Admissions {

    @jakarta.inject.Inject
    cn.liangxin.security.Scope scope;

    /** An organization's probationary members and the admission dates known of them. */
    public record View(long organizationId, int probationaryMembers, List<LocalDate> admissions) {
    }

    /** What a client sends: every admission date (replacing those kept). */
    public record Input(List<LocalDate> admissions) {
    }

    static final ZoneId CHINA = cn.liangxin.time.Days.ZONE;

    private final AgroalDataSource dataSource;
    private final Organizations organizations;

    public Admissions(AgroalDataSource dataSource, Organizations organizations) {
        this.dataSource = dataSource;
        this.organizations = organizations;
    }

    public View get(long id) {
        Organization o = organizations.find(id);
        try (Connection c = dataSource.getConnection()) {
            return new View(o.id, o.probationaryMembers, dates(c, o.countyCode, o.id));
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @Transactional
    public View put(long id, Input in) {
        scope.requireRegistryChanges();
        Organization o = organizations.find(id);
        if (in == null || in.admissions() == null) {
            throw ApiException.invalid("admissions", Msg.t("plan.admissions.required"));
        }
        List<LocalDate> dates = in.admissions();
        LocalDate today = LocalDate.now(CHINA);
        for (int i = 0; i < dates.size(); i++) {
            LocalDate d = dates.get(i);
            if (d == null) {
                throw ApiException.invalid("admissions[" + i + "]", Msg.t("plan.admissions.empty"));
            }
            if (d.isAfter(today)) {
                throw ApiException.invalid("admissions[" + i + "]", Msg.t("plan.admissions.future", d));
            }
            if (d.isBefore(today.minusYears(cn.liangxin.rules.YearRules.ADMISSION_MAX_YEARS))) {
                throw ApiException.invalid("admissions[" + i + "]", Msg.t("plan.admissions.old", d, cn.liangxin.rules.YearRules.ADMISSION_MAX_YEARS));
            }
        }
        if (dates.size() > o.probationaryMembers) {
            throw ApiException.invalid("admissions", Msg.t("plan.admissions.tooMany", dates.size(), o.probationaryMembers));
        }
        try (Connection c = dataSource.getConnection()) {
            try (PreparedStatement s = c.prepareStatement("delete from probationary_admission where county_code = ?"
                    + " and organization_id = ?")) {
                s.setString(1, o.countyCode);
                s.setLong(2, o.id);
                s.executeUpdate();
            }
            try (PreparedStatement s = c.prepareStatement("insert into probationary_admission (county_code, organization_id,"
                    + " seq, admitted_on) values (?, ?, ?, ?)")) {
                List<LocalDate> sorted = dates.stream().sorted().toList();
                for (int i = 0; i < sorted.size(); i++) {
                    s.setString(1, o.countyCode);
                    s.setLong(2, o.id);
                    s.setInt(3, i);
                    s.setDate(4, Date.valueOf(sorted.get(i)));
                    s.addBatch();
                }
                s.executeBatch();
            }
            return new View(o.id, o.probationaryMembers, dates(c, o.countyCode, o.id));
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<LocalDate> dates(Connection c, String county, long id) throws SQLException {
        List<LocalDate> dates = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement("select admitted_on from probationary_admission where county_code = ?"
                + " and organization_id = ? order by admitted_on")) {
            s.setString(1, county);
            s.setLong(2, id);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) dates.add(r.getDate(1).toLocalDate());
            }
        }
        return dates;
    }
}
