package io.busbar.connectors.record.codec;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.util.regex.Pattern;

/** Fits values to a numeric field's digits and scale; never rounds. */
public final class Decimals {

    private static final Pattern PLAIN_DECIMAL = Pattern.compile("[+-]?(\\d+(\\.\\d*)?|\\.\\d+)");

    private Decimals() {
    }

    /**
     * The value as a BigDecimal: BigDecimal, BigInteger, the integral boxed types, Float/Double (by their decimal
     * string) and plain decimal text such as {@code -123.45} are accepted.
     */
    public static BigDecimal toDecimal(Object value) {
        if (value instanceof BigDecimal d) {
            return d;
        }
        if (value instanceof BigInteger i) {
            return new BigDecimal(i);
        }
        if (value instanceof Long || value instanceof Integer || value instanceof Short || value instanceof Byte) {
            return BigDecimal.valueOf(((Number) value).longValue());
        }
        if (value instanceof Double || value instanceof Float) {
            double d = ((Number) value).doubleValue();
            if (Double.isNaN(d) || Double.isInfinite(d)) {
                throw new CodecException(d + " is not a number that a field can hold");
            }
            return new BigDecimal(value.toString());
        }
        if (value instanceof CharSequence text) {
            return parse(text.toString());
        }
        throw new CodecException("expected a number, got " + value.getClass().getSimpleName());
    }

    /** Parses plain decimal text (optional sign, digits, optional point and decimals; no exponent, no grouping). */
    public static BigDecimal parse(String text) {
        String trimmed = text.strip();
        if (!PLAIN_DECIMAL.matcher(trimmed).matches()) {
            throw new CodecException("'" + text + "' is not a decimal number");
        }
        return new BigDecimal(trimmed);
    }

    /**
     * The value with exactly {@code scale} decimal places, checked against the field: more decimal places than the
     * scale are rejected (not rounded), as are negative values of unsigned fields and values needing more digits.
     */
    public static BigDecimal fit(BigDecimal value, int digits, int scale, boolean signed) {
        BigDecimal scaled;
        try {
            scaled = value.setScale(scale, RoundingMode.UNNECESSARY);
        } catch (ArithmeticException e) {
            throw new CodecException(value.toPlainString() + " has " + value.stripTrailingZeros().scale()
                    + " decimal places, the field has " + scale + " (values are not rounded)");
        }
        if (!signed && scaled.signum() < 0) {
            throw new CodecException("negative value " + value.toPlainString() + " for an unsigned field");
        }
        if (digitCount(scaled.unscaledValue()) > digits) {
            throw new CodecException("overflow: " + value.toPlainString() + " needs more than the field's " + digits
                    + " digits (at most " + (signed ? "±" : "") + largest(digits, scale) + ")");
        }
        return scaled;
    }

    /** The unscaled value of {@link #fit}. */
    public static BigInteger unscaled(BigDecimal value, int digits, int scale, boolean signed) {
        return fit(value, digits, scale, signed).unscaledValue();
    }

    static int digitCount(BigInteger unscaled) {
        return unscaled.signum() == 0 ? 1 : unscaled.abs().toString().length();
    }

    static String largest(int digits, int scale) {
        String nines = "9".repeat(digits);
        return scale == 0 ? nines
                : (digits == scale ? "0" : nines.substring(scale)) + "." + nines.substring(0, scale);
    }

    /** Builds the value from ASCII digits '0'..'9' in {@code digits[0..count)}. */
    static BigDecimal fromDigits(char[] digits, int count, boolean negative, int scale) {
        BigInteger unscaled;
        if (count <= 18) {
            long value = 0;
            for (int i = 0; i < count; i++) {
                value = value * 10 + (digits[i] - '0');
            }
            unscaled = BigInteger.valueOf(negative ? -value : value);
        } else {
            unscaled = new BigInteger(new String(digits, 0, count));
            if (negative) {
                unscaled = unscaled.negate();
            }
        }
        return new BigDecimal(unscaled, scale);
    }

    /** The absolute value's digits, left-padded with '0' to {@code width}. */
    static char[] paddedDigits(BigInteger unscaled, int width) {
        String abs = unscaled.abs().toString();
        char[] out = new char[width];
        int pad = width - abs.length();
        for (int i = 0; i < pad; i++) {
            out[i] = '0';
        }
        abs.getChars(0, abs.length(), out, pad);
        return out;
    }
}
