package io.busbar.hub.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.math.BigDecimal;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import jakarta.xml.ws.WebServiceClient;
import jakarta.xml.ws.spi.Provider;

import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import javax.xml.parsers.DocumentBuilderFactory;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import io.busbar.hub.testsupport.HubProcess;
import io.busbar.hub.testsupport.Scratch;

/**
 * Acceptance: a client generated at test time from the WSDLs the running hub serves, by a toolkit other than the
 * hub's own (Eclipse Metro, the Jakarta XML Web Services reference implementation, where the hub runs Apache CXF),
 * works for every operation of the three SOAP services, over SOAP 1.1 and SOAP 1.2, with WS-Security.
 * <p>
 * One packaged hub for the whole class. Metro's wsimport reads each served {@code ?wsdl} (and the XSDs it imports)
 * into Java sources; javac compiles them with the driver under {@code src/test/resources/metro}, written against
 * Metro's generated API; the driver runs in its own class loader and returns what it saw, which the tests below
 * assert. This class runs only in the failsafe execution {@code metro-wsdl-client}, whose classpath has Metro and
 * none of the project's dependencies: CXF also provides {@code jakarta.xml.ws.spi.Provider}, and the client must not
 * be CXF's.
 */
class MetroWsdlClientIT {

    static final Duration START = Duration.ofSeconds(120);
    static final List<String> SERVICES = List.of("customer", "billing", "fulfilment");
    static final String GENERATED_PACKAGE = "io.busbar.metro.wsdl.";
    static final String DRIVER = "io.busbar.metro.driver.MetroDriver";
    static final String SOAP11 = "http://schemas.xmlsoap.org/soap/envelope/";
    static final String SOAP12 = "http://www.w3.org/2003/05/soap-envelope";

    static HubProcess hub;
    static String base;
    static String run;
    static Path work;
    static URLClassLoader client;
    static Map<String, Object> seen;
    static final Map<String, String> wsdls = new LinkedHashMap<>();

    @BeforeAll
    static void generateCompileAndDriveAClientAgainstTheRunningHub() throws Exception {
        long started = System.nanoTime();
        // the order process is held (its routes not started, so the hub is live but not ready): this class walks
        // the contracts, and an order the bus moved on (held, invoiced) would change what each call may answer;
        // OrderFlowTest covers the process
        hub = HubProcess.embedded("metro-wsdl-hub")
                .with("camel.main.autoStartupExcludePattern", "order-fulfilment-*")
                .start()
                .awaitLive(START);
        long healthy = System.nanoTime();
        base = "http://localhost:" + hub.httpPort();
        run = "m" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
        work = Scratch.freshDirectory("metro-wsdl-client");
        Path generated = Files.createDirectories(work.resolve("metro-generated"));
        Path classes = Files.createDirectories(work.resolve("classes"));

        for (String service : SERVICES) {
            String url = base + "/soap/" + service + "?wsdl";
            wsdls.put(service, get(url));
            wsimport(service, url, generated);
        }
        long imported = System.nanoTime();
        compile(generated, classes);
        long compiled = System.nanoTime();

        client = new URLClassLoader(new URL[] { classes.toUri().toURL() }, MetroWsdlClientIT.class.getClassLoader());
        @SuppressWarnings("unchecked")
        Function<Map<String, String>, Map<String, Object>> driver = (Function<Map<String, String>, Map<String, Object>>) client
                .loadClass(DRIVER).getConstructor().newInstance();
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(client);
        try {
            seen = driver.apply(Map.of("baseUrl", base, "run", run));
        } catch (RuntimeException e) {
            List<String> log = hub.output().lines().toList();
            throw new AssertionError(e.getMessage() + "\n--- end of the hub's log ---\n"
                    + String.join("\n", log.subList(Math.max(0, log.size() - 60), log.size())), e);
        } finally {
            thread.setContextClassLoader(previous);
        }
        System.out.printf("Metro client: hub live in %.1f s, wsimport %.1f s, javac %.1f s, %d exchanges %.1f s%n",
                seconds(started, healthy), seconds(healthy, imported), seconds(imported, compiled),
                ((List<?>) seen.get("exchanges")).size(), seconds(compiled, System.nanoTime()));
    }

