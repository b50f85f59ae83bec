package io.busbar.connectors.record;

import java.io.FilterReader;
import java.io.IOException;
import java.io.Reader;

/**
 * Counts the characters the CSV parser pulls since the last record it returned and fails once they exceed the record
 * limit plus the parser's read-ahead: memory stays bounded whatever the file holds.
 */
final class BoundedReader extends FilterReader {

    /** Thrown (wrapped by commons-csv) when a record is longer than the limit. */
    static final class RecordTooLong extends IOException {
        RecordTooLong(int limit) {
            super("a record longer than " + limit + " characters");
        }
    }

    /** commons-csv reads ahead in blocks of this many characters (its buffered reader's default). */
    static final int READ_AHEAD = 8192;

    private final int limit;
    private long sinceRecord;

    BoundedReader(Reader in, int limit) {
        super(in);
        this.limit = limit;
    }

    /** A record was returned: counting starts again. */
    void recordEnded() {
        sinceRecord = 0;
    }

    @Override
    public int read() throws IOException {
        int c = super.read();
        if (c >= 0) {
            count(1);
        }
        return c;
    }

    @Override
    public int read(char[] buffer, int offset, int length) throws IOException {
        int n = super.read(buffer, offset, length);
        if (n > 0) {
            count(n);
        }
        return n;
    }

    private void count(int n) throws RecordTooLong {
        sinceRecord += n;
        if (sinceRecord > (long) limit + 2 * READ_AHEAD) {
            throw new RecordTooLong(limit);
        }
    }
}
