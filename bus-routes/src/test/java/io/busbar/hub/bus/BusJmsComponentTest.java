package io.busbar.hub.bus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.apache.camel.ResolveEndpointFailedException;
import org.apache.camel.component.jms.JmsEndpoint;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.Test;

/** The hub's jms component takes every option Camel's own does, and refuses a misspelt one. */
class BusJmsComponentTest {

    @Test
    void optionsThatOnlyTheJmsConfigurationCarriesAreSet() throws Exception {
        try (DefaultCamelContext camel = new DefaultCamelContext()) {
            camel.addComponent("jms", new BusJmsComponent());
            JmsEndpoint endpoint = camel.getEndpoint(
                    "jms:queue:order.submitted.v1?deliveryDelay=1500&timeToLive=60000&disableReplyTo=true",
                    JmsEndpoint.class);
            assertThat(endpoint.getConfiguration().getDeliveryDelay()).isEqualTo(1500);
            assertThat(endpoint.getConfiguration().getTimeToLive()).isEqualTo(60000);
            assertThat(endpoint.isDisableReplyTo()).isTrue();
            assertThat(endpoint.getBinding()).isInstanceOf(BusJmsComponent.Binding.class);

            assertThatThrownBy(() -> camel.getEndpoint("jms:queue:order.submitted.v1?deliveryDelai=1500"))
                    .isInstanceOf(ResolveEndpointFailedException.class).hasMessageContaining("deliveryDelai");
        }
    }
}
