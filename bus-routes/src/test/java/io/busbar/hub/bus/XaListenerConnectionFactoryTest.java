package io.busbar.hub.bus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;
import jakarta.jms.Connection;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import jakarta.transaction.TransactionManager;

import org.apache.activemq.artemis.api.core.SimpleString;
import org.apache.activemq.artemis.core.server.Queue;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import io.busbar.hub.infra.HubInfrastructure;
import io.busbar.hub.testsupport.BusClient;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The bus listeners' sessions on the real embedded broker and Narayana: one session and consumer serve transaction
 * after transaction, each receive joins the transaction active at the time (a rollback puts the message back, a
 * commit takes it), and a receive outside a transaction is refused with nothing acknowledged.
 */
@QuarkusTest
class XaListenerConnectionFactoryTest {

    @Inject
    HubInfrastructure infrastructure;

    @Inject
    TransactionManager transactions;

    @Test
    void oneSessionServesTransactionAfterTransactionAndJoinsEachOnReceive() throws Exception {
        String queue = "test.xa.listener." + UUID.randomUUID().toString().substring(0, 8);
        try (BusClient hub = BusClient.using(infrastructure.brokerEndpoint().connectionFactory())) {
            for (String body : new String[] { "first", "second", "third" }) {
                hub.send(queue, body, Map.of());
            }
        }
        XaListenerConnectionFactory factory = new XaListenerConnectionFactory(
                infrastructure.brokerEndpoint().xaConnectionFactory(), transactions);
        try (Connection connection = factory.createConnection()) {
            connection.start();
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            MessageConsumer consumer = session.createConsumer(session.createQueue(queue));

            assertThatThrownBy(() -> consumer.receive(1000)).isInstanceOf(jakarta.jms.IllegalStateException.class)
                    .hasMessageContaining("outside an active transaction");
            assertThatThrownBy(() -> consumer.setMessageListener(m -> {
            })).isInstanceOf(jakarta.jms.IllegalStateException.class);
            assertThat(count(queue)).as("nothing acknowledged outside a transaction").isEqualTo(3);

            transactions.begin();
            assertThat(((TextMessage) consumer.receive(5000)).getText()).isEqualTo("first");
            transactions.rollback();
            Awaitility.await().until(() -> count(queue) == 3);

            transactions.begin();
            TextMessage again = (TextMessage) consumer.receive(5000);
            assertThat(again.getText()).as("the rolled-back message, redelivered").isEqualTo("first");
            assertThat(again.getJMSRedelivered()).isTrue();
            transactions.commit();
            assertThat(count(queue)).isEqualTo(2);

            // the same session and consumer, two more transactions: each receive joins its own
            for (String expected : new String[] { "second", "third" }) {
                transactions.begin();
                assertThat(((TextMessage) consumer.receive(5000)).getText()).isEqualTo(expected);
                transactions.commit();
            }
            assertThat(count(queue)).isZero();

            // an empty receive inside a transaction rolls back cleanly and leaves the session usable
            transactions.begin();
            assertThat(consumer.receive(200)).isNull();
            transactions.rollback();
        }
    }

    private long count(String queue) {
        Queue found = infrastructure.embeddedBroker().locateQueue(SimpleString.of(queue));
        return found == null ? 0 : found.getMessageCount();
    }
}
