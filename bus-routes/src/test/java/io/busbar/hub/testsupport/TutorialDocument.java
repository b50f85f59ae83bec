package io.busbar.hub.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Markdown document whose code blocks tests act on, marked by an HTML comment on the line before the block (invisible
 * when rendered): {@code <!-- save-as: path -->} (a file the reader saves), {@code <!-- run -->} (commands the reader
 * runs), {@code <!-- expect -->} (what the previous commands print; {@code …} stands for anything),
 * {@code <!-- excerpt-of: path -->} (text found verbatim in that file of the repository).
 */
public final class TutorialDocument {

    private static final Pattern BLOCK = Pattern.compile("(?:<!-- ([a-z-]+)(?::\\s*(\\S+))? -->\\n)?```([a-z]*)\\n(.*?)```",
            Pattern.DOTALL);

    /** One fenced code block: its marker (null if none), the marker's argument, its language and its text. */
    public record Block(String marker, String argument, String language, String text, int line) {
    }

    private final Path file;
    private final List<Block> blocks;

    private TutorialDocument(Path file, List<Block> blocks) {
        this.file = file;
        this.blocks = blocks;
    }

    public static TutorialDocument read(Path file) {
        try {
            String text = Files.readString(file);
            List<Block> blocks = new ArrayList<>();
            Matcher m = BLOCK.matcher(text);
            while (m.find()) {
                int line = (int) text.substring(0, m.start()).chars().filter(c -> c == '\n').count() + 1;
                blocks.add(new Block(m.group(1), m.group(2), m.group(3), m.group(4), line));
            }
            return new TutorialDocument(file, blocks);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Path file() {
        return file;
    }

    public List<Block> blocks() {
        return blocks;
    }

    public List<Block> marked(String marker) {
        return blocks.stream().filter(b -> marker.equals(b.marker())).toList();
    }

    /** Whether the output holds the expected text: each line's pieces between "…" appear in order on one output line. */
    public static boolean matches(String output, String expected) {
        for (String want : expected.strip().split("\n")) {
            String[] pieces = want.split("…", -1);
            boolean found = output.lines().anyMatch(line -> {
                int at = 0;
                for (String piece : pieces) {
                    int next = line.indexOf(piece, at);
                    if (next < 0) {
                        return false;
                    }
                    at = next + piece.length();
                }
                return true;
            });
            if (!found) {
                return false;
            }
        }
        return true;
    }
}
