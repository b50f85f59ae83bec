package io.busbar.hub.http;

import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Which state-changing requests the hub refuses as cross-site (docs/adr/0017). A browser cannot be kept from sending a
 * request with the user's credentials, only from sending one the hub then acts on: every POST, PUT, PATCH and DELETE
 * from another origin ({@code Origin}, or {@code Sec-Fetch-Site: cross-site / same-site}) is refused; on the console,
 * a browser surface, so is one without an Origin or with {@code Origin: null}; the JSON and SOAP doors take no body a
 * browser can send cross-site without asking first (a form or text/plain POST) without an Origin that proves it
 * their own, when it comes from a browser or is not empty. Clients without a browser (curl, SOAP stacks) send no Origin and
 * keep working on the API doors, an
 * empty {@code curl -d ''} included.
 */
public final class CrossSitePolicy {

    static final Set<String> STATE_CHANGING = Set.of("POST", "PUT", "PATCH", "DELETE");
    static final Set<String> SIMPLE_BODIES = Set.of("application/x-www-form-urlencoded", "multipart/form-data",
            "text/plain");

    /** Why a request is refused: the HTTP status, a stable code and a sentence for the caller. */
    public record Refusal(int status, String code, String detail) {
    }

    private final List<String> publicOrigins;

    /** @param publicOrigins further origins the hub is reached under (behind a proxy), e.g. https://hub.example.com */
    public CrossSitePolicy(List<String> publicOrigins) {
        this.publicOrigins = publicOrigins.stream().map(CrossSitePolicy::normalize).flatMap(Optional::stream).toList();
    }

    /**
     * @param scheme the scheme the request came in on; {@code authority} its Host header (host[:port])
     * @param browser whether the request carries anything only browsers send (Origin, Referer, Sec-Fetch-*, Cookie)
     * @param body whether the request has a body that is not empty
     */
    public Optional<Refusal> check(String method, String path, String origin, String fetchSite, String contentType,
            String scheme, String authority, boolean browser, boolean body) {
        if (method == null || !STATE_CHANGING.contains(method.toUpperCase(Locale.ROOT))) {
            return Optional.empty();
        }
        boolean console = path.equals("/console") || path.startsWith("/console/");
        if (fetchSite != null) {
            String site = fetchSite.trim().toLowerCase(Locale.ROOT);
            if (site.equals("cross-site") || site.equals("same-site")) {
                return refuse("the browser says this request comes from another site (Sec-Fetch-Site: " + site + ")");
            }
        }
        boolean noOrigin = origin == null || origin.isBlank();
        if (noOrigin) {
            if (console) {
                return refuse("the console acts only on requests from its own pages (no Origin header)");
            }
        } else if (origin.trim().equals("null")) {
            return refuse("a request from an opaque origin (Origin: null) is refused");
        } else if (!sameOrigin(origin, scheme, authority)) {
            return refuse("a request from another origin (" + origin + ") is refused");
        }
        boolean api = path.startsWith("/api/") || path.equals("/soap") || path.startsWith("/soap/");
        // without an Origin nothing proves where a form came from
        if (api && noOrigin && "POST".equalsIgnoreCase(method) && contentType != null && (browser || body)) {
            String type = contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
            if (SIMPLE_BODIES.contains(type)) {
                return Optional.of(new Refusal(415, "UNSUPPORTED_MEDIA_TYPE",
                        "this door takes no " + type + " body (a browser form can send one from any site)"));
            }
        }
        return Optional.empty();
    }

    private boolean sameOrigin(String origin, String scheme, String authority) {
        Optional<String> asked = normalize(origin);
        if (asked.isEmpty()) {
            return false;
        }
        if (authority != null && scheme != null && asked.equals(normalize(scheme + "://" + authority))) {
            return true;
        }
        return publicOrigins.contains(asked.get());
    }

    /** scheme://host:port in lower case, the port made explicit; empty for anything that is not an http(s) origin. */
    static Optional<String> normalize(String origin) {
        try {
            URI uri = URI.create(origin.trim());
            String scheme = uri.getScheme() == null ? null : uri.getScheme().toLowerCase(Locale.ROOT);
            if (uri.getHost() == null || !("http".equals(scheme) || "https".equals(scheme))) {
                return Optional.empty();
            }
            int port = uri.getPort() != -1 ? uri.getPort() : "https".equals(scheme) ? 443 : 80;
            return Optional.of(scheme + "://" + uri.getHost().toLowerCase(Locale.ROOT) + ":" + port);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static Optional<Refusal> refuse(String detail) {
        return Optional.of(new Refusal(403, "CROSS_SITE_REQUEST", detail));
    }
}
