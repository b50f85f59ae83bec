package io.busbar.connectors.record.copybook;

import java.nio.charset.Charset;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import io.busbar.connectors.record.FieldSpec;
import io.busbar.connectors.record.LayoutException;
import io.busbar.connectors.record.RecordLayout;
import io.busbar.connectors.record.Sign;

/**
 * Reads a record layout from a COBOL copybook (fixed format). The supported subset, and what is rejected, is in
 * docs/connectors-record-layouts.md; anything outside it is a {@link LayoutException} naming the line, never a
 * guess.
 * <p>
 * Group items contribute their children. Data names are upper-cased. A group that OCCURS n times is flattened: its
 * children appear n times with {@code _1} .. {@code _n} appended to their names; an elementary item that OCCURS n
 * times stays one field with {@link FieldSpec#occurs()} n, whose values are {@code NAME_1} .. {@code NAME_n}.
 */
public final class CopybookParser {

    private enum Usage {
        DISPLAY,
        PACKED,
        BINARY
    }

    private record SignClause(boolean leading, boolean separate) {
        Sign sign() {
            return leading ? (separate ? Sign.LEADING_SEPARATE : Sign.LEADING)
                    : (separate ? Sign.TRAILING_SEPARATE : Sign.TRAILING);
        }
    }

    private static final class Item {
        final int level;
        final String name;
        final int line;
        Picture picture;
        Usage usage;
        SignClause sign;
        int occurs = 1;
        final List<Item> children = new ArrayList<>();

        Item(int level, String name, int line) {
            this.level = level;
            this.name = name;
            this.line = line;
        }

        boolean isFiller() {
            return name.equals("FILLER");
        }
    }

    private static final Map<String, Usage> USAGES = Map.of(
            "DISPLAY", Usage.DISPLAY,
            "COMP", Usage.BINARY, "COMPUTATIONAL", Usage.BINARY,
            "COMP-4", Usage.BINARY, "COMPUTATIONAL-4", Usage.BINARY, "BINARY", Usage.BINARY,
            "COMP-3", Usage.PACKED, "COMPUTATIONAL-3", Usage.PACKED, "PACKED-DECIMAL", Usage.PACKED);

    private static final Set<String> UNSUPPORTED_USAGES = Set.of("COMP-1", "COMPUTATIONAL-1", "COMP-2",
            "COMPUTATIONAL-2", "COMP-5", "COMPUTATIONAL-5", "COMP-6", "COMPUTATIONAL-6", "COMP-X", "COMPUTATIONAL-X",
            "INDEX", "POINTER", "POINTER-32", "FUNCTION-POINTER", "PROCEDURE-POINTER", "NATIONAL", "DISPLAY-1",
            "OBJECT", "FLOAT-SHORT", "FLOAT-LONG", "UTF-8");

    /** Words that start a clause; a list of names or values ends where one of them comes. */
    private static final Set<String> CLAUSE_WORDS = Set.of("PIC", "PICTURE", "USAGE", "SIGN", "LEADING",
            "TRAILING", "OCCURS", "VALUE", "VALUES", "REDEFINES", "RENAMES", "JUSTIFIED", "JUST", "SYNCHRONIZED",
            "SYNC", "BLANK", "INDEXED", "ASCENDING", "DESCENDING", "EXTERNAL", "GLOBAL", "DEPENDING");

    private CopybookParser() {
    }

    /** The layout of the copybook's only record (01 or 77 entry). */
    public static RecordLayout parse(String copybook, Charset charset) {
        return parse(copybook, charset, null);
    }

    /**
     * The layout of the copybook's record named {@code recordName} (case-insensitive), or of its only record when
     * null.
     */
    public static RecordLayout parse(String copybook, Charset charset, String recordName) {
        List<Item> records = tree(entries(Tokenizer.tokenize(copybook)));
        Item record = choose(records, recordName);
        List<FieldSpec> fields = new ArrayList<>();
        flatten(record, "", null, null, fields, new HashMap<>());
        return RecordLayout.of(record.name, charset, fields);
    }

    private static List<List<Token>> entries(List<Token> tokens) {
        List<List<Token>> entries = new ArrayList<>();
        List<Token> current = new ArrayList<>();
        for (Token token : tokens) {
            if (token.kind() == Token.Kind.PERIOD) {
                if (current.isEmpty()) {
                    throw new LayoutException(token.line(), "a period with no entry before it");
                }
                entries.add(current);
                current = new ArrayList<>();
            } else {
                current.add(token);
            }
        }
        if (!current.isEmpty()) {
            throw new LayoutException(current.get(0).line(), "the entry does not end with a period");
        }
        return entries;
    }

