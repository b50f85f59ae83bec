package io.busbar.hub.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
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

    /**
     * Runs a {@code run} block with bash in {@code root}, with the hub's real port in place of {@code localhost:8080};
     * the step must exit 0 within 60 s. Returns what it printed.
     */
    public static String run(Path root, Block block, HubProcess hub) throws IOException, InterruptedException {
        String commands = block.text().replace("localhost:8080", "localhost:" + hub.httpPort());
        ProcessBuilder bash = new ProcessBuilder(List.of("bash", "-euo", "pipefail", "-c", commands))
                .directory(root.toFile()).redirectErrorStream(true);
        bash.environment().put("BUSBAR_BROKER_PORT", Integer.toString(hub.brokerPort()));
        Process process = bash.start();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("step at line " + block.line() + " did not finish within 60 s:\n" + commands);
        }
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.exitValue()).as("exit code of the step at line %d:%n%s%n%s", block.line(), commands, output)
                .isZero();
        return output;
    }
}
