package io.busbar.hub.routes;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.stream.Stream;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.apache.camel.CamelContext;
import org.apache.camel.Route;
import org.apache.camel.ServiceStatus;
import org.apache.camel.model.ModelCamelContext;
import org.apache.camel.model.RouteDefinition;
import org.apache.camel.util.StringHelper;
import org.jboss.logging.Logger;

import io.busbar.hub.infra.HubConfig;
import io.busbar.services.common.ServiceException;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Deploys route files into the running hub, one file at a time, safely: a version goes live only after it has been
 * read and checked ({@link RouteFileParser}, {@link RouteValidator}); the routes it replaces are stopped gracefully
 * (in-flight exchanges finish, within {@code busbar.routes.drain-timeout}) before the new ones start; if the new ones
 * fail to start, they are removed and the previous version is started again. A file owns exactly the routes it
 * defines (and the routes its templates create); removing the file removes those and nothing else.
 * <p>
 * The routes directory is the source of truth: uploads and restores write the file there. Every deployment, accepted
 * or not, is recorded with the version's content ({@link DeploymentHistory}).
 */
@ApplicationScoped
public class RouteDeployer {

    private static final Logger LOG = Logger.getLogger(RouteDeployer.class);
    public static final String SYSTEM = "busbar";

    /** The live version of a file: its routes, and the routes its templates created. */
    public record Live(String file, String checksum, String content, List<String> routeIds, Set<String> templateRouteIds,
            RouteDeployment deployment) {

        boolean owns(String routeId) {
            return routeIds.contains(routeId) || templateRouteIds.contains(routeId);
        }
    }

    /** A version of a file in the routes directory that was refused: the directory holds it, the hub does not run it. */
    public record Rejected(String file, String checksum, List<RouteProblem> problems, RouteDeployment deployment) {
    }

    /** What a deployment did; {@code problems} is empty unless it was rejected. */
    public record Result(RouteDeployment deployment, List<RouteProblem> problems) {

        public boolean deployed() {
            return problems.isEmpty();
        }
    }

    @Inject
    CamelContext camel;

    @Inject
    HubConfig config;

    @Inject
    DeploymentHistory history;

    @Inject
    RouteTemplates templates;

    @Inject
    MeterRegistry meters;

    private volatile RouteFilePolicy policy;
    private final ReentrantLock lock = new ReentrantLock(true);
    private final Map<String, Live> live = new ConcurrentHashMap<>();
    private final Map<String, Rejected> rejected = new ConcurrentHashMap<>();

    public Path directory() {
        return config.routes().dir().toAbsolutePath().normalize();
    }

    /** What route files may use: one policy for the routes directory and the upload API alike. */
    public RouteFilePolicy policy() {
        RouteFilePolicy p = policy;
        if (p == null) {
            p = RouteFilePolicy.of(config.routes().policy());
            policy = p;
        }
        return p;
    }

    public long maxFileSize() {
        return config.routes().maxFileSize().asLongValue();
    }

