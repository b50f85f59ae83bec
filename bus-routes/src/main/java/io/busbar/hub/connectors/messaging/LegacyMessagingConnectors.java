package io.busbar.hub.connectors.messaging;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.apache.activemq.artemis.api.core.RoutingType;
import org.apache.activemq.artemis.api.core.SimpleString;
import org.apache.activemq.artemis.core.config.DivertConfiguration;
import org.apache.activemq.artemis.core.server.ActiveMQServer;
import org.apache.activemq.artemis.core.server.ComponentConfigurationRoutingType;
import org.apache.activemq.artemis.core.server.impl.AddressInfo;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.busbar.hub.bus.BusHeaders;
import io.busbar.hub.bus.BusRouteConfiguration;
import io.busbar.hub.bus.InvalidMessageException;
import io.busbar.hub.connectors.ConnectorConfig;
import io.busbar.hub.infra.BrokerManagement;
import io.busbar.hub.infra.HubInfrastructure;

/**
 * Legacy messaging clients (AMQP 1.0, STOMP, MQTT, OpenWire, Artemis core) reach the bus through the broker's one
 * acceptor. A connector instance of type {@code legacy-messaging} maps the address such a client sends to onto the bus
 * and turns its legacy format into the canonical order:
 *
 * <pre>
 * busbar.connectors.&lt;name&gt;.type=legacy-messaging
 * busbar.connectors.&lt;name&gt;.source=legacy.partner.orders      the address clients send to (anycast)
 * busbar.connectors.&lt;name&gt;.mqtt-topic=legacy/partner/mqtt   optional: an MQTT topic diverted onto the source
 * busbar.connectors.&lt;name&gt;.format=pipe-order                 pipe-order | legacy-xml | canonical-json
 * busbar.connectors.&lt;name&gt;.target=order.intake.json.v1      optional, the default depends on the format
 * </pre>
 *
 * Each instance is one transacted route ({@code connector-<name>}): the legacy message is consumed, converted and sent
 * on in one XA transaction; a message that does not fit its format goes to {@code invalid.<source>} with the reason.
 */
@ApplicationScoped
public class LegacyMessagingConnectors extends RouteBuilder {

    public static final String TYPE = "legacy-messaging";
    public static final String CONNECTOR = "busbarConnector";
    private static final Logger LOG = Logger.getLogger(LegacyMessagingConnectors.class);

    /** One configured instance. */
    public record Instance(String name, String source, String mqttTopic, String format, String target) {

        static Instance of(String name, Map<String, String> keys) {
            String source = required(name, keys, "source");
            String format = keys.getOrDefault("format", "pipe-order");
            String target = keys.getOrDefault("target", switch (format) {
                case "pipe-order", "canonical-json" -> "order.intake.json.v1";
                case "legacy-xml" -> "legacy.order.in.v1";
                default -> throw new IllegalStateException("busbar.connectors." + name + ".format: unknown format '"
                        + format + "' (pipe-order, legacy-xml or canonical-json)");
            });
            String mqttTopic = keys.get("mqtt-topic");
            if (mqttTopic != null && mqttAddress(mqttTopic).equals(source)) {
                throw new IllegalStateException("busbar.connectors." + name + ".mqtt-topic must name another address"
                        + " than the source: MQTT publishes to a multicast address, which the connector diverts");
            }
            return new Instance(name, source, mqttTopic, format, target);
        }

        private static String required(String name, Map<String, String> keys, String key) {
            String value = keys.get(key);
            if (value == null || value.isBlank()) {
                throw new IllegalStateException("busbar.connectors." + name + "." + key + " is required for type " + TYPE);
            }
            return value;
        }
    }

    @Inject
    HubInfrastructure infrastructure;

    @Inject
    ObjectMapper json;

    @Inject
    ConnectorConfig connectors;

    /** The instances of this type, from properties and the connectors directory. */
    public List<Instance> instances() {
        List<Instance> instances = new ArrayList<>();
        connectors.instances(TYPE).forEach((name, keys) -> instances.add(Instance.of(name, keys)));
        return instances;
    }

    @Override
    public void configure() throws Exception {
        infrastructure.ensureStarted();
        for (Instance instance : instances()) {
            if (instance.mqttTopic() != null) {
                divert(instance);
            }
            from("jms:queue:" + instance.source())
                    .routeId("connector-" + instance.name())
                    .routeConfigurationId(BusRouteConfiguration.TRANSACTED)
                    .setHeader(CONNECTOR, constant(instance.name()))
                    .process(exchange -> convert(instance, exchange))
                    .to("jms:queue:" + instance.target());
            LOG.infof("Connector %s (%s): %s%s in %s format to %s", instance.name(), TYPE, instance.source(),
                    instance.mqttTopic() == null ? "" : " and MQTT topic " + instance.mqttTopic(), instance.format(),
                    instance.target());
        }
    }

    void convert(Instance instance, Exchange exchange) throws JsonProcessingException {
        String body = exchange.getIn().getBody(String.class);
        if (exchange.getIn().getHeader(BusHeaders.CORRELATION_ID) == null) {
            exchange.getIn().setHeader(BusHeaders.CORRELATION_ID, exchange.getExchangeId());
        }
        switch (instance.format()) {
            case "pipe-order" -> {
                Map<String, Object> order = PipeOrderFormat.toCanonical(body);
                exchange.getIn().setHeader(BusHeaders.CUSTOMER_ID, order.get("customerId"));
                exchange.getIn().setBody(json.writeValueAsString(order));
            }
            case "legacy-xml", "canonical-json" -> {
                if (body == null || body.isBlank()) {
                    throw new InvalidMessageException("empty message");
                }
            }
            default -> throw new IllegalStateException("unknown format " + instance.format());
        }
    }

    /**
     * MQTT clients publish to multicast addresses (the topic with / as .); a divert forwards what arrives there to the
     * connector's anycast source, as the broker's own address mapping.
     */
    private void divert(Instance instance) throws Exception {
        String address = mqttAddress(instance.mqttTopic());
        String name = "connector-" + instance.name() + "-mqtt";
        ActiveMQServer embedded = infrastructure.embeddedBroker();
        if (embedded != null) {
            embedded.addAddressInfo(new AddressInfo(SimpleString.of(address)).addRoutingType(RoutingType.MULTICAST));
            if (embedded.getPostOffice().getBinding(SimpleString.of(name)) == null) {
                embedded.deployDivert(new DivertConfiguration().setName(name).setRoutingName(name).setAddress(address)
                        .setForwardingAddress(instance.source()).setExclusive(true)
                        .setRoutingType(ComponentConfigurationRoutingType.ANYCAST));
            }
            return;
        }
        BrokerManagement.Reply reply = new BrokerManagement(infrastructure.brokerEndpoint()).invoke("createDivert",
                name, name, address, instance.source(), true, null, null, "ANYCAST");
        if (!reply.succeeded() && !String.valueOf(reply.result()).contains("already exists")) {
            reply.orThrow();
        }
    }

    static String mqttAddress(String topic) {
        return topic.replace('/', '.');
    }
}
