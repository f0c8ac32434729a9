package cn.liangxin.testsupport;

import cn.liangxin.database.EmbeddedDatabase;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.util.Map;

/**
 * Every test runs against a real PostgreSQL: an embedded, throw-away server, or the external one
 * named by {@code DB_URL} (with {@code DB_USER}, {@code DB_PASSWORD}).
 */
@QuarkusTestResource(EmbeddedDatabaseResource.class)
public class EmbeddedDatabaseResource implements QuarkusTestResourceLifecycleManager {

    private EmbeddedDatabase database;

    @Override
    public Map<String, String> start() {
        String external = System.getenv("DB_URL");
        if (external != null && !external.isBlank()) {
            return Map.of();
        }
        try {
            database = EmbeddedDatabase.startEphemeral();
        } catch (java.io.IOException e) {
            throw new IllegalStateException("could not start the embedded PostgreSQL", e);
        }
        return database.datasourceConfig();
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
