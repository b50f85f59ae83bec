package io.busbar.hub.console;

import static io.busbar.hub.testsupport.OrderProcess.awaitStatus;
import static io.busbar.hub.testsupport.OrderProcess.establishedCustomer;
import static io.busbar.hub.testsupport.OrderProcess.submit;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;
import jakarta.jms.TextMessage;

import org.apache.camel.CamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.TimeoutException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

import io.busbar.contract.order.v1.OrderStatus;
import io.busbar.hub.infra.HubInfrastructure;
import io.busbar.hub.testsupport.BusClient;
import io.busbar.hub.testsupport.OrderProcess;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The web console in a real headless browser (Debian's chromium through chromedriver) against the hub on a real port:
 * an operator finds a flow, reads its timeline, and edits and resubmits a parked message from the page, which then
 * completes its flow. Screenshots of each step are kept in target/screenshots. Run with -Pbrowser.
 */
@QuarkusTest
class ConsoleBrowserTest {

    static final Path SCREENSHOTS = Path.of("target", "screenshots");
    static final Duration WAIT = Duration.ofSeconds(20);

    @TestHTTPResource("/")
    URL hub;

    @Inject
    HubInfrastructure infrastructure;

    @Inject
    CamelContext camel;

    WebDriver browser;

    @BeforeEach
    void openBrowser() throws IOException {
        Files.createDirectories(SCREENSHOTS);
        ChromeOptions options = new ChromeOptions();
        options.setBinary(System.getProperty("busbar.chromium", "/usr/bin/chromium"));
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1400,1000");
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(Path.of(System.getProperty("busbar.chromedriver", "/usr/bin/chromedriver")).toFile())
                .build();
        browser = new ChromeDriver(service, options);
    }

    @AfterEach
    void closeBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    void anOperatorFindsAFlowReadsItsTimelineAndResubmitsAParkedMessageFromThePage() throws Exception {
        String orderId = parkAnOrderIntakeMessage();

        open("demo-operator", "/console");
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Overview");
        assertThat(browser.findElement(By.id("queues")).getText()).contains("invalid.order.submitted.v1");
        screenshot("01-overview");

        open("demo-operator", "/console/flows");
        browser.findElement(By.id("orderId")).sendKeys(orderId);
        browser.findElement(By.id("search-button")).click();
        WebElement row = wait(By.cssSelector("#results tr.flow"));
        assertThat(row.getText()).contains(orderId, "PARKED");
        screenshot("02-flow-search");

        row.findElement(By.tagName("a")).click();
        wait(By.id("timeline"));
        List<String> routes = browser.findElements(By.cssSelector("#timeline tr.hop td.route")).stream()
                .map(WebElement::getText).toList();
        assertThat(routes).contains("rest-door", "order-fulfilment-intake");
        assertThat(browser.findElement(By.id("timeline")).getText()).contains("PARKED", "parked in invalid.order.submitted.v1");
        screenshot("03-timeline-parked");
        String correlationId = browser.findElement(By.id("correlation")).getText();

        open("demo-operator", "/console/dead-letters?queue=invalid.order.submitted.v1");
        WebElement parked = browser.findElements(By.cssSelector("#dead-letters tr.dead-letter")).stream()
                .filter(r -> r.getText().contains(orderId)).findFirst().orElseThrow();
        parked.findElement(By.tagName("a")).click();
        wait(By.id("body"));
        assertThat(browser.findElement(By.id("reason")).getText()).startsWith("not a valid OrderSubmitted");
        screenshot("04-dead-letter");

        // the operator fixes the cut message: puts back what the sender meant to send
        ((JavascriptExecutor) browser).executeScript("document.getElementById('edit-body').value = arguments[0];", fixedBody);
        browser.findElement(By.id("save-edit")).click();
        wait(By.id("edited"));
        assertThat(browser.findElement(By.id("audit")).getText()).contains("EDIT", "demo-operator");
        screenshot("05-edited");

        browser.findElement(By.id("resubmit")).click();
        assertThat(wait(By.id("notice")).getText()).contains("resubmitted to order.submitted.v1");
        screenshot("06-resubmitted");

        awaitStatus(orderId, OrderStatus.SHIPPED);
        await().atMost(OrderProcess.PATIENCE).until(() -> {
            open("demo-operator", "/console/flows/" + correlationId);
            return browser.findElement(By.id("timeline")).getText().contains("order-fulfilment-warehouse");
        });
        assertThat(browser.findElement(By.id("flow-status")).getText()).isEqualTo("COMPLETED");
        screenshot("07-timeline-completed");

        // a viewer reads the same pages without the actions
        String viewerPage = given().auth().preemptive().basic("demo-viewer", "demo-viewer")
                .get("/console/dead-letters").then().statusCode(200).extract().asString();
        assertThat(viewerPage).contains("Error hospital").doesNotContain("id=\"resubmit\"");
    }

    String fixedBody;

    /** An order whose intake message reached the bus cut short, so the hub parked it in invalid.order.submitted.v1. */
    private String parkAnOrderIntakeMessage() throws Exception {
        try (BusClient bus = BusClient.using(infrastructure.brokerEndpoint().connectionFactory())) {
            String orderId;
            camel.getRouteController().stopRoute("order-fulfilment-intake");
            try {
                orderId = submit(establishedCustomer(), "SKU-CONSOLE", "4.00");
                TextMessage intake = bus.receive("order.submitted.v1", "busbarOrderId = '" + orderId + "'", 10_000);
                fixedBody = intake.getText();
                Map<String, Object> properties = new HashMap<>();
                for (Enumeration<?> names = intake.getPropertyNames(); names.hasMoreElements();) {
                    String name = (String) names.nextElement();
                    if (name.startsWith("busbar")) {
                        properties.put(name, intake.getObjectProperty(name));
                    }
                }
                bus.send("order.submitted.v1", fixedBody.substring(0, fixedBody.length() / 2), properties);
            } finally {
                camel.getRouteController().startRoute("order-fulfilment-intake");
            }
            await().atMost(OrderProcess.PATIENCE).ignoreExceptions()
                    .until(() -> !bus.browse("invalid.order.submitted.v1", "busbarOrderId = '" + orderId + "'").isEmpty());
            return orderId;
        }
    }

    private void open(String user, String path) {
        browser.get(hub.getProtocol() + "://" + user + ":" + user + "@" + hub.getHost() + ":" + hub.getPort() + path);
    }

    private WebElement wait(By what) throws IOException {
        try {
            return new WebDriverWait(browser, WAIT).until(d -> {
                List<WebElement> found = d.findElements(what);
                return found.isEmpty() ? null : found.get(0);
            });
        } catch (TimeoutException e) {
            screenshot("failed-waiting-for-" + what.toString().replaceAll("[^A-Za-z0-9-]", "_"));
            Files.writeString(SCREENSHOTS.resolve("failed-page.html"), browser.getPageSource());
            throw new AssertionError("no " + what + " on " + browser.getCurrentUrl() + ": " + browser.getPageSource(), e);
        }
    }

    private void screenshot(String name) throws IOException {
        Path shot = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE).toPath();
        Files.copy(shot, SCREENSHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
    }
}
