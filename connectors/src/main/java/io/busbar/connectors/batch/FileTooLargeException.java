package io.busbar.connectors.batch;

import java.io.IOException;

/** A batch file over the instance's {@code max-file-size}: refused before (or while) it is downloaded. */
public final class FileTooLargeException extends IOException {

    private final long limit;

    public FileTooLargeException(String name, long size, long limit) {
        super("file " + name + " is " + (size < 0 ? "more than " + limit : size) + " bytes, over max-file-size "
                + limit);
        this.limit = limit;
    }

    public long limit() {
        return limit;
    }
}
