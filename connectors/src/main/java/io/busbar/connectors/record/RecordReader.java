package io.busbar.connectors.record;

import java.io.Closeable;
import java.io.InputStream;
import java.util.Iterator;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

import org.apache.commons.csv.CSVFormat;

/**
 * Reads records one at a time from a stream, holding only the current record: memory does not grow with the file.
 * Every record yields a {@link RecordOutcome}, good or bad, so one bad record never stops the ones after it.
 * <p>
 * A reader owns its stream and closes it on {@link #close()}. I/O failures surface as
 * {@link java.io.UncheckedIOException}. Not thread-safe.
 *
 * <pre>{@code
 * try (RecordReader reader = RecordReader.fixedLength(layout, in)) {
 *     reader.forEachRemaining(outcome -> {
 *         if (outcome.isValid())
 *             send(outcome.values());
 *         else
 *             report(outcome.recordNumber(), outcome.errors());
 *     });
 * }
 * }</pre>
 */
public interface RecordReader extends Iterator<RecordOutcome>, Closeable {

    /**
     * Records of exactly {@link RecordLayout#length()} bytes back to back, no delimiters (mainframe files). A
     * trailing partial record is reported as a bad record.
     */
    static RecordReader fixedLength(RecordLayout layout, InputStream in) {
        return new FixedLengthRecordReader(layout, in);
    }

    /**
     * One record per line: LF or CR LF ends a line (EBCDIC: NL 0x15 or LF 0x25, optionally after CR 0x0D), and
     * every line must be exactly
     * {@link RecordLayout#length()} bytes, else it is a bad record. The layout may not have packed or binary fields.
     */
    static RecordReader lines(RecordLayout layout, InputStream in) {
        return new LineRecordReader(layout, in);
    }

    /** CSV in RFC 4180 form whose first row is the header; see {@link #csv(RecordLayout, InputStream, CSVFormat)}. */
    static RecordReader csv(RecordLayout layout, InputStream in) {
        return csv(layout, in, CSVFormat.RFC4180);
    }

    /**
     * CSV whose first row is the header, decoded with the layout's charset. Columns are matched to the layout's
     * value names by header name (trimmed); extra columns are ignored. A required field without a column is a
     * {@link RecordFormatException}, thrown here. Lengths, digits and scales of the layout are enforced on the
     * values.
     *
     * @param format delimiter, quoting etc.; its header settings are replaced by "first row is the header"
     */
    static RecordReader csv(RecordLayout layout, InputStream in, CSVFormat format) {
        return csv(layout, in, format, CsvLimits.DEFAULT);
    }

    /** CSV as {@link #csv(RecordLayout, InputStream, CSVFormat)}, fields and records bounded by {@code limits}. */
    static RecordReader csv(RecordLayout layout, InputStream in, CSVFormat format, CsvLimits limits) {
        return new CsvRecordReader(layout, in, format, limits);
    }

    /** The 1-based number of the last record returned by {@link #next()}, 0 before the first. */
    long recordNumber();

    /** A sequential stream of the remaining outcomes; closing the stream closes the reader. */
    default Stream<RecordOutcome> stream() {
        return StreamSupport.stream(Spliterators.spliteratorUnknownSize(this, Spliterator.ORDERED | Spliterator.NONNULL),
                false).onClose(this::close);
    }

    @Override
    void close();
}
