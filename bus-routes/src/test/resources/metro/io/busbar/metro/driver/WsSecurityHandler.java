package io.busbar.metro.driver;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Set;

import javax.xml.namespace.QName;

import jakarta.xml.soap.SOAPElement;
import jakarta.xml.soap.SOAPEnvelope;
import jakarta.xml.soap.SOAPException;
import jakarta.xml.soap.SOAPHeader;
import jakarta.xml.soap.SOAPHeaderElement;
import jakarta.xml.ws.BindingProvider;
import jakarta.xml.ws.WebServiceException;
import jakarta.xml.ws.handler.Handler;
import jakarta.xml.ws.handler.MessageContext;
import jakarta.xml.ws.handler.soap.SOAPHandler;
import jakarta.xml.ws.handler.soap.SOAPMessageContext;

/**
 * Adds the WS-Security header the Busbar WSDLs ask for (OASIS WSS 1.0 UsernameToken profile) to every request of one
 * port, built with SAAJ: a mustUnderstand wsse:Security holding a wsu:Timestamp and a wsse:UsernameToken with a
 * PasswordText password, a Base64 nonce and its Created time. It also notes every exchange (service, WSDL operation,
 * SOAP version of the request, account, and whether a response or a fault came back) and which SOAP envelope the last
 * request and response were in.
 */
final class WsSecurityHandler implements SOAPHandler<SOAPMessageContext> {

    static final String OASIS = "http://docs.oasis-open.org/wss/2004/01/";
    static final String WSSE = OASIS + "oasis-200401-wss-wssecurity-secext-1.0.xsd";
    static final String WSU = OASIS + "oasis-200401-wss-wssecurity-utility-1.0.xsd";
    static final String PASSWORD_TEXT = OASIS + "oasis-200401-wss-username-token-profile-1.0#PasswordText";
    static final String BASE64_BINARY = OASIS + "oasis-200401-wss-soap-message-security-1.0#Base64Binary";
    static final QName SECURITY = new QName(WSSE, "Security");

    private static final SecureRandom RANDOM = new SecureRandom();

    private final String username;
    private final String password;
    private final List<String> exchanges;
    private String exchange;
    private String fixedNonce;
    private String requestEnvelope;
    private String responseEnvelope;

    private WsSecurityHandler(String username, String password, List<String> exchanges) {
        this.username = username;
        this.password = password;
        this.exchanges = exchanges;
    }

    /** Puts a new handler for this account on the port's handler chain and returns it; exchanges are noted in seen. */
    static WsSecurityHandler install(Object port, String username, String password, Seen seen) {
        WsSecurityHandler handler = new WsSecurityHandler(username, password, seen.exchanges);
        BindingProvider provider = (BindingProvider) port;
        @SuppressWarnings("rawtypes")
        List<Handler> chain = new ArrayList<>(provider.getBinding().getHandlerChain());
        chain.add(handler);
        provider.getBinding().setHandlerChain(chain);
        return handler;
    }

    /** From now on every request carries this nonce instead of a fresh one: a replay. */
    void reuseNonce(String nonce) {
        this.fixedNonce = nonce;
    }

    String requestEnvelope() {
        return requestEnvelope;
    }

    String responseEnvelope() {
        return responseEnvelope;
    }

    @Override
    public boolean handleMessage(SOAPMessageContext context) {
        try {
            SOAPEnvelope envelope = context.getMessage().getSOAPPart().getEnvelope();
            if (Boolean.TRUE.equals(context.get(MessageContext.MESSAGE_OUTBOUND_PROPERTY))) {
                requestEnvelope = envelope.getNamespaceURI();
                responseEnvelope = null;
                exchange = localName(context.get(MessageContext.WSDL_SERVICE)) + " "
                        + localName(context.get(MessageContext.WSDL_OPERATION)) + " " + version(requestEnvelope) + " "
                        + username;
                SOAPHeader header = envelope.getHeader() != null ? envelope.getHeader() : envelope.addHeader();
                addSecurity(header);
                context.getMessage().saveChanges();
            } else {
                responseEnvelope = envelope.getNamespaceURI();
                exchanges.add(exchange + " response");
            }
            return true;
        } catch (SOAPException e) {
            throw new WebServiceException("cannot add the WS-Security header", e);
        }
    }

    private void addSecurity(SOAPHeader header) throws SOAPException {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        SOAPHeaderElement security = header.addHeaderElement(new QName(WSSE, "Security", "wsse"));
        security.addNamespaceDeclaration("wsu", WSU);
        security.setMustUnderstand(true);

        SOAPElement timestamp = security.addChildElement("Timestamp", "wsu", WSU);
        timestamp.addChildElement("Created", "wsu", WSU).addTextNode(now.toString());
        timestamp.addChildElement("Expires", "wsu", WSU).addTextNode(now.plus(Duration.ofMinutes(5)).toString());

        SOAPElement token = security.addChildElement("UsernameToken", "wsse", WSSE);
        token.addChildElement("Username", "wsse", WSSE).addTextNode(username);
        SOAPElement pass = token.addChildElement("Password", "wsse", WSSE);
        pass.setAttribute("Type", PASSWORD_TEXT);
        pass.addTextNode(password);
        SOAPElement nonce = token.addChildElement("Nonce", "wsse", WSSE);
        nonce.setAttribute("EncodingType", BASE64_BINARY);
        nonce.addTextNode(fixedNonce != null ? fixedNonce : newNonce());
        token.addChildElement("Created", "wsu", WSU).addTextNode(now.toString());
    }

    private static String localName(Object qname) {
        return qname instanceof QName name ? name.getLocalPart() : "?";
    }

    private static String version(String envelopeNamespace) {
        return switch (envelopeNamespace) {
            case "http://schemas.xmlsoap.org/soap/envelope/" -> "SOAP-1.1";
            case "http://www.w3.org/2003/05/soap-envelope" -> "SOAP-1.2";
            default -> envelopeNamespace;
        };
    }

    static String newNonce() {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        return Base64.getEncoder().encodeToString(bytes);
    }

    @Override
    public boolean handleFault(SOAPMessageContext context) {
        try {
            responseEnvelope = context.getMessage().getSOAPPart().getEnvelope().getNamespaceURI();
            exchanges.add(exchange + " fault");
        } catch (SOAPException e) {
            throw new WebServiceException(e);
        }
        return true;
    }

    @Override
    public void close(MessageContext context) {
    }

    /** The header this handler deals with, so a mustUnderstand Security header in a response is not refused. */
    @Override
    public Set<QName> getHeaders() {
        return Set.of(SECURITY);
    }
}
