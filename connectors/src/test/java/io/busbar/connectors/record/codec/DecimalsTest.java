package io.busbar.connectors.record.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;

import org.junit.jupiter.api.Test;

class DecimalsTest {

    @Test
    void acceptsNumbersAndPlainDecimalText() {
        assertThat(Decimals.toDecimal(42)).isEqualTo(new BigDecimal(42));
        assertThat(Decimals.toDecimal(42L)).isEqualTo(new BigDecimal(42));
        assertThat(Decimals.toDecimal((short) 42)).isEqualTo(new BigDecimal(42));
        assertThat(Decimals.toDecimal(BigInteger.TEN)).isEqualTo(BigDecimal.TEN);
        assertThat(Decimals.toDecimal(12.25d)).isEqualTo(new BigDecimal("12.25"));
        assertThat(Decimals.toDecimal(0.1f)).isEqualTo(new BigDecimal("0.1"));
        assertThat(Decimals.toDecimal("-12.50")).isEqualTo(new BigDecimal("-12.50"));
        assertThat(Decimals.toDecimal(" +7 ")).isEqualTo(new BigDecimal("7"));
        assertThat(Decimals.toDecimal(".5")).isEqualTo(new BigDecimal("0.5"));
    }

    @Test
    void rejectsWhatIsNotAPlainNumber() {
        for (String text : List.of("", "1e5", "1,000", "12-", "abc", "--1", "0x10")) {
            assertThatThrownBy(() -> Decimals.toDecimal(text)).as(text)
                    .isInstanceOf(CodecException.class)
                    .hasMessage("'" + text + "' is not a decimal number");
        }
        assertThatThrownBy(() -> Decimals.toDecimal(Double.NaN)).hasMessage("NaN is not a number that a field can hold");
        assertThatThrownBy(() -> Decimals.toDecimal(List.of())).hasMessageStartingWith("expected a number, got ");
    }

    @Test
    void fitsToTheScaleWithoutRounding() {
        BigDecimal fitted = Decimals.fit(new BigDecimal("12.5"), 5, 2, true);
        assertThat(fitted).isEqualTo(new BigDecimal("12.50"));
        assertThat(fitted.scale()).isEqualTo(2);
        assertThatThrownBy(() -> Decimals.fit(new BigDecimal("12.505"), 5, 2, true))
                .hasMessage("12.505 has 3 decimal places, the field has 2 (values are not rounded)");
    }

    @Test
    void largestValueOfAField() {
        assertThat(Decimals.largest(5, 0)).isEqualTo("99999");
        assertThat(Decimals.largest(5, 2)).isEqualTo("999.99");
        assertThat(Decimals.largest(2, 2)).isEqualTo("0.99");
    }
}
