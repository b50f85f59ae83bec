package io.busbar.hub.routes;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import io.busbar.hub.mediation.HubServiceCalls;
import io.busbar.hub.testsupport.TutorialDocument;
import io.busbar.hub.testsupport.TutorialDocument.Block;

/**
 * docs/authoring-routes.md cannot drift from what the build tests: the files it shows are the ones the route tests run,
 * its Java example is a test, its template table lists every template, and its commands are the ones the tutorial
 * test runs (AuthoringRoutesTutorialIT runs them against the packaged hub).
 */
class AuthoringRoutesDocTest {

    static final Path DOC = Path.of("../docs/authoring-routes.md");
    static final Path FILES = Path.of("../docs/authoring-routes");

    final TutorialDocument doc = TutorialDocument.read(DOC);

    @Test
    void everyFileTheTutorialHasTheReaderSaveIsTheFileTheRouteTestsRun() throws Exception {
        List<Block> saved = doc.marked("save-as");
        assertThat(saved).extracting(Block::argument).containsExactly("my-routes/crm-customer.json",
                "my-routes/crm-customer-intake.yaml", "my-routes/crm-customer-intake.test.yaml");
        for (Block block : saved) {
            Path tested = FILES.resolve(Path.of(block.argument()).getFileName());
            assertThat(block.text()).as("block at line " + block.line() + " vs " + tested).isEqualTo(Files.readString(tested));
        }
    }

    @Test
    void theJavaExampleIsATestOfTheProject() throws Exception {
        List<Block> excerpts = doc.marked("excerpt-of");
        assertThat(excerpts).isNotEmpty();
        for (Block block : excerpts) {
            assertThat(Files.readString(Path.of("..").resolve(block.argument()))).contains(block.text());
        }
    }

    @Test
    void theTemplateTableListsEveryTemplateAndTheServiceOperations() throws Exception {
        String text = Files.readString(DOC);
        try (Stream<Path> kamelets = Files.list(Path.of("src/main/resources/kamelets"))) {
            List<String> names = kamelets.map(p -> p.getFileName().toString().replace(RouteTemplates.SUFFIX, "")).toList();
            assertThat(names).isNotEmpty().allSatisfy(name -> assertThat(text).contains("| `" + name + "` |"));
        }
        assertThat(new RouteTemplates().find("busbar-service-call").orElseThrow().parameter("operation").orElseThrow()
                .allowed()).as("the template's operations are the ones HubServiceCalls serves")
                .containsExactlyInAnyOrderElementsOf(HubServiceCalls.OPERATIONS);
        HubServiceCalls.OPERATIONS.forEach(operation -> assertThat(text).contains("`" + operation + "`"));
    }

    @Test
    void theCommandsAreTheOnesTheHubAndTheTestsUse() {
        List<String> unmarked = doc.blocks().stream().filter(b -> b.marker() == null && b.language().equals("sh"))
                .map(Block::text).toList();
        assertThat(unmarked).as("commands the tutorial test does not run itself").hasSize(2);
        // the start command is the README's, which HubProcess runs in the end-to-end tests
        assertThat(unmarked.get(0)).isEqualTo(
                "./mvnw -B package -DskipTests && java -Dquarkus.profile=embedded -jar bus-routes/target/quarkus-app/quarkus-run.jar\n");
        // the route test command runs RouteSpecsTest on the reader's folder
        assertThat(unmarked.get(1)).contains("-Dtest=" + RouteSpecsTest.class.getSimpleName())
                .contains("-Droute-tests=$PWD/my-routes");
        assertThat(doc.marked("run")).hasSizeGreaterThanOrEqualTo(5);
        assertThat(doc.marked("expect")).hasSizeGreaterThanOrEqualTo(5);
    }

    @Test
    void expectedOutputMatchesPieceByPiece() {
        assertThat(TutorialDocument.matches("a {\"id\":7,\"x\":1}\nnext", "{\"id\":…,\"x\":1}")).isTrue();
        assertThat(TutorialDocument.matches("{\"x\":1,\"id\":7}", "{\"id\":…,\"x\":1}")).isFalse();
        assertThat(TutorialDocument.matches("one\ntwo", "two\none")).isTrue();
        assertThat(TutorialDocument.matches("one", "one\nthree")).isFalse();
    }
}
