package cn.liangxin.demo;

import cn.liangxin.division.County;
import cn.liangxin.division.Divisions;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

import java.io.IOException;
import java.io.StringReader;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;

/**
 * Fills a migrated database with a whole province for the scale benchmarks: every county and
 * township of the province, N organizations shared among the counties by their number of townships,
 * each county shaped like the demo county ({@link DemoCounty}, names moved to the county), with
 * their party organizations, coverage links and history. Deterministic: the same N, seed and
 * province in an empty database give the same rows and ids.
 *
 * <p>Usage: {@code ProvinceGenerator N SEED PROVINCE [trigger|direct]}, connection from DB_URL,
 * DB_USER, DB_PASSWORD. History mode {@code trigger} (default) lets the history triggers record the
 * rows as COPY writes them; {@code direct} switches the insert triggers off and writes the first
 * versions with one INSERT … SELECT per county.
 */
public final class ProvinceGenerator {

    private static final String ORG_COLUMNS = "county_code, id, township_code, name, uscc, kind, sector, community, address,"
            + " building, industry, above_scale, status, headcount, formal_members, probationary_members, members_elsewhere,"
            + " activists, owner_is_member, owner_attitude, secretary_candidate, mass_organizations, instructor,"
            + " planned_formation_on, not_planned_reason, responsible, notes, created_by, updated_by, updated_via";
    private static final String PARTY_COLUMNS = "county_code, id, township_code, name, level, formation, founded_on,"
            + " dissolved_on, secretary, created_by, updated_by, updated_via";
    private static final String ACTOR = "generator";
    /** Share of organizations corrected once after loading, so that the history holds second versions. */
    private static final int CORRECTED_PER_MILLE = 40;