    private static List<Item> tree(List<List<Token>> entries) {
        List<Item> records = new ArrayList<>();
        Deque<Item> open = new ArrayDeque<>();
        for (List<Token> entry : entries) {
            Item item = item(entry);
            if (item == null) {
                continue;
            }
            if (item.level == 1 || item.level == 77) {
                if (item.occurs > 1) {
                    throw new LayoutException(item.line, "a level-" + item.level + " item cannot have OCCURS");
                }
                records.add(item);
                open.clear();
                open.push(item);
                continue;
            }
            Item record = open.peekLast();
            if (record != null && record.level == 77) {
                throw new LayoutException(item.line, "level-77 item " + record.name + " (line " + record.line
                        + ") cannot have subordinate items");
            }
            while (!open.isEmpty() && open.peek().level >= item.level) {
                open.pop();
            }
            if (open.isEmpty()) {
                throw new LayoutException(item.line, "level " + item.level + " item " + item.name
                        + " comes before any 01 record");
            }
            Item parent = open.peek();
            if (parent.picture != null) {
                throw new LayoutException(item.line, parent.name + " (line " + parent.line
                        + ") has a PICTURE, so it cannot have subordinate items");
            }
            if (!parent.children.isEmpty() && parent.children.get(0).level != item.level) {
                throw new LayoutException(item.line, "level " + item.level + " of " + item.name
                        + " does not match level " + parent.children.get(0).level + " of the items before it in "
                        + parent.name);
            }
            parent.children.add(item);
            open.push(item);
        }
        if (records.isEmpty()) {
            throw new LayoutException("the copybook has no 01 or 77 entry (is it in fixed format, code in columns"
                    + " 8-72?)");
        }
        return records;
    }

    /** The entry as an item, or null for a level-88 condition name. */
    private static Item item(List<Token> entry) {
        Token first = entry.get(0);
        int line = first.line();
        if (first.kind() != Token.Kind.WORD || !first.text().matches("\\d{1,2}")) {
            throw new LayoutException(line, "expected a level number, found '" + first.text() + "'");
        }
        int level = Integer.parseInt(first.text());
        if (level == 88) {
            return null;
        }
        if (level == 66) {
            throw new LayoutException(line, "level 66 (RENAMES) is not supported");
        }
        if (level < 1 || level > 49 && level != 77) {
            throw new LayoutException(line, "level number " + first.text() + " is not 01-49, 66, 77 or 88");
        }
        int i = 1;
        String name = "FILLER";
        if (i < entry.size() && entry.get(i).kind() == Token.Kind.WORD && !isClauseStart(entry.get(i))) {
            name = entry.get(i).upper();
            if (!name.matches("[A-Z0-9]([A-Z0-9-]*[A-Z0-9])?") || !name.matches(".*[A-Z].*")) {
                throw new LayoutException(line, "'" + entry.get(i).text() + "' is not a valid data name");
            }
            i++;
        }
        Item item = new Item(level, name, line);
        while (i < entry.size()) {
            i = clause(item, entry, i);
        }
        return item;
    }

    private static boolean isClauseStart(Token t) {
        String word = t.upper();
        return CLAUSE_WORDS.contains(word) || USAGES.containsKey(word) || UNSUPPORTED_USAGES.contains(word);
    }

