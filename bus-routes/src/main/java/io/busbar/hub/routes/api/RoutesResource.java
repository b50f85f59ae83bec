package io.busbar.hub.routes.api;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.apache.camel.CamelContext;
import org.apache.camel.Route;
import org.apache.camel.ServiceStatus;
import org.apache.camel.model.ModelCamelContext;
import org.apache.camel.model.RouteDefinition;
import org.apache.camel.xml.LwModelToXMLDumper;
import org.apache.camel.yaml.LwModelToYAMLDumper;

import io.busbar.hub.routes.DeploymentHistory;
import io.busbar.hub.routes.RouteDeployer;
import io.busbar.hub.routes.RouteFileName;
import io.busbar.hub.routes.RouteFilePolicy;
import io.busbar.hub.routes.RouteProblem;
import io.busbar.hub.routes.RouteValidator;
import io.busbar.hub.routes.api.RouteViews.ComponentView;
import io.busbar.hub.routes.api.RouteViews.DeploymentView;
import io.busbar.hub.routes.api.RouteViews.RouteDefinitionView;
import io.busbar.hub.routes.api.RouteViews.RouteFileView;
import io.busbar.hub.routes.api.RouteViews.RouteView;
import io.busbar.rest.PageOf;
import io.busbar.services.common.FieldViolation;
import io.busbar.services.common.Paging;
import io.busbar.services.common.ServiceException;
import io.busbar.services.security.Access;
import io.busbar.services.security.Roles;
import io.micrometer.core.instrument.Measurement;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.security.Authenticated;
import io.quarkus.security.identity.SecurityIdentity;

/**
 * The hub's routes: /api/v1/routes. Operators and admins control them (start, stop, suspend, resume, remove route
 * files); deploying a route file (upload, restore) runs code as the hub, so it takes route authors or admins; viewers
 * may read (lists, definitions, history, the route file policy), as the console does.
 */
@Path("/api/v1/routes")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
public class RoutesResource {

    static final String[] READ = { Roles.OPERATOR, Roles.ADMIN, Roles.VIEWER, Roles.ROUTE_AUTHOR };
    static final String[] MANAGE = { Roles.OPERATOR, Roles.ADMIN };
    static final String[] DEPLOY = { Roles.ROUTE_AUTHOR, Roles.ADMIN };
    static final String[] REMOVE = { Roles.OPERATOR, Roles.ADMIN, Roles.ROUTE_AUTHOR };
    static final String BUILT_IN = "built-in";

    @Inject
    CamelContext camel;

    @Inject
    RouteDeployer deployer;

    @Inject
    DeploymentHistory history;

    @Inject
    Access access;

    @Inject
    SecurityIdentity identity;

    @Inject
    MeterRegistry meters;

    @GET
    public List<RouteView> list() {
        access.require(READ);
        return camel.getRoutes().stream().sorted(Comparator.comparing(Route::getRouteId)).map(this::view).toList();
    }

    @GET
    @Path("{routeId}")
    public RouteDefinitionView show(@PathParam("routeId") String routeId) {
        access.require(READ);
        Route route = route(routeId);
        Optional<RouteDeployer.Live> owner = deployer.ownerOf(routeId);
        if (owner.isPresent() && owner.get().routeIds().contains(routeId)) {
            String file = owner.get().file();
            return new RouteDefinitionView(routeId, file, RouteFileName.format(file).name().toLowerCase(),
                    owner.get().content());
        }
        String source = owner.map(RouteDeployer.Live::file).orElse(BUILT_IN);
        RouteDefinition definition = ((ModelCamelContext) camel).getRouteDefinition(route.getRouteId());
        // camel-quarkus-yaml-io is not available, so Camel's own dumpers are used directly (JVM mode). The YAML one
        // fails on some expressions (e.g. method calls) in Camel 4.17; the XML one then shows the same model.
        try {
            return new RouteDefinitionView(routeId, source, "yaml",
                    new LwModelToYAMLDumper().dumpModelAsYaml(camel, definition));
        } catch (Exception yamlFailed) {
            try {
                return new RouteDefinitionView(routeId, source, "xml",
                        new LwModelToXMLDumper().dumpModelAsXml(camel, definition));
            } catch (Exception e) {
                return new RouteDefinitionView(routeId, source, "text",
                        "the definition of this route cannot be shown (" + e.getMessage() + ")");
            }
        }
    }

