package io.busbar.hub.security;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import io.busbar.hub.testsupport.Database;
import io.busbar.hub.testsupport.SoapEnvelope;
import io.busbar.services.soap.SoapAuthGuard;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.config.HttpClientConfig;
import io.restassured.config.RestAssuredConfig;
import io.restassured.response.ValidatableResponse;

/**
 * Issue 14, hole 7: what an unauthenticated SOAP caller can make the hub do. Each test calls from its own loopback
 * address (127.0.0.x), so the per-source failure limit of one test cannot touch another.
 */
@QuarkusTest
class SoapSecurityTest {

    static final String GET = "<c:getCustomer xmlns:c=\"http://busbar.io/service/customer/v1\">"
            + "<c:customerId>CUS-00000001</c:customerId></c:getCustomer>";
    static final String ANSWERED = "getCustomerResponse|CUSTOMER_NOT_FOUND";

    @Test
    void wrongPasswordsWriteNoNonceAndNoFlowButAreCounted() {
        String source = "127.0.0.21";
        double before = failures("FailedAuthentication");
        LogCapture log = LogCapture.start();
        List<String> nonces = new ArrayList<>();
        List<String> correlations = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            String nonce = SoapEnvelope.nonce();
            String correlation = "wrong-" + UUID.randomUUID();
            nonces.add(nonce);
            correlations.add(correlation);
            post(source, correlation, SoapEnvelope.secured("demo-customer-service", "guess-" + i, nonce, Instant.now(), GET))
                    .statusCode(500).body(containsString("FailedAuthentication"))
                    .header(SoapAuthGuard.REFUSED_MARK, nullValue());
        }
        log.stop();
        assertThat(log.warnings()).as("a refused caller costs no warning or stack trace in the log").isEmpty();
        String good = "right-" + UUID.randomUUID();
        post(source, good, SoapEnvelope.secured("demo-customer-service", GET)).body(matches(ANSWERED));