    private static double seconds(long from, long to) {
        return (to - from) / 1e9;
    }

    @AfterAll
    static void stop() throws IOException {
        if (client != null) {
            client.close();
        }
        if (hub != null) {
            hub.close();
        }
    }

    @Test
    void theClientIsMetroAndCxfIsNowhereOnItsClasspath() {
        assertThat(Provider.provider().getClass().getName()).isEqualTo("com.sun.xml.ws.spi.ProviderImpl");
        assertThat(seen).contains(entry("provider", "com.sun.xml.ws.spi.ProviderImpl"),
                entry("customer.proxy", "com.sun.xml.ws.client.sei.SEIStub"));
        assertThatThrownBy(() -> Class.forName("org.apache.cxf.jaxws.spi.ProviderImpl"))
                .isInstanceOf(ClassNotFoundException.class);
        assertThatThrownBy(() -> Class.forName("io.busbar.services.soap.WsSecurityInterceptor"))
                .as("the hub's SOAP code is not on this classpath either").isInstanceOf(ClassNotFoundException.class);
    }

    @Test
    void wsimportGeneratedOneClientPerServedWsdlWithAMethodForEveryOperation() throws Exception {
        for (String service : SERVICES) {
            String name = capitalized(service) + "Service";
            Class<?> serviceClass = client.loadClass(GENERATED_PACKAGE + service + "." + name);
            assertThat(serviceClass.getClassLoader()).as("compiled at test time").isSameAs(client);
            WebServiceClient annotation = serviceClass.getAnnotation(WebServiceClient.class);
            assertThat(annotation.wsdlLocation()).as("generated from the WSDL the hub serves")
                    .isEqualTo(base + "/soap/" + service + "?wsdl");

            Class<?> portType = client.loadClass(GENERATED_PACKAGE + service + "." + name + "PortType");
            Set<String> methods = Arrays.stream(portType.getDeclaredMethods()).map(Method::getName)
                    .collect(Collectors.toCollection(TreeSet::new));
            assertThat(methods).as(service).isEqualTo(operations(service)).hasSizeGreaterThanOrEqualTo(5);
            assertThat(Files.readString(work.resolve("wsimport-" + service + ".log")))
                    .doesNotContain("[ERROR]");
        }
    }

    @Test
    void everyOperationOfEveryServiceWasCalledOverSoap11AndEachServiceOverSoap12() throws Exception {
        @SuppressWarnings("unchecked")
        List<String> exchanges = (List<String>) seen.get("exchanges");
        Map<String, String> accounts = Map.of("customer", "demo-customer-service", "billing", "demo-billing",
                "fulfilment", "demo-order-desk");
        for (String service : SERVICES) {
            String prefix = capitalized(service) + "Service ";
            Set<String> overSoap11 = exchanges.stream().filter(e -> e.startsWith(prefix))
                    .filter(e -> e.contains(" SOAP-1.1 " + accounts.get(service) + " ")).map(e -> e.split(" ")[1])
                    .collect(Collectors.toCollection(TreeSet::new));
            assertThat(overSoap11).as(service + " over SOAP 1.1").isEqualTo(operations(service));
            assertThat(exchanges).as(service + " over SOAP 1.2, answered")
                    .anyMatch(e -> e.startsWith(prefix) && e.endsWith(" SOAP-1.2 " + accounts.get(service) + " response"));
            assertThat(seen).as("ports at the address the hub's WSDL names").contains(
                    entry(service + ".soap11.endpoint", base + "/soap/" + service),
                    entry(service + ".soap12.endpoint", base + "/soap/" + service + "/soap12"));
        }
    }

