package io.busbar.hub.routes;

/** One thing wrong with a route file, where it is: the file, the line (1-based; 0 when unknown) and what is wrong. */
public record RouteProblem(String file, int line, String message) {

    @Override
    public String toString() {
        return line > 0 ? file + ":" + line + ": " + message : file + ": " + message;
    }
}
