package io.busbar.connectors.record;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

class RecordCountsTest {

    private static final RecordLayout TEXT = LayoutText.parse("R", StandardCharsets.US_ASCII, "A:alpha:3");

    @Test
    void fixedLengthCountsATrailingPartialRecord() {
        assertThat(RecordCounts.fixedLength(0, TEXT)).isZero();
        assertThat(RecordCounts.fixedLength(9, TEXT)).isEqualTo(3);
        assertThat(RecordCounts.fixedLength(10, TEXT)).isEqualTo(4);
        assertThat(RecordCounts.fixedLength(3L * Integer.MAX_VALUE, TEXT)).isEqualTo(Integer.MAX_VALUE);
    }

    @Test
    void linesCountAsTheLineReaderReadsThem() {
        for (String text : new String[] { "", "abc", "abc\n", "abc\r\ndef", "abc\n\ndef\n", "\n" }) {
            long count = RecordCounts.lines(stream(text), TEXT);
            try (RecordReader reader = RecordReader.lines(TEXT, stream(text))) {
                assertThat(count).as(text).isEqualTo(reader.stream().count());
            }
        }
    }

    @Test
    void csvCountsRecordsNotLines() {
        RecordLayout layout = LayoutText.parse("R", StandardCharsets.UTF_8, "A:alpha:10");
        String csv = "A\nx\n\"two\nlines\"\ny\n";
        assertThat(RecordCounts.csv(stream(csv), layout)).isEqualTo(3);
        try (RecordReader reader = RecordReader.csv(layout, stream(csv))) {
            assertThat(reader.stream().count()).isEqualTo(3);
        }
        assertThat(RecordCounts.csv(stream("A\nx\n\"open\n"), layout)).isEqualTo(2);
        assertThat(RecordCounts.csv(stream(""), layout)).isZero();
    }

    private static ByteArrayInputStream stream(String text) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
    }
}
