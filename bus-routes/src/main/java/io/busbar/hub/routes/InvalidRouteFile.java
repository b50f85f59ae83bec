package io.busbar.hub.routes;

import java.util.List;

/** A route file that cannot be deployed, with every problem found and where it is. */
public class InvalidRouteFile extends Exception {

    private static final long serialVersionUID = 1L;

    private final transient List<RouteProblem> problems;

    public InvalidRouteFile(List<RouteProblem> problems) {
        super(problems.isEmpty() ? "invalid route file" : problems.get(0).toString(), null, false, false);
        this.problems = List.copyOf(problems);
    }

    public InvalidRouteFile(RouteProblem problem) {
        this(List.of(problem));
    }

    public List<RouteProblem> problems() {
        return problems;
    }

    /** The first problem: what the log line, the health detail and a problem+json detail show. */
    public RouteProblem first() {
        return problems.get(0);
    }
}
