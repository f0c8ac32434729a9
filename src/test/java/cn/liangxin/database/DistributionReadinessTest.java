package cn.liangxin.database;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The migrated schema can be distributed by county (Citus) as it is: every table but the reference
 * tables holds county_code, leads its primary key and every unique index with it, and every foreign
 * key joins on it. Reads the catalog of the database the tests run on (embedded, or DB_URL).
 */
@QuarkusTest
class DistributionReadinessTest {

    /** Shared by all counties: replicated to every node (reference tables), not distributed. */
    static final Set<String> REFERENCE = Set.of("app_user", "app_session", "flyway_schema_history");
    /** Tables without a primary key: the history, whose versions are told apart by their time ranges. */
    static final String HISTORY = "_history";

    @Inject
    AgroalDataSource dataSource;

    @Test
    void everyRegistryTableIsKeyedByCountyFirst() throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            Set<String> tables = distributed(c);
            // the registry, the survey, plans, standards, goals and freezes are all there
            assertTrue(tables.containsAll(Set.of("organization", "party_organization", "party_organization_coverage",
                    "organization_history", "party_organization_history", "party_organization_coverage_history",
                    "survey_import", "survey_import_row", "survey_campaign", "survey_submission", "probationary_admission",
                    "party_standard", "party_standard_history", "party_rating", "goal", "annual_freeze")), tables.toString());
            assertEquals(List.of(), problems(c));
        }
    }

    @Test
    void aTableKeyedOtherwiseIsFound() throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try (Statement s = c.createStatement()) {
                s.execute("create table readiness_probe (id bigint primary key, county_code varchar(6) not null)");
                s.execute("create table readiness_probe_two (county_code varchar(6) not null, id bigint not null,"
                        + " primary key (county_code, id), probe_id bigint references readiness_probe (id))");
                s.execute("create unique index readiness_probe_two_uq on readiness_probe_two (id)");
                s.execute("create table readiness_probe_three (id bigint)");
            }
            try {
                List<String> found = problems(c);
                assertTrue(found.contains("readiness_probe: primary key does not start with county_code"), found.toString());
                assertTrue(found.contains("readiness_probe_two: unique index readiness_probe_two_uq does not start with county_code"),
                        found.toString());
                assertTrue(found.stream().anyMatch(p -> p.startsWith("readiness_probe_two: foreign key")
                        && p.endsWith("does not join on county_code")), found.toString());
                assertTrue(found.contains("readiness_probe_three: no county_code column"), found.toString());
                assertTrue(found.contains("readiness_probe_three: no primary key"), found.toString());
            } finally {
                c.rollback();
            }
        }
    }

    /** Tables of the public schema that would be distributed by county_code. */
    static Set<String> distributed(Connection c) throws SQLException {
        Set<String> tables = new TreeSet<>();
        try (Statement s = c.createStatement(); ResultSet r = s.executeQuery(
                "select table_name from information_schema.tables where table_schema = current_schema() and table_type = 'BASE TABLE'")) {
            while (r.next()) {
                if (!REFERENCE.contains(r.getString(1))) {
                    tables.add(r.getString(1));
                }
            }
        }
        return tables;
    }

    /** What would keep each table from being distributed by county_code, one line per finding. */
    static List<String> problems(Connection c) throws SQLException {
        Set<String> tables = distributed(c);
        List<String> problems = new ArrayList<>();
        try (Statement s = c.createStatement()) {
            try (ResultSet r = s.executeQuery("select table_name from information_schema.columns"
                    + " where table_schema = current_schema() and column_name = 'county_code'")) {
                Set<String> with = new TreeSet<>();
                while (r.next()) {
                    with.add(r.getString(1));
                }
                tables.stream().filter(t -> !with.contains(t)).forEach(t -> problems.add(t + ": no county_code column"));
            }
            // primary keys from information_schema: the first column of each
            try (ResultSet r = s.executeQuery("""
                    select t.table_name, k.column_name
                    from information_schema.tables t
                    left join information_schema.table_constraints p
                           on p.table_schema = t.table_schema and p.table_name = t.table_name and p.constraint_type = 'PRIMARY KEY'
                    left join information_schema.key_column_usage k
                           on k.constraint_schema = p.constraint_schema and k.constraint_name = p.constraint_name
                          and k.ordinal_position = 1
                    where t.table_schema = current_schema() and t.table_type = 'BASE TABLE'""")) {
                while (r.next()) {
                    String table = r.getString(1), first = r.getString(2);
                    if (!tables.contains(table)) {
                        continue;
                    }
                    if (first == null && !table.endsWith(HISTORY)) {
                        problems.add(table + ": no primary key");
                    } else if (first != null && !first.equals("county_code")) {
                        problems.add(table + ": primary key does not start with county_code");
                    }
                }
            }
            // unique indexes (constraints or not), which Citus enforces per shard only with the county in them
            try (ResultSet r = s.executeQuery("""
                    select t.relname, i.relname, a.attname
                    from pg_index x
                    join pg_class t on t.oid = x.indrelid
                    join pg_class i on i.oid = x.indexrelid
                    join pg_namespace n on n.oid = t.relnamespace
                    left join pg_attribute a on a.attrelid = t.oid and a.attnum = x.indkey[0]
                    where n.nspname = current_schema() and x.indisunique and not x.indisprimary""")) {
                while (r.next()) {
                    if (tables.contains(r.getString(1)) && !"county_code".equals(r.getString(3))) {
                        problems.add(r.getString(1) + ": unique index " + r.getString(2) + " does not start with county_code");
                    }
                }
            }
            // foreign keys: county_code on both sides, in the same position
            try (ResultSet r = s.executeQuery("""
                    select t.relname, f.conname, f.confrelid::regclass::text,
                           exists (select 1 from unnest(f.conkey, f.confkey) as k(mine, theirs)
                                   join pg_attribute a on a.attrelid = f.conrelid and a.attnum = k.mine
                                   join pg_attribute b on b.attrelid = f.confrelid and b.attnum = k.theirs
                                   where a.attname = 'county_code' and b.attname = 'county_code')
                    from pg_constraint f
                    join pg_class t on t.oid = f.conrelid
                    join pg_namespace n on n.oid = t.relnamespace
                    where n.nspname = current_schema() and f.contype = 'f'""")) {
                while (r.next()) {
                    boolean toReference = REFERENCE.contains(r.getString(3));
                    if (tables.contains(r.getString(1)) && !toReference && !r.getBoolean(4)) {
                        problems.add(r.getString(1) + ": foreign key " + r.getString(2) + " to " + r.getString(3)
                                + " does not join on county_code");
                    }
                }
            }
        }
        return problems;
    }
}
