package io.busbar.hub.selftest;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.busbar.hub.bus.InvalidMessageException;
import io.busbar.hub.infra.HubConfig;

/**
 * The bus self-test: an operator (or a test) sends a probe to {@code bus.selftest.v1}; the hub writes a row and
 * answers on {@code bus.selftest.done.v1}, both in the transaction that consumed the probe. A probe that asks to fail
 * does so after both writes, which proves that rollback, redelivery and dead-lettering work end to end.
 */
@ApplicationScoped
@Named("selfTest")
public class SelfTest {

    /** The probe message: {@code {"probeId": "...", "fail": false}}; {@code fail} may be left out. */
    public record Probe(String probeId, Boolean fail) {
    }

    @Inject
    EntityManager em;

    @Inject
    HubConfig config;

    @Inject
    ObjectMapper json;

    public Probe parse(String body) {
        Probe probe;
        try {
            probe = json.readValue(body, Probe.class);
        } catch (JsonProcessingException e) {
            throw new InvalidMessageException("not a self-test probe: " + e.getOriginalMessage(), e);
        }
        if (probe == null || probe.probeId() == null || probe.probeId().isBlank() || probe.probeId().length() > 64) {
            throw new InvalidMessageException("a self-test probe needs a probeId of 1 to 64 characters");
        }
        return probe;
    }

    /** Writes the probe's row and flushes it, so the INSERT has reached PostgreSQL before anything else happens. */
    @Transactional(Transactional.TxType.MANDATORY)
    public String record(Probe probe) throws JsonProcessingException {
        SelfTestProbe row = new SelfTestProbe();
        row.probeId = probe.probeId();
        row.nodeName = config.nodeName();
        row.receivedAt = OffsetDateTime.now(ZoneOffset.UTC);
        em.persist(row);
        em.flush();
        return json.writeValueAsString(new Done(probe.probeId(), row.nodeName, row.receivedAt.toString()));
    }

    /** The same row in a database transaction of its own (one resource: one phase, nothing in Narayana's log). */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public String recordOnePhase(Probe probe) throws JsonProcessingException {
        return record(probe);
    }

    public void failIfAsked(Probe probe) {
        if (Boolean.TRUE.equals(probe.fail())) {
            throw new SelfTestFailure("self-test probe " + probe.probeId() + " asked to fail after its writes");
        }
    }

    public record Done(String probeId, String nodeName, String receivedAt) {
    }

    public static class SelfTestFailure extends RuntimeException {
        private static final long serialVersionUID = 1L;

        SelfTestFailure(String message) {
            super(message);
        }
    }
}
