package io.busbar.connectors.record;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.time.temporal.ChronoField;

import io.busbar.connectors.record.codec.CodecException;

/** Strict date parsing for DATE fields: 20240230 is an error, not 1 March. */
final class Dates {

    private Dates() {
    }

    static DateTimeFormatter formatter(String pattern) {
        // STRICT needs an era to resolve 'yyyy'; the current era is what batch files mean
        return new DateTimeFormatterBuilder().appendPattern(pattern)
                .parseDefaulting(ChronoField.ERA, 1)
                .toFormatter()
                .withResolverStyle(ResolverStyle.STRICT);
    }

    static LocalDate parse(String text, DateTimeFormatter formatter, String pattern) {
        try {
            return LocalDate.parse(text, formatter);
        } catch (DateTimeParseException e) {
            throw new CodecException("'" + text + "' is not a date in pattern " + pattern);
        }
    }
}