    /** Applies the clause starting at {@code i}; returns the index after it. */
    private static int clause(Item item, List<Token> entry, int i) {
        Token t = entry.get(i);
        int line = t.line();
        String word = t.kind() == Token.Kind.WORD ? t.upper() : "";
        switch (word) {
            case "PIC", "PICTURE" -> {
                int at = skip(entry, i + 1, "IS");
                Token pic = at < entry.size() ? entry.get(at) : null;
                if (pic == null || pic.kind() != Token.Kind.WORD) {
                    throw new LayoutException(line, "PICTURE without a picture string");
                }
                if (item.picture != null) {
                    throw new LayoutException(line, item.name + " has two PICTURE clauses");
                }
                item.picture = Picture.parse(pic.text(), pic.line());
                return at + 1;
            }
            case "USAGE" -> {
                int at = skip(entry, i + 1, "IS");
                if (at >= entry.size()) {
                    throw new LayoutException(line, "USAGE without a usage");
                }
                if (!usage(item, entry.get(at))) {
                    throw new LayoutException(line, "'" + entry.get(at).text() + "' is not a USAGE");
                }
                return at + 1;
            }
            case "SIGN", "LEADING", "TRAILING" -> {
                int at = word.equals("SIGN") ? skip(entry, i + 1, "IS") : i;
                if (at >= entry.size() || !entry.get(at).is("LEADING") && !entry.get(at).is("TRAILING")) {
                    throw new LayoutException(line, "SIGN needs LEADING or TRAILING");
                }
                boolean leading = entry.get(at).is("LEADING");
                at++;
                boolean separate = at < entry.size() && entry.get(at).is("SEPARATE");
                if (separate) {
                    at = skip(entry, at + 1, "CHARACTER");
                }
                item.sign = new SignClause(leading, separate);
                return at;
            }
            case "OCCURS" -> {
                return occurs(item, entry, i);
            }
            case "VALUE", "VALUES" -> {
                // initial values do not change the layout
                return names(entry, skip(entry, skip(entry, i + 1, "IS"), "ARE"));
            }
            case "INDEXED" -> {
                return names(entry, skip(entry, i + 1, "BY"));
            }
            case "ASCENDING", "DESCENDING" -> {
                return names(entry, skip(entry, skip(entry, i + 1, "KEY"), "IS"));
            }
            case "REDEFINES" -> throw new LayoutException(line, "REDEFINES is not supported (" + item.name
                    + " REDEFINES " + (i + 1 < entry.size() ? entry.get(i + 1).upper() : "?")
                    + "): a layout gives every byte one meaning; describe each variant in a copybook of its own");
            case "RENAMES" -> throw new LayoutException(line, "RENAMES is not supported");
            case "DEPENDING" -> throw new LayoutException(line, "OCCURS DEPENDING ON is not supported:"
                    + " records must have a fixed length");
            case "JUSTIFIED", "JUST", "SYNCHRONIZED", "SYNC", "BLANK", "EXTERNAL", "GLOBAL" ->
                throw new LayoutException(line, "the " + word + " clause is not supported");
            default -> {
                if (usage(item, t)) {
                    return i + 1;
                }
                if (t.kind() == Token.Kind.WORD && t.text().matches("\\d{1,2}")) {
                    throw new LayoutException(line, "'" + t.text() + "' looks like a level number: is the period"
                            + " missing at the end of the entry of " + item.name + " (line " + item.line + ")?");
                }
                throw new LayoutException(line, "unexpected '" + t.text() + "' in the entry of " + item.name);
            }
        }
    }

    /** Sets the usage if {@code t} names a supported one; false when it names none. */
    private static boolean usage(Item item, Token t) {
        if (t.kind() != Token.Kind.WORD) {
            return false;
        }
        String word = t.upper();
        if (UNSUPPORTED_USAGES.contains(word) || word.startsWith("COMP") && !USAGES.containsKey(word)) {
            throw new LayoutException(t.line(), "USAGE " + word + " is not supported");
        }
        Usage usage = USAGES.get(word);
        if (usage == null) {
            return false;
        }
        item.usage = usage;
        return true;
    }

    private static int occurs(Item item, List<Token> entry, int i) {
        int line = entry.get(i).line();
        if (i + 1 >= entry.size() || !entry.get(i + 1).text().matches("\\d{1,6}")
                || entry.get(i + 1).kind() != Token.Kind.WORD) {
            throw new LayoutException(line, "OCCURS needs a count");
        }
        int count = Integer.parseInt(entry.get(i + 1).text());
        int at = i + 2;
        if (at < entry.size() && entry.get(at).is("TO")) {
            throw new LayoutException(line, "OCCURS " + count + " TO ... (a variable count) is not supported:"
                    + " records must have a fixed length");
        }
        at = skip(entry, at, "TIMES");
        if (at < entry.size() && entry.get(at).is("DEPENDING")) {
            throw new LayoutException(line, "OCCURS DEPENDING ON is not supported: records must have a fixed length");
        }
        if (count < 1) {
            throw new LayoutException(line, "OCCURS count must be at least 1");
        }
        if (item.occurs > 1) {
            throw new LayoutException(line, item.name + " has two OCCURS clauses");
        }
        item.occurs = count;
        return at;
    }

