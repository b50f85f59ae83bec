package io.busbar.hub.routes.api;

import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;

import io.busbar.hub.routes.RouteDeployment;
import io.busbar.hub.routes.RouteProblem;
import io.quarkus.qute.TemplateData;

/** What the routes API shows. */
public final class RouteViews {

    private RouteViews() {
    }

    /** A route: where it comes from, its status and its counters. */
    @TemplateData
    public record RouteView(String id, String source, String template, String status, String from, long exchangesTotal,
            long exchangesFailed, int exchangesInflight, DeploymentView deployment) {
    }

    /** A route's definition: the file's text for a route from a file, Camel's YAML dump for any other. */
    public record RouteDefinitionView(String id, String source, String format, String definition) {
    }

    /** One deployment of a route file; {@code content} only when one deployment is asked for. */
    public record DeploymentView(Long id, String file, String outcome, String cause, String checksum, List<String> routeIds,
            Integer line, String error, String node, String actor, OffsetDateTime at, Long restoredFrom, String content) {

        static DeploymentView of(RouteDeployment d, boolean withContent) {
            return new DeploymentView(d.id, d.file, d.outcome.name(), d.cause.name(), d.checksum,
                    d.routeIds == null ? List.of() : Arrays.asList(d.routeIds.split(",")), d.errorLine, d.errorMessage,
                    d.nodeName, d.actor, d.at, d.restoredFrom, withContent ? d.content : null);
        }
    }

    /** A route file the hub knows: live, refused, or both (a refused new version while the previous one runs). */
    public record RouteFileView(String file, List<String> routeIds, DeploymentView live, List<RouteProblem> rejected) {
    }

    /** A component and what the route file policy decides about it. */
    public record ComponentView(String name, boolean allowed, boolean present, String decision) {
    }
}
