package io.busbar.connectors.record.codec;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.Charset;

import io.busbar.connectors.record.FieldSpec;
import io.busbar.connectors.record.Sign;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Every value a field can hold survives encode then decode, in every representation. */
class NumberCodecRoundTripTest {

    record Case(int digits, int scale, BigDecimal value) {
    }

    @Provide
    Arbitrary<Case> decimals() {
        return Arbitraries.integers().between(1, FieldSpec.MAX_DECIMAL_DIGITS).flatMap(digits -> Combinators.combine(
                Arbitraries.integers().between(0, digits),
                Arbitraries.bigIntegers().between(BigInteger.TEN.pow(digits).negate().add(BigInteger.ONE),
                        BigInteger.TEN.pow(digits).subtract(BigInteger.ONE)))
                .as((scale, unscaled) -> new Case(digits, scale, new BigDecimal(unscaled, scale))));
    }

    @Provide
    Arbitrary<Case> binaries() {
        return Arbitraries.integers().between(1, 18).flatMap(digits -> Combinators.combine(
                Arbitraries.integers().between(0, digits),
                Arbitraries.longs().between(1 - (long) Math.pow(10, digits), (long) Math.pow(10, digits) - 1))
                .as((scale, unscaled) -> new Case(digits, scale, BigDecimal.valueOf(unscaled, scale))));
    }

    @Provide
    Arbitrary<String> charsets() {
        return Arbitraries.of("IBM037", "IBM1047", "IBM500", "IBM273", "US-ASCII", "ISO-8859-1", "UTF-8");
    }

    @Property
    void packed(@ForAll("decimals") Case c) {
        boolean signed = c.value().signum() < 0 || c.digits() % 2 == 0;
        int length = FieldSpec.packedLength(c.digits());
        byte[] out = new byte[length];
        PackedDecimal.encode(c.value(), out, 0, length, c.digits(), c.scale(), signed);
        assertThat(PackedDecimal.decode(out, 0, length, c.digits(), c.scale(), signed)).isEqualTo(c.value());
    }

    @Property
    void zoned(@ForAll("decimals") Case c, @ForAll Sign sign, @ForAll("charsets") String charset) {
        BigDecimal value = sign.isSigned() ? c.value() : c.value().abs();
        int length = c.digits() + (sign.isSeparate() ? 1 : 0);
        CharsetBytes cs = CharsetBytes.of(Charset.forName(charset));
        byte[] out = new byte[length];
        ZonedDecimal.encode(value, out, 0, length, c.digits(), c.scale(), sign, cs);
        assertThat(ZonedDecimal.decode(out, 0, length, c.digits(), c.scale(), sign, cs)).isEqualTo(value);
    }

    @Property
    void binary(@ForAll("binaries") Case c, @ForAll boolean signed) {
        BigDecimal value = signed ? c.value() : c.value().abs();
        int length = FieldSpec.binary("B", c.digits(), 0, signed).length();
        byte[] out = new byte[length];
        BinaryNumber.encode(value, out, 0, length, c.digits(), c.scale(), signed);
        assertThat(BinaryNumber.decode(out, 0, length, c.scale(), signed)).isEqualTo(value);
    }
}
