package io.busbar.hub.journal;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Replaces the values of sensitive fields in a JSON or XML text with {@code ***}: JSON members and XML elements (any
 * namespace prefix) named in the list, case-insensitively. Text that is neither is left as it is.
 */
public final class PayloadMask {

    static final String MASK = "***";
    private final Pattern json;
    private final Pattern xml;

    public PayloadMask(List<String> fields) {
        List<String> names = fields.stream().map(String::trim).filter(f -> !f.isEmpty()).toList();
        if (names.isEmpty()) {
            json = null;
            xml = null;
            return;
        }
        String alternatives = names.stream().map(Pattern::quote).collect(Collectors.joining("|"));
        json = Pattern.compile("(\"(?:" + alternatives + ")\"\\s*:\\s*)(\"(?:[^\"\\\\]|\\\\.)*\"|[-+0-9.eE]+|true|false|null)",
                Pattern.CASE_INSENSITIVE);
        xml = Pattern.compile("(<(?:[\\w.-]+:)?(?:" + alternatives + ")(?:\\s[^>]*)?>)([^<]*)(</)", Pattern.CASE_INSENSITIVE);
    }

    public String apply(String text) {
        if (text == null || json == null) {
            return text;
        }
        String masked = json.matcher(text).replaceAll(m -> Matcher.quoteReplacement(m.group(1) + "\"" + MASK + "\""));
        return xml.matcher(masked).replaceAll(m -> Matcher.quoteReplacement(m.group(1) + MASK + m.group(3)));
    }
}
