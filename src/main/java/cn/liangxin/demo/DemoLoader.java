package cn.liangxin.demo;

import cn.liangxin.demo.DemoCounty.Organization;
import cn.liangxin.demo.DemoCounty.PartyOrganization;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
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
     * returns the number of organizations. The connection's auto-commit setting is restored.
     */
    public static int load(Connection c, DemoCounty.Result county) throws SQLException {
        String code = county.countyCode();
        List<Organization> orgs = county.organizations();
        List<PartyOrganization> parties = county.partyOrganizations();
        boolean autoCommit = c.getAutoCommit();
        c.setAutoCommit(false);
        try {
            long[] orgIds = ids(c, orgs.size());
            long[] partyIds = ids(c, parties.size());
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
            c.commit();
            return orgs.size();
        } catch (SQLException | RuntimeException e) {
            c.rollback();
            throw e;
        } finally {
            c.setAutoCommit(autoCommit);
        }
    }

    /**
     * Fresh ids, one sequence value each. The sequence steps by 50 for Hibernate's pooled optimizers,
     * which own a block next to each value they fetch; a value fetched here lies in no such block, so
     * these ids never collide with ids Hibernate hands out, whichever optimizer it uses.
     */
    private static long[] ids(Connection c, int count) throws SQLException {
        long[] ids = new long[count];
        try (PreparedStatement ps = c.prepareStatement("select nextval('registry_id_seq') from generate_series(1, ?)")) {
            ps.setInt(1, count);
            try (ResultSet rs = ps.executeQuery()) {
                for (int i = 0; i < count && rs.next(); i++) {
                    ids[i] = rs.getLong(1);
                }
            }
        }
        return ids;
    }

    private static void setDate(PreparedStatement ps, int index, LocalDate date) throws SQLException {
        if (date == null) {
            ps.setNull(index, Types.DATE);
        } else {
            ps.setObject(index, date);
        }
    }

    private static void add(PreparedStatement ps, int row) throws SQLException {
        ps.addBatch();
        if ((row + 1) % BATCH == 0) {
            ps.executeBatch();
        }
    }
}
