package cn.liangxin.demo;

import cn.liangxin.demo.DemoCounty.Organization;
import cn.liangxin.demo.DemoCounty.PartyOrganization;
import cn.liangxin.database.RegistryIds;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.LocalDate;
import java.util.List;

/** Writes a generated demo county into the registry tables in one transaction, with JDBC batches. */
public final class DemoLoader {

    private static final String INSERT_ORGANIZATION = """
            insert into organization (county_code, id, township_code, name, uscc, kind, sector, community, address,
                building, industry, above_scale, status, headcount, formal_members, probationary_members,
                members_elsewhere, activists, owner_is_member, owner_attitude, secretary_candidate, mass_organizations,
                instructor, planned_formation_on, not_planned_reason, responsible, notes)
            values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""";
    private static final String INSERT_PARTY_ORGANIZATION = """
            insert into party_organization (county_code, id, township_code, name, level, formation, founded_on,
                dissolved_on, secretary)
            values (?, ?, ?, ?, ?, ?, ?, ?, ?)""";
    private static final String INSERT_COVERAGE = """
            insert into party_organization_coverage (county_code, party_organization_id, organization_id, active)
            values (?, ?, ?, ?)""";
    private static final int BATCH = 500;

    private DemoLoader() {
    }

    /**
     * Inserts the county's organizations, party organizations and coverage, all or nothing, and
     * returns the number of organizations. On a connection in auto-commit mode they are committed
     * (and the mode restored); else they join the caller's transaction, for the caller to commit.
     */
    public static int load(Connection c, DemoCounty.Result county) throws SQLException {
        return write(c, county, (orgIds, partyIds) -> extras(c, county.countyCode(), partyIds));
    }

    /**
     * Inserts the county as the chronicle has it today, with its history from 2009 (versions dated
     * as they happened, {@code via} DEMO), its goals, 五个一, ratings and campaigns of every year; all
     * or nothing. Returns the number of organizations.
     */
    public static int load(Connection c, DemoChronicle.Chronicle chronicle) throws SQLException {
        return write(c, chronicle.county(), (orgIds, partyIds) -> DemoYears.write(c, chronicle, orgIds, partyIds));
    }

    /** What is written after the registry rows, with their ids. */
    interface Then {
        void write(long[] orgIds, long[] partyIds) throws SQLException;
    }

    private static int write(Connection c, DemoCounty.Result county, Then then) throws SQLException {
        String code = county.countyCode();
        List<Organization> orgs = county.organizations();
        List<PartyOrganization> parties = county.partyOrganizations();
        // in the caller's transaction when it has one (it commits); else in one of its own
        boolean own = c.getAutoCommit();
        c.setAutoCommit(false);
        try {
            long[] orgIds = RegistryIds.take(c, orgs.size());
            long[] partyIds = RegistryIds.take(c, parties.size());
            try (PreparedStatement ps = c.prepareStatement(INSERT_ORGANIZATION)) {
                for (int i = 0; i < orgs.size(); i++) {
                    Organization o = orgs.get(i);
                    int k = 1;
                    ps.setString(k++, code);
                    ps.setLong(k++, orgIds[i]);
                    ps.setString(k++, o.townshipCode());
                    ps.setString(k++, o.name());
                    ps.setString(k++, o.uscc());
                    ps.setString(k++, o.kind().name());
                    ps.setString(k++, o.sector().name());
                    ps.setString(k++, o.community());
                    ps.setString(k++, o.address());
                    ps.setString(k++, o.building());
                    ps.setString(k++, o.industry());
                    ps.setBoolean(k++, o.aboveScale());
                    ps.setString(k++, o.status().name());
                    ps.setInt(k++, o.headcount());
                    ps.setInt(k++, o.formalMembers());
                    ps.setInt(k++, o.probationaryMembers());
                    ps.setInt(k++, o.membersElsewhere());
                    ps.setInt(k++, o.activists());
                    ps.setBoolean(k++, o.ownerIsMember());
                    ps.setString(k++, o.ownerAttitude() == null ? null : o.ownerAttitude().name());
                    ps.setBoolean(k++, o.secretaryCandidate());
                    ps.setString(k++, o.massOrganizations());
                    ps.setString(k++, o.instructor());
                    setDate(ps, k++, o.plannedFormationOn());
                    ps.setString(k++, o.notPlannedReason());
                    ps.setString(k++, o.responsible());
                    ps.setString(k, o.notes());
                    add(ps, i);
                }
                ps.executeBatch();
            }
            try (PreparedStatement ps = c.prepareStatement(INSERT_PARTY_ORGANIZATION)) {
                for (int i = 0; i < parties.size(); i++) {
                    PartyOrganization p = parties.get(i);
                    ps.setString(1, code);
                    ps.setLong(2, partyIds[i]);
                    ps.setString(3, p.townshipCode());
                    ps.setString(4, p.name());
                    ps.setString(5, p.level().name());
                    ps.setString(6, p.formation().name());
                    setDate(ps, 7, p.foundedOn());
                    setDate(ps, 8, p.dissolvedOn());
                    ps.setString(9, p.secretary());
                    add(ps, i);
                }
                ps.executeBatch();
            }
            try (PreparedStatement ps = c.prepareStatement(INSERT_COVERAGE)) {
                int rows = 0;
                for (int i = 0; i < parties.size(); i++) {
                    for (int org : parties.get(i).covers()) {
                        ps.setString(1, code);
                        ps.setLong(2, partyIds[i]);
                        ps.setLong(3, orgIds[org]);
                        ps.setBoolean(4, parties.get(i).active());
                        add(ps, rows++);
                    }
                }
                ps.executeBatch();
            }
            then.write(orgIds, partyIds);
            if (own) {
                c.commit();
            }
            return orgs.size();
        } catch (SQLException | RuntimeException e) {
            if (own) {
                c.rollback();
            }
            throw e;
        } finally {
            c.setAutoCommit(own);
        }
    }

