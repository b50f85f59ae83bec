package io.busbar.hub.selftest;

import java.time.OffsetDateTime;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A row written by the bus self-test: proof that a bus message reached the database inside its transaction. */
@Entity
@Table(name = "bus_selftest_probe")
public class SelfTestProbe {

    @Id
    @Column(name = "probe_id", length = 64)
    public String probeId;

    @Column(name = "node_name", nullable = false, length = 28)
    public String nodeName;

    @Column(name = "received_at", nullable = false)
    public OffsetDateTime receivedAt;
}