    @Test
    void customerServiceRegistersReadsUpdatesSearchesAndDeactivates() {
        String person = (String) seen.get("customer.register.id");
        String organisation = (String) seen.get("customer.register12.id");
        assertThat(person).matches("CUS-\\d{8}");
        assertThat(organisation).matches("CUS-\\d{8}").isNotEqualTo(person);
        assertThat(seen).contains(
                entry("customer.register.name", "Metro Person " + run),
                entry("customer.register.kind", "PERSON"),
                entry("customer.register.email", "person." + run + "@metro.example.org"),
                entry("customer.register.line1", "1 Wsimport Street"),
                entry("customer.register.postalCode", "3511 AB"),
                entry("customer.register.country", "NL"),
                entry("customer.register.status", "ACTIVE"),
                entry("customer.register.createdBy", "demo-customer-service"),
                entry("customer.register.envelope", SOAP11),
                entry("customer.register12.kind", "ORGANISATION"),
                entry("customer.register12.phone", "+31 30 123 4567"),
                entry("customer.register12.requestEnvelope", SOAP12),
                entry("customer.register12.responseEnvelope", SOAP12),
                entry("customer.get.id", person),
                entry("customer.get.name", "Metro Person " + run),
                entry("customer.get.city", "Utrecht"),
                entry("customer.get.unknown", "notFound/CUSTOMER_NOT_FOUND"),
                entry("customer.update.name", "Metro Person " + run + " moved"),
                entry("customer.update.city", "Amsterdam"),
                entry("customer.update.phone", "+31 20 765 4321"),
                entry("customer.update.version", (Long) seen.get("customer.get.version") + 1),
                entry("customer.update.stale", "conflict/VERSION_MISMATCH"),
                entry("customer.search.page0.ids", List.of(person)),
                entry("customer.search.page0.info", List.of(0, 1, 2L, 2)),
                entry("customer.search.page1.ids", List.of(organisation)),
                entry("customer.search.page1.info", List.of(1, 1, 2L, 2)),
                entry("customer.search.email.ids", List.of(organisation)),
                entry("customer.search.email.info", List.of(0, 20, 1L, 1)),
                entry("customer.deactivate.status", "DEACTIVATED"),
                entry("customer.deactivate.reason", "closed by the Metro test " + run),
                entry("customer.get12.status", "DEACTIVATED"),
                entry("customer.get12.reason", "closed by the Metro test " + run),
                entry("customer.get12.responseEnvelope", SOAP12));
        assertThat(Instant.parse((String) seen.get("customer.get.createdAt")))
                .isBetween(Instant.now().minus(Duration.ofMinutes(10)), Instant.now());
    }

    @Test
    void fulfilmentServiceSubmitsResubmitsReadsListsRefusesWhatANewOrderCannotDoAndCancels() {
        String order = (String) seen.get("fulfilment.submit.id");
        String second = (String) seen.get("fulfilment.submit12.id");
        String customer = (String) seen.get("customer.register.id");
        assertThat(order).matches("ORD-\\d{8}");
        assertThat(second).matches("ORD-\\d{8}").isNotEqualTo(order);
        assertThat(seen).contains(
                entry("fulfilment.submit.customerId", customer),
                entry("fulfilment.submit.customerReference", "PO-" + run),
                entry("fulfilment.submit.status", "SUBMITTED"),
                entry("fulfilment.submit.lines", List.of("1 SKU-1 2 x 10 = 20 EUR", "2 SKU-2 1 x 5.5 = 5.5 EUR")),
                entry("fulfilment.submit.currency", "EUR"),
                entry("fulfilment.resubmit.id", order),
                entry("fulfilment.resubmit.historySize", 1),
                entry("fulfilment.get.id", order),
                entry("fulfilment.get.status", "SUBMITTED"),
                entry("fulfilment.get.history", List.of("SUBMITTED")),
                entry("fulfilment.get.historyBy", "demo-order-desk"),
                entry("fulfilment.get.unknown", "notFound/ORDER_NOT_FOUND"),
                entry("fulfilment.recordShipment", "conflict/NOT_SHIPPABLE"),
                entry("fulfilment.approve", "conflict/NOT_PENDING_APPROVAL"),
                entry("fulfilment.reject", "conflict/NOT_PENDING_APPROVAL"),
                entry("fulfilment.submit12.responseEnvelope", SOAP12),
                entry("fulfilment.cancel.status", "CANCELLED"),
                entry("fulfilment.cancel.history", List.of("SUBMITTED", "CANCELLED")),
                entry("fulfilment.get12.status", "CANCELLED"),
                entry("fulfilment.get12.history", List.of("SUBMITTED", "CANCELLED")),
                entry("fulfilment.get12.reason", "changed my mind " + run),
                entry("fulfilment.get12.responseEnvelope", SOAP12),
                entry("fulfilment.list.ids", List.of(second, order)),
                entry("fulfilment.list.info", List.of(0, 10, 2L, 1)),
                entry("fulfilment.list.cancelled.ids", List.of(second)));
        assertThat((BigDecimal) seen.get("fulfilment.submit.total")).isEqualByComparingTo("25.50");
        assertThat(Instant.parse((String) seen.get("fulfilment.get.submittedAt")))
                .isBetween(Instant.now().minus(Duration.ofMinutes(10)), Instant.now());
    }