    /**
     * What a county office keeps besides the registry, so the demo's year pages have something to
     * show: this year's goals (unless set), the 五个一 of two in three party organizations (set in
     * order), the admission dates of the probationary members, and the instructors the organizations
     * name, registered.
     */
    private static void extras(Connection c, String county, long[] partyIds) throws SQLException {
        LocalDate today = cn.liangxin.time.Days.today();
        int year = today.getYear();
        try (PreparedStatement ps = c.prepareStatement("insert into goal (county_code, id, year, metric, target, scope,"
                + " created_by, updated_by) select ?, nextval('goal_id_seq'), ?, ?, ?, ?, 'demo', 'demo'"
                + " where not exists (select 1 from goal where county_code = ? and year = ? and metric = ?)")) {
            Object[][] goals = {{"LARGE_HAVE_MEMBERS", "1", "TOWNSHIP"}, {"ELIGIBLE_HAVE_ORGANIZATION", "1", "TOWNSHIP"},
                    {"COVERAGE", "0.1", "COUNTY"}, {"FIVE_ONE", "0.8", "COUNTY"}};
            for (Object[] g : goals) {
                ps.setString(1, county);
                ps.setInt(2, year);
                ps.setString(3, (String) g[0]);
                ps.setBigDecimal(4, new java.math.BigDecimal((String) g[1]));
                ps.setString(5, (String) g[2]);
                ps.setString(6, county);
                ps.setInt(7, year);
                ps.setString(8, (String) g[0]);
                ps.addBatch();
            }
            ps.executeBatch();
        }
        try (PreparedStatement ps = c.prepareStatement("insert into party_standard (county_code, party_organization_id,"
                + " activity_room, room_area, bulletin_board, sign_plate, party_flag, rules_set, updated_by, updated_via)"
                + " values (?, ?, true, ?, true, true, true, ?, 'demo', 'DEMO')")) {
            for (int i = 0; i < partyIds.length; i++) {
                if (i % 3 == 2) {
                    continue;
                }
                ps.setString(1, county);
                ps.setLong(2, partyIds[i]);
                ps.setBigDecimal(3, java.math.BigDecimal.valueOf(20 + (i * 7) % 40));
                ps.setBoolean(4, i % 5 != 4);
                add(ps, i);
            }
            ps.executeBatch();
        }
        people(c, county, today);
    }

    /**
     * The admission dates of the probationary members (over the eleven months before {@code today},
     * for the member forecast) and the instructors the organizations name, registered.
     */
    static void people(Connection c, String county, LocalDate today) throws SQLException {
        // admission dates of the probationary members, spread over the last eleven months, for the member forecast
        try (PreparedStatement ps = c.prepareStatement("insert into probationary_admission (county_code, organization_id, seq,"
                + " admitted_on) select o.county_code, o.id, g, ?::date - 1 - ((o.id * 37 + g * 101) % 329)::int"
                + " from organization o cross join lateral generate_series(0, o.probationary_members - 1) g"
                + " where o.county_code = ? and o.probationary_members > 0 and o.status <> 'CLOSED'")) {
            ps.setObject(1, today);
            ps.setString(2, county);
            ps.executeUpdate();
        }
        // the county taken from the rows and joined on: a distributed database (Citus) keeps it on one shard
        try (PreparedStatement ps = c.prepareStatement("insert into instructor (county_code, id, name, township_code,"
                + " created_by) select i.county_code, nextval('instructor_id_seq'), i.instructor, min(i.township_code), 'demo'"
                + " from organization i where i.county_code = ? and coalesce(btrim(i.instructor), '') <> ''"
                + " and not exists (select 1 from instructor x where x.county_code = i.county_code and x.name = i.instructor)"
                + " group by i.county_code, i.instructor")) {
            ps.setString(1, county);
            ps.executeUpdate();
        }
    }

    static void setDate(PreparedStatement ps, int index, LocalDate date) throws SQLException {
        if (date == null) {
            ps.setNull(index, Types.DATE);
        } else {
            ps.setObject(index, date);
        }
    }

    static void add(PreparedStatement ps, int row) throws SQLException {
        ps.addBatch();
        if ((row + 1) % BATCH == 0) {
            ps.executeBatch();
        }
    }
}
