package io.busbar.connectors.record.copybook;

import java.util.Locale;

import io.busbar.connectors.record.FieldSpec;
import io.busbar.connectors.record.LayoutException;

/**
 * A parsed PICTURE string of the supported subset: alphanumeric {@code X(n)}, {@code A(n)} (and mixes with 9, which
 * COBOL makes alphanumeric) or numeric {@code [S]9(n)[V9(m)]}, symbols repeated or with a count in parentheses.
 *
 * @param length characters of an alphanumeric picture
 * @param digits digits of a numeric picture, decimals included
 */
record Picture(boolean alphanumeric, int length, int digits, int scale, boolean signed) {

    private static final int MAX_COUNT = 1_000_000;

    static Picture parse(String text, int line) {
        String pic = text.toUpperCase(Locale.ROOT);
        int alpha = 0;
        int nines = 0;
        int decimals = 0;
        boolean signed = false;
        boolean point = false;
        int i = 0;
        while (i < pic.length()) {
            char c = pic.charAt(i++);
            int count = 1;
            if (i < pic.length() && pic.charAt(i) == '(') {
                int close = pic.indexOf(')', i);
                if (close < 0) {
                    throw error(line, text, "unclosed '('");
                }
                String n = pic.substring(i + 1, close);
                if (!n.matches("\\d{1,7}") || Integer.parseInt(n) < 1 || Integer.parseInt(n) > MAX_COUNT) {
                    throw error(line, text, "'(" + n + ")' is not a repeat count");
                }
                count = Integer.parseInt(n);
                i = close + 1;
            }
            switch (c) {
                case 'X', 'A' -> alpha += count;
                case '9' -> {
                    nines += count;
                    if (point) {
                        decimals += count;
                    }
                }
                case 'S' -> {
                    if (signed || alpha + nines > 0 || point || count != 1) {
                        throw error(line, text, "S must come once, first");
                    }
                    signed = true;
                }
                case 'V' -> {
                    if (point || count != 1) {
                        throw error(line, text, "V may appear once");
                    }
                    point = true;
                }
                case 'P' -> throw error(line, text, "scaling position P is not supported");
                default -> throw error(line, text, "symbol '" + c + "' is not supported (edited pictures such as"
                        + " Z, *, +, -, ., ',', $, B, 0, / and CR/DB are not)");
            }
            if (alpha > 0 && (signed || point)) {
                throw error(line, text, "an alphanumeric picture cannot have S or V");
            }
        }
        if (alpha > 0) {
            if ((long) alpha + nines > MAX_COUNT) {
                throw error(line, text, "too long");
            }
            return new Picture(true, alpha + nines, 0, 0, false);
        }
        if (nines == 0) {
            throw error(line, text, "a numeric picture needs at least one 9");
        }
        if (nines > FieldSpec.MAX_DECIMAL_DIGITS) {
            throw error(line, text, nines + " digits are more than the " + FieldSpec.MAX_DECIMAL_DIGITS
                    + " supported");
        }
        return new Picture(false, 0, nines, decimals, signed);
    }

    private static LayoutException error(int line, String pic, String reason) {
        return new LayoutException(line, "PICTURE " + pic + ": " + reason);
    }
}
