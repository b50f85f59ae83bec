package io.busbar.rest;

import jakarta.ws.rs.core.EntityTag;

import io.busbar.services.common.ServiceException;

/** Entity versions as strong ETags ("3"), and the If-Match rules of updates. */
final class ETags {

    private ETags() {
    }

    static EntityTag of(long version) {
        return new EntityTag(Long.toString(version));
    }

    /** The version an If-Match header names; a missing header is a 428, a header that names no version a 412. */
    static long requiredVersion(String ifMatch) {
        if (ifMatch == null || ifMatch.isBlank()) {
            throw new PreconditionRequired();
        }
        Long version = parse(ifMatch);
        if (version == null) {
            throw new ServiceException.Conflict("PRECONDITION_FAILED", "If-Match " + ifMatch + " names no version");
        }
        return version;
    }

    /** An optional If-Match: null when absent. */
    static Long optionalVersion(String ifMatch) {
        if (ifMatch == null || ifMatch.isBlank()) {
            return null;
        }
        Long version = parse(ifMatch);
        if (version == null) {
            throw new ServiceException.Conflict("PRECONDITION_FAILED", "If-Match " + ifMatch + " names no version");
        }
        return version;
    }

    private static Long parse(String header) {
        String value = header.trim();
        if (value.startsWith("W/")) {
            return null;
        }
        if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
            value = value.substring(1, value.length() - 1);
        }
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** A conditional update sent without If-Match. */
    static final class PreconditionRequired extends RuntimeException {
        private static final long serialVersionUID = 1L;

        PreconditionRequired() {
            super("this update needs an If-Match header with the ETag last read", null, false, false);
        }
    }
}
