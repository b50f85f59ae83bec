package io.busbar.hub.infra;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * The hub's own settings ({@code busbar.*}). Unprefixed values in application.properties are the embedded default;
 * {@code %prod} points the hub at external systems.
 */
@ConfigMapping(prefix = "busbar")
public interface HubConfig {

    /** Everything the hub persists lives below this directory (absolute; env BUSBAR_DATA_DIR). */
    Path dataDir();

    /** Unique per hub instance: names the Narayana node and the broker's XA branches (at most 28 bytes). */
    String nodeName();

    Db db();

    Broker broker();

    Bus bus();

    Routes routes();

    Rest rest();

    Metrics metrics();

    Jolokia jolokia();

    interface Metrics {
        /** How often queue depths, consumers and dead-letter sizes are read from the broker. */
        @WithDefault("10s")
        Duration queuePollInterval();
    }

    /** The Jolokia agent's HTTP server, for a standalone Hawtio (quarkus.camel.jolokia.server.* follow these). */
    interface Jolokia {
        @WithDefault("true")
        boolean enabled();

        @WithDefault("127.0.0.1")
        String host();

        @WithDefault("8778")
        int port();
    }

    interface Rest {
        /** The WWW-Authenticate challenge of a 401 from the REST door (Basic in the embedded default, Bearer in production). */
        @WithDefault("Basic realm=\"Busbar\"")
        String authChallenge();
    }

    /** Bus queue names by role ({@code busbar.queue.<role>}); one message type per queue, versioned. */
    Map<String, String> queue();

    /** Bus topic names by role ({@code busbar.topic.<role>}). */
    Map<String, String> topic();

    Routing routing();

    Warehouse warehouse();

    interface Routing {
        /**
         * The content-based routing rules (YAML, Camel simple predicates). Read again when the file changes; the
         * embedded default ships with {@code classpath:busbar/routing-rules.yaml} until a file exists here.
         */
        Path rulesFile();
    }

    /** The simulated warehouse that reserves and ships invoiced orders. */
    interface Warehouse {
        /** Orders with a line whose SKU matches this pattern cannot be fulfilled (to exercise compensation). */
        @WithDefault("OUT-OF-STOCK-.*")
        String unavailableSkus();

        /**
         * Orders with a line whose SKU matches this pattern are reserved but not shipped by the warehouse: a freight
         * desk ships them and records the shipment through the recordShipment operation.
         */
        @WithDefault("FREIGHT-.*")
        String freightSkus();

        /** The carrier shipments are recorded with. */
        @WithDefault("BUSBAR-WAREHOUSE")
        String carrier();
    }

    interface Db {
        /** Start a PostgreSQL server inside the hub (embedded default) instead of using an external one. */
        boolean embedded();

        /** Port of the embedded PostgreSQL server (loopback only). */
        int port();

        /** How long the embedded PostgreSQL server may take to start. */
        @WithDefault("60s")
        Duration startupTimeout();
    }

    interface Broker {
        /** Run an ActiveMQ Artemis broker inside the hub (embedded default) instead of connecting to one. */
        boolean embedded();

        /** Connector URL of an external broker; unused when the broker is embedded. */
        Optional<String> url();

        /** The hub's own broker user. Generated at start when the broker is embedded and no user is set. */
        Optional<String> user();

        Optional<String> password();

        /** Address the embedded broker's multi-protocol acceptor binds to. */
        String host();

        /** Port of the embedded broker's acceptor (CORE, AMQP, STOMP, MQTT, OpenWire). */
        int port();

        /**
         * Values for the placeholders of broker.xml (for example {@code redelivery-delay}); the file's own defaults
         * apply to anything not set here.
         */
        Map<String, String> settings();

        /** Outside clients of the embedded broker: name to password and roles. Demo users only in the embedded default. */
        Map<String, BrokerUser> users();

        /** Connections the hub keeps pooled to the broker. */
        @WithDefault("8")
        int poolSize();
    }

    interface BrokerUser {
        String password();

        String roles();
    }

    interface Bus {
        /**
         * Processing attempts of a bus message before the hub moves it to {@code DLQ.<queue>} with the reason. The
         * broker's own max-delivery-attempts must stay above this value; it is the safety net.
         */
        int deliveryAttempts();

        /** Concurrent consumers of each step of a bus flow. */
        @WithDefault("4")
        int consumers();

        /**
         * The largest message body a bus consumer accepts; a bigger one is parked in {@code invalid.<queue>} before
         * anything reads it. Per queue (or {@code <topic>.<subscription>}):
         * {@code busbar.bus.queue-max-body-size."<queue>"}.
         */
        @WithDefault("1M")
        MemorySize maxBodySize();

        Map<String, MemorySize> queueMaxBodySize();

        /**
         * How bus consumers hold their XA sessions: {@code per-thread} (one session and consumer per listener thread,
         * enlisted in each transaction on receive) or {@code per-transaction} (a session and consumer created and closed
         * for every message: the earlier design, slower, kept to measure against). ADR 0020.
         */
        @WithDefault("per-thread")
        ListenerSessions listenerSessions();

        /**
         * How the order events' subscribers (notification, analytics), which consume and write the database but send
         * nothing, commit: {@code one-phase} (the database in a transaction of its own, then the broker's
         * acknowledgement; the event id recorded with the row makes a redelivery after a crash between the two
         * harmless) or {@code xa} (both in one XA transaction: the earlier design, kept to measure against). ADR 0021.
         */
        @WithDefault("one-phase")
        SubscriberTransactions subscriberTransactions();
    }

    enum ListenerSessions {
        PER_THREAD,
        PER_TRANSACTION
    }

    enum SubscriberTransactions {
        ONE_PHASE,
        XA
    }

    interface Routes {
        /** Route files (YAML, XML) the hub deploys at start and watches while it runs. */
        Path dir();

        /** Watch the directory and deploy changes while the hub runs. */
        @WithDefault("true")
        boolean watch();

        /**
         * How often the directory is scanned. A changed file is deployed once it has stayed the same for one scan, so
         * a change takes effect within about two intervals.
         */
        @WithDefault("1s")
        Duration pollInterval();

        /** How long a replaced or removed route may take to finish its in-flight messages before it is stopped. */
        @WithDefault("10s")
        Duration drainTimeout();

        /** The largest route file the hub accepts, from the directory or by upload. */
        @WithDefault("256K")
        MemorySize maxFileSize();

        /** What a route file may use (docs/authoring-routes.md, "The route file policy"; ADR 0016). */
        Policy policy();
    }

    interface Policy {
        /** The Camel components a route file may name; every other one is refused. */
        @WithDefault("direct,file,jms,kamelet,log,seda,timer")
        List<String> components();

        /** The hub's beans a route file may call ({@code bean}, {@code method}, {@code process}); never a class. */
        @WithDefault("busbarJson,hubServices")
        List<String> beans();

        /** The directories {@code file:} endpoints may use (with their sub-directories); none: every one is refused. */
        Optional<List<Path>> fileDirs();
    }
}
