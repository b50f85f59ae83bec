package io.busbar.hub.bus;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import jakarta.transaction.TransactionManager;
import jakarta.transaction.UserTransaction;

import org.apache.camel.component.jms.JmsComponent;
import org.springframework.transaction.jta.JtaTransactionManager;

import io.busbar.hub.infra.HubConfig;
import io.busbar.hub.infra.HubInfrastructure;

/**
 * The hub's two JMS components. {@code jms}: the hub's XA-pooled broker connection, under Narayana: a route that
 * consumes a message, writes the database and sends messages does all three in one XA transaction.
 * {@link #AFTER_COMMIT}: a consumer that writes the database in a transaction of its own and acknowledges the message
 * after that commit, for consumers that send nothing and recognise a redelivery (ADR 0021).
 */
public class JmsWiring {

    /** The component of consumers that acknowledge after their database commit. */
    public static final String AFTER_COMMIT = "jms-after-commit";

    @Produces
    @Singleton
    @Named("jms")
    JmsComponent jms(HubInfrastructure infrastructure, HubConfig config, TransactionManager transactionManager,
            UserTransaction userTransaction) {
        JtaTransactionManager jta = new JtaTransactionManager(userTransaction, transactionManager);
        jta.afterPropertiesSet();

        JmsComponent jms = new BusJmsComponent();
        jms.setConnectionFactory(infrastructure.connectionFactory());
        jms.setTransactionManager(jta);
        // With JTA the session must not be a local transaction too: Spring would commit it on its own after the
        // XA commit and fail.
        jms.setTransacted(false);
        jms.setLazyCreateTransactionManager(false);
        if (config.bus().listenerSessions() == HubConfig.ListenerSessions.PER_THREAD) {
            // Consumers: one XA session and consumer per listener thread, for its whole life, enlisted in each
            // transaction on receive (ADR 0020). Producers stay on the XA pool, which enlists a pooled session in the
            // transaction that is active when it is taken.
            jms.getConfiguration().setListenerConnectionFactory(new XaListenerConnectionFactory(
                    infrastructure.brokerEndpoint().xaConnectionFactory(), transactionManager));
            jms.setCacheLevelName("CACHE_CONSUMER");
        } else {
            // The earlier design, kept to measure against: a session and a consumer per transaction, from the pool.
            jms.setCacheLevelName("CACHE_NONE");
        }
        return busDefaults(jms);
    }

    /**
     * Consumers that acknowledge after their database commit: a locally transacted session per listener thread, for
     * its whole life, committed by the listener container once the route has returned, so after the route's own
     * database transaction (one resource, so Narayana commits it in one phase and logs nothing). A route that fails
     * rolls the session back and the broker redelivers, as on the XA component. The listener and the sends from its
     * thread share one connection factory: Spring hands the listener's session to a send there, so a message parked in
     * {@code DLQ.<queue>} or {@code invalid.<queue>} leaves in the same local transaction as the acknowledgement.
     */
    @Produces
    @Singleton
    @Named(AFTER_COMMIT)
    JmsComponent jmsAfterCommit(HubInfrastructure infrastructure) {
        JmsComponent jms = new BusJmsComponent();
        jms.setConnectionFactory(infrastructure.brokerEndpoint().connectionFactory());
        jms.setTransacted(true);
        jms.setLazyCreateTransactionManager(false);
        jms.setCacheLevelName("CACHE_CONSUMER");
        return busDefaults(jms);
    }

    private static JmsComponent busDefaults(JmsComponent jms) {
        jms.setDeliveryPersistent(true);
        jms.setReceiveTimeout(1000);
        // What a bus client sends is data, never instructions to the hub: no header Camel would act on, and no reply
        // to a destination the client names (every consumer and producer step is InOnly).
        jms.setHeaderFilterStrategy(new BusHeaderFilter());
        jms.getConfiguration().setDisableReplyTo(true);
        return jms;
    }
}
