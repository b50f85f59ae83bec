package io.busbar.connectors.record;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;

/** Records of the layout's length back to back, as mainframes write them. */
final class FixedLengthRecordReader extends AbstractRecordReader {

    private final InputStream in;
    private final RecordDecoder decoder;
    private final byte[] record;

    FixedLengthRecordReader(RecordLayout layout, InputStream in) {
        super(in);
        this.in = new BufferedInputStream(in, 64 * 1024);
        this.decoder = new RecordDecoder(layout);
        this.record = new byte[layout.length()];
    }

    @Override
    protected RecordOutcome readNext(long number) throws IOException {
        int read = in.readNBytes(record, 0, record.length);
        if (read == 0) {
            return null;
        }
        if (read < record.length) {
            return RecordOutcome.invalid(number, List.of(FieldError.ofRecord("truncated record: the file ends after "
                    + read + " of its " + record.length + " bytes", decoder.raw(record, 0, read))));
        }
        return decoder.decode(record, 0, number);
    }
}
