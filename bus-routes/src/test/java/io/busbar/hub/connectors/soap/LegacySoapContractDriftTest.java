package io.busbar.hub.connectors.soap;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URL;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.busbar.connectors.soap.ContractDrift;
import io.busbar.hub.testsupport.HubTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;

/**
 * The live credit check service's contract has not drifted from the committed WSDL the connector was built against.
 * <p>
 * The live service is {@link LegacyCreditBureau}, a CXF endpoint publishing its own WSDL and imported schema (served
 * by CXF at {@code ?wsdl} and {@code ?xsd=}); against the real downstream, pass its address as
 * {@code -Dbusbar.contract.credit-check.live-wsdl=<url>?wsdl}.
 */
@QuarkusTest
@QuarkusTestResource(HubTestResource.class)
class LegacySoapContractDriftTest {

    static final String LIVE = "busbar.contract.credit-check.live-wsdl";

    @Test
    void theLiveContractMatchesTheCommittedOne() throws Exception {
        URL committed = Thread.currentThread().getContextClassLoader().getResource(CreditCheckSettings.DEFAULT_CONTRACT);
        assertThat(committed).as("committed WSDL on the classpath").isNotNull();
        URL live = URI.create(System.getProperty(LIVE,
                "http://localhost:" + RestAssured.port + "/soap/legacy/credit-check?wsdl")).toURL();

        List<String> drift = ContractDrift.compare(committed, live);

        assertThat(drift).as("differences between %s and %s", committed, live).isEmpty();
    }

    @Test
    void theCheckSeesADifferenceInTheLiveDocument() throws Exception {
        // the same live document (schema still imported from the live service), one declared fault fewer
        URL committed = Thread.currentThread().getContextClassLoader().getResource(CreditCheckSettings.DEFAULT_CONTRACT);
        String live = RestAssured.get("/soap/legacy/credit-check?wsdl").then().statusCode(200).extract().asString();
        assertThat(live).contains("credit-types.xsd");
        String drifted = live.replaceAll(
                "<wsdl:fault[^>]*message=\"[^\"]*UnknownAccountFault\"[^>]*(/>|>\\s*</wsdl:fault>)", "");
        assertThat(drifted).isNotEqualTo(live);

        List<String> drift = ContractDrift.compare(new String(committed.openStream().readAllBytes()), committed, drifted,
                URI.create("http://localhost:" + RestAssured.port + "/soap/legacy/credit-check?wsdl").toURL());

        assertThat(drift).singleElement().asString().contains("fault").contains("UnknownAccount").contains("not live");
    }
}
