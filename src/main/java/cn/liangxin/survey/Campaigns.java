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

    /** The years a campaign's dates may lie in. */
    static final int FIRST_YEAR = 2000;
    static final int LAST_YEAR = 2100;

    /**
     * What is wrong with a campaign's terms that its constraints cannot say: a deadline before the
     * day it starts, a township outside the caller's reach. Asked by the API's and the page's
     * refusals beside the constraints, and before every start and change.
     */
    public List<FieldError> problems(CampaignInput in) {
        List<FieldError> errors = new ArrayList<>();
        boolean inRange = true;
        for (String field : List.of("startsOn", "deadline")) {
            LocalDate d = field.equals("startsOn") ? in.startsOn() : in.deadline();
            if (d != null && (d.getYear() < FIRST_YEAR || d.getYear() > LAST_YEAR)) {
                errors.add(new FieldError(field, Msg.t("campaign.dateOutOfRange", d, FIRST_YEAR, LAST_YEAR)));
                inRange = false;
            }
        }
        if (inRange && in.startsOn() != null && in.deadline() != null && in.deadline().isBefore(in.startsOn())) {
            errors.add(new FieldError("deadline", Msg.t("campaign.deadlineBeforeStart", in.deadline(), in.startsOn())));
        }
        if (in.townships() != null) {
            for (String t : in.townships().stream().distinct().toList()) {
                if (t != null && t.matches("\\d{9}") && !scope.sees(t)) {
                    errors.add(new FieldError("townships", Msg.t("org.township.outOfScope", t)));
                }
            }
        }
        return errors;
    }

    /** {@link #problems} for the pages and the API, beside the constraints when they refuse. */
    @ApplicationScoped
    @io.quarkus.arc.Unremovable
    static class Checks implements cn.liangxin.web.InputCheck<CampaignInput> {
        @jakarta.inject.Inject
        Campaigns campaigns;

        @Override
        public Class<CampaignInput> type() {
            return CampaignInput.class;
        }

        @Override
        public List<FieldError> check(CampaignInput input) {
            return campaigns.problems(input);
        }
    }

    /** The townships a campaign of the county covers: those named, or all the caller sees there; refused outside it. */
    private List<String> townships(CampaignInput in, String county) {
        List<FieldError> errors = new ArrayList<>(problems(in));
        List<String> townships = in.townships() == null
                ? scope.townships().stream().filter(t -> t.countyCode().equals(county)).map(Township::code).toList()
                : in.townships().stream().distinct().toList();
        for (String t : townships) {
            if (scope.sees(t) && !t.startsWith(county)) {
                errors.add(new FieldError("townships", Msg.t("org.township.outOfScope", t)));
            }
        }
        if (!errors.isEmpty()) {
            throw ApiException.invalid(errors);
        }
        return townships;
    }

    @Transactional
    public Campaign create(CampaignInput in) {
        // a campaign belongs to one county, and is set by its 党工委
        String named = in.townships() == null || in.townships().isEmpty() ? scope.requestedCounty()
                : divisions.township(in.townships().get(0)).map(Township::countyCode).orElse(scope.requestedCounty());
        String county = scope.manageCounty(named);
        List<String> townships = townships(in, county);
        // a campaign set after its deadline starts on it: its window is never empty
        LocalDate starts = in.startsOn() != null ? in.startsOn()
                : in.deadline().isBefore(cn.liangxin.time.Days.today()) ? in.deadline() : cn.liangxin.time.Days.today();
        try (Connection c = dataSource.getConnection()) {
            long id;
            try (PreparedStatement s = c.prepareStatement("select nextval('survey_campaign_id_seq')"); ResultSet r = s.executeQuery()) {
                r.next();
                id = r.getLong(1);
            }
            try (PreparedStatement s = c.prepareStatement("insert into survey_campaign (county_code, id, name, starts_on,"
                    + " deadline, townships, created_by) values (?, ?, ?, ?, ?, ?, ?)")) {
                s.setString(1, county);
                s.setLong(2, id);
                s.setString(3, in.name().strip());
                s.setObject(4, starts);
                s.setObject(5, in.deadline());
                s.setString(6, String.join(",", townships));
                s.setString(7, caller.username());
                s.executeUpdate();
            }
            return get(c, id);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** New terms for a campaign not closed (its county's 党工委): name, start, deadline, townships. */
    @Transactional
    public Campaign change(long id, CampaignInput in) {
        Campaign campaign = get(id);
        String county = scope.manageCounty(campaign.countyCode());
        requireOpen(campaign);
        List<String> townships = townships(in, county);
        LocalDate starts = in.startsOn() != null ? in.startsOn() : campaign.startsOn();
        if (in.deadline().isBefore(starts)) {
            throw ApiException.invalid("deadline", Msg.t("campaign.deadlineBeforeStart", in.deadline(), starts));
        }
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("update survey_campaign set name = ?, starts_on = ?, deadline = ?,"
                     + " townships = ? where county_code = ? and id = ? and closed_at is null")) {
            s.setString(1, in.name().strip());
            s.setObject(2, starts);
            s.setObject(3, in.deadline());
            s.setString(4, String.join(",", townships));
            s.setString(5, county);
            s.setLong(6, id);
            if (s.executeUpdate() != 1) {
                throw closed(campaign);
            }
            return get(c, id);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Closes a campaign (its county's 党工委): it counts nothing committed after, and is no longer offered. */
    @Transactional
    public Campaign close(long id) {
        Campaign campaign = get(id);
        String county = scope.manageCounty(campaign.countyCode());
        requireOpen(campaign);
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("update survey_campaign set closed_at = now(), closed_by = ?"
                     + " where county_code = ? and id = ? and closed_at is null")) {
            s.setString(1, caller.username());
            s.setString(2, county);
            s.setLong(3, id);
            if (s.executeUpdate() != 1) {
                throw closed(campaign);
            }
            return get(c, id);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Who may change a campaign: the 党工委 of its county (checked before anything else is asked). */
    public boolean manages(Campaign campaign) {
        return scope.managesCounty(campaign.countyCode());
    }

    private static void requireOpen(Campaign campaign) {
        if (campaign.isClosed()) {
            throw closed(campaign);
        }
    }

    private static ApiException closed(Campaign campaign) {
        return ApiException.conflict("CAMPAIGN_CLOSED", Msg.t("campaign.closed", campaign.name()));
    }

    /** The campaigns of the caller's counties that include a township she sees, the latest deadline first. */
    public List<Campaign> list() {
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("select " + COLUMNS + " from survey_campaign where county_code = any(?)"
                     + " order by deadline desc, id desc")) {
            s.setArray(1, c.createArrayOf("varchar", scope.counties().stream().map(cn.liangxin.division.County::code).toArray()));
            List<Campaign> list = new ArrayList<>();
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    Campaign campaign = campaign(r);
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
     * The campaigns under way for the caller's townships (started, not closed, deadline today or later), the one due
     * first first: where a survey belongs unless she says otherwise.
     */
    public List<Campaign> open() {
        java.time.LocalDate today = cn.liangxin.time.Days.today();
        return list().stream().filter(c -> !c.isClosed() && !c.startsOn().isAfter(today) && !c.deadline().isBefore(today))
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
        requireOpen(campaign);
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

    /**
     * Per township of the campaign the caller may see, in one grouped query over the county's
     * committed surveys: each organization of its townships counts once when a survey of it was
     * committed within the campaign's window, whatever the channel (a file, the phone form, offline
     * entries, ODK), or in an upload that named the campaign (before it was closed).
     */
    public List<Progress> progress(long id) {
        Campaign campaign = get(id);
        List<String> visible = campaign.townships().stream().filter(scope::sees).toList();
        Map<String, long[]> counts = new HashMap<>();
        Map<String, Instant> last = new HashMap<>();
        Map<String, Boolean> submitted = new HashMap<>();
        java.time.OffsetDateTime from = campaign.startsOn().atStartOfDay(cn.liangxin.time.Days.ZONE).toOffsetDateTime();
        java.time.OffsetDateTime until = campaign.deadline().plusDays(1).atStartOfDay(cn.liangxin.time.Days.ZONE).toOffsetDateTime();
        java.time.OffsetDateTime closed = campaign.closedAt() == null ? null
                : campaign.closedAt().atOffset(java.time.ZoneOffset.UTC);
        if (closed != null && closed.isBefore(until)) {
            until = closed;
        }
        try (Connection c = dataSource.getConnection()) {
            try (PreparedStatement s = c.prepareStatement("""
                    select o.township_code,
                           count(*) filter (where o.status <> 'CLOSED') as registry,
                           count(*) filter (where o.status <> 'CLOSED' and s.organization_id is not null) as surveyed,
                           max(s.committed_at) as last_commit
                    from organization o
                    left join (
                        select r.county_code, case when r.status = 'NEW' then r.reserved_id else r.organization_id end
                                 as organization_id, max(i.committed_at) as committed_at
                        from survey_import i
                        join survey_import_row r on r.county_code = i.county_code and r.import_id = i.id
                        where i.county_code = ? and i.status = 'COMMITTED' and r.status <> 'REJECTED'
                          and ((i.committed_at >= ? and i.committed_at < ?)
                               or (i.campaign_id = ? and i.committed_at < ?))
                        group by 1, 2
                    ) s on s.county_code = o.county_code and s.organization_id = o.id
                    where o.county_code = ? and o.township_code = any(?)
                    group by o.township_code""")) {
                s.setString(1, campaign.countyCode());
                s.setObject(2, from);
                s.setObject(3, until);
                s.setLong(4, id);
                s.setObject(5, closed == null ? NEVER : closed);
                s.setString(6, campaign.countyCode());
                s.setArray(7, c.createArrayOf("varchar", visible.toArray()));
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        counts.put(r.getString(1), new long[]{r.getLong(2), r.getLong(3)});
                        Timestamp t = r.getTimestamp(4);
                        if (t != null) {
                            last.put(r.getString(1), t.toInstant());
                        }
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

    /** The end of a campaign never closed, for a comparison that takes no null. */
    private static final java.time.OffsetDateTime NEVER = java.time.OffsetDateTime.of(9999, 12, 31, 0, 0, 0, 0,
            java.time.ZoneOffset.UTC);

    private static final String COLUMNS = "id, county_code, name, starts_on, deadline, townships, created_by, created_at,"
            + " closed_at, closed_by";

    private Campaign get(Connection c, long id) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("select " + COLUMNS + " from survey_campaign"
                + " where id = ? and county_code = any(?)")) {
            s.setLong(1, id);
            s.setArray(2, c.createArrayOf("varchar", scope.counties().stream().map(cn.liangxin.division.County::code).toArray()));
            try (ResultSet r = s.executeQuery()) {
                if (!r.next()) {
                    throw ApiException.notFound(Msg.t("campaign.what", id));
                }
                return campaign(r);
            }
        }
    }

    private static Campaign campaign(ResultSet r) throws SQLException {
        Timestamp closed = r.getTimestamp(9);
        return new Campaign(r.getLong(1), r.getString(2), r.getString(3), r.getObject(4, LocalDate.class),
                r.getObject(5, LocalDate.class), Arrays.asList(r.getString(6).split(",")), r.getString(7),
                r.getTimestamp(8).toInstant(), closed == null ? null : closed.toInstant(), r.getString(10));
    }
}
