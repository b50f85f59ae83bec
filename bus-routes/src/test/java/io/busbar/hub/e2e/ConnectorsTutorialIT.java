package io.busbar.hub.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.busbar.hub.testsupport.HubProcess;
import io.busbar.hub.testsupport.HubTestResource;
import io.busbar.hub.testsupport.TutorialDocument;
import io.busbar.hub.testsupport.TutorialDocument.Block;

/**
 * Follows "Your first connector instance, step by step" in docs/connectors.md literally, as a new user would: saves
 * the instance file it shows into the data directory, starts the packaged hub on its embedded defaults (as the step
 * says: instances are read at start), then runs each command with bash and curl and checks that it prints what the
 * document shows. The only change made to the commands is the port the hub listens on.
 */
class ConnectorsTutorialIT {

    static final Path DOC = Path.of("../docs/connectors.md").toAbsolutePath().normalize();

    @Test
    void theConnectorTutorialRunsAsWritten() throws Exception {
        TutorialDocument doc = TutorialDocument.read(DOC);
        List<Block> blocks = doc.blocks().stream().filter(b -> b.marker() != null).toList();
        assertThat(blocks).as("the tutorial's marked blocks").hasSizeGreaterThanOrEqualTo(10);
        try (HubProcess hub = HubProcess.embedded("connectors-tutorial")) {
            Path root = HubTestResource.freshDirectory("connectors-tutorial-checkout");
            Files.createDirectories(hub.dataDir());
            Files.createSymbolicLink(root.resolve("data"), hub.dataDir());

            String output = null;
            int steps = 0;
            for (Block block : blocks) {
                if ("save-as".equals(block.marker())) {
                    assertThat(steps).as("files to save come before the hub starts").isZero();
                    Path file = root.resolve(block.argument());
                    Files.createDirectories(file.getParent());
                    Files.writeString(file, block.text());
                } else if ("run".equals(block.marker())) {
                    if (steps == 0) {
                        hub.start().awaitHealthy(Duration.ofSeconds(120));
                    }
                    output = TutorialDocument.run(root, block, hub);
                    steps++;
                } else if ("expect".equals(block.marker())) {
                    assertThat(TutorialDocument.matches(output, block.text()))
                            .as("output of the step before line %d of %s:%n%s%nshould show:%n%s", block.line(),
                                    DOC.getFileName(), output, block.text())
                            .isTrue();
                }
            }
            assertThat(steps).isGreaterThanOrEqualTo(7);
            assertThat(hub.output()).as("the hub logged the file's progress")
                    .contains("connector acme-orders: file orders-0001.csv");
        }
    }
}
