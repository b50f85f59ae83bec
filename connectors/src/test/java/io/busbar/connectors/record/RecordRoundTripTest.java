package io.busbar.connectors.record;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.nio.charset.Charset;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Any values that fit a layout survive encode then decode, for every field type, in several charsets. */
class RecordRoundTripTest {

    private static RecordLayout layout(String charset) {
        return RecordLayout.builder("R", Charset.forName(charset))
                .add(FieldSpec.alphanumeric("TEXT", 12))
                .add(FieldSpec.zoned("ZONED-T", 7, 2, Sign.TRAILING))
                .add(FieldSpec.zoned("ZONED-L", 5, 0, Sign.LEADING))
                .add(FieldSpec.zoned("ZONED-TS", 6, 3, Sign.TRAILING_SEPARATE))
                .add(FieldSpec.zoned("ZONED-LS", 4, 1, Sign.LEADING_SEPARATE))
                .add(FieldSpec.zoned("ZONED-U", 9, 0, Sign.UNSIGNED))
                .add(FieldSpec.packed("PACKED-S", 11, 2, true).withOccurs(2))
                .add(FieldSpec.packed("PACKED-U", 4, 0, false))
                .add(FieldSpec.binary("BIN2", 4, 0, true))
                .add(FieldSpec.binary("BIN4", 9, 3, false))
                .add(FieldSpec.binary("BIN8", 18, 0, true))
                .add(FieldSpec.date("DATE", "yyyyMMdd"))
                .add(FieldSpec.filler(3))
                .add(FieldSpec.alphanumeric("OPT", 4).asOptional())
                .build();
    }

    @Provide
    Arbitrary<String> charsets() {
        return Arbitraries.of("IBM037", "IBM1047", "IBM500", "IBM273", "ISO-8859-1", "US-ASCII");
    }

    private static Arbitrary<BigDecimal> decimal(int digits, int scale, boolean signed) {
        long max = (long) Math.pow(10, digits) - 1;
        return Arbitraries.longs().between(signed ? -max : 0, max).map(v -> BigDecimal.valueOf(v, scale));
    }

    @Provide
    Arbitrary<Map<String, Object>> records() {
        Arbitrary<String> text = Arbitraries.strings().withCharRange('A', 'Z').withChars(" .-/0123456789")
                .ofMaxLength(12).map(s -> s.stripTrailing());
        Arbitrary<LocalDate> date = Arbitraries.longs().between(0, 365 * 200).map(d -> LocalDate.of(1900, 1, 1)
                .plusDays(d));
        Arbitrary<String> optional = Arbitraries.strings().withCharRange('a', 'z').ofMinLength(1).ofMaxLength(4)
                .injectNull(0.3);
        return Combinators.combine(text, decimal(7, 2, true), decimal(5, 0, true), decimal(6, 3, true),
                decimal(4, 1, true), decimal(9, 0, false), decimal(11, 2, true), decimal(11, 2, true))
                .as((t, zt, zl, zts, zls, zu, p1, p2) -> {
                    Map<String, Object> m = new LinkedHashMap<>();
                    m.put("TEXT", t);
                    m.put("ZONED-T", zt);
                    m.put("ZONED-L", zl);
                    m.put("ZONED-TS", zts);
                    m.put("ZONED-LS", zls);
                    m.put("ZONED-U", zu);
                    m.put("PACKED-S_1", p1);
                    m.put("PACKED-S_2", p2);
                    return m;
                })
                .flatMap(m -> Combinators.combine(decimal(4, 0, false), decimal(4, 0, true), decimal(9, 3, false),
                        decimal(18, 0, true), date, optional)
                        .as((pu, b2, b4, b8, d, o) -> {
                            Map<String, Object> all = new LinkedHashMap<>(m);
                            all.put("PACKED-U", pu);
                            all.put("BIN2", b2);
                            all.put("BIN4", b4);
                            all.put("BIN8", b8);
                            all.put("DATE", d);
                            all.put("OPT", o);
                            return all;
                        }));
    }

    @Property(tries = 500)
    void encodeThenDecodeGivesTheValuesBack(@ForAll("records") Map<String, Object> values,
            @ForAll("charsets") String charset) {
        RecordLayout layout = layout(charset);
        byte[] record = new RecordEncoder(layout).encode(values);
        assertThat(record).hasSize(layout.length());
        RecordOutcome outcome = new RecordDecoder(layout).decode(record, 1);
        assertThat(outcome.errors()).isEmpty();
        assertThat(outcome.values()).containsExactlyEntriesOf(values);
    }
}
