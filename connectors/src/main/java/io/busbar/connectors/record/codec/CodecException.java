package io.busbar.connectors.record.codec;

/** A value cannot be decoded from, or encoded into, a field's bytes. The message is the reason, for a person. */
public class CodecException extends RuntimeException {

    public CodecException(String reason) {
        super(reason, null, false, false);
    }
}
