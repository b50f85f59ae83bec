package io.busbar.hub.bus;

import java.util.Map;

import jakarta.jms.Message;
import jakarta.jms.ObjectMessage;

import org.apache.activemq.artemis.jms.client.ActiveMQMessage;
import org.apache.camel.Endpoint;
import org.apache.camel.Exchange;
import org.apache.camel.component.jms.JmsBinding;
import org.apache.camel.component.jms.JmsComponent;
import org.apache.camel.component.jms.JmsComponentConfigurer;
import org.apache.camel.component.jms.JmsEndpoint;
import org.apache.camel.component.jms.JmsEndpointConfigurer;
import org.apache.camel.spi.PropertyConfigurer;

/**
 * Camel's {@code jms} component whose endpoints never deserialize an ObjectMessage: its body reaches an exchange as the
 * serialized bytes. Stream caching reads a body before any route step runs, so refusing the message in the bus policy
 * alone would come too late.
 * <p>
 * Camel finds a component's option configurers through the {@code @Component} annotation of its class, which a
 * subclass does not inherit; without them every option that only {@code JmsConfiguration} carries (such as
 * {@code deliveryDelay}) is refused as unknown. They are named here.
 */
public class BusJmsComponent extends JmsComponent {

    private static final PropertyConfigurer COMPONENT_OPTIONS = new JmsComponentConfigurer();
    private static final PropertyConfigurer ENDPOINT_OPTIONS = new JmsEndpointConfigurer();

    @Override
    public PropertyConfigurer getComponentPropertyConfigurer() {
        return COMPONENT_OPTIONS;
    }

    @Override
    public PropertyConfigurer getEndpointPropertyConfigurer() {
        return ENDPOINT_OPTIONS;
    }

    @Override
    protected Endpoint createEndpoint(String uri, String remaining, Map<String, Object> parameters) throws Exception {
        Endpoint endpoint = super.createEndpoint(uri, remaining, parameters);
        if (endpoint instanceof JmsEndpoint jms) {
            jms.setBinding(new Binding(jms));
        }
        return endpoint;
    }

    static final class Binding extends JmsBinding {

        Binding(JmsEndpoint endpoint) {
            super(endpoint);
        }

        @Override
        public Object extractBodyFromJms(Exchange exchange, Message message) {
            if (message instanceof ObjectMessage && message instanceof ActiveMQMessage artemis
                    && artemis.getCoreMessage() != null) {
                return BusEntryChecks.serializedBytes(artemis.getCoreMessage());
            }
            if (message instanceof ObjectMessage) {
                throw new InvalidMessageException("an ObjectMessage is refused: the bus carries text or bytes, never"
                        + " serialized Java objects");
            }
            return super.extractBodyFromJms(exchange, message);
        }
    }
}
