package io.busbar.connectors.record;

import static io.busbar.connectors.record.Fixtures.IBM037;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import io.busbar.connectors.record.codec.Hex;

class FixedLengthRecordReaderTest {

    private static final RecordLayout LAYOUT = RecordLayout.builder("ITEM", IBM037)
            .add(FieldSpec.alphanumeric("SKU", 4))
            .add(FieldSpec.zoned("QTY", 3, 0, Sign.TRAILING))
            .add(FieldSpec.packed("PRICE", 5, 2, true))
            .build();

    @Test
    void deliversGoodRecordsAroundBadOnesAndReportsTheTrailingPartialRecord() {
        byte[] file = Hex.parse(""
                + "C1C2C3C4 F0F1C2 12345C" // 1: AB CD, 12, 123.45
                + "C1C2C3C5 F0F1C2 1A345C" // 2: bad packed digit nibble
                + "C1C2C3C6 F04BD3 12345F" // 3: non-digit in zoned
                + "C1C2C3C7 F0F0D1 00001D" // 4: -1, -0.01
                + "C1C2C3"); // 5: 3 of 10 bytes

        List<RecordOutcome> outcomes;
        try (RecordReader reader = RecordReader.fixedLength(LAYOUT, new ByteArrayInputStream(file))) {
            outcomes = reader.stream().collect(Collectors.toList());
        }

        assertThat(outcomes).extracting(RecordOutcome::recordNumber).containsExactly(1L, 2L, 3L, 4L, 5L);
        assertThat(outcomes).extracting(RecordOutcome::isValid).containsExactly(true, false, false, true, false);
        assertThat(outcomes.get(0).values()).containsExactly(entry("SKU", "ABCD"), entry("QTY", new BigDecimal(12)),
                entry("PRICE", new BigDecimal("123.45")));
        assertThat(outcomes.get(1).errors())
                .containsExactly(new FieldError("PRICE", "invalid digit nibble A in byte 1", "1A345C"));
        assertThat(outcomes.get(2).errors())
                .containsExactly(new FieldError("QTY", "position 2: 0x4B is not a digit", "F04BD3"));
        assertThat(outcomes.get(3).values()).containsExactly(entry("SKU", "ABCG"), entry("QTY", new BigDecimal(-1)),
                entry("PRICE", new BigDecimal("-0.01")));
        assertThat(outcomes.get(4).errors()).containsExactly(FieldError.ofRecord(
                "truncated record: the file ends after 3 of its 10 bytes", "C1C2C3"));
    }

    @Test
    void anEmptyFileHasNoRecords() {
        try (RecordReader reader = RecordReader.fixedLength(LAYOUT, new ByteArrayInputStream(new byte[0]))) {
            assertThat(reader.hasNext()).isFalse();
            assertThat(reader.recordNumber()).isZero();
            assertThatThrownBy(reader::next).isInstanceOf(NoSuchElementException.class);
        }
    }

    @Test
    void readsRecordsThatArriveInPieces() {
        byte[] file = Hex.parse("C1C2C3C4F0F1C212345C".repeat(3));
        // a stream that hands over at most 3 bytes per read, as a socket may
        InputStream trickle = new ByteArrayInputStream(file) {
            @Override
            public synchronized int read(byte[] b, int off, int len) {
                return super.read(b, off, Math.min(len, 3));
            }
        };
        try (RecordReader reader = RecordReader.fixedLength(LAYOUT, trickle)) {
            assertThat(reader.stream().filter(RecordOutcome::isValid).count()).isEqualTo(3);
            assertThat(reader.recordNumber()).isEqualTo(3);
        }
    }

    @Test
    void closingTheStreamClosesTheInput() {
        AtomicBoolean closed = new AtomicBoolean();
        InputStream in = new ByteArrayInputStream(new byte[10]) {
            @Override
            public void close() {
                closed.set(true);
            }
        };
        try (Stream<RecordOutcome> stream = RecordReader.fixedLength(LAYOUT, in).stream()) {
            assertThat(stream.count()).isEqualTo(1);
        }
        assertThat(closed).isTrue();
    }

    @Test
    void ioFailuresSurfaceUnchecked() {
        InputStream failing = new InputStream() {
            @Override
            public int read() throws IOException {
                throw new IOException("disk gone");
            }
        };
        try (RecordReader reader = RecordReader.fixedLength(LAYOUT, failing)) {
            assertThatThrownBy(reader::hasNext).isInstanceOf(UncheckedIOException.class).hasMessageContaining(
                    "disk gone");
        }
    }
}
