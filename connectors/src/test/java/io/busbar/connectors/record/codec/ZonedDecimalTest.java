package io.busbar.connectors.record.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.busbar.connectors.record.Sign;

class ZonedDecimalTest {

    private static final CharsetBytes EBCDIC = CharsetBytes.of(Charset.forName("IBM037"));
    private static final CharsetBytes ASCII = CharsetBytes.of(StandardCharsets.US_ASCII);

    @ParameterizedTest(name = "EBCDIC {0} as {1} digits, {2} -> {3}")
    @CsvSource({
            "-1234, 4, TRAILING, F1F2F3D4",
            "1234, 4, TRAILING, F1F2F3C4",
            "1234, 4, UNSIGNED, F1F2F3F4",
            "-1234, 4, LEADING, D1F2F3F4",
            "1234, 4, LEADING, C1F2F3F4",
            "-1234, 4, TRAILING_SEPARATE, F1F2F3F460",
            "1234, 4, LEADING_SEPARATE, 4EF1F2F3F4",
            "-7, 3, TRAILING, F0F0D7",
            "0, 3, TRAILING, F0F0C0",
    })
    void ebcdicVectors(String value, int digits, Sign sign, String hex) {
        byte[] expected = Hex.parse(hex);
        byte[] out = new byte[expected.length];
        ZonedDecimal.encode(new BigDecimal(value), out, 0, out.length, digits, 0, sign, EBCDIC);
        assertThat(Hex.of(out)).isEqualTo(hex);
        assertThat(ZonedDecimal.decode(expected, 0, expected.length, digits, 0, sign, EBCDIC))
                .isEqualTo(new BigDecimal(value));
    }

    @ParameterizedTest(name = "ASCII {0} as {1} digits, {2} -> {3}")
    @CsvSource({
            "-1234, 4, TRAILING, 123M",
            "1234, 4, TRAILING, 123D",
            "0, 3, TRAILING, 00{",
            "-10, 3, TRAILING, 01}",
            "-19, 3, TRAILING, 01R",
            "19, 3, TRAILING, 01I",
            "-1234, 4, LEADING, J234",
            "1234, 4, UNSIGNED, 1234",
            "-1234, 4, TRAILING_SEPARATE, 1234-",
            "1234, 4, TRAILING_SEPARATE, 1234+",
            "-1234, 4, LEADING_SEPARATE, -1234",
            "1234, 4, LEADING_SEPARATE, +1234",
    })
    void asciiVectors(String value, int digits, Sign sign, String text) {
        byte[] expected = text.getBytes(StandardCharsets.US_ASCII);
        byte[] out = new byte[expected.length];
        ZonedDecimal.encode(new BigDecimal(value), out, 0, out.length, digits, 0, sign, ASCII);
        assertThat(new String(out, StandardCharsets.US_ASCII)).isEqualTo(text);
        assertThat(ZonedDecimal.decode(expected, 0, expected.length, digits, 0, sign, ASCII))
                .isEqualTo(new BigDecimal(value));
    }

    @Test
    void impliedDecimalPlaces() {
        assertThat(ascii("0012345", 7, 2, Sign.UNSIGNED)).isEqualTo(new BigDecimal("123.45"));
        assertThat(ebcdic("F0F1F2F3F4D5", 6, 2, Sign.TRAILING)).isEqualTo(new BigDecimal("-123.45"));
    }

    @Test
    void plainDigitInTheSignPositionReadsAsPositive() {
        assertThat(ascii("1234", 4, 0, Sign.TRAILING)).isEqualTo(new BigDecimal("1234"));
        assertThat(ebcdic("F1F2F3F4", 4, 0, Sign.TRAILING)).isEqualTo(new BigDecimal("1234"));
    }

    @Test
    void unsignedFieldToleratesAPositiveSignButNotANegativeOne() {
        assertThat(ebcdic("F1F2F3C4", 4, 0, Sign.UNSIGNED)).isEqualTo(new BigDecimal("1234"));
        assertThatThrownBy(() -> ebcdic("F1F2F3D4", 4, 0, Sign.UNSIGNED))
                .isInstanceOf(CodecException.class)
                .hasMessage("negative sign in an unsigned field");
        assertThatThrownBy(() -> ascii("123M", 4, 0, Sign.UNSIGNED))
                .hasMessage("negative sign in an unsigned field");
    }

    @Test
    void rejectsNonDigits() {
        assertThatThrownBy(() -> ebcdic("F14BF3C4", 4, 0, Sign.TRAILING))
                .isInstanceOf(CodecException.class)
                .hasMessage("position 2: 0x4B is not a digit");
        assertThatThrownBy(() -> ebcdic("F1F2F340", 4, 0, Sign.TRAILING))
                .hasMessage("position 4: 0x40 is neither a digit nor a signed digit");
        assertThatThrownBy(() -> ebcdic("F1F2F3CA", 4, 0, Sign.TRAILING))
                .hasMessage("position 4: 0xCA is not a digit");
        assertThatThrownBy(() -> ascii("12a4", 4, 0, Sign.TRAILING))
                .hasMessage("position 3: 'a' is not a digit");
        assertThatThrownBy(() -> ascii("123 ", 4, 0, Sign.UNSIGNED))
                .hasMessage("position 4: ' ' is neither a digit nor a signed digit");
        assertThatThrownBy(() -> ascii("+12a4", 4, 0, Sign.LEADING_SEPARATE))
                .hasMessage("position 4: 'a' is not a digit");
    }

    @Test
    void rejectsAMissingSeparateSign() {
        assertThatThrownBy(() -> ascii(" 1234", 4, 0, Sign.LEADING_SEPARATE))
                .hasMessage("separate sign is ' ', not '+' or '-'");
        assertThatThrownBy(() -> ebcdic("F1F2F3F440", 4, 0, Sign.TRAILING_SEPARATE))
                .hasMessage("separate sign is 0x40, not '+' or '-'");
    }

    @Test
    void otherEbcdicCodePagesShareTheDigitsAndZones() {
        for (String name : new String[] { "IBM1047", "IBM500", "IBM273", "Cp1047" }) {
            CharsetBytes cs = CharsetBytes.of(Charset.forName(name));
            byte[] out = new byte[4];
            ZonedDecimal.encode(new BigDecimal("-1234"), out, 0, 4, 4, 0, Sign.TRAILING, cs);
            assertThat(Hex.of(out)).as(name).isEqualTo("F1F2F3D4");
        }
    }

    @Test
    void rejectsOverflow() {
        byte[] out = new byte[3];
        assertThatThrownBy(() -> ZonedDecimal.encode(new BigDecimal("1000"), out, 0, 3, 3, 0, Sign.UNSIGNED, ASCII))
                .hasMessage("overflow: 1000 needs more than the field's 3 digits (at most 999)");
    }

    private static BigDecimal ascii(String text, int digits, int scale, Sign sign) {
        byte[] b = text.getBytes(StandardCharsets.US_ASCII);
        return ZonedDecimal.decode(b, 0, b.length, digits, scale, sign, ASCII);
    }

    private static BigDecimal ebcdic(String hex, int digits, int scale, Sign sign) {
        byte[] b = Hex.parse(hex);
        return ZonedDecimal.decode(b, 0, b.length, digits, scale, sign, EBCDIC);
    }
}