    @POST
    @Path("{routeId}/start")
    public RouteView start(@PathParam("routeId") String routeId) {
        return control(routeId, "start");
    }

    @POST
    @Path("{routeId}/stop")
    public RouteView stop(@PathParam("routeId") String routeId) {
        return control(routeId, "stop");
    }

    @POST
    @Path("{routeId}/suspend")
    public RouteView suspend(@PathParam("routeId") String routeId) {
        return control(routeId, "suspend");
    }

    @POST
    @Path("{routeId}/resume")
    public RouteView resume(@PathParam("routeId") String routeId) {
        return control(routeId, "resume");
    }

    /** Every component the hub has or the policy names, with the route file policy's decision. */
    @GET
    @Path("components")
    public List<ComponentView> components() {
        access.require(READ);
        RouteFilePolicy policy = deployer.policy();
        java.util.Set<String> present = RouteValidator.hubComponents(camel);
        java.util.Set<String> names = new java.util.TreeSet<>(present);
        names.addAll(policy.components());
        return names.stream().map(n -> new ComponentView(n, policy.allowsComponent(n) && present.contains(n),
                present.contains(n), policy.decision(n, present.contains(n)))).toList();
    }

    @GET
    @Path("files")
    public List<RouteFileView> files() {
        access.require(READ);
        Map<String, RouteFileView> files = new TreeMap<>();
        for (RouteDeployer.Live live : deployer.liveFiles()) {
            files.put(live.file(), new RouteFileView(live.file(), live.routeIds(), DeploymentView.of(live.deployment(), false),
                    List.of()));
        }
        deployer.rejectedFiles().forEach((file, refused) -> {
            RouteFileView current = files.get(file);
            files.put(file, new RouteFileView(file, current == null ? List.of() : current.routeIds(),
                    current == null ? null : current.live(), refused.problems()));
        });
        return new ArrayList<>(files.values());
    }

