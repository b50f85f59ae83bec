package io.busbar.hub.orders;

import static io.busbar.hub.testsupport.OrderProcess.establishedCustomer;
import static io.busbar.hub.testsupport.OrderProcess.submit;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import jakarta.inject.Inject;
import jakarta.jms.JMSException;
import jakarta.jms.Message;

import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.busbar.contract.order.v1.Order;
import io.busbar.contract.order.v1.OrderShipped;
import io.busbar.hub.bus.BusHeaders;
import io.busbar.hub.bus.BusRouteConfiguration;
import io.busbar.hub.bus.JmsWiring;
import io.busbar.hub.infra.HubInfrastructure;
import io.busbar.hub.testsupport.BusClient;
import io.busbar.hub.testsupport.Database;
import io.busbar.hub.testsupport.OrderProcess;
import io.busbar.services.fulfilment.FulfilmentService;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The order events' subscribers commit their database write in one phase and acknowledge the event after it
 * (ADR 0021), on the real broker and PostgreSQL. What a crash between the commit and the acknowledgement would do is
 * done here deterministically: the route fails after the subscriber's commit, the event comes back, and its second
 * delivery changes nothing. A subscriber that keeps failing is parked in its own dead-letter queue after exactly the
 * configured attempts, as on the XA consumers.
 */
@QuarkusTest
class AfterCommitSubscribersTest {

    @Inject
    HubInfrastructure infrastructure;

    @Inject
    CamelContext camel;

    @Inject
    FulfilmentService fulfilment;

    @Inject
    OrderMessages messages;

    @ConfigProperty(name = "busbar.bus.delivery-attempts")
    int attempts;

    BusClient bus;

    @BeforeEach
    void connect() {
        bus = BusClient.using(infrastructure.brokerEndpoint().connectionFactory());
    }

    @AfterEach
    void disconnect() {
        bus.close();
    }

    @Test
    void aFailureAfterTheSubscribersCommitRedeliversTheEventAndTheRedeliveryChangesNothing() throws Exception {
        String queue = "test.after-commit." + UUID.randomUUID().toString().substring(0, 8);
        String routeId = "test-after-commit-" + queue.substring(queue.lastIndexOf('.') + 1);
        List<Integer> deliveries = new CopyOnWriteArrayList<>();
        List<Long> rowsBeforeEachDelivery = new CopyOnWriteArrayList<>();
        OrderShipped event = shippedEvent();
        camel.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from(JmsWiring.AFTER_COMMIT + ":queue:" + queue).routeId(routeId)
                        .routeConfigurationId(BusRouteConfiguration.AFTER_COMMIT)
                        .process(exchange -> rowsBeforeEachDelivery.add(Database.count(
                                "select count(*) from bus_notification_log where event_id = ?", event.getEventId())))
                        .bean("orderSubscribers", "notifyCustomer")
                        .process(exchange -> {
                            int delivery = exchange.getIn().getHeader(BusHeaders.JMS_DELIVERY_COUNT, Integer.class);
                            deliveries.add(delivery);
                            if (delivery == 1) {
                                // the database has committed; the acknowledgement is still to come
                                throw new IllegalStateException("lost before the acknowledgement");
                            }
                        });
            }
        });
        try {
            String messageId = bus.send(queue, messages.write(event), OrderBus.headers(event));

            await().atMost(OrderProcess.PATIENCE).until(() -> deliveries.size() >= 2 && bus.browse(queue, null).isEmpty());
            assertThat(deliveries).as("delivered again after the failure, then taken").containsExactly(1, 2);
            assertThat(rowsBeforeEachDelivery).as("the first delivery's row was committed before its failure")
                    .containsExactly(0L, 1L);
            assertThat(Database.count("select count(*) from bus_notification_log where event_id = ?", event.getEventId()))
                    .as("one row for the event, written by the first delivery").isOne();
            assertThat(Database.count("select failures from bus_delivery_failure where message_id = ?", messageId))
                    .as("the failure after the commit is on record").isOne();
            assertThat(bus.browse("DLQ." + queue, null)).isEmpty();
        } finally {
            camel.getRouteController().stopRoute(routeId);
            camel.removeRoute(routeId);
        }
    }

    @Test
    void aSubscriberThatKeepsFailingIsParkedAfterExactlyTheConfiguredAttemptsWhileTheOtherRecordsTheEvent()
            throws JMSException {
        OrderShipped event = shippedEvent();
        Map<String, Object> headers = new HashMap<>(OrderBus.headers(event));
        // longer than the notification log's event_type column: that subscriber's insert fails on every delivery
        headers.put(BusHeaders.EVENT_TYPE, "OrderShipped".repeat(5));
        headers.put("probe", event.getEventId());
        bus.publish("order.events.v1", messages.write(event), headers);

        String dlq = "DLQ.order.events.v1.notification";
        await().atMost(OrderProcess.PATIENCE).until(() -> !bus.browse(dlq, "probe = '" + event.getEventId() + "'").isEmpty());
        List<Message> parked = bus.browse(dlq, "probe = '" + event.getEventId() + "'");
        assertThat(parked).hasSize(1);
        assertThat(parked.get(0).getIntProperty(BusHeaders.ATTEMPTS)).isEqualTo(attempts);
        assertThat(parked.get(0).getStringProperty(BusHeaders.ROUTE)).isEqualTo("order-events-notification");
        assertThat(parked.get(0).getStringProperty(BusHeaders.REASON)).contains("value too long");
        assertThat(Database.count("select count(*) from bus_notification_log where event_id = ?", event.getEventId()))
                .isZero();
        await().atMost(OrderProcess.PATIENCE).until(() -> Database.count(
                "select count(*) from bus_analytics_event where event_id = ?", event.getEventId()) == 1);
        assertThat(bus.browse("DLQ.order.events.v1.analytics", "probe = '" + event.getEventId() + "'")).isEmpty();
    }

    private OrderShipped shippedEvent() {
        Order order = fulfilment.get(submit(establishedCustomer(), "SKU-7", "1.00"));
        OrderShipped event = OrderMessages.event(new OrderShipped(), order, "after-commit-" + UUID.randomUUID());
        event.setOrder(order);
        return event;
    }
}
