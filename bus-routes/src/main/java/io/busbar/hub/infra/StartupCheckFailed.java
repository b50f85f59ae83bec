package io.busbar.hub.infra;

/**
 * A reason the hub cannot start that the operator can fix (a port in use, a data directory that cannot be written).
 * It carries no stack trace: the start-up log shows one line that says what is wrong.
 */
public final class StartupCheckFailed extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public StartupCheckFailed(String message) {
        super(message, null, false, false);
    }

    @Override
    public String toString() {
        return "Busbar cannot start: " + getMessage();
    }
}
