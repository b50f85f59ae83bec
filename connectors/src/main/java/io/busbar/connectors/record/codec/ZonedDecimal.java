package io.busbar.connectors.record.codec;

import java.math.BigDecimal;
import java.math.BigInteger;

import io.busbar.connectors.record.Sign;

/**
 * Zoned decimal (COBOL display numeric, PIC 9 / S9): one digit per byte in the charset.
 * <p>
 * EBCDIC: digits are F0..F9; an embedded sign is the zone nibble of the sign byte: C (also A, E, F) positive,
 * D (also B) negative. Written: C / D for signed fields, F for unsigned ones. So -1234 in S9(4) is F1 F2 F3 D4.
 * <p>
 * ASCII family: digits are '0'..'9'; an embedded sign is the overpunch convention of EBCDIC-born data:
 * '{' 'A'..'I' are +0..+9 and '}' 'J'..'R' are -0..-9; a plain digit in the sign position reads as positive.
 * Written: overpunch characters for signed fields ('{A..I' / '}J..R'), plain digits for unsigned ones.
 * <p>
 * A separate sign is the charset's '+' or '-' byte before or after the digits; no other byte is accepted there.
 */
public final class ZonedDecimal {

    private static final String POSITIVE_OVERPUNCH = "{ABCDEFGHI";
    private static final String NEGATIVE_OVERPUNCH = "}JKLMNOPQR";

    private ZonedDecimal() {
    }

    public static BigDecimal decode(byte[] bytes, int offset, int length, int digits, int scale, Sign sign,
            CharsetBytes charset) {
        int first = offset;
        boolean negative = false;
        if (sign.isSeparate()) {
            int at = sign.isLeading() ? offset : offset + length - 1;
            if (bytes[at] == charset.minus()) {
                negative = true;
            } else if (bytes[at] != charset.plus()) {
                throw new CodecException("separate sign is " + describe(bytes[at], charset) + ", not '+' or '-'");
            }
            if (sign.isLeading()) {
                first++;
            }
        }
        // an unsigned field still tolerates a positive sign in the last digit, as COBOL does
        int signAt = sign.isSeparate() ? -1 : sign == Sign.LEADING ? 0 : digits - 1;
        char[] chars = new char[digits];
        for (int i = 0; i < digits; i++) {
            byte b = bytes[first + i];
            int digit = i == signAt ? signedDigit(b, charset) : plainDigit(b, charset);
            if (digit < 0) {
                throw new CodecException("position " + (first + i - offset + 1) + ": " + describe(b, charset)
                        + " is not a digit");
            }
            if (digit > 9) {
                throw new CodecException("position " + (first + i - offset + 1) + ": " + describe(b, charset)
                        + " is neither a digit nor a signed digit");
            }
            if (i == signAt && isNegative(b, charset)) {
                negative = true;
            }
            chars[i] = (char) ('0' + digit);
        }
        if (negative && !sign.isSigned()) {
            throw new CodecException("negative sign in an unsigned field");
        }
        return Decimals.fromDigits(chars, digits, negative, scale);
    }

    /** Writes the value into {@code length} bytes; see {@link Decimals#fit} for what is rejected. */
    public static void encode(BigDecimal value, byte[] out, int offset, int length, int digits, int scale, Sign sign,
            CharsetBytes charset) {
        BigInteger unscaled = Decimals.unscaled(value, digits, scale, sign.isSigned());
        boolean negative = unscaled.signum() < 0;
        char[] chars = Decimals.paddedDigits(unscaled, digits);
        int first = offset;
        if (sign.isSeparate()) {
            byte signByte = negative ? charset.minus() : charset.plus();
            if (sign.isLeading()) {
                out[first++] = signByte;
            } else {
                out[offset + length - 1] = signByte;
            }
        }
        for (int i = 0; i < digits; i++) {
            out[first + i] = (byte) (charset.zero() + chars[i] - '0');
        }
        if (sign == Sign.TRAILING || sign == Sign.LEADING) {
            int at = sign == Sign.LEADING ? first : first + digits - 1;
            int digit = chars[sign == Sign.LEADING ? 0 : digits - 1] - '0';
            if (charset.ebcdic()) {
                out[at] = (byte) ((negative ? 0xD0 : 0xC0) | digit);
            } else {
                out[at] = (byte) (negative ? NEGATIVE_OVERPUNCH : POSITIVE_OVERPUNCH).charAt(digit);
            }
        }
    }

    /** 0..9, or -1 when the byte is not a plain digit. */
    private static int plainDigit(byte b, CharsetBytes charset) {
        int d = (b & 0xFF) - (charset.zero() & 0xFF);
        return d >= 0 && d <= 9 ? d : -1;
    }

    /** 0..9 for a digit carrying a sign (or none), 10 when the zone is not a sign, -1 when not a digit at all. */
    private static int signedDigit(byte b, CharsetBytes charset) {
        int v = b & 0xFF;
        if (charset.ebcdic()) {
            int zone = v >>> 4;
            int digit = v & 0x0F;
            if (digit > 9) {
                return -1;
            }
            return zone >= 0xA ? digit : 10;
        }
        int plain = plainDigit(b, charset);
        if (plain >= 0) {
            return plain;
        }
        int p = POSITIVE_OVERPUNCH.indexOf(v);
        if (p >= 0) {
            return p;
        }
        int n = NEGATIVE_OVERPUNCH.indexOf(v);
        return n >= 0 ? n : 10;
    }

    private static boolean isNegative(byte b, CharsetBytes charset) {
        int v = b & 0xFF;
        if (charset.ebcdic()) {
            int zone = v >>> 4;
            return zone == 0xD || zone == 0xB;
        }
        return NEGATIVE_OVERPUNCH.indexOf(v) >= 0;
    }

    private static String describe(byte b, CharsetBytes charset) {
        int v = b & 0xFF;
        if (!charset.ebcdic() && v >= 0x20 && v < 0x7F) {
            return "'" + (char) v + "'";
        }
        return String.format("0x%02X", v);
    }
}
