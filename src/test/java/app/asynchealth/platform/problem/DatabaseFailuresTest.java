package app.asynchealth.platform.problem;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;

import jakarta.persistence.PersistenceException;

import org.hibernate.exception.GenericJDBCException;
import org.hibernate.exception.JDBCConnectionException;
import org.junit.jupiter.api.Test;
import org.postgresql.util.PSQLException;
import org.postgresql.util.PSQLState;

import io.quarkus.security.AuthenticationFailedException;

/** Which failures mean "the database is gone for now" (503), and which do not. */
class DatabaseFailuresTest {

    @Test
    void connectionFailuresInAnyWrappingAreUnavailable() {
        // Agroal's acquisition timeout is a plain SQLException, known only by its message.
        SQLException timeout = new SQLException("Acquisition timeout while waiting for new connection");
        assertThat(DatabaseFailures.unavailable(new GenericJDBCException("Unable to acquire JDBC Connection", timeout)))
                .isTrue();
        assertThat(DatabaseFailures.unavailable(new PersistenceException(
                new PSQLException("Connection refused", PSQLState.CONNECTION_UNABLE_TO_CONNECT)))).isTrue();
        assertThat(DatabaseFailures.unavailable(new JDBCConnectionException("broken", new SQLException("x")))).isTrue();
        assertThat(DatabaseFailures.unavailable(new SQLTransientConnectionException("gone"))).isTrue();
        for (String state : new String[] { "57P01", "57P02", "57P03", "53300", "08006", "28000" }) {
            assertThat(DatabaseFailures.unavailable(new IllegalStateException("cannot bind the connection",
                    new SQLException("terminated", state)))).as(state).isTrue();
        }
        // Whatever the server answered to a new connection: here a database closed to connections.
        assertThat(DatabaseFailures.unavailable(new GenericJDBCException("Unable to acquire JDBC Connection",
                new PSQLException("FATAL: database is not currently accepting connections", PSQLState.OBJECT_NOT_IN_STATE))))
                .isTrue();
        assertThat(DatabaseFailures.unavailable(new SQLException("Exception while creating new connection",
                new IllegalStateException("driver")))).isTrue();
        // The identity checks fail authentication with the database failure as the cause.
        assertThat(DatabaseFailures.unavailable(new AuthenticationFailedException(
                new PersistenceException(new SQLException("terminated", "57P01"))))).isTrue();
    }

    @Test
    void otherFailuresAreNot() {
        assertThat(DatabaseFailures.unavailable(new IllegalStateException("bug"))).isFalse();
        assertThat(DatabaseFailures.unavailable(new SQLException("duplicate key", "23505"))).isFalse();
        assertThat(DatabaseFailures.unavailable(new SQLException("deadlock", "40P01"))).isFalse();
        assertThat(DatabaseFailures.unavailable(new SQLException("syntax", "42601"))).isFalse();
        // The same state inside a statement, on a connection the service has: its own bug.
        assertThat(DatabaseFailures.unavailable(new GenericJDBCException("could not execute statement",
                new SQLException("currval of sequence is not yet defined", "55000")))).isFalse();
        assertThat(DatabaseFailures.refusedValue(new PersistenceException(new SQLException("bad byte", "22021"))))
                .isTrue();
        assertThat(DatabaseFailures.refusedValue(new SQLException("duplicate key", "23505"))).isFalse();
    }
}
