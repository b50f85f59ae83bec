package io.busbar.hub.connectors.soap;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringWriter;
import java.net.ConnectException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

import jakarta.xml.bind.JAXBContext;
import jakarta.xml.bind.JAXBException;
import jakarta.xml.bind.Marshaller;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;

import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.ErrorHandler;
import org.xml.sax.SAXException;
import org.xml.sax.helpers.DefaultHandler;

import io.busbar.legacy.creditcheck.v2.CheckCreditRequest;
import io.busbar.legacy.creditcheck.v2.CheckCreditResponse;
import io.busbar.legacy.creditcheck.v2.ObjectFactory;
import io.busbar.legacy.creditcheck.v2.SystemUnavailable;
import io.busbar.legacy.creditcheck.v2.UnknownAccount;

/**
 * One call of the legacy credit check service: SOAP 1.1 over HTTP, the body marshalled with the JAXB classes generated
 * from the committed WSDL. Time-outs are the HTTP client's (connect, then the whole answer). What comes back is mapped
 * to the canonical {@link CreditDecision}, or to {@link CreditCheckUnavailableException} when the answer is not a
 * decision and asking again later could give one. Retries and the circuit breaker are the caller's
 * ({@link CreditCheckConnectors}).
 */
public final class SoapCreditCheckClient {

    static final String SOAP11 = "http://schemas.xmlsoap.org/soap/envelope/";
    static final String SOAP_ACTION = "\"urn:legacy:creditcheck:v2:CheckCredit\"";
    private static final JAXBContext JAXB = context();
    private static final ErrorHandler SILENT = new DefaultHandler();

    private final CreditCheckSettings settings;
    private final HttpClient http;

    public SoapCreditCheckClient(CreditCheckSettings settings) {
        this.settings = settings;
        this.http = HttpClient.newBuilder().connectTimeout(settings.connectTimeout())
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    public CreditDecision check(CheckCreditRequest request) {
        HttpRequest.Builder post = HttpRequest.newBuilder(settings.endpoint()).timeout(settings.timeout())
                .header("Content-Type", "text/xml; charset=UTF-8").header("SOAPAction", SOAP_ACTION)
                .POST(HttpRequest.BodyPublishers.ofString(envelope(request), StandardCharsets.UTF_8));
        if (settings.username() != null && !settings.username().isBlank()) {
            String pair = settings.username() + ":" + (settings.password() == null ? "" : settings.password());
            post.header("Authorization",
                    "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8)));
        }
        HttpResponse<byte[]> response;
        try {
            response = http.send(post.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (HttpTimeoutException e) {
            throw unavailable("no answer within " + settings.timeout().toMillis() + " ms", e);
        } catch (ConnectException e) {
            throw unavailable("cannot connect to " + settings.endpoint().getHost() + ":" + settings.endpoint().getPort(), e);
        } catch (IOException e) {
            throw unavailable("connection failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw unavailable("interrupted while waiting for the answer", e);
        }
        return answer(response.statusCode(), response.body());
    }

    /** Maps an HTTP answer: a response body, a declared fault, another SOAP fault, or something else. */
    CreditDecision answer(int status, byte[] body) {
        Element content = bodyContent(status, body);
        if (content == null) {
            throw unavailable("HTTP " + status + " without a SOAP answer", null);
        }
        try {
            if (SOAP11.equals(content.getNamespaceURI()) && "Fault".equals(content.getLocalName())) {
                return fault(content);
            }
            Object value = JAXB.createUnmarshaller().unmarshal(content);
            if (value instanceof CheckCreditResponse answer && answer.getDecision() != null) {
                return new CreditDecision(answer.getDecision().value(), answer.getReasonCode(), answer.getReasonText(),
                        answer.getAvailable());
            }
            throw unavailable("answered " + content.getLocalName() + ", not CheckCreditResponse", null);
        } catch (JAXBException e) {
            throw unavailable("answer does not match the committed contract: " + e.getMessage(), e);
        }
    }

    private CreditDecision fault(Element fault) throws JAXBException {
        String code = childText(fault, "faultcode");
        String text = childText(fault, "faultstring");
        Element detail = child(fault, "detail");
        Element declared = detail == null ? null : firstElement(detail);
        if (declared != null) {
            Object info = JAXB.createUnmarshaller().unmarshal(declared);
            if (info instanceof UnknownAccount unknown) {
                return new CreditDecision(CreditDecision.UNKNOWN_ACCOUNT, null,
                        "account " + unknown.getAccountNumber() + " unknown: " + unknown.getMessage(), null);
            }
            if (info instanceof SystemUnavailable down) {
                throw unavailable("system unavailable (" + down.getCode() + "): " + down.getMessage(), null);
            }
        }
        if (code != null && (code.endsWith(":Client") || code.equals("Client"))) {
            // the service refused our request as malformed: asking again would not help, a person must look
            return new CreditDecision(CreditDecision.REQUEST_REFUSED, null, text, null);
        }
        throw unavailable("SOAP fault " + code + ": " + text, null);
    }

    private static Element bodyContent(int status, byte[] body) {
        if (body == null || body.length == 0) {
            return null;
        }
        Document document;
        try {
            DocumentBuilder builder = parser().newDocumentBuilder();
            builder.setErrorHandler(SILENT); // not XML is an answer to map, not something to print on stderr
            document = builder.parse(new ByteArrayInputStream(body));
        } catch (SAXException | IOException | ParserConfigurationException notXml) {
            return null;
        }
        Element envelope = document.getDocumentElement();
        if (!SOAP11.equals(envelope.getNamespaceURI()) || !"Envelope".equals(envelope.getLocalName())) {
            return null;
        }
        Element soapBody = child(envelope, "Body");
        return soapBody == null ? null : firstElement(soapBody);
    }

    private String envelope(CheckCreditRequest request) {
        try {
            Marshaller marshaller = JAXB.createMarshaller();
            marshaller.setProperty(Marshaller.JAXB_FRAGMENT, Boolean.TRUE);
            StringWriter body = new StringWriter();
            marshaller.marshal(request, body);
            return "<soap:Envelope xmlns:soap=\"" + SOAP11 + "\"><soap:Body>" + body + "</soap:Body></soap:Envelope>";
        } catch (JAXBException e) {
            throw new IllegalArgumentException("credit check request does not marshal: " + e.getMessage(), e);
        }
    }

    private CreditCheckUnavailableException unavailable(String why, Throwable cause) {
        return new CreditCheckUnavailableException("credit check " + settings.name() + " unavailable: " + why, cause);
    }

    private static DocumentBuilderFactory parser() throws ParserConfigurationException {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        factory.setExpandEntityReferences(false);
        return factory;
    }

    private static Element child(Element parent, String localName) {
        for (Node node = parent.getFirstChild(); node != null; node = node.getNextSibling()) {
            if (node instanceof Element element && localName.equals(element.getLocalName())) {
                return element;
            }
        }
        return null;
    }

    private static String childText(Element parent, String localName) {
        Element child = child(parent, localName);
        return child == null ? null : child.getTextContent().trim();
    }

    private static Element firstElement(Element parent) {
        for (Node node = parent.getFirstChild(); node != null; node = node.getNextSibling()) {
            if (node instanceof Element element) {
                return element;
            }
        }
        return null;
    }

    private static JAXBContext context() {
        try {
            return JAXBContext.newInstance(ObjectFactory.class);
        } catch (JAXBException e) {
            throw new IllegalStateException("JAXB context for the credit check contract", e);
        }
    }
}
