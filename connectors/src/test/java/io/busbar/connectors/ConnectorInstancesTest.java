package io.busbar.connectors;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;

class ConnectorInstancesTest {

    @Test
    void propertiesAndYamlFilesDeclareInstancesAndOnlyTheCallersTypesAreReturned(@TempDir Path dir)
            throws IOException {
        Files.writeString(dir.resolve("mainframe.yaml"), """
                mainframe-orders:
                  type: sftp-in
                  endpoint: sftp://mf:22/out
                  schedule: 1m
                crm-db:
                  type: db-poll
                  table: customers
                """);
        SmallRyeConfig config = new SmallRyeConfigBuilder().withSources(new PropertiesConfigSource(Map.of(
                "busbar.connectors.dir", dir.toString(),
                "busbar.connectors.legacy.type", "file-in",
                "busbar.connectors.legacy.endpoint", "/srv/in",
                "busbar.connectors.legacy.fields.ORDER_ID", "busbarOrderId",
                "busbar.connectors.mainframe-orders.schedule", "5s",
                "busbar.connectors.billing-soap.type", "soap",
                "busbar.queue.x", "y"), "test", 100)).build();

        Map<String, Map<String, String>> instances = ConnectorInstances.read(config, dir,
                Set.of("file-in", "sftp-in"));

        assertThat(instances).containsOnlyKeys("legacy", "mainframe-orders");
        assertThat(instances.get("legacy")).containsEntry("endpoint", "/srv/in")
                .containsEntry("fields.ORDER_ID", "busbarOrderId");
        // a property wins over the YAML file
        assertThat(instances.get("mainframe-orders")).containsEntry("schedule", "5s")
                .containsEntry("endpoint", "sftp://mf:22/out");
    }
}
