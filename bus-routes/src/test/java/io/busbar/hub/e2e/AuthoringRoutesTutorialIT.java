package io.busbar.hub.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.Test;

import io.busbar.hub.testsupport.HubProcess;
import io.busbar.hub.testsupport.HubTestResource;
import io.busbar.hub.testsupport.TutorialDocument;
import io.busbar.hub.testsupport.TutorialDocument.Block;

/**
 * Follows docs/authoring-routes.md literally against the packaged hub, started as its first step says: saves each file
 * it shows, runs each command it marks with bash and curl, and checks that each command prints what the document shows.
 * The commands run in a directory laid out like the checkout's root (docs/, data/ of the hub, my-routes/); the only
 * change made to them is the port the hub listens on (the test's hub uses free ports).
 */
class AuthoringRoutesTutorialIT {

    static final Path DOC = Path.of("../docs/authoring-routes.md").toAbsolutePath().normalize();

    @Test
    void theTutorialRunsAsWritten() throws Exception {
        TutorialDocument doc = TutorialDocument.read(DOC);
        try (HubProcess hub = HubProcess.embedded("tutorial")) {
            hub.start().awaitHealthy(Duration.ofSeconds(120));
            Path root = HubTestResource.freshDirectory("tutorial-checkout");
            Files.createSymbolicLink(root.resolve("docs"), DOC.getParent());
            Files.createSymbolicLink(root.resolve("data"), hub.dataDir());

            String output = null;
            int steps = 0;
            for (Block block : doc.blocks()) {
                if ("save-as".equals(block.marker())) {
                    Path file = root.resolve(block.argument());
                    Files.createDirectories(file.getParent());
                    Files.writeString(file, block.text());
                } else if ("run".equals(block.marker())) {
                    output = TutorialDocument.run(root, block, hub);
                    steps++;
                } else if ("expect".equals(block.marker())) {
                    assertThat(TutorialDocument.matches(output, block.text()))
                            .as("output of the step before line %d of %s:%n%s%nshould show:%n%s", block.line(),
                                    DOC.getFileName(), output, block.text())
                            .isTrue();
                }
            }
            assertThat(steps).isGreaterThanOrEqualTo(5);
            assertThat(hub.output()).as("the hub logged the deployment, the refusal and the removal")
                    .contains("Route file crm-customer-intake.yaml deployed (directory)")
                    .contains("Route file crm-customer-intake.yaml rejected: crm-customer-intake.yaml:14")
                    .contains("Route file crm-customer-intake.yaml undeployed (directory)");
        }
    }
}
