package io.busbar.connectors.record.codec;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Arrays;

/**
 * Binary integers (COBOL COMP / COMP-4 / BINARY): big-endian, two's complement when signed, 2, 4 or 8 bytes.
 * Reading accepts the whole range of the bytes (as COBOL's TRUNC(BIN) does); writing enforces the field's digits
 * (as TRUNC(STD) does), so PIC S9(4) COMP takes at most ±9999.
 */
public final class BinaryNumber {

    private BinaryNumber() {
    }

    public static BigDecimal decode(byte[] bytes, int offset, int length, int scale, boolean signed) {
        long value = signed ? bytes[offset] : bytes[offset] & 0xFF;
        for (int i = 1; i < length; i++) {
            value = value << 8 | (bytes[offset + i] & 0xFF);
        }
        if (!signed && length == 8 && value < 0) {
            return new BigDecimal(new BigInteger(1, Arrays.copyOfRange(bytes, offset, offset + 8)), scale);
        }
        return BigDecimal.valueOf(value, scale);
    }

    /** Writes the value into {@code length} bytes; see {@link Decimals#fit} for what is rejected. */
    public static void encode(BigDecimal value, byte[] out, int offset, int length, int digits, int scale,
            boolean signed) {
        long unscaled = Decimals.unscaled(value, digits, scale, signed).longValueExact();
        for (int i = length - 1; i >= 0; i--) {
            out[offset + i] = (byte) unscaled;
            unscaled >>= 8;
        }
    }
}
