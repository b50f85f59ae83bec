package io.busbar.services.common;

import java.util.List;

/**
 * A business outcome a caller must see: each door maps it to its declared form (a WSDL fault, a problem+json). The
 * code is stable and documented in the contracts; the message is for people and never names a class.
 */
public abstract class ServiceException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String code;
    private final List<FieldViolation> violations;

    protected ServiceException(String code, String message, List<FieldViolation> violations) {
        super(message, null, false, false);
        this.code = code;
        this.violations = List.copyOf(violations);
    }

    public String code() {
        return code;
    }

    public List<FieldViolation> violations() {
        return violations;
    }

    /** The thing asked for does not exist. */
    public static final class NotFound extends ServiceException {
        private static final long serialVersionUID = 1L;

        public NotFound(String code, String message) {
            super(code, message, List.of());
        }
    }

    /** The request can never succeed as it is: fix it and send it again. */
    public static final class InvalidRequest extends ServiceException {
        private static final long serialVersionUID = 1L;

        public InvalidRequest(String code, String message) {
            super(code, message, List.of());
        }

        public InvalidRequest(String code, String message, List<FieldViolation> violations) {
            super(code, message, violations);
        }
    }

    /** The request clashes with the current state (a newer version, a shipped order): read again and decide. */
    public static final class Conflict extends ServiceException {
        private static final long serialVersionUID = 1L;

        public Conflict(String code, String message) {
            super(code, message, List.of());
        }
    }

    /** The caller is known but its roles do not allow the operation. */
    public static final class AccessDenied extends ServiceException {
        private static final long serialVersionUID = 1L;

        public AccessDenied(String message) {
            super("ACCESS_DENIED", message, List.of());
        }
    }
}
