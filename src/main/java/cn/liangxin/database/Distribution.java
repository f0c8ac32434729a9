package cn.liangxin.database;

import io.quarkus.flyway.FlywayConfigurationCustomizer;
import jakarta.inject.Singleton;
import org.flywaydb.core.api.callback.Callback;
import org.flywaydb.core.api.callback.Context;
import org.flywaydb.core.api.callback.Event;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.jboss.logging.Logger;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Distributes the schema when the database is a Citus coordinator, right after every migration run:
 * each table holding {@code county_code} is sharded by it and co-located with {@code organization}
 * (a county's registry, history, imports and figures on one worker), the accounts are reference
 * tables (a copy on every node). A table added by a later migration is distributed at the next start;
 * a table that has neither {@code county_code} nor a place in {@link #REFERENCE} stops the start, since
 * it could be neither. On plain PostgreSQL (no {@code citus} extension) nothing happens.
 */
@Singleton
public class Distribution implements FlywayConfigurationCustomizer {

    private static final Logger LOG = Logger.getLogger(Distribution.class);

    /** Shared by all counties: a copy on every node. */
    public static final Set<String> REFERENCE = Set.of("app_user", "app_session");
    /** The table every county table is co-located with. */
    public static final String ANCHOR = "organization";
    /** Kept by the migration tool on the coordinator only. */
    static final String MIGRATIONS = "flyway_schema_history";

    @Override
    public void customize(FluentConfiguration configuration) {
        configuration.callbacks(new Callback() {
            @Override
            public boolean supports(Event event, Context context) {
                return event == Event.AFTER_MIGRATE;
            }

            @Override
            public boolean canHandleInTransaction(Event event, Context context) {
                return true;
            }

            @Override
            public void handle(Event event, Context context) {
                try {
                    distribute(context.getConnection());
                } catch (SQLException e) {
                    throw new IllegalStateException("could not distribute the schema on the Citus cluster: " + e.getMessage(), e);
                }
            }

            @Override
            public String getCallbackName() {
                return "distribute by county";
            }
        });
    }

    /** True when the database is a Citus cluster (the extension is installed in it). */
    public static boolean citus(Connection c) throws SQLException {
        try (Statement s = c.createStatement();
             ResultSet r = s.executeQuery("select count(*) from pg_extension where extname = 'citus'")) {
            r.next();
            return r.getLong(1) > 0;
        }
    }

    /** Distributes what is not yet distributed; returns the tables it distributed, in order. */
    public static List<String> distribute(Connection c) throws SQLException {
        if (!citus(c)) {
            return List.of();
        }
        Map<String, Boolean> tables = tables(c);
        List<String> problems = new ArrayList<>();
        tables.forEach((table, county) -> {
            if (!county && !REFERENCE.contains(table)) {
                problems.add(table);
            }
        });
        if (!problems.isEmpty()) {
            throw new IllegalStateException("tables neither keyed by county_code nor reference tables, which Citus could not"
                    + " place: " + problems + " (add county_code, or name the table in Distribution.REFERENCE)");
        }
        Set<String> done = distributedAlready(c);
        List<String> order = new ArrayList<>();
        try (Statement s = c.createStatement()) {
            // the triggers run on the shards; each reads and writes the rows of its own county only
            s.execute("set citus.enable_unsafe_triggers = on");
            // one connection per worker: the tables are placed and their keys made again in one transaction
            s.execute("set citus.multi_shard_modify_mode = 'sequential'");
            // for every later session too: a migration that adds a trigger to a distributed table needs it
            s.execute("do $$ begin execute format('alter database %I set citus.enable_unsafe_triggers = on', current_database()); end $$");
        }
        List<String> byReferences = byReferences(c, tables);
        // Citus distributes a table only when no local table points to it: the foreign keys between the
        // tables still to place are set aside, and made again once every table is placed
        List<String[]> keys = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet r = s.executeQuery("""
                select f.conrelid::regclass::text, f.confrelid::regclass::text, f.conname, pg_get_constraintdef(f.oid)
                from pg_constraint f join pg_class t on t.oid = f.conrelid join pg_namespace n on n.oid = t.relnamespace
                where n.nspname = current_schema() and f.contype = 'f'""")) {
            while (r.next()) {
                if (tables.containsKey(r.getString(1)) && (!done.contains(r.getString(1)) || !done.contains(r.getString(2)))) {
                    keys.add(new String[] {r.getString(1), r.getString(3), r.getString(4)});
                }
            }
        }
        try (Statement s = c.createStatement()) {
            for (String[] key : keys) {
                s.execute("alter table " + quote(key[0]) + " drop constraint " + quote(key[1]));
            }
        }
        for (String table : byReferences) {
            if (REFERENCE.contains(table) && !done.contains(table)) {
                call(c, "select create_reference_table(?)", table);
                order.add(table);
            }
        }
        for (String table : byReferences) {
            if (done.contains(table) || REFERENCE.contains(table)) {
                continue;
            }
            if (table.equals(ANCHOR)) {
                call(c, "select create_distributed_table(?, 'county_code', colocate_with => 'none')", table);
            } else {
                call(c, "select create_distributed_table(?, 'county_code', colocate_with => '" + ANCHOR + "')", table);
            }
            order.add(table);
        }
        try (Statement s = c.createStatement()) {
            for (String[] key : keys) {
                s.execute("alter table " + quote(key[0]) + " add constraint " + quote(key[1]) + " " + key[2]);
            }
        }
        if (!order.isEmpty()) {
            LOG.infof("Citus: distributed %s by county_code (reference tables: %s)", order, REFERENCE);
        }
        return order;
    }

    private static String quote(String identifier) {
        return '"' + identifier.replace("\"", "\"\"") + '"';
    }

    private static void call(Connection c, String sql, String table) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, table);
            ps.execute();
        }
    }

    /** The schema's tables (but the migration tool's), each with whether it holds county_code. */
    private static Map<String, Boolean> tables(Connection c) throws SQLException {
        Map<String, Boolean> tables = new TreeMap<>();
        try (Statement s = c.createStatement(); ResultSet r = s.executeQuery("""
                select t.relname, exists (select 1 from pg_attribute a where a.attrelid = t.oid
                                           and a.attname = 'county_code' and not a.attisdropped)
                from pg_class t join pg_namespace n on n.oid = t.relnamespace
                where n.nspname = current_schema() and t.relkind in ('r', 'p') and not t.relispartition""")) {
            while (r.next()) {
                if (!r.getString(1).equals(MIGRATIONS)) {
                    tables.put(r.getString(1), r.getBoolean(2));
                }
            }
        }
        return tables;
    }

    private static Set<String> distributedAlready(Connection c) throws SQLException {
        Set<String> done = new TreeSet<>();
        try (Statement s = c.createStatement(); ResultSet r = s.executeQuery(
                "select logicalrelid::regclass::text from pg_dist_partition")) {
            while (r.next()) {
                done.add(r.getString(1));
            }
        }
        return done;
    }

    /** The anchor first (it points to none), then every table after the tables its foreign keys point to. */
    private static List<String> byReferences(Connection c, Map<String, Boolean> tables) throws SQLException {
        Map<String, Set<String>> needs = new LinkedHashMap<>();
        tables.keySet().forEach(t -> needs.put(t, new TreeSet<>()));
        try (Statement s = c.createStatement(); ResultSet r = s.executeQuery("""
                select f.conrelid::regclass::text, f.confrelid::regclass::text
                from pg_constraint f join pg_class t on t.oid = f.conrelid join pg_namespace n on n.oid = t.relnamespace
                where n.nspname = current_schema() and f.contype = 'f' and f.conrelid <> f.confrelid""")) {
            while (r.next()) {
                if (needs.containsKey(r.getString(1)) && needs.containsKey(r.getString(2))) {
                    needs.get(r.getString(1)).add(r.getString(2));
                }
            }
        }
        Set<String> order = new LinkedHashSet<>();
        order.add(ANCHOR);
        while (order.size() < needs.size()) {
            int before = order.size();
            needs.forEach((t, n) -> {
                if (!order.contains(t) && order.containsAll(n)) {
                    order.add(t);
                }
            });
            if (order.size() == before) {
                throw new IllegalStateException("foreign keys in a cycle among " + needs.keySet().stream()
                        .filter(t -> !order.contains(t)).toList());
            }
        }
        return new ArrayList<>(order);
    }
}
