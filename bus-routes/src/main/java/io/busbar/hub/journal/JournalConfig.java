package io.busbar.hub.journal;

import java.time.Duration;
import java.util.List;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The flow journal's settings ({@code busbar.journal.*}); see docs/monitoring.md. */
@ConfigMapping(prefix = "busbar.journal")
public interface JournalConfig {

    /** Off: no hop is recorded (the flows API then finds nothing new). */
    @WithDefault("true")
    boolean enabled();

    /** Hops waiting for the writer; when full, new hops are dropped and counted, the flow never waits. */
    @WithDefault("10000")
    int queueCapacity();

    /** Hops the writer inserts in one JDBC batch. */
    @WithDefault("500")
    int batchSize();

    /** How long the writer waits for more hops before writing what it has. */
    @WithDefault("200ms")
    Duration flushInterval();

    /** How long hops are kept; older ones are purged. */
    @WithDefault("P7D")
    Duration retention();

    /** How often the purge runs. */
    @WithDefault("1h")
    Duration purgeInterval();

    /** At shutdown, after Camel has stopped, how long the writer may take to write what is still queued. */
    @WithDefault("5s")
    Duration drainTimeout();

    Payload payload();

    interface Payload {
        /** Keep a snapshot of each hop's message body. */
        @WithDefault("true")
        boolean enabled();

        /** Characters of the body kept; the rest is cut. */
        @WithDefault("8192")
        int maxChars();

        /** JSON fields and XML elements whose values are replaced by *** wherever a payload is stored or shown. */
        @WithDefault("password,cardNumber,iban,email,phone")
        List<String> maskFields();
    }
}
