package io.busbar.connectors.record.copybook;

import java.util.Locale;

/** A word, a literal or the period that ends an entry, with the source line it starts on. */
record Token(String text, int line, Kind kind) {

    enum Kind {
        WORD,
        LITERAL,
        PERIOD
    }

    boolean is(String keyword) {
        return kind == Kind.WORD && text.equalsIgnoreCase(keyword);
    }

    String upper() {
        return text.toUpperCase(Locale.ROOT);
    }
}
