package io.busbar.connectors.record.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class BinaryNumberTest {

    @ParameterizedTest(name = "{0} in {1} bytes ({2} digits, scale {3}, signed {4}) -> {5}")
    @CsvSource({
            "1, 2, 4, 0, true, 0001",
            "-2, 2, 4, 0, true, FFFE",
            "9999, 2, 4, 0, false, 270F",
            "-9999, 2, 4, 0, true, D8F1",
            "123.45, 4, 7, 2, true, 00003039",
            "-1, 4, 9, 0, true, FFFFFFFF",
            "999999999999999999, 8, 18, 0, true, 0DE0B6B3A763FFFF",
            "-999999999999999999, 8, 18, 0, true, F21F494C589C0001",
    })
    void knownVectors(String value, int length, int digits, int scale, boolean signed, String hex) {
        byte[] out = new byte[length];
        BinaryNumber.encode(new BigDecimal(value), out, 0, length, digits, scale, signed);
        assertThat(Hex.of(out)).isEqualTo(hex);
        assertThat(BinaryNumber.decode(Hex.parse(hex), 0, length, scale, signed))
                .isEqualTo(new BigDecimal(value).setScale(scale));
    }

    @Test
    void readingAcceptsTheWholeRangeOfTheBytes() {
        assertThat(BinaryNumber.decode(Hex.parse("FFFF"), 0, 2, 0, false)).isEqualTo(new BigDecimal(65535));
        assertThat(BinaryNumber.decode(Hex.parse("FFFF"), 0, 2, 0, true)).isEqualTo(new BigDecimal(-1));
        assertThat(BinaryNumber.decode(Hex.parse("7FFF"), 0, 2, 0, true)).isEqualTo(new BigDecimal(32767));
        assertThat(BinaryNumber.decode(Hex.parse("FFFFFFFFFFFFFFFF"), 0, 8, 0, false))
                .isEqualTo(new BigDecimal("18446744073709551615"));
        assertThat(BinaryNumber.decode(Hex.parse("80000000"), 0, 4, 2, true))
                .isEqualTo(new BigDecimal("-21474836.48"));
    }

    @Test
    void writingEnforcesTheDigitsOfThePicture() {
        byte[] out = new byte[2];
        assertThatThrownBy(() -> BinaryNumber.encode(new BigDecimal(10000), out, 0, 2, 4, 0, true))
                .isInstanceOf(CodecException.class)
                .hasMessage("overflow: 10000 needs more than the field's 4 digits (at most ±9999)");
        assertThatThrownBy(() -> BinaryNumber.encode(new BigDecimal(-1), out, 0, 2, 4, 0, false))
                .hasMessage("negative value -1 for an unsigned field");
    }
}