        // the journal writes in order: once the good call's hop is there, the refused ones would be too
        await().atMost(Duration.ofSeconds(20))
                .until(() -> Database.count("select count(*) from flow_hop where correlation_id = ?", good) > 0);
        for (String correlation : correlations) {
            assertThat(Database.count("select count(*) from flow_hop where correlation_id = ?", correlation)).isZero();
        }
        for (String nonce : nonces) {
            assertThat(Database.count("select count(*) from soap.ws_nonce where nonce = ?", nonce)).isZero();
        }
        assertThat(failures("FailedAuthentication") - before).isEqualTo(5.0);
    }

    @Test
    void oversizedTokenFieldsGetTheWsSecurityFaultAndWriteNothing() {
        String source = "127.0.0.22";
        long nonces = Database.count("select count(*) from soap.ws_nonce");
        double before = failures("InvalidSecurityToken");
        String longNonce = "A".repeat(300);
        List<String> correlations = new ArrayList<>();
        LogCapture log = LogCapture.start();
        // the right password: the cap applies before anything else is looked at
        for (String envelope : List.of(SoapEnvelope.secured("demo-admin", "demo-admin", longNonce, Instant.now(), GET),
                SoapEnvelope.secured("demo-admin", "demo-admin", "A".repeat(129), Instant.now(), GET),
                SoapEnvelope.secured("x".repeat(5000), "demo-admin", SoapEnvelope.nonce(), Instant.now(), GET),
                SoapEnvelope.secured("demo-admin", "demo-admin", SoapEnvelope.nonce(), Instant.now(), GET)
                        .replaceFirst("(<wsse:UsernameToken.*<wsu:Created>)", "$1" + "9".repeat(300)))) {
            String correlation = "long-" + UUID.randomUUID();
            correlations.add(correlation);
            post(source, correlation, envelope).statusCode(500)
                    .body(containsString("wsse:InvalidSecurityToken")).body(containsString("longer than 128 characters"))
                    .body(not(containsString("soap:Server"))).body(not(containsString("Exception")))
                    .body(not(containsString("\tat ")));
        }
        log.stop();
        assertThat(log.warnings()).as("a refused caller costs no warning or stack trace in the log").isEmpty();
        String good = "right-" + UUID.randomUUID();
        post(source, good, SoapEnvelope.secured("demo-admin", GET)).body(matches(ANSWERED));
        await().atMost(Duration.ofSeconds(20))
                .until(() -> Database.count("select count(*) from flow_hop where correlation_id = ?", good) > 0);
        for (String correlation : correlations) {
            assertThat(Database.count("select count(*) from flow_hop where correlation_id = ?", correlation)).isZero();
        }
        assertThat(Database.count("select count(*) from soap.ws_nonce")).as("only the good call's nonce")
                .isEqualTo(nonces + 1);
        assertThat(failures("InvalidSecurityToken") - before).isEqualTo(4.0);
    }

    @Test
    void soap12GetsTheSameFaultAsSenderWithTheWsSecuritySubcode() {
        String envelope = SoapEnvelope.secured("demo-admin", "demo-admin", "B".repeat(300), Instant.now(), GET)
                .replace("http://schemas.xmlsoap.org/soap/envelope/", "http://www.w3.org/2003/05/soap-envelope");
        long nonces = Database.count("select count(*) from soap.ws_nonce");
        given().config(from("127.0.0.26")).contentType("application/soap+xml; charset=UTF-8").body(envelope)
                .post("/soap/customer/soap12").then().statusCode(not(200))
                .body(containsString("Sender")).body(containsString("wsse:InvalidSecurityToken"))
                .body(containsString("longer than 128 characters")).body(not(containsString("Exception")));
        assertThat(Database.count("select count(*) from soap.ws_nonce")).isEqualTo(nonces);
    }

    @Test
    void aSourceWithTooManyFailuresIsRefusedWithoutItsPasswordBeingChecked() {
        String source = "127.0.0.23";
        for (int i = 0; i < 10; i++) {
            post(source, null, SoapEnvelope.secured("demo-admin", "guess-" + i, SoapEnvelope.nonce(), Instant.now(), GET))
                    .statusCode(500).body(containsString("FailedAuthentication"))
                    .body(not(containsString("Too many failed authentications")));
        }
        String nonce = SoapEnvelope.nonce();
        post(source, null, SoapEnvelope.secured("demo-admin", "demo-admin", nonce, Instant.now(), GET)).statusCode(500)
                .body(containsString("FailedAuthentication")).body(containsString("Too many failed authentications"));
        assertThat(Database.count("select count(*) from soap.ws_nonce where nonce = ?", nonce)).isZero();

        // per source: another address is not affected
        post("127.0.0.24", null, SoapEnvelope.secured("demo-admin", GET)).body(matches(ANSWERED));
    }

    @Test
    void theRightPasswordStillWorksAndItsNonceCannotBeReplayed() {
        String source = "127.0.0.25";
        String nonce = SoapEnvelope.nonce();
        String envelope = SoapEnvelope.secured("demo-admin", "demo-admin", nonce, Instant.now(), GET);
        post(source, null, envelope).body(matches(ANSWERED)).body(not(containsString("wsse:")));
        assertThat(Database.count("select count(*) from soap.ws_nonce where nonce = ?", nonce)).isEqualTo(1);
        post(source, null, envelope).statusCode(500).body(containsString("InvalidSecurity"))
                .body(containsString("A replay attack has been detected"));
    }

    private static ValidatableResponse post(String source, String correlation, String envelope) {
        var request = given().config(from(source)).contentType("text/xml; charset=UTF-8").body(envelope);
        if (correlation != null) {
            request.header("X-Correlation-ID", correlation);
        }
        return request.post("/soap/customer").then();
    }

    /** Requests leave from this local address, so the hub sees it as the caller's. */
    private static RestAssuredConfig from(String source) {
        try {
            return RestAssuredConfig.config().httpClient(HttpClientConfig.httpClientConfig()
                    .setParam("http.route.local-address", InetAddress.getByName(source)));
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    private static org.hamcrest.Matcher<String> matches(String regex) {
        return org.hamcrest.Matchers.matchesPattern("(?s).*(" + regex + ").*");
    }

    /** busbar_soap_auth_failures_total for the customer service and this reason, as Prometheus scrapes it. */
    private static double failures(String reason) {
        String metrics = given().auth().preemptive().basic("demo-admin", "demo-admin").get("/q/metrics").then()
                .statusCode(200).extract().asString();
        Matcher m = Pattern.compile("^busbar_soap_auth_failures_total\\{([^}]*)\\} (\\S+)$", Pattern.MULTILINE)
                .matcher(metrics);
        double total = 0;
        while (m.find()) {
            if (m.group(1).contains("reason=\"" + reason + "\"") && m.group(1).contains("service=\"CustomerService\"")) {
                total += Double.parseDouble(m.group(2));
            }
        }
        return total;
    }

    /** Warnings and stack traces logged by CXF and the SOAP services while it listens. */
    static final class LogCapture extends Handler {
        private static final List<Logger> WATCHED = List.of(Logger.getLogger("org.apache.cxf"),
                Logger.getLogger("io.busbar.services"));
        private final List<LogRecord> warnings = new CopyOnWriteArrayList<>();

        static LogCapture start() {
            LogCapture capture = new LogCapture();
            WATCHED.forEach(l -> l.addHandler(capture));
            return capture;
        }

        void stop() {
            WATCHED.forEach(l -> l.removeHandler(this));
        }

        List<String> warnings() {
            return warnings.stream().map(r -> r.getLoggerName() + ": " + r.getMessage()).toList();
        }

        @Override
        public void publish(LogRecord record) {
            if (record.getLevel().intValue() >= Level.WARNING.intValue() || record.getThrown() != null) {
                warnings.add(record);
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    }
}
