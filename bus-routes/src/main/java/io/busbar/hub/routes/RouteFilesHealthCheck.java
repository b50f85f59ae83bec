package io.busbar.hub.routes;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * Route files in the readiness report: how many are live and, for each file whose current version was refused, where
 * and why. Always UP: a bad route file is the author's to fix; it must not take the hub out of service (its previous
 * version, if any, keeps running).
 */
@Readiness
@ApplicationScoped
public class RouteFilesHealthCheck implements HealthCheck {

    @Inject
    RouteDeployer deployer;

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder response = HealthCheckResponse.named("Route files").up()
                .withData("directory", deployer.directory().toString())
                .withData("deployed", deployer.liveFiles().size());
        var rejected = deployer.rejectedFiles();
        response.withData("rejected", rejected.size());
        rejected.forEach((file, refused) -> response.withData("rejected " + file, refused.problems().get(0).toString()
                + (deployer.live(file).isPresent() ? " (the previous version keeps running)" : "")));
        return response.build();
    }
}
