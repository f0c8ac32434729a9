package cn.liangxin.testsupport;

import cn.liangxin.database.EmbeddedDatabase;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;

/**
 * Every test runs against a real PostgreSQL: an embedded, throw-away server, or the external one
 * named by {@code DB_URL} (with {@code DB_USER}, {@code DB_PASSWORD}), a plain server or a Citus
 * coordinator. Each start of the service begins, as on the embedded server, with an empty database:
 * on the external one everything the test user owns there is dropped first. So that no test wipes a
 * database of value, the external database must be empty the first time, and is then marked as the
 * tests' own (its comment); one holding tables without the mark is refused.
 */
@QuarkusTestResource(EmbeddedDatabaseResource.class)
public class EmbeddedDatabaseResource implements QuarkusTestResourceLifecycleManager {

    private EmbeddedDatabase database;

    @Override
    public Map<String, String> start() {
        String external = System.getenv("DB_URL");
        if (external != null && !external.isBlank()) {
            empty(external, System.getenv().getOrDefault("DB_USER", "liangxin"), System.getenv().getOrDefault("DB_PASSWORD", ""));
            return Map.of();
        }
        try {
            database = EmbeddedDatabase.startEphemeral();
        } catch (java.io.IOException e) {
            throw new IllegalStateException("could not start the embedded PostgreSQL", e);
        }
        return database.datasourceConfig();
    }

    static final String MARK = "liangxin tests: emptied at every start of the service under test";

    private static void empty(String url, String user, String password) {
        try (Connection c = DriverManager.getConnection(url, user, password); Statement s = c.createStatement()) {
            String comment;
            try (ResultSet r = s.executeQuery("select shobj_description(oid, 'pg_database') from pg_database"
                    + " where datname = current_database()")) {
                r.next();
                comment = r.getString(1);
            }
            long tables;
            try (ResultSet r = s.executeQuery("select count(*) from pg_tables where schemaname = current_schema()")) {
                r.next();
                tables = r.getLong(1);
            }
            if (!MARK.equals(comment) && tables > 0) {
                throw new IllegalStateException("DB_URL names a database holding " + tables + " tables that the tests did not"
                        + " make; the tests empty their database at every start: give them an empty one");
            }
            s.execute("do $$ begin execute format('comment on database %I is %L', current_database(), '" + MARK + "'); end $$");
            s.execute("drop owned by current_user cascade");
        } catch (SQLException e) {
            throw new IllegalStateException("could not empty the test database named by DB_URL: " + e.getMessage(), e);
        }
    }

    @Override
    public void stop() {
        if (database != null) {
            try {
                database.close();
            } catch (java.io.IOException e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
