package io.busbar.hub.infra;

import java.time.Duration;

import jakarta.jms.Connection;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import jakarta.jms.TemporaryQueue;

import org.apache.activemq.artemis.api.jms.ActiveMQJMSClient;
import org.apache.activemq.artemis.api.jms.management.JMSManagementHelper;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;

/**
 * Broker management operations on an external Artemis broker, through its management address: the same operations
 * the embedded broker offers in-process through {@code ActiveMQServerControl}. The account needs the {@code manage}
 * permission (the {@code hub} and {@code operator} roles of deploy/broker/broker.xml).
 */
public final class BrokerManagement {

    /** The broker's management address (Artemis' default {@code management-address}). */
    public static final String ADDRESS = "activemq.management";

    /** What the broker answered: whether the operation succeeded, and its result or its error text. */
    public record Reply(String operation, boolean succeeded, Object result) {

        /** The result, or an exception naming the operation and the broker's reason. */
        public Object orThrow() {
            if (!succeeded) {
                throw new IllegalStateException("the broker refused " + operation + ": " + result);
            }
            return result;
        }
    }

    private final BrokerEndpoint endpoint;
    private final Duration timeout;

    public BrokerManagement(BrokerEndpoint endpoint, Duration timeout) {
        this.endpoint = endpoint;
        this.timeout = timeout;
    }

    public BrokerManagement(BrokerEndpoint endpoint) {
        this(endpoint, Duration.ofSeconds(10));
    }

    /**
     * Invokes an operation of the broker control ({@code ActiveMQServerControl}) and waits for its answer, at most the
     * time-out: a broker that does not answer is an error, never a caller blocked for good.
     */
    public Reply invoke(String operation, Object... parameters) throws Exception {
        // the factory holds a server locator of its own: closed with the call, not left for every poll to pile up
        try (ActiveMQConnectionFactory factory = endpoint.connectionFactory();
                Connection connection = factory.createConnection()) {
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            TemporaryQueue replies = session.createTemporaryQueue();
            MessageConsumer consumer = session.createConsumer(replies);
            MessageProducer producer = session.createProducer(ActiveMQJMSClient.createQueue(ADDRESS));
            connection.start();
            Message request = session.createMessage();
            request.setJMSReplyTo(replies);
            JMSManagementHelper.putOperationInvocation(request, "broker", operation, parameters);
            producer.send(request);
            Message reply = consumer.receive(timeout.toMillis());
            if (reply == null) {
                throw new IllegalStateException("the broker did not answer " + operation + " within "
                        + timeout.toSeconds() + " s");
            }
            return new Reply(operation, JMSManagementHelper.hasOperationSucceeded(reply),
                    JMSManagementHelper.getResult(reply));
        }
    }
}
