package cn.liangxin.testsupport;

import org.junit.jupiter.api.condition.DisabledIfEnvironmentVariable;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A test of what the service does with the PostgreSQL it runs itself (supervision, backups of its
 * data directory): skipped, and reported as skipped, when the tests run against the server named by
 * {@code DB_URL}, where the service runs none.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@DisabledIfEnvironmentVariable(named = "DB_URL", matches = ".*\\S.*",
        disabledReason = "needs the embedded PostgreSQL; DB_URL names an external server")
public @interface NeedsEmbeddedDatabase {
}
