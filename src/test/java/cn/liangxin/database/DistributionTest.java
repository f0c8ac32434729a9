package cn.liangxin.database;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * On a Citus cluster the service placed every table itself when it started: read back from Citus'
 * own catalog. Runs only there (on plain PostgreSQL there is nothing to place; the schema's shape is
 * DistributionReadinessTest's).
 */
@QuarkusTest
class DistributionTest {

    @Inject
    AgroalDataSource dataSource;

    @Test
    void everyCountyTableIsShardedByCountyWithTheRegistryAndTheAccountsAreOnEveryNode() throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            assumeTrue(Distribution.citus(c), "runs on a Citus cluster (DB_URL at its coordinator)");
            Set<String> withCounty = new TreeSet<>();
            try (ResultSet r = s.executeQuery("select c.table_name from information_schema.columns c"
                    + " join information_schema.tables t on t.table_schema = c.table_schema and t.table_name = c.table_name"
                    + " where c.table_schema = current_schema() and c.column_name = 'county_code' and t.table_type = 'BASE TABLE'")) {
                while (r.next()) {
                    withCounty.add(r.getString(1));
                }
            }
            assertTrue(withCounty.containsAll(List.of("organization", "party_organization", "organization_history",
                    "survey_import", "township_summary", "register_row", "goal")), withCounty.toString());
            // table -> method, distribution column, co-location group
            Map<String, String[]> placed = new TreeMap<>();
            try (ResultSet r = s.executeQuery("select logicalrelid::regclass::text, partmethod::text,"
                    + " coalesce(column_to_column_name(logicalrelid, partkey), ''), colocationid::text from pg_dist_partition")) {
                while (r.next()) {
                    placed.put(r.getString(1), new String[]{r.getString(2), r.getString(3), r.getString(4)});
                }
            }
            String group = placed.get(Distribution.ANCHOR)[2];
            for (String table : withCounty) {
                String[] p = placed.get(table);
                assertTrue(p != null, table + " is not placed on the cluster");
                assertEquals("h", p[0], table + " is not sharded by hash");
                assertEquals("county_code", p[1], table);
                assertEquals(group, p[2], table + " is not co-located with " + Distribution.ANCHOR);
            }
            for (String table : Distribution.REFERENCE) {
                assertEquals("n", placed.get(table)[0], table + " is not a reference table");
            }
            // nothing else: every table of the schema is one or the other
            Set<String> all = new TreeSet<>();
            try (ResultSet r = s.executeQuery("select tablename from pg_tables where schemaname = current_schema()"
                    + " and tablename <> 'flyway_schema_history'")) {
                while (r.next()) {
                    all.add(r.getString(1));
                }
            }
            assertEquals(all, new TreeSet<>(placed.keySet()));
        }
    }

    @Test
    void aTableAddedLaterIsPlacedAtTheNextStartOrStopsItWhenItHasNoCounty() throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            assumeTrue(Distribution.citus(c), "runs on a Citus cluster (DB_URL at its coordinator)");
            c.setAutoCommit(false);
            try (Statement s = c.createStatement()) {
                s.execute("create table later_by_county (county_code varchar(6) not null, id bigint not null, primary key (county_code, id))");
                assertEquals(List.of("later_by_county"), Distribution.distribute(c));
                try (ResultSet r = s.executeQuery("select p.colocationid = o.colocationid from pg_dist_partition p, pg_dist_partition o"
                        + " where p.logicalrelid = 'later_by_county'::regclass and o.logicalrelid = 'organization'::regclass")) {
                    assertTrue(r.next() && r.getBoolean(1), "a later county table is co-located with the registry");
                }
            } finally {
                c.rollback();
            }
            try (Statement s = c.createStatement()) {
                s.execute("create table later_without_county (id bigint primary key)");
                IllegalStateException refused = assertThrows(IllegalStateException.class, () -> Distribution.distribute(c));
                assertTrue(refused.getMessage().contains("later_without_county"), refused.getMessage());
            } finally {
                c.rollback();
            }
        }
    }
}
