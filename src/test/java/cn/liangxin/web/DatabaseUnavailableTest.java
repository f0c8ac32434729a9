package cn.liangxin.web;

import org.junit.jupiter.api.Test;

import java.sql.SQLException;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What counts as the database being out of reach (503), and what is a failure of another kind. */
class DatabaseUnavailableTest {

    @Test
    void aConnectionThatCannotJoinTheTransactionAsTheServerDiesIsUnavailability() {
        // as the pool answers a sign-in in the moment the embedded server was killed
        SQLException enlist = new SQLException("Exception in association of connection to existing transaction",
                new SQLException("Failed to enlist. Check if a connection from another datasource is already enlisted"));
        assertTrue(DatabaseUnavailable.is(new org.hibernate.exception.GenericJDBCException("Unable to acquire JDBC Connection", enlist)));
        assertTrue(DatabaseUnavailable.is(new SQLException("This connection has been closed.", "08003")));
        assertTrue(DatabaseUnavailable.is(new SQLException("terminating connection due to administrator command", "57P01")));
    }

    @Test
    void otherFailuresOfTheDatabaseAreNot() {
        assertFalse(DatabaseUnavailable.is(new SQLException("syntax error at or near \"selec\"", "42601")));
        assertFalse(DatabaseUnavailable.is(new org.hibernate.exception.GenericJDBCException("could not execute statement",
                new SQLException("duplicate key value violates unique constraint", "23505"))));
        assertFalse(DatabaseUnavailable.is(new IllegalStateException("no database involved")));
        assertFalse(DatabaseUnavailable.is(null));
    }
}
