package io.busbar.hub.http;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.vertx.http.runtime.security.QuarkusHttpUser;
import io.smallrye.health.SmallRyeHealth;
import io.smallrye.health.SmallRyeHealthReporter;
import io.vertx.core.Context;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * The hub's HTTP guards, on every path (REST, SOAP, console, /q/*), in front of every resource (docs/adr/0017):
 * browser-hardening headers on every answer, errors included; cross-site state-changing requests refused
 * ({@link CrossSitePolicy}); and health details only for operators: anonymous callers (the Kubernetes probes) get
 * the status of each check, an operator's or admin's credentials on the same path get the whole report.
 */
@ApplicationScoped
public class HttpGuards {

    static final String CSP = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:;"
            + " object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";
    /** Swagger UI's page bootstraps itself with an inline script. */
    static final String SWAGGER_UI_CSP = "default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self'"
            + " 'unsafe-inline'; img-src 'self' data:; object-src 'none'; base-uri 'self'; form-action 'self';"
            + " frame-ancestors 'none'";
    static final Set<String> HEALTH_DETAIL_ROLES = Set.of("operator", "admin");
    static final List<String> BROWSER_HEADERS = List.of("Origin", "Referer", "Sec-Fetch-Site", "Sec-Fetch-Mode", "Cookie");

    @ConfigProperty(name = "busbar.http.public-origins")
    Optional<List<String>> publicOrigins;

    @Inject
    SmallRyeHealthReporter health;

    private CrossSitePolicy policy;

    void install(@Observes Router router) {
        policy = new CrossSitePolicy(publicOrigins.orElse(List.of()));
        // first of all, so that every answer carries them, whoever writes it
        router.route().order(Integer.MIN_VALUE + 10).handler(this::headers);
        // before authentication: a cross-site request is refused whatever its credentials
        router.route().order(-1000).handler(this::crossSite);
        // after authentication (order -200) and authorization (-100): the deferred identity is there
        router.routeWithRegex("/q/health(/.*)?").order(-50).handler(this::healthDetails);
    }

    private void headers(RoutingContext ctx) {
        String path = ctx.normalizedPath();
        ctx.addHeadersEndHandler(v -> {
            MultiMap headers = ctx.response().headers();
            setIfAbsent(headers, "X-Frame-Options", "DENY");
            setIfAbsent(headers, "X-Content-Type-Options", "nosniff");
            // not no-referrer: under it browsers send "Origin: null" on the console's own form posts
            setIfAbsent(headers, "Referrer-Policy", "same-origin");
            setIfAbsent(headers, "Content-Security-Policy", path.startsWith("/q/swagger-ui") ? SWAGGER_UI_CSP : CSP);
        });
        ctx.next();
    }

    private void crossSite(RoutingContext ctx) {
        var request = ctx.request();
        String authority = request.authority() == null ? request.getHeader("Host") : request.authority().toString();
        Optional<CrossSitePolicy.Refusal> refusal = policy.check(request.method().name(), ctx.normalizedPath(),
                request.getHeader("Origin"), request.getHeader("Sec-Fetch-Site"), request.getHeader("Content-Type"),
                request.scheme(), authority, browser(request), body(request));
        if (refusal.isEmpty()) {
            ctx.next();
            return;
        }
        CrossSitePolicy.Refusal r = refusal.get();
        if (r.status() == 403) {
            problem(ctx, 403, "https://busbar.io/problems/forbidden", "Not allowed", r);
        } else {
            problem(ctx, r.status(), "about:blank", "Unsupported Media Type", r);
        }
    }

    private static boolean browser(HttpServerRequest request) {
        return BROWSER_HEADERS.stream().anyMatch(h -> request.getHeader(h) != null);
    }

    private static boolean body(HttpServerRequest request) {
        String length = request.getHeader("Content-Length");
        return length == null ? request.getHeader("Transfer-Encoding") != null : !length.trim().equals("0");
    }