    @Test
    void billingServiceInvoicesTakesAPartialPaymentRefusesAnOverpaymentListsAndCredits() {
        String invoice = (String) seen.get("billing.create.id");
        String payment = (String) seen.get("billing.pay.paymentId");
        String creditNote = (String) seen.get("billing.credit.id");
        assertThat(invoice).matches("INV-\\d{8}");
        assertThat(payment).matches("PAY-\\d{8}");
        assertThat(creditNote).matches("CRN-\\d{8}");
        String due = LocalDate.now(ZoneOffset.UTC).plusDays(14).toString();
        assertThat(seen).contains(
                entry("billing.create.orderId", seen.get("fulfilment.submit.id")),
                entry("billing.create.customerId", seen.get("customer.register.id")),
                entry("billing.create.dueDateSent", due),
                entry("billing.create.lines", List.of("1 Metro widget = 20", "2 Metro gadget = 5.5")),
                entry("billing.create.currency", "EUR"),
                entry("billing.create.status", "OPEN"),
                entry("billing.create.again", "conflict/INVOICE_EXISTS"),
                entry("billing.get.id", invoice),
                entry("billing.get.responseEnvelope", SOAP12),
                entry("billing.get.unknown", "notFound/INVOICE_NOT_FOUND"),
                entry("billing.pay.method", "BANK_TRANSFER"),
                entry("billing.pay.reference", "metro-" + run),
                entry("billing.pay.receivedAt", seen.get("billing.pay.receivedAtSent")),
                entry("billing.pay.invoiceStatus", "PARTIALLY_PAID"),
                entry("billing.pay.payments", 1),
                entry("billing.overpay", "invalidRequest/OVERPAYMENT"),
                entry("billing.overpay.fields", List.of("amount.amount")),
                entry("billing.list.ids", List.of(invoice)),
                entry("billing.list.info", List.of(0, 5, 1L, 1)),
                entry("billing.credit.reason", "goodwill " + run),
                entry("billing.credit.status", "PARTIALLY_PAID"),
                entry("billing.credit.tooMuch", "invalidRequest/CREDIT_EXCEEDS_BALANCE"),
                entry("billing.get11.payments", List.of(payment)),
                entry("billing.get11.creditNotes", List.of(creditNote)));
        assertThat((String) seen.get("billing.create.dueDate")).startsWith(due);
        assertThat(Map.of(
                "create.total", "25.50", "create.balance", "25.50", "get.total", "25.50",
                "pay.amount", "10.00", "pay.amountPaid", "10.00", "pay.balance", "15.50",
                "credit.amount", "5.50", "credit.amountCredited", "5.50", "credit.balance", "10.00",
                "get11.balance", "10.00"))
                .allSatisfy((key, amount) -> assertThat((BigDecimal) seen.get("billing." + key)).as(key)
                        .isEqualByComparingTo(amount));
    }

    @Test
    void wsSecurityAdmitsOnlyTheRolesOfEachServiceAndRefusesAReplayedNonce() {
        assertThat(seen).contains(
                entry("customer.viewer.get", "accessDenied/ACCESS_DENIED"),
                entry("fulfilment.billing.submit", "accessDenied/ACCESS_DENIED"),
                entry("billing.orderDesk.create", "accessDenied/ACCESS_DENIED"),
                entry("replay.first", seen.get("customer.register.id")),
                entry("replay.second", "SOAP fault"),
                entry("replay.second.code",
                        "{http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-secext-1.0.xsd}InvalidSecurity"));
        assertThat((String) seen.get("replay.second.reason")).containsIgnoringCase("replay");
    }

