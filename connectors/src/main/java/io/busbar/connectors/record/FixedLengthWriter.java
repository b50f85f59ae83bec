package io.busbar.connectors.record;

import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.Flushable;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * Writes value maps as fixed-length records, back to back (mainframe files) or one per line. A record that cannot
 * be encoded is not written at all: {@link #write} throws {@link RecordEncodingException} with every bad field and
 * the writer stays usable for the next record. Owns its stream and closes it on {@link #close()}. Not thread-safe.
 *
 * <pre>{@code
 * try (FixedLengthWriter writer = FixedLengthWriter.fixedLength(layout, out)) {
 *     writer.write(Map.of("CUST-ID", 42, "NAME", "ACME", "BALANCE", new BigDecimal("-12.50")));
 * }
 * }</pre>
 */
public final class FixedLengthWriter implements Closeable, Flushable {

    private final OutputStream out;
    private final RecordEncoder encoder;
    private final byte[] record;
    private final byte[] lineEnd;
    private long written;

    private FixedLengthWriter(RecordEncoder encoder, OutputStream out, byte[] lineEnd) {
        this.out = new BufferedOutputStream(out, 64 * 1024);
        this.encoder = encoder;
        this.record = new byte[encoder.layout().length()];
        this.lineEnd = lineEnd;
    }

    /** Records back to back, no delimiters. */
    public static FixedLengthWriter fixedLength(RecordLayout layout, OutputStream out) {
        return fixedLength(new RecordEncoder(layout), out);
    }

    public static FixedLengthWriter fixedLength(RecordEncoder encoder, OutputStream out) {
        return new FixedLengthWriter(encoder, out, new byte[0]);
    }

    /**
     * One record per line, each ended by LF (or CR LF) as the layout's charset writes '\n' (EBCDIC: NL 0x15); no
     * packed or binary fields.
     */
    public static FixedLengthWriter lines(RecordLayout layout, OutputStream out, boolean crlf) {
        return lines(new RecordEncoder(layout), out, crlf);
    }

    public static FixedLengthWriter lines(RecordEncoder encoder, OutputStream out, boolean crlf) {
        RecordLayout layout = encoder.layout();
        LineRecordReader.requireText(layout);
        byte lf = layout.charsetBytes().lineFeed();
        byte cr = layout.charsetBytes().carriageReturn();
        return new FixedLengthWriter(encoder, out, crlf ? new byte[] { cr, lf } : new byte[] { lf });
    }

    /**
     * Encodes and writes one record.
     *
     * @throws RecordEncodingException when a field cannot be encoded; nothing of the record is written
     */
    public void write(Map<String, ?> values) {
        encoder.encode(values, record, 0);
        try {
            out.write(record);
            out.write(lineEnd);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        written++;
    }

    /** Records written so far. */
    public long recordsWritten() {
        return written;
    }

    @Override
    public void flush() {
        try {
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        try {
            out.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