    private void healthDetails(RoutingContext ctx) {
        Supplier<SmallRyeHealth> report = report(ctx.normalizedPath());
        if (!"GET".equals(ctx.request().method().name()) || report == null) {
            ctx.next();
            return;
        }
        if (ctx.request().getHeader("Authorization") == null) {
            statusOnly(ctx, report);
            return;
        }
        Context context = Vertx.currentContext();
        QuarkusHttpUser.getSecurityIdentity(ctx, null).subscribe().with(
                identity -> context.runOnContext(x -> {
                    if (operator(identity)) {
                        ctx.next();
                    } else {
                        statusOnly(ctx, report);
                    }
                }),
                failure -> context.runOnContext(x -> {
                    ctx.response().putHeader("WWW-Authenticate", "Basic realm=\"Busbar\"");
                    problem(ctx, 401, "https://busbar.io/problems/unauthorized", "Authentication required",
                            new CrossSitePolicy.Refusal(401, "UNAUTHORIZED", "valid credentials are required"));
                }));
    }

    private static boolean operator(SecurityIdentity identity) {
        return identity != null && !identity.isAnonymous()
                && identity.getRoles().stream().anyMatch(HEALTH_DETAIL_ROLES::contains);
    }

    private Supplier<SmallRyeHealth> report(String path) {
        String rest = path.substring("/q/health".length()).replaceAll("/+$", "");
        return switch (rest) {
            case "" -> health::getHealth;
            case "/live" -> health::getLiveness;
            case "/ready" -> health::getReadiness;
            case "/started" -> health::getStartup;
            case "/well" -> health::getWellness;
            case "/group" -> health::getHealthGroups;
            default -> rest.startsWith("/group/") && rest.indexOf('/', 7) < 0
                    ? () -> health.getHealthGroup(rest.substring(7))
                    : null;
        };
    }

    /**
     * The overall status and each check's name and status: nothing a check puts in its data. Written by the health
     * reporter itself, so the answer reads exactly as the full one does ({@code "status": "UP"}), for probes and
     * scripts alike.
     */
    private void statusOnly(RoutingContext ctx, Supplier<SmallRyeHealth> report) {
        ctx.vertx().executeBlocking(() -> {
            SmallRyeHealth found = report.get();
            JsonObject payload = found.getPayload();
            JsonArrayBuilder checks = Json.createArrayBuilder();
            if (payload.containsKey("checks") && payload.get("checks").getValueType() == JsonValue.ValueType.ARRAY) {
                for (JsonValue check : payload.getJsonArray("checks")) {
                    JsonObject c = check.asJsonObject();
                    JsonObjectBuilder only = Json.createObjectBuilder();
                    only.add("name", c.getString("name", "")).add("status", c.getString("status", "DOWN"));
                    checks.add(only);
                }
            }
            SmallRyeHealth filtered = new SmallRyeHealth(Json.createObjectBuilder()
                    .add("status", payload.getString("status", "DOWN")).add("checks", checks).build());
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            health.reportHealth(out, filtered);
            return new Object[] { found.isDown(), out.toString(StandardCharsets.UTF_8) };
        }, false).onComplete(done -> {
            if (done.failed()) {
                ctx.fail(done.cause());
                return;
            }
            ctx.response().setStatusCode((Boolean) done.result()[0] ? 503 : 200)
                    .putHeader("Content-Type", "application/json; charset=UTF-8").end((String) done.result()[1]);
        });
    }

    private static void problem(RoutingContext ctx, int status, String type, String title, CrossSitePolicy.Refusal r) {
        String body = new io.vertx.core.json.JsonObject().put("type", type).put("title", title).put("status", status)
                .put("detail", r.detail()).put("instance", ctx.normalizedPath()).put("code", r.code()).encode();
        ctx.response().setStatusCode(status).putHeader("Content-Type", "application/problem+json").end(body);
    }

    private static void setIfAbsent(MultiMap headers, String name, String value) {
        if (!headers.contains(name)) {
            headers.set(name, value);
        }
    }
}
