import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.jms.Connection;
import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;

import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;

/**
 * The broker side of bench/core.sh, a plain JMS client of the hub's broker over TCP (run with the packaged hub's
 * libraries on the class path: {@code java -cp 'bus-routes/target/quarkus-app/lib/main/*' bench/BrokerLoad.java}).
 *
 * <pre>
 *   ceiling URL USER PASSWORD MESSAGES THREADS   Artemis' own rate for a bus step's broker work: MESSAGES persistent
 *                                                messages are put on bench.ceiling.in, then THREADS transacted
 *                                                sessions each receive one, send one to bench.ceiling.out and commit,
 *                                                until the queue is empty; prints moved=.. rate=../s
 *   probes  URL USER PASSWORD MESSAGES           sends MESSAGES self-test probes to bus.selftest.v1 (the hub's XA step:
 *                                                consume, insert a row, send the answer), committed 100 at a time
 * </pre>
 */
public class BrokerLoad {

    public static void main(String[] args) throws Exception {
        String mode = args[0];
        ActiveMQConnectionFactory factory = new ActiveMQConnectionFactory(args[1], args[2], args[3]);
        int messages = Integer.parseInt(args[4]);
        try (Connection connection = factory.createConnection()) {
            connection.start();
            if (mode.equals("probes")) {
                fill(connection, "bus.selftest.v1", messages, n -> "{\"probeId\":\"bench-" + UUID.randomUUID() + "\"}");
                System.out.println("sent=" + messages);
            } else if (mode.equals("ceiling")) {
                int threads = Integer.parseInt(args[5]);
                fill(connection, "bench.ceiling.in", messages, n -> "{\"n\":" + n + ",\"pad\":\"" + "x".repeat(900) + "\"}");
                System.out.println(move(connection, messages, threads));
                drain(connection, "bench.ceiling.out");
            } else {
                throw new IllegalArgumentException("mode is ceiling or probes, not " + mode);
            }
        }
    }

    static void fill(Connection connection, String queue, int messages, java.util.function.IntFunction<String> body)
            throws JMSException {
        try (Session session = connection.createSession(true, Session.SESSION_TRANSACTED)) {
            MessageProducer producer = session.createProducer(session.createQueue(queue));
            producer.setDeliveryMode(DeliveryMode.PERSISTENT);
            for (int n = 1; n <= messages; n++) {
                producer.send(session.createTextMessage(body.apply(n)));
                if (n % 100 == 0) {
                    session.commit();
                }
            }
            session.commit();
        }
    }

    /** THREADS transacted sessions move the backlog, one message per transaction, as a bus step does. */
    static String move(Connection connection, int messages, int threads) throws Exception {
        AtomicInteger moved = new AtomicInteger();
        java.util.concurrent.atomic.AtomicLong last = new java.util.concurrent.atomic.AtomicLong();
        CountDownLatch done = new CountDownLatch(threads);
        long start = System.nanoTime();
        for (int t = 0; t < threads; t++) {
            new Thread(() -> {
                try (Session session = connection.createSession(true, Session.SESSION_TRANSACTED)) {
                    MessageConsumer consumer = session.createConsumer(session.createQueue("bench.ceiling.in"));
                    MessageProducer producer = session.createProducer(session.createQueue("bench.ceiling.out"));
                    producer.setDeliveryMode(DeliveryMode.PERSISTENT);
                    while (moved.get() < messages) {
                        Message message = consumer.receive(2000);
                        if (message == null) {
                            break;
                        }
                        producer.send(session.createTextMessage(message.getBody(String.class)));
                        session.commit();
                        moved.incrementAndGet();
                        last.set(System.nanoTime());
                    }
                } catch (JMSException e) {
                    System.err.println("mover failed: " + e);
                } finally {
                    done.countDown();
                }
            }).start();
        }
        done.await();
        double seconds = (last.get() - start) / 1e9;
        return String.format("moved=%d rate=%.0f/s", moved.get(), moved.get() / seconds);
    }

    static void drain(Connection connection, String queue) throws JMSException {
        try (Session session = connection.createSession(true, Session.SESSION_TRANSACTED)) {
            MessageConsumer consumer = session.createConsumer(session.createQueue(queue));
            int n = 0;
            while (consumer.receive(1000) != null) {
                if (++n % 500 == 0) {
                    session.commit();
                }
            }
            session.commit();
        }
    }
}