    /** Deploys a route file: 201 for a new file, 200 for a new version; 400 with file and line if it is refused. */
    @PUT
    @Path("files/{fileName}")
    @Consumes(MediaType.WILDCARD)
    public Response upload(@PathParam("fileName") String fileName, @HeaderParam(HttpHeaders.CONTENT_LENGTH) Long length,
            InputStream body) {
        access.require(DEPLOY);
        String file = fileName(fileName);
        long max = deployer.maxFileSize();
        if (length != null && length > max) {
            throw tooLarge();
        }
        byte[] bytes;
        try {
            bytes = body == null ? new byte[0] : body.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, max + 1));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (bytes.length > max) {
            throw tooLarge();
        }
        boolean existed = deployer.live(file).isPresent() || Files.exists(deployer.directory().resolve(file));
        RouteDeployer.Result result = deployer.upload(file, bytes, actor());
        refuseIfRejected(result);
        DeploymentView view = DeploymentView.of(result.deployment(), false);
        if (existed) {
            return Response.ok(view).build();
        }
        return Response.created(URI.create("/api/v1/routes/deployments/" + view.id())).entity(view).build();
    }

    @DELETE
    @Path("files/{fileName}")
    public DeploymentView delete(@PathParam("fileName") String fileName) {
        access.require(REMOVE);
        return DeploymentView.of(deployer.delete(fileName(fileName), actor()), false);
    }

    @GET
    @Path("deployments")
    public PageOf<DeploymentView> deployments(@QueryParam("file") String file, @QueryParam("page") String page,
            @QueryParam("size") String size) {
        access.require(READ);
        Paging paging = Paging.of(page, size);
        DeploymentHistory.Page found = history.page(file == null || file.isBlank() ? null : file, paging.offset(),
                paging.size());
        List<DeploymentView> items = found.items().stream().map(d -> DeploymentView.of(d, false)).toList();
        return new PageOf<>(items, paging.page(), paging.size(), found.total(),
                (int) ((found.total() + paging.size() - 1) / paging.size()));
    }

    @GET
    @Path("deployments/{deploymentId}")
    public DeploymentView deployment(@PathParam("deploymentId") long deploymentId) {
        access.require(READ);
        return history.find(deploymentId).map(d -> DeploymentView.of(d, true)).orElseThrow(
                () -> new ServiceException.NotFound("DEPLOYMENT_NOT_FOUND", "no route deployment " + deploymentId));
    }

    /** Deploys a previous version again and writes it back to the routes directory. */
    @POST
    @Path("deployments/{deploymentId}/restore")
    public DeploymentView restore(@PathParam("deploymentId") long deploymentId) {
        access.require(DEPLOY);
        RouteDeployer.Result result = deployer.restore(deploymentId, actor());
        refuseIfRejected(result);
        return DeploymentView.of(result.deployment(), false);
    }

    // ---------------------------------------------------------------------------------------------------------------

    private RouteView control(String routeId, String action) {
        access.require(MANAGE);
        route(routeId);
        try {
            switch (action) {
                case "start" -> camel.getRouteController().startRoute(routeId);
                case "stop" -> camel.getRouteController().stopRoute(routeId);
                case "suspend" -> camel.getRouteController().suspendRoute(routeId);
                case "resume" -> camel.getRouteController().resumeRoute(routeId);
                default -> throw new IllegalArgumentException(action);
            }
        } catch (ServiceException e) {
            throw e;
        } catch (Exception e) {
            throw new ServiceException.Conflict("ROUTE_CONTROL_FAILED",
                    "route " + routeId + " could not " + action + ": " + e.getMessage());
        }
        return view(route(routeId));
    }

    private RouteView view(Route route) {
        String id = route.getRouteId();
        Optional<RouteDeployer.Live> owner = deployer.ownerOf(id);
        RouteDefinition definition = ((ModelCamelContext) camel).getRouteDefinition(id);
        Object template = definition == null || definition.getTemplateParameters() == null ? null
                : definition.getTemplateParameters().get("templateId");
        ServiceStatus status = camel.getRouteController().getRouteStatus(id);
        return new RouteView(id, owner.map(RouteDeployer.Live::file).orElse(BUILT_IN),
                template == null ? null : template.toString(), status == null ? null : status.name(),
                route.getEndpoint().getEndpointBaseUri(), count("camel.exchanges.total", id),
                count("camel.exchanges.failed", id), camel.getInflightRepository().size(id),
                owner.map(l -> DeploymentView.of(l.deployment(), false)).orElse(null));
    }

    /** A route policy counter of a route; 0 before its first exchange. */
    private long count(String meter, String routeId) {
        double total = 0;
        for (Meter m : meters.find(meter).tag("routeId", routeId).meters()) {
            if (!"route".equals(m.getId().getTag("eventType"))) {
                continue;
            }
            for (Measurement measurement : m.measure()) {
                total += measurement.getValue();
                break;
            }
        }
        return (long) total;
    }

    private Route route(String routeId) {
        Route route = camel.getRoute(routeId);
        if (route == null) {
            throw new ServiceException.NotFound("ROUTE_NOT_FOUND", "no route " + routeId);
        }
        return route;
    }

    private static String fileName(String name) {
        return RouteFileName.check(name).orElseThrow(() -> new ServiceException.InvalidRequest("INVALID_FILE_NAME",
                RouteFileName.RULE, List.of(new FieldViolation("fileName", RouteFileName.RULE))));
    }

    private static void refuseIfRejected(RouteDeployer.Result result) {
        if (result.deployed()) {
            return;
        }
        List<RouteProblem> problems = result.problems();
        List<FieldViolation> violations = problems.stream()
                .map(p -> new FieldViolation(p.line() > 0 ? p.file() + ":" + p.line() : p.file(), p.message())).toList();
        throw new ServiceException.InvalidRequest("INVALID_ROUTE_FILE", problems.get(0) + (problems.size() > 1
                ? " (and " + (problems.size() - 1) + " more)"
                : "") + "; recorded as deployment "
                + result.deployment().id + "; nothing was changed", violations);
    }

    private static WebApplicationException tooLarge() {
        return new WebApplicationException(Response.status(413).build());
    }

    private String actor() {
        return identity == null || identity.isAnonymous() ? RouteDeployer.SYSTEM : identity.getPrincipal().getName();
    }
}
