package io.busbar.services.common;

/** One thing wrong with one field of a request. */
public record FieldViolation(String field, String reason) {
}
