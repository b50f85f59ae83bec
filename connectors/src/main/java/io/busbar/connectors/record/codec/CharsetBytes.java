package io.busbar.connectors.record.codec;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetEncoder;

/**
 * The single bytes a charset uses for digits, space, signs and line breaks. Display numbers are only defined for
 * charsets whose digits are 0x30..0x39 (ASCII family: US-ASCII, ISO-8859-x, windows-125x, UTF-8) or 0xF0..0xF9
 * (EBCDIC family: IBM037, IBM1047, IBM500, IBM273, ...); other charsets are refused.
 */
public record CharsetBytes(Charset charset, boolean ebcdic, byte space, byte plus, byte minus, byte lineFeed,
        byte carriageReturn) {

    public static CharsetBytes of(Charset charset) {
        CharsetEncoder encoder = charset.newEncoder();
        byte zero = single(encoder, '0');
        boolean ebcdic;
        if (zero == (byte) 0x30) {
            ebcdic = false;
        } else if (zero == (byte) 0xF0) {
            ebcdic = true;
        } else {
            throw new IllegalArgumentException("charset " + charset.name()
                    + " is neither ASCII- nor EBCDIC-compatible (digit 0 is not one byte 0x30 or 0xF0)");
        }
        for (char c = '1'; c <= '9'; c++) {
            if (single(encoder, c) != (byte) (zero + c - '0')) {
                throw new IllegalArgumentException("charset " + charset.name() + " does not encode digits in order");
            }
        }
        return new CharsetBytes(charset, ebcdic, single(encoder, ' '), single(encoder, '+'), single(encoder, '-'),
                single(encoder, '\n'), single(encoder, '\r'));
    }

    /**
     * Whether the byte ends a line: LF in the charset; EBCDIC data uses both NL (0x15, what Java writes for '\n'
     * and z/OS UNIX uses) and LF (0x25), so both end a line there.
     */
    public boolean isLineEnd(byte b) {
        return b == lineFeed || ebcdic && (b == (byte) 0x15 || b == (byte) 0x25);
    }

    /** The byte of digit 0; digit d is {@code zero() + d}. */
    public byte zero() {
        return ebcdic ? (byte) 0xF0 : (byte) 0x30;
    }

    public boolean isBlank(byte[] bytes, int offset, int length) {
        for (int i = offset; i < offset + length; i++) {
            if (bytes[i] != space) {
                return false;
            }
        }
        return true;
    }

    private static byte single(CharsetEncoder encoder, char c) {
        try {
            ByteBuffer encoded = encoder.reset().encode(CharBuffer.wrap(new char[] { c }));
            if (encoded.remaining() != 1) {
                throw new IllegalArgumentException(
                        "charset " + encoder.charset().name() + " does not encode '" + c + "' as one byte");
            }
            return encoded.get();
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException("charset " + encoder.charset().name() + " cannot encode '" + c + "'");
        }
    }
}