    private ProvinceGenerator() {
    }

    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0].replace("_", "").replace(",", "")) : 1_000_000;
        long seed = args.length > 1 ? Long.parseLong(args[1]) : DemoCounty.DEFAULT_SEED;
        String province = args.length > 2 ? args[2] : "53";
        boolean direct = args.length > 3 && args[3].equals("direct");
        if (!province.matches("\\d{2}")) {
            throw new IllegalArgumentException("province: 2 digits (53 = 云南), not " + province);
        }
        Divisions divisions = new Divisions(() -> List.of(province));
        List<County> counties = divisions.counties();
        int[] shares = shares(counties, n);
        String url = env("DB_URL"), user = env("DB_USER"), password = System.getenv().getOrDefault("DB_PASSWORD", "");
        long start = System.nanoTime();
        long generating = 0, writing = 0, organizations = 0, parties = 0, links = 0;
        try (Connection c = DriverManager.getConnection(url, user, password)) {
            check(c, divisions.countyCodes());
            {
                for (int i = 0; i < counties.size(); i++) {
                    County county = counties.get(i);
                    long t0 = System.nanoTime();
                    DemoCounty.Result r = DemoCounty.generate(county.code(), county.townships().stream()
                            .map(t -> new DemoCounty.Township(t.code(), t.name())).toList(), seed * 1_000_003L + Long.parseLong(county.code()),
                            shares[i]);
                    long t1 = System.nanoTime();
                    int[] written = write(c, county, r, direct);
                    generating += t1 - t0;
                    writing += System.nanoTime() - t1;
                    organizations += written[0];
                    parties += written[1];
                    links += written[2];
                    if ((i + 1) % 10 == 0 || i == counties.size() - 1) {
                        System.out.printf(Locale.ROOT, "%3d/%d counties, %,d organizations, %.0f s%n", i + 1, counties.size(),
                                organizations, (System.nanoTime() - start) / 1e9);
                    }
                }
            }
            long t2 = System.nanoTime();
            c.setAutoCommit(true);
            try (Statement s = c.createStatement()) {
                s.execute("vacuum analyze organization, party_organization, party_organization_coverage,"
                        + " organization_history, party_organization_history, party_organization_coverage_history");
            }
            long t3 = System.nanoTime();
            System.out.printf(Locale.ROOT, "Province %s: %d counties, %d townships: %,d organizations, %,d party organizations,"
                            + " %,d coverage links (history: %s)%n", province, counties.size(), divisions.townships().size(),
                    organizations, parties, links, direct ? "written directly" : "by the triggers");
            System.out.printf(Locale.ROOT, "  generating %.1f s, writing %.1f s, vacuum analyze %.1f s, total %.1f s%n",
                    generating / 1e9, writing / 1e9, (t3 - t2) / 1e9, (t3 - start) / 1e9);
        }
    }

    /** N shared among the counties by their number of townships, the remainder to the first ones. */
    static int[] shares(List<County> counties, int n) {
        int townships = counties.stream().mapToInt(c -> c.townships().size()).sum();
        int[] shares = new int[counties.size()];
        int given = 0;
        for (int i = 0; i < shares.length; i++) {
            shares[i] = (int) ((long) n * counties.get(i).townships().size() / townships);
            given += shares[i];
        }
        for (int i = 0; given < n; i = (i + 1) % shares.length, given++) {
            shares[i]++;
        }
        for (int i = 0; i < shares.length; i++) {
            County county = counties.get(i);
            if (shares[i] < Math.max(50, 5 * county.townships().size())) {
                throw new IllegalArgumentException("N = " + n + " is too small: " + county.name() + " needs at least "
                        + Math.max(50, 5 * county.townships().size()) + " organizations");
            }
        }
        return shares;
    }

    private static void check(Connection c, List<String> counties) throws SQLException {
        try (Statement s = c.createStatement();
             ResultSet r = s.executeQuery("select to_regclass('organization') is not null")) {
            r.next();
            if (!r.getBoolean(1)) {
                throw new IllegalStateException("no registry tables here: start the service once against this database"
                        + " (Flyway creates the schema), then run the generator");
            }
        }
        try (PreparedStatement s = c.prepareStatement("select count(*) from organization where county_code = any (?)")) {
            s.setArray(1, c.createArrayOf("varchar", counties.toArray()));
            try (ResultSet r = s.executeQuery()) {
                r.next();
                if (r.getLong(1) > 0) {
                    throw new IllegalStateException("the registry already holds " + r.getLong(1)
                            + " organizations of this province: use an empty database");
                }
            }
        }
    }

    /** The history triggers off or on again, within the county's transaction (the COPY only bypasses them). */
    private static void triggers(Connection c, String action) throws SQLException {
        try (Statement s = c.createStatement()) {
            for (String table : List.of("organization", "party_organization", "party_organization_coverage")) {
                s.execute("alter table " + table + " " + action + " trigger " + table + "_history");
            }
        }
    }

    /** One county in one transaction, then a second one correcting a few organizations. */
    private static int[] write(Connection c, County county, DemoCounty.Result r, boolean direct) throws SQLException, IOException {
        c.setAutoCommit(false);
        CopyManager copy = c.unwrap(PGConnection.class).getCopyAPI();
        List<DemoCounty.Organization> orgs = r.organizations();
        List<DemoCounty.PartyOrganization> parties = r.partyOrganizations();
        long[] orgIds = ids(c, orgs.size());
        long[] partyIds = ids(c, parties.size());
        String[] names = names(county.name());
        if (direct) {
            triggers(c, "disable");
        }
        StringBuilder b = new StringBuilder(orgs.size() * 300);
        for (int i = 0; i < orgs.size(); i++) {
            DemoCounty.Organization o = orgs.get(i);
            row(b, county.code(), orgIds[i], o.townshipCode(), move(o.name(), names), o.uscc(), o.kind().name(),
                    o.sector().name(), o.community(), move(o.address(), names), o.building() == null ? null : move(o.building(), names),
                    o.industry(), o.aboveScale(), o.status().name(), o.headcount(), o.formalMembers(), o.probationaryMembers(),
                    o.membersElsewhere(), o.activists(), o.ownerIsMember(),
                    o.ownerAttitude() == null ? null : o.ownerAttitude().name(), o.secretaryCandidate(), o.massOrganizations(),
                    o.instructor(), o.plannedFormationOn(), o.notPlannedReason(), o.responsible(), o.notes(), ACTOR, ACTOR, "API");
        }
        copy.copyIn("copy organization (" + ORG_COLUMNS + ") from stdin", new StringReader(b.toString()));
        b.setLength(0);
        int links = 0;
        StringBuilder cov = new StringBuilder();
        for (int i = 0; i < parties.size(); i++) {
            DemoCounty.PartyOrganization p = parties.get(i);
            row(b, county.code(), partyIds[i], p.townshipCode(), move(p.name(), names), p.level().name(), p.formation().name(),
                    p.foundedOn(), p.dissolvedOn(), p.secretary(), ACTOR, ACTOR, "API");
            for (int org : p.covers()) {
                row(cov, county.code(), partyIds[i], orgIds[org], p.active());
                links++;
            }
        }
        copy.copyIn("copy party_organization (" + PARTY_COLUMNS + ") from stdin", new StringReader(b.toString()));
        copy.copyIn("copy party_organization_coverage (county_code, party_organization_id, organization_id, active) from stdin",
                new StringReader(cov.toString()));
        if (direct) {
            try (PreparedStatement s = c.prepareStatement("""
                    insert into organization_history (county_code, id, valid, data, changed_by, changed_via)
                    select o.county_code, o.id, tstzrange(clock_timestamp(), null), to_jsonb(o), o.updated_by, o.updated_via
                    from organization o where o.county_code = ?1;
                    insert into party_organization_history (county_code, id, valid, data, changed_by, changed_via)
                    select p.county_code, p.id, tstzrange(clock_timestamp(), null), to_jsonb(p), p.updated_by, p.updated_via
                    from party_organization p where p.county_code = ?1;
                    insert into party_organization_coverage_history (county_code, party_organization_id, organization_id, valid,
                        data, changed_by, changed_via)
                    select c.county_code, c.party_organization_id, c.organization_id, tstzrange(clock_timestamp(), null),
                        to_jsonb(c), 'generator', 'API'
                    from party_organization_coverage c where c.county_code = ?1""".replace("?1", "'" + county.code() + "'"))) {
                s.execute();
            }
            triggers(c, "enable");
        }
        c.commit();
        // a later correction of a few organizations: their history has a second version
        try (PreparedStatement s = c.prepareStatement("""
                update organization set headcount = headcount + 1, updated_at = now(), version = version + 1
                where county_code = ? and id % 1000 < ?""")) {
            s.setString(1, county.code());
            s.setInt(2, CORRECTED_PER_MILLE);
            s.executeUpdate();
        }
        c.commit();
        return new int[]{orgs.size(), parties.size(), links};
    }

    /** The demo's place names (罗平, 曲靖) replaced by the county's. */
    private static String[] names(String county) {
        String stem = county.length() > 2 ? county.replaceAll("(自治县|县|区|市)$", "") : county;
        return new String[]{"云南罗平", "云南" + stem, "罗平县", county, "罗平", stem, "曲靖", stem};
    }

    private static String move(String s, String[] names) {
        if (s == null) {
            return null;
        }
        for (int i = 0; i < names.length; i += 2) {
            s = s.replace(names[i], names[i + 1]);
        }
        return s;
    }

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

    /** One line of COPY text format. */
    private static void row(StringBuilder b, Object... values) {
        for (int i = 0; i < values.length; i++) {
            if (i > 0) {
                b.append('\t');
            }
            Object v = values[i];
            if (v == null) {
                b.append("\\N");
            } else if (v instanceof String s) {
                for (int k = 0; k < s.length(); k++) {
                    char ch = s.charAt(k);
                    switch (ch) {
                        case '\\' -> b.append("\\\\");
                        case '\t' -> b.append("\\t");
                        case '\n' -> b.append("\\n");
                        case '\r' -> b.append("\\r");
                        default -> b.append(ch);
                    }
                }
            } else if (v instanceof LocalDate d) {
                b.append(d);
            } else {
                b.append(v);
            }
        }
        b.append('\n');
    }

    private static String env(String name) {
        String v = System.getenv(name);
        if (v == null || v.isBlank()) {
            throw new IllegalStateException(name + " is not set");
        }
        return v;
    }
}
