package io.busbar.hub.connectors.soap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** Unit test: how each kind of answer of the legacy credit check maps to a canonical decision or to "try later". */
class SoapCreditCheckClientTest {

    final SoapCreditCheckClient client = new SoapCreditCheckClient(
            CreditCheckSettings.of("bureau", Map.of("endpoint", "http://127.0.0.1:9/credit")));

    @Test
    void aDecisionIsReadWithItsReason() {
        CreditDecision decision = client.answer(200, envelope("<cc:CheckCreditResponse xmlns:cc='urn:legacy:creditcheck:v2'>"
                + "<cc:Decision>REFER</cc:Decision><cc:Available>120.50</cc:Available><cc:ReasonCode>R7</cc:ReasonCode>"
                + "<cc:ReasonText>manual review</cc:ReasonText></cc:CheckCreditResponse>"));
        assertThat(decision.decision()).isEqualTo("REFER");
        assertThat(decision.available()).isEqualByComparingTo("120.50");
        assertThat(decision.describe()).isEqualTo("REFER R7: manual review");
        assertThat(decision.approved()).isFalse();
    }

    @Test
    void theUnknownAccountFaultIsACanonicalDecision() {
        CreditDecision decision = client.answer(500, fault("soap:Client", "unknown",
                "<cc:UnknownAccount xmlns:cc='urn:legacy:creditcheck:v2'><cc:AccountNumber>CUS-1</cc:AccountNumber>"
                        + "<cc:Message>closed in 2019</cc:Message></cc:UnknownAccount>"));
        assertThat(decision.decision()).isEqualTo(CreditDecision.UNKNOWN_ACCOUNT);
        assertThat(decision.reasonText()).isEqualTo("account CUS-1 unknown: closed in 2019");
    }

    @Test
    void theSystemUnavailableFaultMeansTryLater() {
        assertThatThrownBy(() -> client.answer(500, fault("soap:Server", "down",
                "<cc:SystemUnavailable xmlns:cc='urn:legacy:creditcheck:v2'><cc:Code>BATCH</cc:Code>"
                        + "<cc:Message>batch window</cc:Message></cc:SystemUnavailable>")))
                .isInstanceOf(CreditCheckUnavailableException.class)
                .hasMessage("credit check bureau unavailable: system unavailable (BATCH): batch window");
    }

    @Test
    void aClientFaultWithoutDeclaredDetailIsARefusedRequestNotARetry() {
        CreditDecision decision = client.answer(500, fault("soap:Client", "Unmarshalling Error: cvc-complex-type", ""));
        assertThat(decision.decision()).isEqualTo(CreditDecision.REQUEST_REFUSED);
        assertThat(decision.reasonText()).contains("Unmarshalling Error");
    }

    @Test
    void aServerFaultAnErrorPageAndGarbageMeanTryLater() {
        assertThatThrownBy(() -> client.answer(500, fault("soap:Server", "NullPointerException", "")))
                .isInstanceOf(CreditCheckUnavailableException.class).hasMessageContaining("SOAP fault soap:Server");
        assertThatThrownBy(() -> client.answer(503, "<html><body>Service Unavailable</body></html>".getBytes()))
                .isInstanceOf(CreditCheckUnavailableException.class).hasMessageContaining("HTTP 503 without a SOAP answer");
        assertThatThrownBy(() -> client.answer(200, "not xml".getBytes()))
                .isInstanceOf(CreditCheckUnavailableException.class).hasMessageContaining("HTTP 200 without a SOAP answer");
        assertThatThrownBy(() -> client.answer(200, envelope("<Other xmlns='urn:x'/>")))
                .isInstanceOf(CreditCheckUnavailableException.class);
    }

    @Test
    void aDoctypeIsNotFollowed() {
        byte[] hostile = ("<?xml version='1.0'?><!DOCTYPE x [<!ENTITY e SYSTEM 'file:///etc/passwd'>]>"
                + "<soap:Envelope xmlns:soap='http://schemas.xmlsoap.org/soap/envelope/'><soap:Body>&e;</soap:Body>"
                + "</soap:Envelope>").getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> client.answer(200, hostile)).isInstanceOf(CreditCheckUnavailableException.class);
    }

    @Test
    void settingsNeedAnEndpoint() {
        assertThatThrownBy(() -> CreditCheckSettings.of("bureau", Map.of())).hasMessageContaining("endpoint is required");
    }

    private static byte[] envelope(String body) {
        return ("<soap:Envelope xmlns:soap='http://schemas.xmlsoap.org/soap/envelope/'><soap:Body>" + body
                + "</soap:Body></soap:Envelope>").getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] fault(String code, String text, String detail) {
        return envelope("<soap:Fault><faultcode>" + code + "</faultcode><faultstring>" + text + "</faultstring>"
                + (detail.isEmpty() ? "" : "<detail>" + detail + "</detail>") + "</soap:Fault>");
    }
}
