package io.busbar.hub.infra;

import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.apache.activemq.artemis.jms.client.ActiveMQXAConnectionFactory;

/** Where and as whom the hub reaches its broker: the embedded one in-VM, or an external one over the network. */
public record BrokerEndpoint(String url, String user, String password) {

    public ActiveMQXAConnectionFactory xaConnectionFactory() {
        ActiveMQXAConnectionFactory factory = new ActiveMQXAConnectionFactory(url, user, password);
        configure(factory);
        return factory;
    }

    public ActiveMQConnectionFactory connectionFactory() {
        ActiveMQConnectionFactory factory = new ActiveMQConnectionFactory(url, user, password);
        configure(factory);
        return factory;
    }

    private static void configure(ActiveMQConnectionFactory factory) {
        // A transacted consumer takes one message at a time: nothing sits prefetched in a client while
        // another hub instance, or a redelivery, could take it.
        factory.setConsumerWindowSize(0);
        factory.setBlockOnDurableSend(true);
        // The bus carries text and bytes: no ObjectMessage body is ever deserialized by the hub, whatever reads it.
        factory.setDeserializationDenyList("*");
    }

    @Override
    public String toString() {
        return url + " as " + user;
    }
}
