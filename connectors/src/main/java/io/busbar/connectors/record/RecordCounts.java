package io.busbar.connectors.record;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;

import org.apache.commons.csv.CSVException;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;

import io.busbar.connectors.record.codec.CharsetBytes;

/**
 * How many records a file has, for progress reporting, without decoding them. Each count equals the number of
 * outcomes the matching {@link RecordReader} yields for the same data. The stream methods read the stream to its end
 * and close it.
 */
public final class RecordCounts {

    private RecordCounts() {
    }

    /** Records of a fixed-length file of {@code sizeInBytes}; a trailing partial record counts (as the bad one). */
    public static long fixedLength(long sizeInBytes, RecordLayout layout) {
        return (sizeInBytes + layout.length() - 1) / layout.length();
    }

    /** Lines of a line-based file: line feeds, plus one when the last line has none. */
    public static long lines(InputStream in, RecordLayout layout) {
        CharsetBytes charsetBytes = layout.charsetBytes();
        byte[] chunk = new byte[64 * 1024];
        long count = 0;
        boolean open = false;
        try (in) {
            for (int n; (n = in.read(chunk)) > 0;) {
                for (int i = 0; i < n; i++) {
                    if (charsetBytes.isLineEnd(chunk[i])) {
                        count++;
                    }
                }
                open = !charsetBytes.isLineEnd(chunk[n - 1]);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return open ? count + 1 : count;
    }

    /**
     * Data records of a CSV file (the header not counted), parsed so that quoted line breaks do not count; a syntax
     * error or an oversized record counts as the last record, as the reader reports it.
     */
    public static long csv(InputStream in, RecordLayout layout, CSVFormat format) {
        return csv(in, layout, format, CsvLimits.DEFAULT);
    }

    public static long csv(InputStream in, RecordLayout layout, CSVFormat format, CsvLimits limits) {
        BoundedReader bounded = new BoundedReader(new InputStreamReader(in, layout.charset()), limits.maxRecordChars());
        CSVParser parser;
        try {
            parser = CSVParser.parse(bounded, CsvRecordReader.headerFormat(format));
        } catch (IOException | UncheckedIOException | IllegalArgumentException e) {
            throw new RecordFormatException("cannot read the CSV header: " + e.getMessage());
        }
        try (parser) {
            bounded.recordEnded();
            long count = 0;
            var records = parser.iterator();
            try {
                while (records.hasNext()) {
                    records.next();
                    bounded.recordEnded();
                    count++;
                }
            } catch (UncheckedIOException e) {
                if (!(e.getCause() instanceof CSVException) && !(e.getCause() instanceof BoundedReader.RecordTooLong)) {
                    throw e;
                }
                count++;
            }
            return count;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static long csv(InputStream in, RecordLayout layout) {
        return csv(in, layout, CSVFormat.RFC4180);
    }
}
