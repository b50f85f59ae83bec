package io.busbar.hub.connectors;

import java.nio.file.Path;
import java.util.Map;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.Config;

import io.busbar.connectors.ConnectorInstances;
import io.busbar.hub.infra.HubConfig;

/**
 * The connector instances of given types, from {@code busbar.connectors.<instance>.<key>} properties and the YAML files
 * of the connectors directory ({@code busbar.connectors.dir}, default {@code <data dir>/connectors}).
 */
@ApplicationScoped
public class ConnectorConfig {

    @Inject
    Config config;

    @Inject
    HubConfig hub;

    public Map<String, Map<String, String>> instances(String... types) {
        String dir = config.getOptionalValue("busbar.connectors.dir", String.class).orElse(hub.dataDir() + "/connectors");
        return ConnectorInstances.read(config, Path.of(dir), Set.of(types));
    }

    /** One instance's keys; an instance that is not configured is an error in the caller's configuration. */
    public Map<String, String> instance(String name, String type) {
        Map<String, String> keys = instances(type).get(name);
        if (keys == null) {
            throw new IllegalStateException("no connector instance " + name + " of type " + type);
        }
        return keys;
    }
}
