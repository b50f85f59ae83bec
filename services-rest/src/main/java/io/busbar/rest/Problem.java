package io.busbar.rest;

import java.net.URI;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.busbar.services.common.FieldViolation;

/** An RFC 9457 problem: a stable type URI per kind of error, plus Busbar's code and field errors. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Problem(URI type, String title, int status, String detail, String instance, String code,
        List<FieldViolation> errors) {

    public static final String MEDIA_TYPE = "application/problem+json";
    static final String BASE = "https://busbar.io/problems/";

    public enum Type {
        INVALID_REQUEST("invalid-request", "The request is invalid", 400),
        MALFORMED_REQUEST("malformed-request", "The request body cannot be read", 400),
        UNAUTHORIZED("unauthorized", "Authentication required", 401),
        FORBIDDEN("forbidden", "Not allowed", 403),
        NOT_FOUND("not-found", "Not found", 404),
        CONFLICT("conflict", "Conflicts with the current state", 409),
        PRECONDITION_FAILED("precondition-failed", "The resource has changed", 412),
        PAYLOAD_TOO_LARGE("payload-too-large", "The request is too large", 413),
        PRECONDITION_REQUIRED("precondition-required", "If-Match is required", 428),
        INTERNAL_ERROR("internal-error", "Internal error", 500);

        final URI uri;
        final String title;
        final int status;

        Type(String slug, String title, int status) {
            this.uri = URI.create(BASE + slug);
            this.title = title;
            this.status = status;
        }
    }

    public static Problem of(Type type, String detail, String instance, String code, List<FieldViolation> errors) {
        return new Problem(type.uri, type.title, type.status, detail, instance, code, errors);
    }

    /** A plain HTTP error with no Busbar-specific meaning (RFC 9457 {@code about:blank}). */
    public static Problem http(int status, String title, String detail, String instance) {
        return new Problem(URI.create("about:blank"), title, status, detail, instance, null, List.of());
    }
}
