package io.busbar.hub.bus;

import java.util.List;
import java.util.Locale;

import org.apache.camel.Exchange;
import org.apache.camel.component.jms.JmsHeaderFilterStrategy;

/**
 * The header filter of every door into the hub: a header from outside whose name Camel, the JMS provider or the broker
 * would interpret never reaches an exchange, in any letter case. Camel's own filter only knows the exact prefixes
 * {@code Camel}, {@code camel} and {@code org.apache.camel.}, while an exchange's headers are looked up ignoring case:
 * {@code cAMELjmsDestinationName} from a client would steer the hub's next send. Every protocol the broker accepts
 * (core, AMQP, STOMP, MQTT, OpenWire) reaches the hub as a JMS message, so this one filter covers them all; an HTTP
 * door that hands requests to Camel uses it too ({@link #isInterpreted}).
 * <p>
 * Dropped on the way in, compared ignoring case:
 * <ul>
 * <li>{@code camel*}, {@code org.apache.camel.*}: Camel's headers (destination, reply-to, file names, HTTP URIs...);</li>
 * <li>{@code JMS_*}: provider-specific properties (Artemis' {@code JMS_AMQ_InputStream}, {@code JMS_AMQP_*}...);</li>
 * <li>{@code _AMQ*}, {@code __AMQ*}, {@code _HQ*}: the broker's own properties ({@code _AMQ_ROUTE_TO},
 * {@code _AMQ_DUPL_ID}, {@code _AMQ_SCHED_DELIVERY}...), which the hub would otherwise copy onto its own sends;</li>
 * <li>{@code JMSXGroupID}, {@code JMSXGroupSeq}: a client's message group would pin the hub's own flows to one
 * consumer.</li>
 * </ul>
 * The way out keeps Camel's JMS rules (no Camel headers, no {@code JMSX*} set by the provider).
 */
public class BusHeaderFilter extends JmsHeaderFilterStrategy {

    static final List<String> INTERPRETED_PREFIXES = List.of("camel", "org.apache.camel.", "jms_", "_amq", "__amq",
            "_hq", "jmsxgroup");

    /** True when a header of this name from outside must not reach an exchange. */
    public static boolean isInterpreted(String name) {
        if (name == null) {
            return true;
        }
        String lower = name.strip().toLowerCase(Locale.ROOT);
        for (String prefix : INTERPRETED_PREFIXES) {
            if (lower.startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public boolean applyFilterToExternalHeaders(String headerName, Object headerValue, Exchange exchange) {
        return isInterpreted(headerName) || super.applyFilterToExternalHeaders(headerName, headerValue, exchange);
    }
}
