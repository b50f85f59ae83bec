package io.busbar.hub.bus;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.Set;

import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Session;
import jakarta.jms.XAConnection;
import jakarta.jms.XAConnectionFactory;
import jakarta.jms.XASession;
import jakarta.transaction.Status;
import jakarta.transaction.SystemException;
import jakarta.transaction.Transaction;
import jakarta.transaction.TransactionManager;

/**
 * The connection factory of the hub's bus consumers: sessions and consumers that live as long as their listener
 * thread, each session's XA resource enlisted in the transaction that is active when its consumer receives.
 * <p>
 * This is how an application server runs a message-driven bean: the listener container begins a transaction, the
 * consumer's session joins it on receive, the route writes the database and sends, and the transaction manager
 * prepares and commits them all. A session created per transaction (the pool's way of getting enlistment right) costs a
 * consumer created and closed on the broker for every message; this keeps one per thread (ADR 0020).
 * <p>
 * A receive outside an active transaction is refused: the hub never consumes from the bus without one, so a message
 * can never be acknowledged on its own.
 */
public final class XaListenerConnectionFactory implements ConnectionFactory {

    private static final Set<String> CONSUMER_FACTORIES = Set.of("createConsumer", "createDurableSubscriber",
            "createDurableConsumer", "createSharedConsumer", "createSharedDurableConsumer");
    private static final Set<String> RECEIVES = Set.of("receive", "receiveNoWait");

    private final XAConnectionFactory factory;
    private final TransactionManager transactions;

    public XaListenerConnectionFactory(XAConnectionFactory factory, TransactionManager transactions) {
        this.factory = factory;
        this.transactions = transactions;
    }

    @Override
    public Connection createConnection() throws JMSException {
        return connection(factory.createXAConnection());
    }

    @Override
    public Connection createConnection(String userName, String password) throws JMSException {
        return connection(factory.createXAConnection(userName, password));
    }

    @Override
    public JMSContext createContext() {
        throw new UnsupportedOperationException("the bus listeners use connections and sessions");
    }

    @Override
    public JMSContext createContext(String userName, String password) {
        throw new UnsupportedOperationException("the bus listeners use connections and sessions");
    }

    @Override
    public JMSContext createContext(String userName, String password, int sessionMode) {
        throw new UnsupportedOperationException("the bus listeners use connections and sessions");
    }

    @Override
    public JMSContext createContext(int sessionMode) {
        throw new UnsupportedOperationException("the bus listeners use connections and sessions");
    }

    private Connection connection(XAConnection xa) {
        return proxy(Connection.class, (proxy, method, args) -> method.getName().equals("createSession")
                ? session(xa.createXASession())
                : invoke(xa, method, args));
    }

    private Session session(XASession xa) {
        Enlistment enlistment = new Enlistment(xa);
        return proxy(Session.class, (proxy, method, args) -> {
            Object result = invoke(xa, method, args);
            return CONSUMER_FACTORIES.contains(method.getName()) ? consumer((MessageConsumer) result, enlistment)
                    : result;
        });
    }

    private MessageConsumer consumer(MessageConsumer consumer, Enlistment enlistment) {
        return proxy(MessageConsumer.class, (proxy, method, args) -> {
            if (RECEIVES.contains(method.getName())) {
                enlistment.join();
            } else if (method.getName().equals("setMessageListener") && args[0] != null) {
                throw new jakarta.jms.IllegalStateException("bus listeners receive inside a transaction; an"
                        + " asynchronous listener would acknowledge outside one");
            }
            return invoke(consumer, method, args);
        });
    }

    /** One session's membership in the current transaction: joined once per transaction, on its first receive. */
    private final class Enlistment {
        private final XASession session;
        private Transaction joined;

        Enlistment(XASession session) {
            this.session = session;
        }

        void join() throws JMSException {
            try {
                Transaction current = transactions.getTransaction();
                if (current == null || current.getStatus() != Status.STATUS_ACTIVE) {
                    throw new jakarta.jms.IllegalStateException(
                            "a bus consumer received outside an active transaction: refused, nothing acknowledged");
                }
                if (!current.equals(joined)) {
                    if (!current.enlistResource(session.getXAResource())) {
                        throw new jakarta.jms.IllegalStateException("the transaction refused the consumer's session");
                    }
                    joined = current;
                }
            } catch (SystemException | jakarta.transaction.RollbackException e) {
                JMSException failure = new JMSException("cannot join the consumer's session to the transaction: " + e);
                failure.initCause(e);
                throw failure;
            }
        }
    }

    @SuppressWarnings("unchecked")
    private static <T> T proxy(Class<T> type, InvocationHandler handler) {
        return (T) Proxy.newProxyInstance(XaListenerConnectionFactory.class.getClassLoader(), new Class<?>[] { type },
                handler);
    }

    private static Object invoke(Object target, Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
