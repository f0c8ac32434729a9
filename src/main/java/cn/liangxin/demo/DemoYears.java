package cn.liangxin.demo;

import cn.liangxin.demo.DemoChronicle.Campaign;
import cn.liangxin.demo.DemoChronicle.Chronicle;
import cn.liangxin.demo.DemoChronicle.Goal;
import cn.liangxin.demo.DemoChronicle.Rating;
import cn.liangxin.demo.DemoChronicle.Standard;
import cn.liangxin.demo.DemoChronicle.Version;
import cn.liangxin.demo.DemoCounty.PartyOrganization;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;

/**
 * Writes the years of a chronicle, in the transaction that inserted its registry rows: the goals,
 * 五个一, ratings and campaigns, then the history. The history triggers recorded the rows as of now;
 * those versions are replaced by the chronicle's, each valid from the day it happened, attributed to
 * {@code demo} and {@code via} DEMO — so that every report as of a past day reads that day's county.
 */
final class DemoYears {

    private DemoYears() {
    }

    /** The instant of a chronicle's day: ten in the morning in the counties' time. */
    static OffsetDateTime at(LocalDate day) {
        return day.atTime(10, 0).atZone(cn.liangxin.time.Days.ZONE).toOffsetDateTime();
    }

    static void write(Connection c, Chronicle ch, long[] orgIds, long[] partyIds) throws SQLException {
        String county = ch.county().countyCode();
        goals(c, county, ch.goals(), ch.day());
        standards(c, county, ch.standards(), partyIds);
        DemoLoader.people(c, county, ch.day());
        ratings(c, county, ch.ratings(), partyIds);
        campaigns(c, county, ch.campaigns());
        stamps(c, ch, orgIds, partyIds);
        history(c, ch, orgIds, partyIds);
    }

    /** The day a year's goal was set: 20 January, or the day before the chronicle's when that is earlier. */
    static LocalDate setOn(Goal g, LocalDate day) {
        LocalDate set = LocalDate.of(g.year(), 1, 20);
        return set.isBefore(day) ? set : day.minusDays(1);
    }

    /** The day a year's 五个好 was rated: 15 January of the next year. */
    static LocalDate ratedOn(Rating r) {
        return ratedOn(r.year());
    }

    static LocalDate ratedOn(int year) {
        return LocalDate.of(year + 1, 1, 15);
    }

