package io.busbar.hub.infra;

import java.util.logging.Filter;
import java.util.logging.LogRecord;

import io.quarkus.logging.LoggingFilter;

/**
 * Turns a start-up failure the operator can fix ({@link StartupCheckFailed}) into one log line: Quarkus and Camel
 * would each log it again wrapped in a wall of stack traces.
 */
@LoggingFilter(name = "busbar-startup")
public final class StartupFailureLogFilter implements Filter {

    @Override
    public boolean isLoggable(LogRecord record) {
        StartupCheckFailed failure = find(record.getThrown());
        if (failure == null) {
            return true;
        }
        if (!"io.quarkus.runtime.Application".equals(record.getLoggerName())) {
            return false;
        }
        record.setThrown(null);
        record.setParameters(null);
        record.setMessage(failure.toString());
        return true;
    }

    private static StartupCheckFailed find(Throwable thrown) {
        for (Throwable t = thrown; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof StartupCheckFailed failure) {
                return failure;
            }
        }
        return null;
    }
}