    /** The operations of the service's port type in the WSDL the hub served. */
    private static Set<String> operations(String service) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        Document wsdl = factory.newDocumentBuilder()
                .parse(new ByteArrayInputStream(wsdls.get(service).getBytes(StandardCharsets.UTF_8)));
        Set<String> operations = new TreeSet<>();
        NodeList portTypes = wsdl.getElementsByTagNameNS("http://schemas.xmlsoap.org/wsdl/", "portType");
        for (int i = 0; i < portTypes.getLength(); i++) {
            NodeList ops = ((Element) portTypes.item(i)).getElementsByTagNameNS("http://schemas.xmlsoap.org/wsdl/",
                    "operation");
            for (int j = 0; j < ops.getLength(); j++) {
                operations.add(((Element) ops.item(j)).getAttribute("name"));
            }
        }
        return operations;
    }

    /** Metro's wsimport, in this JVM, on the served WSDL: sources only (javac runs afterwards, on them and the driver). */
    private static void wsimport(String service, String wsdlUrl, Path generated) throws Exception {
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        String[] args = { "-extension", "-keep", "-Xnocompile", "-encoding", "UTF-8",
                "-p", GENERATED_PACKAGE + service, "-s", generated.toString(), "-d", generated.toString(), wsdlUrl };
        boolean ok;
        try {
            Class<?> tool = Class.forName("com.sun.tools.ws.wscompile.WsimportTool");
            Object wsimport = tool.getConstructor(java.io.OutputStream.class).newInstance(log);
            ok = (Boolean) tool.getMethod("run", String[].class).invoke(wsimport, (Object) args);
        } catch (InvocationTargetException e) {
            throw new AssertionError("wsimport failed on " + wsdlUrl + ":\n" + log, e.getCause());
        }
        String output = log.toString(StandardCharsets.UTF_8);
        Files.writeString(work.resolve("wsimport-" + service + ".log"), output);
        assertThat(ok).as("wsimport " + String.join(" ", args) + "\n" + output).isTrue();
    }

    /** javac on the generated sources plus the driver, against the Jakarta XML Web Services APIs Metro brought. */
    private static void compile(Path generated, Path classes) throws IOException, URISyntaxException {
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        assertThat(javac).as("a JDK, not a JRE, runs the tests").isNotNull();
        List<Path> sources = new ArrayList<>(javaFiles(generated));
        URL driver = MetroWsdlClientIT.class.getResource("/metro/" + DRIVER.replace('.', '/') + ".java");
        assertThat(driver).as("the driver's sources among the test resources").isNotNull();
        sources.addAll(javaFiles(Path.of(driver.toURI()).getParent()));
        String classpath = Stream.of(jakarta.xml.ws.Service.class, jakarta.xml.bind.JAXBElement.class,
                jakarta.xml.soap.SOAPMessage.class, jakarta.activation.DataHandler.class)
                .map(MetroWsdlClientIT::location).distinct().collect(Collectors.joining(File.pathSeparator));
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        try (StandardJavaFileManager files = javac.getStandardFileManager(diagnostics, null, StandardCharsets.UTF_8)) {
            boolean ok = javac.getTask(null, files, diagnostics,
                    List.of("-d", classes.toString(), "-classpath", classpath, "-encoding", "UTF-8", "-proc:none",
                            "-nowarn", "--release", "17"),
                    null, files.getJavaFileObjectsFromPaths(sources)).call();
            assertThat(ok).as("javac on %d sources:%n%s", sources.size(), diagnostics.getDiagnostics().stream()
                    .map(Object::toString).collect(Collectors.joining("\n"))).isTrue();
        }
    }

    private static List<Path> javaFiles(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(p -> p.toString().endsWith(".java")).sorted().toList();
        }
    }

    private static String location(Class<?> type) {
        try {
            return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String get(String url) throws IOException, InterruptedException {
        HttpResponse<String> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(url).isEqualTo(200);
        return response.body();
    }

    private static String capitalized(String service) {
        return Character.toUpperCase(service.charAt(0)) + service.substring(1);
    }
}
