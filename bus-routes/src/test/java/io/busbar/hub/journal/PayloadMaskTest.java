package io.busbar.hub.journal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

/** Masking of sensitive fields in JSON and XML payloads. */
class PayloadMaskTest {

    final PayloadMask mask = new PayloadMask(List.of("password", "iban", "email"));

    @Test
    void jsonValuesOfNamedFieldsAreMaskedWhateverTheirType() {
        assertThat(mask
                .apply("{\"user\":\"ann\",\"Password\" : \"p\\\"w\",\"iban\":12345,\"email\":null,\"n\":{\"email\":\"a@b\"}}"))
                .isEqualTo(
                        "{\"user\":\"ann\",\"Password\" : \"***\",\"iban\":\"***\",\"email\":\"***\",\"n\":{\"email\":\"***\"}}");
    }

    @Test
    void xmlElementsOfNamedFieldsAreMaskedInAnyNamespace() {
        assertThat(mask.apply("<c><ns2:email type=\"work\">a@b.org</ns2:email><name>Ann</name><IBAN>DE12</IBAN></c>"))
                .isEqualTo("<c><ns2:email type=\"work\">***</ns2:email><name>Ann</name><IBAN>***</IBAN></c>");
    }

    @Test
    void otherTextAndAnEmptyListLeaveThePayloadAsItIs() {
        assertThat(mask.apply("emailed the password")).isEqualTo("emailed the password");
        assertThat(new PayloadMask(List.of()).apply("{\"password\":\"x\"}")).isEqualTo("{\"password\":\"x\"}");
        assertThat(mask.apply(null)).isNull();
    }
}
