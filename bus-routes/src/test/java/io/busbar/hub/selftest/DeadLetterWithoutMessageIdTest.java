package io.busbar.hub.selftest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;
import jakarta.jms.Message;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import io.busbar.hub.bus.BusHeaders;
import io.busbar.hub.infra.HubInfrastructure;
import io.busbar.hub.testsupport.BusClient;
import io.busbar.hub.testsupport.HubTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * A message sent without a JMS message id (as STOMP and MQTT clients send, and the route tutorial's bus-send.sh) is
 * parked with the reason it kept failing, like any other: the hub keys its failure record on the broker's id of it.
 */
@QuarkusTest
@QuarkusTestResource(HubTestResource.class)
class DeadLetterWithoutMessageIdTest {

    @Inject
    HubInfrastructure infrastructure;

    @ConfigProperty(name = "busbar.broker.port")
    int brokerPort;

    @Test
    void aFailingMessageWithoutAMessageIdIsParkedWithItsReason() throws Exception {
        String probe = UUID.randomUUID().toString();
        try (BusClient client = BusClient.tcp(brokerPort, HubTestResource.TEST_HUB, HubTestResource.TEST_HUB);
                BusClient hub = BusClient.using(infrastructure.brokerEndpoint().connectionFactory())) {
            client.sendWithoutMessageId("bus.selftest.v1", "{\"probeId\":\"" + probe + "\",\"fail\":true}",
                    Map.of("probe", probe));

            await().atMost(Duration.ofSeconds(30))
                    .until(() -> !hub.browse("DLQ.bus.selftest.v1", "probe = '" + probe + "'").isEmpty());
            Message parked = hub.browse("DLQ.bus.selftest.v1", "probe = '" + probe + "'").get(0);
            assertThat(parked.getStringProperty(BusHeaders.REASON))
                    .isEqualTo("SelfTestFailure: self-test probe " + probe + " asked to fail after its writes");
            assertThat(parked.getStringProperty(BusHeaders.ROUTE)).isEqualTo("bus-selftest-xa");
        }
    }
}
