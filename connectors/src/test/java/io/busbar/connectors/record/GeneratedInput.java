package io.busbar.connectors.record;

import java.io.InputStream;
import java.util.function.LongFunction;

/**
 * A file that exists one record at a time: record n's bytes are made when the reader gets to them, so a test can
 * stream far more data than it holds. Counts the bytes handed out, to check how far ahead a reader reads.
 */
final class GeneratedInput extends InputStream {

    private final long count;
    private final LongFunction<byte[]> record;
    private byte[] current = new byte[0];
    private int position;
    private long next = 1;
    private long served;

    /** @param record the bytes of record n, 1-based */
    GeneratedInput(long count, LongFunction<byte[]> record) {
        this.count = count;
        this.record = record;
    }

    long bytesServed() {
        return served;
    }

    @Override
    public int read(byte[] b, int off, int len) {
        if (len == 0) {
            return 0;
        }
        while (position == current.length) {
            if (next > count) {
                return -1;
            }
            current = record.apply(next++);
            position = 0;
        }
        int n = Math.min(len, current.length - position);
        System.arraycopy(current, position, b, off, n);
        position += n;
        served += n;
        return n;
    }

    @Override
    public int read() {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
    }
}
