package cn.liangxin.survey;

import cn.liangxin.division.Divisions;
import cn.liangxin.division.Township;
import cn.liangxin.security.Caller;
import cn.liangxin.web.ApiException;
import cn.liangxin.web.FieldError;
import cn.liangxin.web.Msg;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** 摸底 campaigns and how far each township has reported, counted in SQL. */
@ApplicationScoped
public class Campaigns {

    @jakarta.inject.Inject
    cn.liangxin.security.Scope scope;

    /** One township's reporting in a campaign. */
    public record Progress(String code, String name, long registryOrganizations, long surveyedOrganizations,
                           BigDecimal reportingRate, Instant lastCommitAt, String status, boolean overdue) {
        /** The message key of the status, for pages. */
        @com.fasterxml.jackson.annotation.JsonIgnore
        public String statusKey() {
            return "campaign.status." + status;
        }
    }

    private final AgroalDataSource dataSource;
    private final Divisions divisions;
    private final Caller caller;

    public Campaigns(AgroalDataSource dataSource, Divisions divisions, Caller caller) {
        this.dataSource = dataSource;
        this.divisions = divisions;
        this.caller = caller;
    }

    @Transactional
    public Campaign create(CampaignInput in) {
        // a campaign belongs to one county, and is set by its 党工委
        String named = in.townships() == null || in.townships().isEmpty() ? scope.requestedCounty()
                : divisions.township(in.townships().get(0)).map(Township::countyCode).orElse(scope.requestedCounty());
        String county = scope.manageCounty(named);
        List<String> townships = in.townships() == null || in.townships().isEmpty()
                ? scope.townships().stream().filter(t -> t.countyCode().equals(county)).map(Township::code).toList()
                : in.townships().stream().distinct().toList();
        List<FieldError> errors = new ArrayList<>();
        for (String t : townships) {
            if (!scope.sees(t) || !t.startsWith(county)) {
                errors.add(new FieldError("townships", Msg.t("org.township.outOfScope", t)));
            }
        }
        if (!errors.isEmpty()) {
            throw ApiException.invalid(errors);
        }
        try (Connection c = dataSource.getConnection()) {
            long id;
            try (PreparedStatement s = c.prepareStatement("select nextval('survey_campaign_id_seq')"); ResultSet r = s.executeQuery()) {
                r.next();
                id = r.getLong(1);
            }
            try (PreparedStatement s = c.prepareStatement("insert into survey_campaign (county_code, id, name, deadline,"
                    + " townships, created_by) values (?, ?, ?, ?, ?, ?)")) {
                s.setString(1, county);
                s.setLong(2, id);
                s.setString(3, in.name().strip());
                s.setObject(4, in.deadline());
                s.setString(5, String.join(",", townships));
                s.setString(6, caller.username());
                s.executeUpdate();
            }
            return get(c, id);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    public List<Campaign> list() {
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("select id from survey_campaign where county_code = any(?)"
                     + " order by deadline desc, id desc")) {
            s.setArray(1, c.createArrayOf("varchar", scope.counties().stream().map(cn.liangxin.division.County::code).toArray()));
            List<Campaign> list = new ArrayList<>();
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    Campaign campaign = get(c, r.getLong(1));
                    if (campaign.townships().stream().anyMatch(scope::sees)) {
                        list.add(campaign);
                    }
                }
            }
            return list;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The campaigns under way for the caller's townships (deadline today or later), the one due
     * first first: where a survey belongs unless she says otherwise.
     */
    public List<Campaign> open() {
        java.time.LocalDate today = cn.liangxin.time.Days.today();
        return list().stream().filter(c -> !c.deadline().isBefore(today))
                .sorted(java.util.Comparator.comparing(Campaign::deadline).thenComparing(Campaign::id)).toList();
    }

    public Campaign get(long id) {
        try (Connection c = dataSource.getConnection()) {
            Campaign campaign = get(c, id);
            if (campaign.townships().stream().noneMatch(scope::sees)) {
                throw ApiException.notFound(Msg.t("campaign.what", id));
            }
            return campaign;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @Transactional
    public void submit(long id, String township) {
        scope.changeRegistry(township);
        Campaign campaign = get(id);
        if (!campaign.townships().contains(township)) {
            throw ApiException.invalid("township", Msg.t("campaign.notInCampaign", township));
        }
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("insert into survey_submission (county_code, campaign_id,"
                     + " township_code, submitted_by) values (?, ?, ?, ?) on conflict do nothing")) {
            s.setString(1, campaign.countyCode());
            s.setLong(2, id);
            s.setString(3, township);
            s.setString(4, caller.username());
            s.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Per township of the campaign the caller may see, in one grouped query. */
    public List<Progress> progress(long id) {
        Campaign campaign = get(id);
        List<String> visible = campaign.townships().stream().filter(scope::sees).toList();
        Map<String, long[]> counts = new HashMap<>();
        Map<String, Instant> last = new HashMap<>();
        Map<String, Boolean> submitted = new HashMap<>();
        try (Connection c = dataSource.getConnection()) {
            try (PreparedStatement s = c.prepareStatement("""
                    select o.township_code,
                           count(*) filter (where o.status <> 'CLOSED') as registry,
                           count(*) filter (where o.status <> 'CLOSED' and exists (
                               select 1 from survey_import_row r join survey_import i
                                 on i.county_code = r.county_code and i.id = r.import_id
                               where i.county_code = o.county_code and i.campaign_id = ? and i.status = 'COMMITTED'
                                 and case when r.status = 'NEW' then r.reserved_id else r.organization_id end = o.id and r.status <> 'REJECTED')) as surveyed
                    from organization o
                    where o.county_code = ? and o.township_code = any(?)
                    group by o.township_code""")) {
                s.setLong(1, id);
                s.setString(2, campaign.countyCode());
                s.setArray(3, c.createArrayOf("varchar", visible.toArray()));
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) counts.put(r.getString(1), new long[]{r.getLong(2), r.getLong(3)});
                }
            }
            try (PreparedStatement s = c.prepareStatement("""
                    select o.township_code, max(i.committed_at)
                    from survey_import i
                    join survey_import_row r on r.county_code = i.county_code and r.import_id = i.id
                    join organization o on o.county_code = r.county_code and o.id = case when r.status = 'NEW' then r.reserved_id else r.organization_id end
                    where i.county_code = ? and i.campaign_id = ? and i.status = 'COMMITTED'
                    group by o.township_code""")) {
                s.setString(1, campaign.countyCode());
                s.setLong(2, id);
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        Timestamp t = r.getTimestamp(2);
                        last.put(r.getString(1), t == null ? null : t.toInstant());
                    }
                }
            }
            try (PreparedStatement s = c.prepareStatement("select township_code from survey_submission"
                    + " where county_code = ? and campaign_id = ?")) {
                s.setString(1, campaign.countyCode());
                s.setLong(2, id);
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) submitted.put(r.getString(1), true);
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        boolean pastDeadline = LocalDate.now(cn.liangxin.time.Days.ZONE).isAfter(campaign.deadline());
        List<Progress> list = new ArrayList<>();
        for (String code : visible) {
            long[] n = counts.getOrDefault(code, new long[]{0, 0});
            Instant at = last.get(code);
            String status = submitted.containsKey(code) ? "SUBMITTED" : at != null ? "IN_PROGRESS" : "NOT_STARTED";
            BigDecimal rate = cn.liangxin.rules.Rates.orZero(n[1], n[0]);
            list.add(new Progress(code, divisions.township(code).map(Township::name).orElse(code), n[0], n[1], rate, at,
                    status, pastDeadline && !status.equals("SUBMITTED")));
        }
        return list;
    }

    private Campaign get(Connection c, long id) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("select county_code, name, deadline, townships, created_by,"
                + " created_at from survey_campaign where id = ? and county_code = any(?)")) {
            s.setLong(1, id);
            s.setArray(2, c.createArrayOf("varchar", scope.counties().stream().map(cn.liangxin.division.County::code).toArray()));
            try (ResultSet r = s.executeQuery()) {
                if (!r.next()) {
                    throw ApiException.notFound(Msg.t("campaign.what", id));
                }
                return new Campaign(id, r.getString(1), r.getString(2), r.getObject(3, LocalDate.class),
                        Arrays.asList(r.getString(4).split(",")), r.getString(5), r.getTimestamp(6).toInstant());
            }
        }
    }
}
