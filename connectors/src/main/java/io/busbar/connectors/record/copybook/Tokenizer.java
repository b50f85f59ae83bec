package io.busbar.connectors.record.copybook;

import java.util.ArrayList;
import java.util.List;

import io.busbar.connectors.record.LayoutException;

/**
 * Splits fixed-format COBOL source into tokens: columns 1-6 (sequence area) and 73+ are ignored, column 7 is the
 * indicator ('*' or '/' comment, '-' continuation), code is in columns 8-72. Literals are kept whole (quotes
 * doubled inside them, continued across lines) so that a period inside one does not end an entry.
 */
final class Tokenizer {

    private static final int INDICATOR = 6;
    private static final int CODE_END = 72;

    private final List<Token> tokens = new ArrayList<>();
    private StringBuilder literal;
    private char quote;
    private int literalLine;

    static List<Token> tokenize(String source) {
        Tokenizer tokenizer = new Tokenizer();
        String[] lines = source.split("\\R", -1);
        for (int i = 0; i < lines.length; i++) {
            tokenizer.line(i + 1, lines[i]);
        }
        tokenizer.closeLiteralCheck(lines.length + 1);
        return tokenizer.tokens;
    }

    private void line(int n, String raw) {
        if (raw.indexOf('\t') >= 0) {
            throw new LayoutException(n, "tab character; copybooks are read in fixed columns (sequence area 1-6,"
                    + " indicator 7, code 8-72), so expand tabs to spaces");
        }
        if (raw.length() <= INDICATOR) {
            return;
        }
        char indicator = raw.charAt(INDICATOR);
        String code = raw.substring(INDICATOR + 1, Math.min(raw.length(), CODE_END));
        switch (indicator) {
            case '*', '/' -> {
            }
            case ' ' -> {
                if (!code.isBlank()) {
                    closeLiteralCheck(n);
                    scan(n, code, 0);
                }
            }
            case '-' -> continuation(n, code);
            case 'D', 'd' -> throw new LayoutException(n, "debugging lines ('D' in column 7) are not supported");
            default -> throw new LayoutException(n, "unexpected '" + indicator + "' in the indicator column 7;"
                    + " copybooks are read in fixed format (sequence area 1-6, indicator 7, code 8-72)");
        }
    }

    private void continuation(int n, String code) {
        int start = 0;
        while (start < code.length() && code.charAt(start) == ' ') {
            start++;
        }
        if (start == code.length()) {
            throw new LayoutException(n, "empty continuation line");
        }
        if (literal != null) {
            if (code.charAt(start) != quote) {
                throw new LayoutException(n, "a continued literal must go on after a quote (" + quote + ")");
            }
            scan(n, code, start + 1);
            return;
        }
        Token last = tokens.isEmpty() ? null : tokens.get(tokens.size() - 1);
        if (last == null || last.kind() != Token.Kind.WORD) {
            throw new LayoutException(n, "continuation line with no word or literal to continue");
        }
        // the first word of the line completes the previous line's last word
        int end = wordEnd(code, start);
        tokens.set(tokens.size() - 1, new Token(last.text() + code.substring(start, end), last.line(), Token.Kind.WORD));
        scan(n, code, end);
    }

    private void closeLiteralCheck(int n) {
        if (literal != null) {
            throw new LayoutException(literalLine, "literal is not closed (and line " + n
                    + " does not continue it)");
        }
    }

    private void scan(int n, String s, int from) {
        int i = from;
        if (literal != null) {
            i = literalBody(s, i);
        }
        while (i < s.length()) {
            char c = s.charAt(i);
            if (c == ' ' || (c == ',' || c == ';') && separatorEnds(s, i)) {
                i++;
            } else if (c == '*' && i + 1 < s.length() && s.charAt(i + 1) == '>') {
                return;
            } else if (c == '\'' || c == '"') {
                startLiteral(n, c);
                i = literalBody(s, i + 1);
            } else if (c == '.' && separatorEnds(s, i)) {
                tokens.add(new Token(".", n, Token.Kind.PERIOD));
                i++;
            } else {
                int end = wordEnd(s, i);
                String word = s.substring(i, end);
                if (end < s.length() && (s.charAt(end) == '\'' || s.charAt(end) == '"')
                        && word.matches("(?i)[XNGZBU]|NX|BX")) {
                    // a literal prefix such as X'C1': the literal token stands for both
                    startLiteral(n, s.charAt(end));
                    i = literalBody(s, end + 1);
                } else {
                    tokens.add(new Token(word, n, Token.Kind.WORD));
                    i = end;
                }
            }
        }
    }

    private void startLiteral(int n, char q) {
        literal = new StringBuilder();
        quote = q;
        literalLine = n;
    }

    /** Reads literal text up to its closing quote; returns the index after it, or the line's end if still open. */
    private int literalBody(String s, int from) {
        int i = from;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (c == quote) {
                if (i + 1 < s.length() && s.charAt(i + 1) == quote) {
                    literal.append(c);
                    i += 2;
                    continue;
                }
                tokens.add(new Token(literal.toString(), literalLine, Token.Kind.LITERAL));
                literal = null;
                return i + 1;
            }
            literal.append(c);
            i++;
        }
        return i;
    }

    private static int wordEnd(String s, int from) {
        int i = from;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (c == ' ' || c == '\'' || c == '"' || (c == '.' || c == ',' || c == ';') && separatorEnds(s, i)) {
                break;
            }
            i++;
        }
        return i;
    }

    /** A period, comma or semicolon is a separator when a space or the end of the line follows it. */
    private static boolean separatorEnds(String s, int i) {
        return i + 1 == s.length() || s.charAt(i + 1) == ' ';
    }
}