    /** Deploys every route file of the directory, each on its own: a bad file is reported and skipped. */
    public void deployDirectory() {
        Path dir = directory();
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            LOG.errorf("Routes directory %s cannot be created (%s): no route files are deployed", dir, e);
            return;
        }
        List<String> files = listRouteFiles();
        LOG.infof("Deploying %d route file(s) from %s", files.size(), dir);
        for (String file : files) {
            fromDirectory(file, RouteDeployment.Cause.STARTUP);
        }
    }

    /** The route files in the directory, by name. */
    public List<String> listRouteFiles() {
        try (Stream<Path> files = Files.list(directory())) {
            return files.filter(Files::isRegularFile).map(p -> p.getFileName().toString())
                    .filter(RouteFileName::isRouteFile).sorted().toList();
        } catch (NoSuchFileException e) {
            return List.of();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The directory's current version of a file, read now: deployed unless it is the version already live or already
     * refused. A file that has gone is undeployed.
     */
    public Optional<Result> fromDirectory(String file, RouteDeployment.Cause cause) {
        lock.lock();
        try {
            Path path = RouteFileName.resolve(directory(), file);
            byte[] bytes;
            try {
                bytes = readLimited(path);
            } catch (NoSuchFileException e) {
                return removedFromDirectory(file);
            } catch (IOException e) {
                LOG.warnf("Route file %s cannot be read now (%s); it will be read again when it changes", file, e);
                return Optional.empty();
            }
            String checksum = checksum(bytes);
            Live current = live.get(file);
            Rejected refused = rejected.get(file);
            if (current != null && current.checksum().equals(checksum)) {
                rejected.remove(file);
                return Optional.empty();
            }
            if (refused != null && refused.checksum().equals(checksum)) {
                return Optional.empty();
            }
            return Optional.of(apply(file, bytes, checksum, cause, SYSTEM, null, null));
        } finally {
            lock.unlock();
        }
    }

    /** A file that disappeared from the directory: its routes stop and are removed. */
    public Optional<Result> removedFromDirectory(String file) {
        lock.lock();
        try {
            if (!live.containsKey(file) && !rejected.containsKey(file)) {
                return Optional.empty();
            }
            return Optional.of(new Result(undeploy(file, RouteDeployment.Cause.DIRECTORY, SYSTEM), List.of()));
        } finally {
            lock.unlock();
        }
    }

    /** An uploaded version: checked like a file from the directory, and written there only if it went live. */
    public Result upload(String file, byte[] bytes, String actor) {
        lock.lock();
        try {
            RouteFileName.resolve(directory(), file);
            return apply(file, bytes, checksum(bytes), RouteDeployment.Cause.API, actor, null, directory());
        } finally {
            lock.unlock();
        }
    }

    /** Deploys a previously deployed version again and writes it back to the routes directory. */
    public Result restore(long deploymentId, String actor) {
        lock.lock();
        try {
            RouteDeployment version = history.find(deploymentId).orElseThrow(() -> new ServiceException.NotFound(
                    "DEPLOYMENT_NOT_FOUND", "no route deployment " + deploymentId));
            if (version.outcome != RouteDeployment.Outcome.DEPLOYED || version.content == null) {
                throw new ServiceException.Conflict("NOT_RESTORABLE", "deployment " + deploymentId + " of "
                        + version.file + " is " + version.outcome + ": only a version that was deployed can be restored");
            }
            byte[] bytes = version.content.getBytes(StandardCharsets.UTF_8);
            return apply(version.file, bytes, checksum(bytes), RouteDeployment.Cause.RESTORE, actor, version.id,
                    directory());
        } finally {
            lock.unlock();
        }
    }

    /** Removes a file from the directory and its routes from the hub. */
    public RouteDeployment delete(String file, String actor) {
        lock.lock();
        try {
            Path path = RouteFileName.resolve(directory(), file);
            boolean existed = Files.deleteIfExists(path);
            if (!existed && !live.containsKey(file) && !rejected.containsKey(file)) {
                throw new ServiceException.NotFound("ROUTE_FILE_NOT_FOUND", "no route file " + file);
            }
            return undeploy(file, RouteDeployment.Cause.API, actor);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            lock.unlock();
        }
    }

    public Optional<Live> live(String file) {
        return Optional.ofNullable(live.get(file));
    }

    public Collection<Live> liveFiles() {
        return List.copyOf(new TreeMap<>(live).values());
    }

    /** Files in the directory whose current version was refused, by name. */
    public Map<String, Rejected> rejectedFiles() {
        return new TreeMap<>(rejected);
    }

    /** The file that owns a route (directly or through a template), if a file does. */
    public Optional<Live> ownerOf(String routeId) {
        return live.values().stream().filter(l -> l.owns(routeId)).findFirst();
    }

    // ---------------------------------------------------------------------------------------------------------------

    private Result apply(String file, byte[] bytes, String checksum, RouteDeployment.Cause cause, String actor,
            Long restoredFrom, Path writeTo) {
        String content = null;
        List<RouteDefinition> routes;
        try {
            content = decode(file, bytes);
            routes = new RouteValidator(camel, templates, policy()).read(file, content, id -> otherOwner(id, file));
        } catch (InvalidRouteFile e) {
            return reject(file, checksum, content, cause, actor, restoredFrom, e.problems(), writeTo == null);
        }

        Path staged = writeTo == null ? null : stage(writeTo, bytes);
        Live previous = live.get(file);
        Set<String> templateRoutes;
        try {
            templateRoutes = swap(file, previous, routes);
        } catch (InvalidRouteFile e) {
            deleteQuietly(staged);
            return reject(file, checksum, content, cause, actor, restoredFrom, e.problems(), writeTo == null);
        }
        if (staged != null) {
            moveInto(staged, RouteFileName.resolve(writeTo, file));
        }
        List<String> ids = routes.stream().map(RouteDefinition::getRouteId).toList();
        RouteDeployment deployment = record(file, checksum, RouteDeployment.Outcome.DEPLOYED, cause, ids, null, content,
                actor, restoredFrom);
        live.put(file, new Live(file, checksum, content, ids, templateRoutes, deployment));
        rejected.remove(file);
        LOG.infof("Route file %s deployed (%s): routes %s%s", file, cause.name().toLowerCase(), ids,
                previous == null ? "" : " replace the previous version");
        return new Result(deployment, List.of());
    }

    private Result reject(String file, String checksum, String content, RouteDeployment.Cause cause, String actor,
            Long restoredFrom, List<RouteProblem> problems, boolean directoryVersion) {
        RouteDeployment deployment = record(file, checksum, RouteDeployment.Outcome.REJECTED, cause, List.of(),
                problems.get(0), content, actor, restoredFrom);
        if (directoryVersion) {
            rejected.put(file, new Rejected(file, checksum, problems, deployment));
        }
        Live previous = live.get(file);
        LOG.warnf("Route file %s rejected: %s%s; %s", file, problems.get(0),
                problems.size() > 1 ? " (and " + (problems.size() - 1) + " more)" : "",
                previous == null ? "nothing from it runs" : "its previous version keeps running");
        return new Result(deployment, problems);
    }

    private RouteDeployment undeploy(String file, RouteDeployment.Cause cause, String actor) {
        Live previous = live.remove(file);
        rejected.remove(file);
        List<String> ids = List.of();
        if (previous != null) {
            stopAndRemove(previous.routeIds(), previous.templateRouteIds());
            ids = previous.routeIds();
        }
        LOG.infof("Route file %s undeployed (%s): routes %s removed", file, cause.name().toLowerCase(), ids);
        return record(file, null, RouteDeployment.Outcome.UNDEPLOYED, cause, ids, null, null, actor, null);
    }

    /** Replaces the previous version's routes with the new ones; on failure the previous version runs again. */
    private Set<String> swap(String file, Live previous, List<RouteDefinition> routes) throws InvalidRouteFile {
        if (previous != null) {
            stopAndRemove(previous.routeIds(), previous.templateRouteIds());
        }
        List<String> ids = routes.stream().map(RouteDefinition::getRouteId).toList();
        try {
            model().addRouteDefinitions(routes);
            for (String id : ids) {
                ServiceStatus status = camel.getRouteController().getRouteStatus(id);
                if (status == null || !status.isStarted()) {
                    throw new IllegalStateException("route " + id + " did not start (status " + status + ")");
                }
            }
            return templateRoutesOf(ids);
        } catch (Exception e) {
            RouteProblem problem = startProblem(file, routes, e);
            Set<String> partial = templateRoutesOf(ids);
            stopAndRemove(ids, partial);
            if (previous != null) {
                restartPrevious(previous);
            }
            throw new InvalidRouteFile(problem);
        }
    }

    private void restartPrevious(Live previous) {
        try {
            List<RouteDefinition> routes = new RouteFileParser(camel).parse(previous.file(), previous.content());
            model().addRouteDefinitions(routes);
            live.put(previous.file(), new Live(previous.file(), previous.checksum(), previous.content(),
                    previous.routeIds(), templateRoutesOf(previous.routeIds()), previous.deployment()));
            LOG.infof("Route file %s: the previous version runs again", previous.file());
        } catch (Exception e) {
            live.remove(previous.file());
            LOG.errorf(e, "Route file %s: the previous version could not be started again; its routes %s are stopped",
                    previous.file(), previous.routeIds());
        }
    }

    /**
     * Stops routes gracefully, those that take messages from outside first (so nothing new comes in while the others
     * finish their in-flight exchanges), then removes them.
     */
    private void stopAndRemove(Collection<String> routeIds, Collection<String> templateRouteIds) {
        List<String> all = new ArrayList<>(routeIds);
        all.addAll(templateRouteIds);
        List<String> ordered = new ArrayList<>();
        all.stream().filter(id -> !internal(id)).forEach(ordered::add);
        all.stream().filter(this::internal).forEach(ordered::add);
        long drain = config.routes().drainTimeout().toMillis();
        for (String id : ordered) {
            if (camel.getRoute(id) == null) {
                continue;
            }
            try {
                camel.getRouteController().stopRoute(id, drain, TimeUnit.MILLISECONDS);
            } catch (Exception e) {
                LOG.warnf("Route %s did not stop cleanly: %s", id, e.toString());
            }
        }
        for (String id : ordered) {
            try {
                if (camel.getRoute(id) != null && !camel.removeRoute(id)) {
                    LOG.warnf("Route %s could not be removed (status %s)", id,
                            camel.getRouteController().getRouteStatus(id));
                }
            } catch (Exception e) {
                LOG.warnf("Route %s could not be removed: %s", id, e.toString());
            }
        }
    }

    /** A route fed only by other routes (direct, seda, a template's entry). */
    private boolean internal(String routeId) {
        Route route = camel.getRoute(routeId);
        String scheme = route == null ? null : StringHelper.before(route.getEndpoint().getEndpointUri(), ":");
        return "direct".equals(scheme) || "seda".equals(scheme) || "kamelet".equals(scheme);
    }

    /** The routes templates created for these routes, and for those, and so on. */
    private Set<String> templateRoutesOf(Collection<String> parents) {
        Set<String> found = new LinkedHashSet<>();
        boolean grew = true;
        while (grew) {
            grew = false;
            for (RouteDefinition def : model().getRouteDefinitions()) {
                Map<String, Object> parameters = def.getTemplateParameters();
                Object parent = parameters == null ? null : parameters.get("parentRouteId");
                if (Boolean.TRUE.equals(def.isKamelet()) && parent != null
                        && (parents.contains(parent.toString()) || found.contains(parent.toString()))
                        && found.add(def.getRouteId())) {
                    grew = true;
                }
            }
        }
        return found;
    }

    private RouteProblem startProblem(String file, List<RouteDefinition> routes, Exception e) {
        String routeId = null;
        for (Throwable t = e; t != null && routeId == null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof org.apache.camel.FailedToCreateRouteException failed) {
                routeId = failed.getRouteId();
            } else if (t instanceof org.apache.camel.FailedToStartRouteException failed) {
                routeId = failed.getRouteId();
            }
        }
        String id = routeId;
        int line = routes.stream().filter(r -> r.getRouteId().equals(id)).findFirst()
                .map(RouteDefinition::getLineNumber).orElse(routes.get(0).getLineNumber());
        return new RouteProblem(file, Math.max(line, 0), "the route did not start: " + RouteValidator.rootMessage(e));
    }

    /** Who else owns a route id: another file, or the hub itself (a built-in route). */
    private Optional<String> otherOwner(String routeId, String file) {
        for (Live other : live.values()) {
            if (other.owns(routeId)) {
                return other.file().equals(file) ? Optional.empty() : Optional.of("route file " + other.file());
            }
        }
        return camel.getRoute(routeId) != null ? Optional.of("a built-in route") : Optional.empty();
    }

    private RouteDeployment record(String file, String checksum, RouteDeployment.Outcome outcome,
            RouteDeployment.Cause cause, List<String> routeIds, RouteProblem problem, String content, String actor,
            Long restoredFrom) {
        RouteDeployment d = new RouteDeployment();
        d.file = file;
        d.checksum = checksum;
        d.outcome = outcome;
        d.cause = cause;
        d.routeIds = routeIds.isEmpty() ? null : String.join(",", routeIds);
        d.errorLine = problem == null || problem.line() == 0 ? null : problem.line();
        d.errorMessage = problem == null ? null : truncate(problem.message(), 4000);
        d.content = content;
        d.nodeName = config.nodeName();
        d.actor = truncate(actor, 100);
        d.at = OffsetDateTime.now(ZoneOffset.UTC);
        d.restoredFrom = restoredFrom;
        meters.counter("busbar.routes.deployments", "outcome", outcome.name().toLowerCase(), "cause",
                cause.name().toLowerCase()).increment();
        return history.record(d);
    }

    private String decode(String file, byte[] bytes) throws InvalidRouteFile {
        if (bytes.length > maxFileSize()) {
            throw new InvalidRouteFile(new RouteProblem(file, 0, "the file has " + bytes.length
                    + " bytes; route files are limited to " + maxFileSize() + " bytes (busbar.routes.max-file-size)"));
        }
        try {
            String text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
            return text.startsWith("\uFEFF") ? text.substring(1) : text;
        } catch (CharacterCodingException e) {
            throw new InvalidRouteFile(new RouteProblem(file, 0, "the file is not UTF-8 text"));
        }
    }

    /** Reads at most one byte more than the limit, so a huge file is refused without reading it all. */
    private byte[] readLimited(Path path) throws IOException {
        try (var in = Files.newInputStream(path)) {
            return in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxFileSize() + 1));
        }
    }

    /** Writes the new version next to its target, under a name the watcher ignores. */
    private static Path stage(Path dir, byte[] bytes) {
        try {
            Files.createDirectories(dir);
            Path staged = dir.resolve(".upload-" + UUID.randomUUID() + ".tmp");
            Files.write(staged, bytes);
            return staged;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void moveInto(Path staged, Path target) {
        try {
            Files.move(staged, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            LOG.errorf("Route file %s is live but could not be written to the routes directory: %s", target, e);
            deleteQuietly(staged);
        }
    }

    private static void deleteQuietly(Path path) {
        if (path != null) {
            try {
                Files.deleteIfExists(path);
            } catch (IOException e) {
                LOG.debugf("could not delete %s: %s", path, e);
            }
        }
    }

    private ModelCamelContext model() {
        return (ModelCamelContext) camel;
    }

    static String checksum(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String truncate(String text, int max) {
        return text == null || text.length() <= max ? text : text.substring(0, max - 1) + "…";
    }
}