    private static int skip(List<Token> entry, int i, String optionalWord) {
        return i < entry.size() && entry.get(i).is(optionalWord) ? i + 1 : i;
    }

    /** Skips a list of names or values: up to the next clause word or the end of the entry. */
    private static int names(List<Token> entry, int i) {
        int at = i;
        while (at < entry.size() && !(entry.get(at).kind() == Token.Kind.WORD && isClauseStart(entry.get(at)))) {
            at++;
        }
        return at;
    }

    private static Item choose(List<Item> records, String recordName) {
        if (recordName != null) {
            return records.stream()
                    .filter(r -> r.name.equalsIgnoreCase(recordName))
                    .findFirst()
                    .orElseThrow(() -> new LayoutException("the copybook has no record " + recordName + "; it has "
                            + describe(records)));
        }
        if (records.size() > 1) {
            throw new LayoutException("the copybook describes " + records.size() + " records (" + describe(records)
                    + "); name the one to use");
        }
        return records.get(0);
    }

    private static String describe(List<Item> records) {
        return records.stream().map(r -> r.name + " at line " + r.line).collect(Collectors.joining(", "));
    }

    private static void flatten(Item item, String suffix, Usage groupUsage, SignClause groupSign,
            List<FieldSpec> out, Map<String, Integer> lines) {
        if (item.usage != null && groupUsage != null && item.usage != groupUsage) {
            throw new LayoutException(item.line, "USAGE " + item.usage + " of " + item.name
                    + " contradicts its group's USAGE " + groupUsage);
        }
        Usage usage = item.usage != null ? item.usage : groupUsage;
        SignClause sign = item.sign != null ? item.sign : groupSign;
        if (item.picture == null) {
            if (item.children.isEmpty()) {
                throw new LayoutException(item.line, item.name + " has neither a PICTURE nor subordinate items");
            }
            for (int n = 1; n <= item.occurs; n++) {
                String childSuffix = item.occurs > 1 ? suffix + "_" + n : suffix;
                for (Item child : item.children) {
                    flatten(child, childSuffix, usage, sign, out, lines);
                }
            }
            return;
        }
        String name = item.isFiller() ? "FILLER" : item.name + suffix;
        FieldSpec field;
        try {
            field = elementary(item, name, usage == null ? Usage.DISPLAY : usage, sign);
            if (item.occurs > 1) {
                field = field.withOccurs(item.occurs);
            }
        } catch (LayoutException e) {
            throw e.line() > 0 ? e : new LayoutException(item.line, e.getMessage());
        }
        if (!field.isFiller()) {
            for (String valueName : field.valueNames()) {
                Integer earlier = lines.putIfAbsent(valueName, item.line);
                if (earlier != null) {
                    throw new LayoutException(item.line, "name " + valueName + " is already used at line " + earlier
                            + " (qualified names, OF / IN, are not supported)");
                }
            }
        }
        out.add(field);
    }

    private static FieldSpec elementary(Item item, String name, Usage usage, SignClause sign) {
        Picture pic = item.picture;
        if (pic.alphanumeric()) {
            if (usage != Usage.DISPLAY) {
                throw new LayoutException(item.line, "USAGE " + usage + " needs a numeric PICTURE");
            }
            if (item.sign != null) {
                throw new LayoutException(item.line, "SIGN clause on a non-numeric item");
            }
            return FieldSpec.alphanumeric(name, pic.length());
        }
        if (item.sign != null && !pic.signed()) {
            throw new LayoutException(item.line, "SIGN clause needs a signed PICTURE (S)");
        }
        if (item.sign != null && usage != Usage.DISPLAY) {
            throw new LayoutException(item.line, "SIGN clause applies only to USAGE DISPLAY");
        }
        return switch (usage) {
            case DISPLAY -> FieldSpec.zoned(name, pic.digits(), pic.scale(),
                    !pic.signed() ? Sign.UNSIGNED : sign == null ? Sign.TRAILING : sign.sign());
            case PACKED -> FieldSpec.packed(name, pic.digits(), pic.scale(), pic.signed());
            case BINARY -> {
                if (pic.digits() > 18) {
                    throw new LayoutException(item.line, "a binary item has at most 18 digits, not " + pic.digits());
                }
                yield FieldSpec.binary(name, pic.digits(), pic.scale(), pic.signed());
            }
        };
    }
}
