package io.busbar.hub.selftest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;
import jakarta.jms.JMSException;
import jakarta.jms.Message;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import io.busbar.hub.infra.HubInfrastructure;
import io.busbar.hub.testsupport.BusClient;
import io.busbar.hub.testsupport.Database;
import io.busbar.hub.testsupport.HubTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * Negative control for {@link BusSelfTestXaTest}: with PostgreSQL unable to prepare (max_prepared_transactions=0), a
 * good message must fail to commit. If the JMS session were not enlisted, the database would be the only resource, its
 * one-phase commit would succeed and a row would appear.
 */
@QuarkusTest
@TestProfile(XaNegativeControlTest.NoPreparedTransactions.class)
class XaNegativeControlTest {

    public static class NoPreparedTransactions implements QuarkusTestProfile {
        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(HubTestResource.class, Map.of("max_prepared_transactions", "0")));
        }

        @Override
        public boolean disableGlobalTestResources() {
            return true;
        }

        @Override
        public Map<String, String> getConfigOverrides() {
            // the broker's safety net parks the message after this many deliveries
            return Map.of("busbar.broker.settings.max-delivery-attempts", "4");
        }
    }

    @Inject
    HubInfrastructure infrastructure;

    @ConfigProperty(name = "busbar.broker.port")
    int brokerPort;

    @Test
    void withoutTwoPhaseCommitInTheDatabaseAGoodMessageCannotCommit() throws JMSException {
        String probe = UUID.randomUUID().toString();
        try (BusClient outside = BusClient.tcp(brokerPort, HubTestResource.TEST_HUB, HubTestResource.TEST_HUB);
                BusClient hub = BusClient.using(infrastructure.brokerEndpoint().connectionFactory())) {
            outside.send("bus.selftest.v1", "{\"probeId\":\"" + probe + "\"}", Map.of("probe", probe));

            // every attempt rolls back at prepare, until the broker parks the message in its catch-all DLQ
            await().atMost(Duration.ofSeconds(60)).until(() -> !hub.browse("DLQ", "probe = '" + probe + "'").isEmpty());
            Message parked = hub.browse("DLQ", "probe = '" + probe + "'").get(0);
            assertThat(parked.getStringProperty("_AMQ_ORIG_QUEUE")).isEqualTo("bus.selftest.v1");

            assertThat(Database.count("select count(*) from bus_selftest_probe where probe_id = ?", probe)).isZero();
            assertThat(outside.browse("bus.selftest.done.v1", "probe = '" + probe + "'")).isEmpty();
            assertThat(Database.count("select count(*) from pg_prepared_xacts")).isZero();
        }
    }
}
