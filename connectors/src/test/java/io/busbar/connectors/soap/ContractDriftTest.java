package io.busbar.connectors.soap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Unit test: what counts as drift between the committed credit check WSDL and a live one, and what does not. */
class ContractDriftTest {

    static final String CONTRACT = "busbar/legacy/credit-check/CreditCheckService.wsdl";
    static URL committed;
    static String wsdl;

    @BeforeAll
    static void load() throws IOException {
        committed = ContractDriftTest.class.getClassLoader().getResource(CONTRACT);
        wsdl = new String(committed.openStream().readAllBytes(), StandardCharsets.UTF_8);
    }

    @Test
    void theSameContractHasNoDrift() throws Exception {
        assertThat(ContractDrift.compare(committed, committed)).isEmpty();
    }

    @Test
    void rewritingWhatClientsDoNotDependOnIsNotDrift() throws Exception {
        String rewritten = wsdl.replace("xmlns:cc=", "xmlns:bureau=").replace("cc:", "bureau:")
                .replace("name=\"CheckCreditRequest\">\n    <wsdl:part name=\"request\"",
                        "name=\"In\">\n    <wsdl:part name=\"in\"")
                .replace("message=\"bureau:CheckCreditRequest\"", "message=\"bureau:In\"")
                .replace("http://localhost:9090/creditcheck", "https://bureau.example/cc")
                .replace("CreditCheckSoapBinding", "Binding1")
                .replace("<xs:element name=\"Currency\" type=\"xs:string\"/>",
                        "<xs:element name=\"Currency\"><xs:simpleType><xs:restriction base=\"xs:string\">"
                                + "<xs:maxLength value=\"3\"/></xs:restriction></xs:simpleType></xs:element>");
        assertThat(rewritten).isNotEqualTo(wsdl).contains("bureau:In").contains("maxLength");
        assertThat(drift(rewritten)).isEmpty();
    }

    @Test
    void aSchemaImportedFromASeparateFileIsFollowed(@TempDir Path dir) throws Exception {
        int start = wsdl.indexOf("<xs:schema");
        int end = wsdl.indexOf("</xs:schema>") + "</xs:schema>".length();
        String schema = wsdl.substring(start, end).replace("<xs:schema ",
                "<xs:schema xmlns:xs=\"http://www.w3.org/2001/XMLSchema\" xmlns:cc=\"urn:legacy:creditcheck:v2\" ");
        Files.writeString(dir.resolve("types.xsd"), "<?xml version=\"1.0\"?>\n" + schema);
        String split = wsdl.substring(0, start) + "<xs:schema><xs:import namespace=\"urn:legacy:creditcheck:v2\""
                + " schemaLocation=\"types.xsd\"/></xs:schema>" + wsdl.substring(end);
        Path live = Files.writeString(dir.resolve("live.wsdl"), split);

        assertThat(ContractDrift.compare(committed, live.toUri().toURL())).isEmpty();
    }

    @Test
    void changesToElementsAreDrift() throws Exception {
        assertThat(drift(wsdl.replace("<xs:element name=\"ReasonText\" type=\"xs:string\" minOccurs=\"0\"/>", "")))
                .singleElement().asString().contains("ReasonText").contains("not live");
        assertThat(drift(wsdl.replace("<xs:element name=\"RequestReference\" type=\"xs:string\" minOccurs=\"0\"/>",
                "<xs:element name=\"RequestReference\" type=\"xs:string\" minOccurs=\"0\"/>"
                        + "<xs:element name=\"Branch\" type=\"xs:string\"/>")))
                .singleElement().asString().contains("Branch").contains("live but not");
        assertThat(drift(wsdl.replace("<xs:element name=\"RequestReference\" type=\"xs:string\" minOccurs=\"0\"/>",
                "<xs:element name=\"RequestReference\" type=\"xs:string\"/>")))
                .singleElement().asString().contains("RequestReference").contains("occurs 0..1").contains("occurs 1..1");
        assertThat(drift(wsdl.replace("<xs:element name=\"Amount\" type=\"xs:decimal\"/>",
                "<xs:element name=\"Amount\" type=\"xs:string\"/>")))
                .singleElement().asString().contains("Amount").contains("decimal").contains("string");
        assertThat(drift(wsdl.replace("<xs:enumeration value=\"REFER\"/>", "")))
                .singleElement().asString().contains("Decision").contains("[APPROVED, REFER, REFUSED]")
                .contains("[APPROVED, REFUSED]");
        assertThat(drift(wsdl.replace("\"AccountNumber\" type=\"xs:string\"/>\n            <xs:element name=\"Amount\"",
                "\"AccountNo\" type=\"xs:string\"/>\n            <xs:element name=\"Amount\""))).hasSize(2)
                .anySatisfy(d -> assertThat(d).contains("AccountNumber")).anySatisfy(d -> assertThat(d).contains("AccountNo"));
    }

    @Test
    void aDifferentNamespaceIsDrift() throws Exception {
        assertThat(drift(wsdl.replace("urn:legacy:creditcheck:v2", "urn:legacy:creditcheck:v3"))).isNotEmpty();
    }

    @Test
    void changesToOperationsAndBindingAreDrift() throws Exception {
        assertThat(drift(wsdl.replace("soapAction=\"urn:legacy:creditcheck:v2:CheckCredit\"", "soapAction=\"\"")))
                .singleElement().asString().contains("soapAction");
        assertThat(drift(wsdl.replace("style=\"document\"", "style=\"rpc\""))).anySatisfy(d -> assertThat(d)
                .contains("style").contains("rpc"));
        assertThat(drift(wsdl.replace("<wsdl:fault name=\"UnknownAccountFault\" message=\"cc:UnknownAccountFault\"/>", "")))
                .anySatisfy(d -> assertThat(d).contains("fault").contains("UnknownAccount").contains("not live"));
        assertThat(drift(wsdl.replace("message=\"cc:UnknownAccountFault\"", "message=\"cc:SystemUnavailableFault\"")))
                .anySatisfy(d -> assertThat(d).contains("UnknownAccount"));
        List<String> renamed = drift(wsdl.replace("operation name=\"CheckCredit\"", "operation name=\"CheckCreditV3\""));
        assertThat(renamed).anySatisfy(d -> assertThat(d).startsWith("operation CheckCredit ").contains("not live"))
                .anySatisfy(d -> assertThat(d).startsWith("operation CheckCreditV3").contains("live but not"));
    }

    @Test
    void anUnreadableContractSaysWhichAndWhy(@TempDir Path dir) throws Exception {
        URL missing = dir.resolve("nothing.wsdl").toUri().toURL();
        assertThatThrownBy(() -> ContractDrift.compare(committed, missing))
                .isInstanceOf(ContractDrift.ContractReadException.class).hasMessageContaining("nothing.wsdl");
        URL notXml = Files.writeString(dir.resolve("page.html"), "<html>Service Unavailable").toUri().toURL();
        assertThatThrownBy(() -> ContractDrift.compare(committed, notXml))
                .isInstanceOf(ContractDrift.ContractReadException.class).hasMessageContaining("page.html");
        URL notWsdl = Files.writeString(dir.resolve("other.xml"), "<a/>").toUri().toURL();
        assertThatThrownBy(() -> ContractDrift.compare(committed, notWsdl)).hasMessageContaining("not a WSDL 1.1");
    }

    private static List<String> drift(String live) throws Exception {
        return ContractDrift.compare(wsdl, committed, live, committed);
    }
}
