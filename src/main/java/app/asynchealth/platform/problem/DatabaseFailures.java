package app.asynchealth.platform.problem;

import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;

import org.hibernate.JDBCException;
import org.hibernate.exception.DataException;
import org.hibernate.exception.JDBCConnectionException;

/** Reads a failure's causes for what the database said: that it is gone, or that it refused a value. */
public final class DatabaseFailures {

    /** How long clients should wait before retrying while the database is unavailable. */
    static final long RETRY_AFTER_SECONDS = 5;
    private static final int MAX_DEPTH = 32;

    private DatabaseFailures() {
    }

    /**
     * The database cannot be reached or used right now. Two kinds: no connection could be had at all, whatever the
     * reason the server or the pool gave (Hibernate names that step; the server may say, for instance, 55000 "not
     * currently accepting connections", a state that inside a statement would be the service's own bug), or the
     * failure is of a kind that only a connection's loss or refusal causes: a connection broken or refused (SQLState
     * class 08), the server shutting down or starting (57P01-57P03), out of connection slots (53300), the service's
     * role refused at login (28000, 28P01), its database gone (3D000), the pool's acquisition timeout.
     */
    public static boolean unavailable(Throwable failure) {
        int depth = 0;
        for (Throwable cause = failure; cause != null && depth++ < MAX_DEPTH; cause = next(cause)) {
            if (cause instanceof JDBCConnectionException || cause instanceof SQLTransientConnectionException
                    || cause instanceof SQLNonTransientConnectionException || noConnection(cause)) {
                return true;
            }
            if (cause instanceof SQLException sql && (unavailableState(sql.getSQLState()) || acquisitionTimeout(sql))) {
                return true;
            }
        }
        return false;
    }

    /** PostgreSQL refused a value (SQLState class 22: too long, out of range, bad encoding): the request's fault. */
    static boolean refusedValue(Throwable failure) {
        int depth = 0;
        for (Throwable cause = failure; cause != null && depth++ < MAX_DEPTH; cause = next(cause)) {
            if (cause instanceof DataException) {
                return true;
            }
            if (cause instanceof SQLException sql && sql.getSQLState() != null && sql.getSQLState().startsWith("22")) {
                return true;
            }
        }
        return false;
    }

    private static Throwable next(Throwable cause) {
        return cause.getCause() == cause ? null : cause.getCause();
    }

    private static boolean unavailableState(String state) {
        return state != null && (state.startsWith("08") || state.equals("57P01") || state.equals("57P02")
                || state.equals("57P03") || state.equals("53300") || state.equals("28000") || state.equals("28P01")
                || state.equals("3D000"));
    }

    /**
     * Hibernate wraps whatever getting a connection threw under this fixed description of the step (not the
     * database's words, which may be in any language).
     */
    private static boolean noConnection(Throwable cause) {
        return cause instanceof JDBCException jdbc && jdbc.getErrorMessage() != null
                && jdbc.getErrorMessage().startsWith("Unable to acquire JDBC Connection");
    }

    /** Agroal says so only in words: a plain SQLException without a state (a timeout, or a failed connection start). */
    private static boolean acquisitionTimeout(SQLException sql) {
        return sql.getSQLState() == null && sql.getMessage() != null
                && (sql.getMessage().startsWith("Acquisition timeout")
                        || sql.getMessage().startsWith("Exception while creating new connection"));
    }
}
