package io.busbar.hub.testsupport;

import java.security.SecureRandom;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;

/** SOAP 1.1 envelopes written by hand, for tests that send what no well-behaved client would. */
public final class SoapEnvelope {

    private static final SecureRandom RANDOM = new SecureRandom();

    private SoapEnvelope() {
    }

    public static String nonce() {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        return Base64.getEncoder().encodeToString(bytes);
    }

    /** A request with a Timestamp and a PasswordText UsernameToken carrying the given nonce (null: none). */
    public static String secured(String user, String password, String nonce, Instant created, String body) {
        String when = created.truncatedTo(ChronoUnit.MILLIS).toString();
        String expires = created.plusSeconds(300).truncatedTo(ChronoUnit.MILLIS).toString();
        String nonceElement = nonce == null ? ""
                : "<wsse:Nonce EncodingType=\"http://docs.oasis-open.org/wss/2004/01/"
                        + "oasis-200401-wss-soap-message-security-1.0#Base64Binary\">" + nonce + "</wsse:Nonce>";
        return """
                <soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Header>\
                <wsse:Security soap:mustUnderstand="1" \
                xmlns:wsse="http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-secext-1.0.xsd" \
                xmlns:wsu="http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-utility-1.0.xsd">\
                <wsu:Timestamp wsu:Id="TS-1"><wsu:Created>%s</wsu:Created><wsu:Expires>%s</wsu:Expires></wsu:Timestamp>\
                <wsse:UsernameToken wsu:Id="UT-1"><wsse:Username>%s</wsse:Username>\
                <wsse:Password Type="http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-username-token-profile-1.0#PasswordText">\
                %s</wsse:Password>%s<wsu:Created>%s</wsu:Created></wsse:UsernameToken></wsse:Security></soap:Header>\
                <soap:Body>%s</soap:Body></soap:Envelope>"""
                .formatted(when, expires, user, password, nonceElement, when, body);
    }

    public static String secured(String user, String body) {
        return secured(user, user, nonce(), Instant.now(), body);
    }

    /** A request with no security header at all. */
    public static String bare(String body) {
        return "<soap:Envelope xmlns:soap=\"http://schemas.xmlsoap.org/soap/envelope/\"><soap:Body>" + body
                + "</soap:Body></soap:Envelope>";
    }
}
