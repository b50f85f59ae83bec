package io.busbar.hub.testsupport;

import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;

import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.Destination;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Queue;
import jakarta.jms.QueueBrowser;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;

import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;

/** A plain JMS client of the bus, as an outside system would use it. */
public final class BusClient implements AutoCloseable {

    private final Connection connection;
    private final Session session;

    private BusClient(ConnectionFactory factory) throws JMSException {
        connection = factory.createConnection();
        connection.start();
        session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
    }

    /** Connects over TCP to the broker's acceptor, with the given account. */
    public static BusClient tcp(int port, String user, String password) {
        try {
            return new BusClient(new ActiveMQConnectionFactory("tcp://localhost:" + port, user, password));
        } catch (JMSException e) {
            throw new IllegalStateException(e);
        }
    }

    public static BusClient using(ConnectionFactory factory) {
        try {
            return new BusClient(factory);
        } catch (JMSException e) {
            throw new IllegalStateException(e);
        }
    }

    public String send(String queue, String body, Map<String, Object> properties) {
        try {
            return sendTo(session.createQueue(queue), body, properties);
        } catch (JMSException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Publishes to a topic: every subscription receives it. */
    public String publish(String topic, String body, Map<String, Object> properties) {
        try {
            return sendTo(session.createTopic(topic), body, properties);
        } catch (JMSException e) {
            throw new IllegalStateException(e);
        }
    }

    private String sendTo(Destination destination, String body, Map<String, Object> properties) throws JMSException {
        try (MessageProducer producer = session.createProducer(destination)) {
            TextMessage message = session.createTextMessage(body);
            for (Map.Entry<String, Object> p : properties.entrySet()) {
                message.setObjectProperty(p.getKey(), p.getValue());
            }
            producer.send(message);
            return message.getJMSMessageID();
        }
    }

    /** Sends as STOMP and MQTT clients do: with no JMS message id. */
    public void sendWithoutMessageId(String queue, String body, Map<String, Object> properties) {
        try (MessageProducer producer = session.createProducer(session.createQueue(queue))) {
            producer.setDisableMessageID(true);
            TextMessage message = session.createTextMessage(body);
            for (Map.Entry<String, Object> p : properties.entrySet()) {
                message.setObjectProperty(p.getKey(), p.getValue());
            }
            producer.send(message);
        } catch (JMSException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Receives the next message matching the selector, or null after the timeout. */
    public TextMessage receive(String queue, String selector, long timeoutMillis) {
        try (MessageConsumer consumer = session.createConsumer(session.createQueue(queue), selector)) {
            return (TextMessage) consumer.receive(timeoutMillis);
        } catch (JMSException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The messages in a queue matching the selector, left where they are. */
    public List<Message> browse(String queue, String selector) {
        try (QueueBrowser browser = session.createBrowser((Queue) session.createQueue(queue), selector)) {
            List<Message> messages = new ArrayList<>();
            Enumeration<?> e = browser.getEnumeration();
            while (e.hasMoreElements()) {
                messages.add((Message) e.nextElement());
            }
            return messages;
        } catch (JMSException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        try {
            connection.close();
        } catch (JMSException e) {
            throw new IllegalStateException(e);
        }
    }
}
