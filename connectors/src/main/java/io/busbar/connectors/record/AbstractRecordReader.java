package io.busbar.connectors.record;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.NoSuchElementException;

/** Lookahead of one outcome over {@link #readNext()}. */
abstract class AbstractRecordReader implements RecordReader {

    private final InputStream in;
    private RecordOutcome next;
    private boolean done;
    private long recordNumber;

    AbstractRecordReader(InputStream in) {
        this.in = in;
    }

    /** The next outcome, numbered {@code number}, or null at the end of the input. */
    protected abstract RecordOutcome readNext(long number) throws IOException;

    @Override
    public final boolean hasNext() {
        if (next == null && !done) {
            try {
                next = readNext(recordNumber + 1);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            if (next == null) {
                done = true;
            }
        }
        return next != null;
    }

    @Override
    public final RecordOutcome next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        RecordOutcome outcome = next;
        next = null;
        recordNumber = outcome.recordNumber();
        return outcome;
    }

    /** Ends the input early: the reader has nothing more to give (e.g. after unrecoverable CSV syntax). */
    protected final void finish() {
        done = true;
    }

    @Override
    public final long recordNumber() {
        return recordNumber;
    }

    @Override
    public void close() {
        done = true;
        next = null;
        try {
            in.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
