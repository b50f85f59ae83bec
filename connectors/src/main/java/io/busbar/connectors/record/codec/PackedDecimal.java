package io.busbar.connectors.record.codec;

import java.math.BigDecimal;
import java.math.BigInteger;

/**
 * Packed decimal (COBOL COMP-3 / PACKED-DECIMAL): two digit nibbles per byte, the last nibble is the sign. A field
 * of n bytes holds 2n-1 nibbles; with an even number of digits the first nibble is a zero pad.
 * <p>
 * Signs read: C, A, E, F positive; D, B negative (what IBM hardware accepts). Signs written: C positive, D negative
 * for signed fields, F for unsigned ones.
 */
public final class PackedDecimal {

    private PackedDecimal() {
    }

    public static BigDecimal decode(byte[] bytes, int offset, int length, int digits, int scale, boolean signed) {
        int nibbles = 2 * length - 1;
        char[] chars = new char[nibbles];
        for (int i = 0; i < nibbles; i++) {
            int b = bytes[offset + i / 2] & 0xFF;
            int nibble = i % 2 == 0 ? b >>> 4 : b & 0x0F;
            if (nibble > 9) {
                throw new CodecException("invalid digit nibble " + Integer.toHexString(nibble).toUpperCase()
                        + " in byte " + (i / 2 + 1));
            }
            chars[i] = (char) ('0' + nibble);
        }
        int signNibble = bytes[offset + length - 1] & 0x0F;
        boolean negative = switch (signNibble) {
            case 0xC, 0xA, 0xE, 0xF -> false;
            case 0xD, 0xB -> true;
            default -> throw new CodecException("invalid sign nibble " + Integer.toHexString(signNibble).toUpperCase());
        };
        if (negative && !signed) {
            throw new CodecException("negative sign nibble " + Integer.toHexString(signNibble).toUpperCase()
                    + " in an unsigned field");
        }
        for (int i = 0; i < nibbles - digits; i++) {
            if (chars[i] != '0') {
                throw new CodecException("more digits than the field's " + digits);
            }
        }
        return Decimals.fromDigits(chars, nibbles, negative, scale);
    }

    /** Writes the value into {@code length} bytes; see {@link Decimals#fit} for what is rejected. */
    public static void encode(BigDecimal value, byte[] out, int offset, int length, int digits, int scale,
            boolean signed) {
        BigInteger unscaled = Decimals.unscaled(value, digits, scale, signed);
        int nibbles = 2 * length - 1;
        char[] chars = Decimals.paddedDigits(unscaled, nibbles);
        int sign = !signed ? 0xF : unscaled.signum() < 0 ? 0xD : 0xC;
        for (int i = 0; i < length; i++) {
            int high = chars[2 * i] - '0';
            int low = 2 * i + 1 < nibbles ? chars[2 * i + 1] - '0' : sign;
            out[offset + i] = (byte) (high << 4 | low);
        }
    }
}
