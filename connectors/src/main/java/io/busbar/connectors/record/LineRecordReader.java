package io.busbar.connectors.record;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;

import io.busbar.connectors.record.codec.CharsetBytes;

/**
 * One record per line. A line longer than the record is not kept whole, only measured, so a file without line
 * breaks cannot exhaust memory.
 */
final class LineRecordReader extends AbstractRecordReader {

    private final InputStream in;
    private final RecordDecoder decoder;
    private final int recordLength;
    private final CharsetBytes charsetBytes;
    private final byte carriageReturn;
    private final byte[] line;
    private final byte[] chunk = new byte[64 * 1024];
    private int position;
    private int limit;

    LineRecordReader(RecordLayout layout, InputStream in) {
        super(in);
        requireText(layout);
        this.in = in;
        this.decoder = new RecordDecoder(layout);
        this.recordLength = layout.length();
        this.charsetBytes = layout.charsetBytes();
        this.carriageReturn = layout.charsetBytes().carriageReturn();
        this.line = new byte[Math.max(recordLength, FieldError.MAX_RAW_BYTES) + 1];
    }

    static void requireText(RecordLayout layout) {
        layout.firstBinaryField().ifPresent(f -> {
            throw new LayoutException(layout.name() + ": field " + f.name() + " is " + f.type()
                    + "; binary data cannot be carried in lines of text (a byte may read as a line break),"
                    + " use fixed-length records");
        });
    }

    @Override
    protected RecordOutcome readNext(long number) throws IOException {
        long lineLength = 0;
        boolean sawAny = false;
        byte last = 0;
        while (true) {
            if (position == limit) {
                limit = Math.max(in.read(chunk), 0);
                position = 0;
                if (limit == 0) {
                    break;
                }
            }
            byte b = chunk[position++];
            sawAny = true;
            if (charsetBytes.isLineEnd(b)) {
                break;
            }
            if (lineLength < line.length) {
                line[(int) lineLength] = b;
            }
            lineLength++;
            last = b;
        }
        if (!sawAny) {
            return null;
        }
        if (lineLength > 0 && last == carriageReturn) {
            lineLength--;
        }
        if (lineLength != recordLength) {
            int kept = (int) Math.min(lineLength, line.length);
            return RecordOutcome.invalid(number, List.of(FieldError.ofRecord(
                    "line is " + lineLength + " bytes, a record is " + recordLength, decoder.raw(line, 0, kept))));
        }
        return decoder.decode(line, 0, number);
    }
}
