package io.busbar.connectors.record.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PackedDecimalTest {

    @ParameterizedTest(name = "{0} as {1} digits, scale {2}, signed {3} -> {4}")
    @CsvSource({
            "12345, 5, 0, true, 12345C",
            "-12345, 5, 0, true, 12345D",
            "12345, 5, 0, false, 12345F",
            "0, 1, 0, true, 0C",
            "0, 5, 0, false, 00000F",
            "123.45, 5, 2, true, 12345C",
            "-0.05, 3, 2, true, 005D",
            "1234, 4, 0, false, 01234F",
            "-1, 4, 0, true, 00001D",
            "9999999999999999999999999999999, 31, 0, false, 9999999999999999999999999999999F",
            "-1234567890123456789.0123456789, 29, 10, true, 12345678901234567890123456789D",
    })
    void knownVectors(String value, int digits, int scale, boolean signed, String hex) {
        byte[] expected = Hex.parse(hex);
        byte[] out = new byte[expected.length];
        PackedDecimal.encode(new BigDecimal(value), out, 0, out.length, digits, scale, signed);
        assertThat(Hex.of(out)).isEqualTo(hex);
        assertThat(PackedDecimal.decode(expected, 0, expected.length, digits, scale, signed))
                .isEqualTo(new BigDecimal(value).setScale(scale));
    }

    @Test
    void decodedValueCarriesTheFieldScale() {
        BigDecimal value = PackedDecimal.decode(Hex.parse("12345C"), 0, 3, 5, 0, true);
        assertThat(value.scale()).isZero();
        assertThat(value).isEqualTo(new BigDecimal("12345"));
    }

    @Test
    void readsEveryIbmSignNibble() {
        assertThat(decode("123A")).isEqualTo(new BigDecimal("123"));
        assertThat(decode("123C")).isEqualTo(new BigDecimal("123"));
        assertThat(decode("123E")).isEqualTo(new BigDecimal("123"));
        assertThat(decode("123F")).isEqualTo(new BigDecimal("123"));
        assertThat(decode("123B")).isEqualTo(new BigDecimal("-123"));
        assertThat(decode("123D")).isEqualTo(new BigDecimal("-123"));
    }

    @Test
    void readsDataFromTheMiddleOfARecord() {
        byte[] record = Hex.parse("C1C2 12345D C3");
        assertThat(PackedDecimal.decode(record, 2, 3, 5, 2, true)).isEqualTo(new BigDecimal("-123.45"));
    }

    @Test
    void rejectsADigitNibbleAboveNine() {
        assertThatThrownBy(() -> PackedDecimal.decode(Hex.parse("1A345C"), 0, 3, 5, 0, true))
                .isInstanceOf(CodecException.class)
                .hasMessage("invalid digit nibble A in byte 1");
        assertThatThrownBy(() -> PackedDecimal.decode(Hex.parse("12F45C"), 0, 3, 5, 0, true))
                .hasMessage("invalid digit nibble F in byte 2");
    }

    @Test
    void rejectsASignNibbleThatIsADigit() {
        assertThatThrownBy(() -> PackedDecimal.decode(Hex.parse("123457"), 0, 3, 5, 0, true))
                .isInstanceOf(CodecException.class)
                .hasMessage("invalid sign nibble 7");
    }

    @Test
    void rejectsANegativeValueInAnUnsignedField() {
        assertThatThrownBy(() -> PackedDecimal.decode(Hex.parse("12345D"), 0, 3, 5, 0, false))
                .hasMessage("negative sign nibble D in an unsigned field");
    }

    @Test
    void rejectsADigitInThePadNibbleOfAnEvenDigitField() {
        assertThatThrownBy(() -> PackedDecimal.decode(Hex.parse("12345F"), 0, 3, 4, 0, false))
                .hasMessage("more digits than the field's 4");
    }

    @Test
    void rejectsOverflowWrongScaleAndNegativeUnsigned() {
        byte[] out = new byte[3];
        assertThatThrownBy(() -> PackedDecimal.encode(new BigDecimal("123456"), out, 0, 3, 5, 0, true))
                .isInstanceOf(CodecException.class)
                .hasMessage("overflow: 123456 needs more than the field's 5 digits (at most ±99999)");
        assertThatThrownBy(() -> PackedDecimal.encode(new BigDecimal("1000.00"), out, 0, 3, 5, 2, true))
                .hasMessage("overflow: 1000.00 needs more than the field's 5 digits (at most ±999.99)");
        assertThatThrownBy(() -> PackedDecimal.encode(new BigDecimal("1.234"), out, 0, 3, 5, 2, true))
                .hasMessage("1.234 has 3 decimal places, the field has 2 (values are not rounded)");
        assertThatThrownBy(() -> PackedDecimal.encode(new BigDecimal("-1"), out, 0, 3, 5, 0, false))
                .hasMessage("negative value -1 for an unsigned field");
    }

    @Test
    void acceptsTrailingZerosBeyondTheScale() {
        byte[] out = new byte[3];
        PackedDecimal.encode(new BigDecimal("1.2000"), out, 0, 3, 5, 2, true);
        assertThat(Hex.of(out)).isEqualTo("00120C");
    }

    private static BigDecimal decode(String hex) {
        byte[] b = Hex.parse(hex);
        return PackedDecimal.decode(b, 0, b.length, 2 * b.length - 1, 0, true);
    }
}
