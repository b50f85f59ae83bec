package io.busbar.services.soap;

import java.time.Duration;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import javax.xml.namespace.QName;

import org.apache.cxf.binding.soap.SoapFault;
import org.apache.cxf.binding.soap.SoapMessage;
import org.apache.cxf.binding.soap.SoapVersion;
import org.apache.cxf.headers.Header;
import org.apache.cxf.message.Exchange;
import org.apache.cxf.message.Message;
import org.apache.cxf.transport.http.AbstractHTTPDestination;
import org.apache.wss4j.dom.WSConstants;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.arc.Unremovable;

/**
 * What a SOAP caller can make the hub do before it has authenticated: as little as possible. The UsernameToken's fields
 * are length-checked before WS-Security reads them, a source address with too many failed authentications in the
 * window is refused without its password being checked, and every refused request is counted in
 * {@code busbar_soap_auth_failures_total} and marked so that the door journal does not record it as a flow. The failure
 * counts are kept in memory, per hub instance.
 */
@ApplicationScoped
@Unremovable
public class SoapAuthGuard {

    /** Set on the HTTP response of a refused request, for the door journal; the journal removes it before it is sent. */
    public static final String REFUSED_MARK = "X-Busbar-Soap-Refused";
    static final String FAILED_AUTHENTICATION = "FailedAuthentication";
    static final String INVALID_SECURITY_TOKEN = "InvalidSecurityToken";
    private static final int MAX_SOURCES = 10_000;

    @ConfigProperty(name = "busbar.soap.auth.max-failures", defaultValue = "10")
    int maxFailures;

    @ConfigProperty(name = "busbar.soap.auth.failure-window", defaultValue = "1m")
    Duration window;

    @ConfigProperty(name = "busbar.soap.token.max-field-length", defaultValue = "128")
    int maxFieldLength;

    @Inject
    MeterRegistry meters;

    private final Map<String, Failures> failures = new ConcurrentHashMap<>();

    /** Refuses, before WS-Security processing, a source over its failure limit or a token with an oversized field. */
    void screen(SoapMessage message) {
        String source = source(message);
        Failures recent = source == null ? null : failures.get(source);
        if (recent != null && recent.count(System.nanoTime(), window.toNanos()) >= maxFailures) {
            throw fault(message, FAILED_AUTHENTICATION,
                    "Too many failed authentications from this address; try again later");
        }
        for (Header header : message.getHeaders()) {
            if (header.getObject() instanceof Element security && WSConstants.WSSE_NS.equals(security.getNamespaceURI())
                    && WSConstants.WSSE_LN.equals(security.getLocalName())) {
                checkLengths(message, security);
            }
        }
    }

    private void checkLengths(SoapMessage message, Element security) {
        for (Node token = security.getFirstChild(); token != null; token = token.getNextSibling()) {
            if (!(token instanceof Element t && WSConstants.USERNAME_TOKEN_LN.equals(t.getLocalName()))) {
                continue;
            }
            for (Node field = token.getFirstChild(); field != null; field = field.getNextSibling()) {
                if (field instanceof Element f && isCapped(f.getLocalName())) {
                    // a nonce must also fit the nonce store's column, whatever the configured cap
                    int cap = WSConstants.NONCE_LN.equals(f.getLocalName()) ? Math.min(maxFieldLength, NonceStore.MAX_NONCE)
                            : maxFieldLength;
                    if (f.getTextContent().strip().length() > cap) {
                        throw fault(message, INVALID_SECURITY_TOKEN, "The UsernameToken's " + f.getLocalName()
                                + " is longer than " + cap + " characters");
                    }
                }
            }
        }
    }

    private static boolean isCapped(String field) {
        return WSConstants.USERNAME_LN.equals(field) || WSConstants.NONCE_LN.equals(field)
                || WSConstants.CREATED_LN.equals(field);
    }

    /** Called for every WS-Security fault on its way out. */
    void refused(Message faultMessage, String code) {
        Exchange exchange = faultMessage.getExchange();
        Message in = exchange == null ? null : exchange.getInMessage();
        String service = exchange == null || exchange.getService() == null ? "unknown"
                : exchange.getService().getName().getLocalPart();
        Counter.builder("busbar.soap.auth.failures").description("SOAP requests refused by WS-Security, per service")
                .tag("service", service).tag("reason", code == null ? "unknown" : code).register(meters).increment();
        if (FAILED_AUTHENTICATION.equals(code) && in != null) {
            String source = source(in);
            if (source != null) {
                countFailure(source);
            }
        }
        Object response = in == null ? null : in.get(AbstractHTTPDestination.HTTP_RESPONSE);
        if (response instanceof HttpServletResponse http && !http.isCommitted()) {
            http.setHeader(REFUSED_MARK, "true");
        }
    }

    private void countFailure(String source) {
        long now = System.nanoTime();
        if (failures.size() >= MAX_SOURCES) {
            for (Iterator<Failures> it = failures.values().iterator(); it.hasNext();) {
                if (it.next().count(now, window.toNanos()) == 0) {
                    it.remove();
                }
            }
            if (failures.size() >= MAX_SOURCES) {
                // under a spread-out attack the map must not grow without bound: start over
                failures.clear();
            }
        }
        failures.computeIfAbsent(source, s -> new Failures()).add(now, window.toNanos());
    }

    private static String source(Message message) {
        return message.get(AbstractHTTPDestination.HTTP_REQUEST) instanceof HttpServletRequest request
                ? request.getRemoteAddr()
                : null;
    }

    /** A WS-Security fault as WSS4J would build it: the wsse code in SOAP 1.1, Sender with the wsse subcode in 1.2. */
    static SoapFault fault(SoapMessage message, String code, String text) {
        QName wsse = new QName(WSConstants.WSSE_NS, code, WSConstants.WSSE_PREFIX);
        SoapVersion version = message.getVersion();
        if (version.getVersion() == 1.1) {
            return new SoapFault(text, wsse);
        }
        SoapFault fault = new SoapFault(text, version.getSender());
        fault.setSubCode(wsse);
        return fault;
    }

    /** Failures in the current fixed window. */
    private static final class Failures {
        private long windowStart;
        private int count;

        synchronized int count(long now, long windowNanos) {
            return now - windowStart > windowNanos ? 0 : count;
        }

        synchronized void add(long now, long windowNanos) {
            if (count == 0 || now - windowStart > windowNanos) {
                windowStart = now;
                count = 0;
            }
            count++;
        }
    }
}