    private static void goals(Connection c, String county, List<Goal> goals, LocalDate day) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("insert into goal (county_code, id, year, metric, target, scope,"
                + " created_by, updated_by, created_at, updated_at) values (?, nextval('goal_id_seq'), ?, ?, ?, ?, 'demo', 'demo', ?, ?)"
                + " on conflict (county_code, year, metric, scope) do nothing")) {
            for (Goal g : goals) {
                OffsetDateTime set = at(setOn(g, day));
                ps.setString(1, county);
                ps.setInt(2, g.year());
                ps.setString(3, g.metric());
                ps.setBigDecimal(4, new java.math.BigDecimal(g.target()));
                ps.setString(5, g.scope());
                ps.setObject(6, set);
                ps.setObject(7, set);
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    /** Today's 五个一 of each party organization that has one: complete, or partly in place. */
    private static void standards(Connection c, String county, List<Standard> standards, long[] partyIds) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("insert into party_standard (county_code, party_organization_id,"
                + " activity_room, room_area, bulletin_board, sign_plate, party_flag, rules_set, checked_on, updated_by,"
                + " updated_via, updated_at) values (?, ?, ?, ?, ?, true, true, ?, ?, 'demo', 'DEMO', ?)")) {
            int row = 0;
            for (Standard s : standards) {
                boolean complete = s.completeFrom() != null;
                LocalDate checked = complete ? s.completeFrom() : s.partlyFrom();
                ps.setString(1, county);
                ps.setLong(2, partyIds[s.party()]);
                ps.setBoolean(3, complete);
                if (complete) {
                    ps.setBigDecimal(4, java.math.BigDecimal.valueOf(s.roomArea()));
                } else {
                    ps.setNull(4, Types.NUMERIC);
                }
                ps.setBoolean(5, complete);
                ps.setBoolean(6, complete);
                ps.setObject(7, checked);
                ps.setObject(8, at(checked));
                DemoLoader.add(ps, row++);
            }
            ps.executeBatch();
        }
    }

    private static void ratings(Connection c, String county, List<Rating> ratings, long[] partyIds) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("insert into party_rating (county_code, party_organization_id, year,"
                + " good_leadership, good_members, good_mechanism, good_results, good_standing, rated_by, rated_at)"
                + " values (?, ?, ?, ?, ?, ?, ?, ?, 'demo', ?)")) {
            int row = 0;
            for (Rating r : ratings) {
                ps.setString(1, county);
                ps.setLong(2, partyIds[r.party()]);
                ps.setInt(3, r.year());
                for (int k = 0; k < 5; k++) {
                    ps.setBoolean(4 + k, r.shortOf() != k);
                }
                ps.setObject(9, at(ratedOn(r)));
                DemoLoader.add(ps, row++);
            }
            ps.executeBatch();
        }
    }

    private static void campaigns(Connection c, String county, List<Campaign> campaigns) throws SQLException {
        String townships;
        try (PreparedStatement ps = c.prepareStatement("select string_agg(distinct township_code, ',' order by township_code)"
                + " from organization where county_code = ?")) {
            ps.setString(1, county);
            try (ResultSet r = ps.executeQuery()) {
                r.next();
                townships = r.getString(1);
            }
        }
        for (Campaign k : campaigns) {
            long id;
            try (Statement s = c.createStatement(); ResultSet r = s.executeQuery("select nextval('survey_campaign_id_seq')")) {
                r.next();
                id = r.getLong(1);
            }
            try (PreparedStatement ps = c.prepareStatement("insert into survey_campaign (county_code, id, name, deadline,"
                    + " townships, created_by, created_at, starts_on) values (?, ?, ?, ?, ?, 'demo', ?, ?)")) {
                ps.setString(1, county);
                ps.setLong(2, id);
                ps.setString(3, k.name());
                ps.setObject(4, k.deadline());
                ps.setString(5, townships);
                ps.setObject(6, at(k.opened()));
                ps.setObject(7, k.opened());
                ps.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement("insert into survey_submission (county_code, campaign_id,"
                    + " township_code, submitted_by, submitted_at) values (?, ?, ?, 'demo', ?)")) {
                for (var e : k.submitted().entrySet()) {
                    ps.setString(1, county);
                    ps.setLong(2, id);
                    ps.setString(3, e.getKey());
                    ps.setObject(4, at(e.getValue()).plusHours(6));
                    ps.addBatch();
                }
                ps.executeBatch();
            }
        }
    }

    /** The registry rows say when they were registered and last changed, by the demo. */
    private static void stamps(Connection c, Chronicle ch, long[] orgIds, long[] partyIds) throws SQLException {
        String county = ch.county().countyCode();
        try (PreparedStatement ps = c.prepareStatement("update organization set created_at = ?, updated_at = ?,"
                + " created_by = 'demo', updated_by = 'demo', updated_via = 'DEMO' where county_code = ? and id = ?")) {
            for (int i = 0; i < orgIds.length; i++) {
                List<Version> v = ch.versions().get(i);
                ps.setObject(1, at(v.get(0).from()));
                ps.setObject(2, at(v.get(v.size() - 1).from()));
                ps.setString(3, county);
                ps.setLong(4, orgIds[i]);
                DemoLoader.add(ps, i);
            }
            ps.executeBatch();
        }
        try (PreparedStatement ps = c.prepareStatement("update party_organization set created_at = ?, updated_at = ?,"
                + " created_by = 'demo', updated_by = 'demo', updated_via = 'DEMO' where county_code = ? and id = ?")) {
            List<PartyOrganization> parties = ch.county().partyOrganizations();
            for (int k = 0; k < partyIds.length; k++) {
                PartyOrganization p = parties.get(k);
                LocalDate since = since(p);
                ps.setObject(1, at(since));
                ps.setObject(2, at(p.dissolvedOn() != null ? p.dissolvedOn() : since));
                ps.setString(3, county);
                ps.setLong(4, partyIds[k]);
                DemoLoader.add(ps, k);
            }
            ps.executeBatch();
        }
    }

    /** When a party organization's record begins: its founding, or the day the records begin. */
    private static LocalDate since(PartyOrganization p) {
        return p.foundedOn().isAfter(DemoChronicle.BEGINS) ? p.foundedOn() : DemoChronicle.BEGINS;
    }

    private static void history(Connection c, Chronicle ch, long[] orgIds, long[] partyIds) throws SQLException {
        String county = ch.county().countyCode();
        // the versions the triggers recorded for the rows just written (their ids are new): by id, not by
        // transaction, which a distributed database numbers on each worker apart
        for (String[] table : new String[][]{{"organization_history", "id", "o"}, {"party_organization_history", "id", "p"},
                {"party_organization_coverage_history", "party_organization_id", "p"},
                {"party_standard_history", "party_organization_id", "p"}}) {
            try (PreparedStatement ps = c.prepareStatement("delete from " + table[0]
                    + " where county_code = ? and " + table[1] + " = any (?)")) {
                ps.setString(1, county);
                long[] ids = table[2].equals("o") ? orgIds : partyIds;
                ps.setArray(2, c.createArrayOf("bigint", java.util.Arrays.stream(ids).boxed().toArray()));
                ps.executeUpdate();
            }
        }
        try (PreparedStatement ps = c.prepareStatement("insert into organization_history (county_code, id, valid, data,"
                + " changed_by, changed_via) select o.county_code, o.id, tstzrange(?, ?), to_jsonb(o) || jsonb_build_object("
                + "'status', ?::varchar, 'formal_members', ?::int, 'probationary_members', ?::int, 'headcount', ?::int,"
                + " 'instructor', ?::varchar, 'updated_at', ?::timestamptz), 'demo', 'DEMO'"
                + " from organization o where o.county_code = ? and o.id = ?")) {
            int row = 0;
            for (int i = 0; i < orgIds.length; i++) {
                List<Version> versions = ch.versions().get(i);
                for (int k = 0; k < versions.size(); k++) {
                    Version v = versions.get(k);
                    ps.setObject(1, at(v.from()));
                    ps.setObject(2, k + 1 < versions.size() ? at(versions.get(k + 1).from()) : null);
                    ps.setString(3, v.state().status().name());
                    ps.setInt(4, v.state().formal());
                    ps.setInt(5, v.state().probationary());
                    ps.setInt(6, v.state().headcount());
                    ps.setString(7, v.state().instructor());
                    ps.setObject(8, at(v.from()));
                    ps.setString(9, county);
                    ps.setLong(10, orgIds[i]);
                    DemoLoader.add(ps, row++);
                }
            }
            ps.executeBatch();
        }
        List<PartyOrganization> parties = ch.county().partyOrganizations();
        // a party organization in office from its founding; dissolved, its record and its coverage from that day on
        try (PreparedStatement party = c.prepareStatement("insert into party_organization_history (county_code, id, valid,"
                + " data, changed_by, changed_via) select p.county_code, p.id, tstzrange(?, ?), to_jsonb(p)"
                + " || jsonb_build_object('dissolved_on', ?::date, 'updated_at', ?::timestamptz), 'demo', 'DEMO'"
                + " from party_organization p where p.county_code = ? and p.id = ?");
             PreparedStatement coverage = c.prepareStatement("insert into party_organization_coverage_history"
                     + " (county_code, party_organization_id, organization_id, valid, data, changed_by, changed_via)"
                     + " select x.county_code, x.party_organization_id, x.organization_id, tstzrange(?, ?),"
                     + " to_jsonb(x) || jsonb_build_object('active', ?::boolean), 'demo', 'DEMO'"
                     + " from party_organization_coverage x where x.county_code = ? and x.party_organization_id = ?")) {
            for (int k = 0; k < partyIds.length; k++) {
                PartyOrganization p = parties.get(k);
                LocalDate since = since(p);
                OffsetDateTime until = p.dissolvedOn() == null ? null : at(p.dissolvedOn());
                partyVersion(party, county, partyIds[k], at(since), until, null, at(since));
                coverageVersion(coverage, county, partyIds[k], at(since), until, true);
                if (until != null) {
                    partyVersion(party, county, partyIds[k], until, null, p.dissolvedOn(), until);
                    coverageVersion(coverage, county, partyIds[k], until, null, false);
                }
            }
            party.executeBatch();
            coverage.executeBatch();
        }
        try (PreparedStatement ps = c.prepareStatement("insert into party_standard_history (county_code,"
                + " party_organization_id, valid, data, changed_by, changed_via) select s.county_code,"
                + " s.party_organization_id, tstzrange(?, ?), to_jsonb(s) || jsonb_build_object('activity_room', ?::boolean,"
                + " 'room_area', ?::numeric, 'bulletin_board', ?::boolean, 'rules_set', ?::boolean, 'checked_on', ?::date,"
                + " 'updated_at', ?::timestamptz), 'demo', 'DEMO' from party_standard s"
                + " where s.county_code = ? and s.party_organization_id = ?")) {
            for (Standard s : ch.standards()) {
                standardVersion(ps, county, partyIds[s.party()], s.partlyFrom(), s.completeFrom(), false, null);
                if (s.completeFrom() != null) {
                    standardVersion(ps, county, partyIds[s.party()], s.completeFrom(), null, true, s.roomArea());
                }
            }
            ps.executeBatch();
        }
    }

    private static void partyVersion(PreparedStatement ps, String county, long id, OffsetDateTime from, OffsetDateTime until,
                                     LocalDate dissolved, OffsetDateTime updated) throws SQLException {
        ps.setObject(1, from);
        ps.setObject(2, until);
        ps.setObject(3, dissolved);
        ps.setObject(4, updated);
        ps.setString(5, county);
        ps.setLong(6, id);
        ps.addBatch();
    }

    private static void coverageVersion(PreparedStatement ps, String county, long party, OffsetDateTime from,
                                        OffsetDateTime until, boolean active) throws SQLException {
        ps.setObject(1, from);
        ps.setObject(2, until);
        ps.setBoolean(3, active);
        ps.setString(4, county);
        ps.setLong(5, party);
        ps.addBatch();
    }

    private static void standardVersion(PreparedStatement ps, String county, long party, LocalDate from, LocalDate until,
                                        boolean complete, Integer area) throws SQLException {
        ps.setObject(1, at(from));
        ps.setObject(2, until == null ? null : at(until));
        ps.setBoolean(3, complete);
        if (area == null) {
            ps.setNull(4, Types.NUMERIC);
        } else {
            ps.setBigDecimal(4, java.math.BigDecimal.valueOf(area));
        }
        ps.setBoolean(5, complete);
        ps.setBoolean(6, complete);
        ps.setObject(7, from);
        ps.setObject(8, at(from));
        ps.setString(9, county);
        ps.setLong(10, party);
        ps.addBatch();
    }
}
