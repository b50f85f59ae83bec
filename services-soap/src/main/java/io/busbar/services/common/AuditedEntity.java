package io.busbar.services.common;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;

import jakarta.persistence.Column;
import jakarta.persistence.MappedSuperclass;
import jakarta.persistence.Version;

import io.busbar.contract.common.v1.Audit;

/** Audit columns every service table carries; the version drives optimistic concurrency. */
@MappedSuperclass
public abstract class AuditedEntity {

    @Version
    @Column(nullable = false)
    public long version;

    @Column(name = "created_at", nullable = false)
    public OffsetDateTime createdAt;

    @Column(name = "created_by", nullable = false, length = 100)
    public String createdBy;

    @Column(name = "updated_at", nullable = false)
    public OffsetDateTime updatedAt;

    @Column(name = "updated_by", nullable = false, length = 100)
    public String updatedBy;

    public void created(String by) {
        createdAt = now();
        createdBy = by;
        updatedAt = createdAt;
        updatedBy = by;
    }

    public void updated(String by) {
        updatedAt = now();
        updatedBy = by;
    }

    public Audit toAudit() {
        Audit audit = new Audit();
        audit.setVersion(version);
        audit.setCreatedAt(createdAt);
        audit.setCreatedBy(createdBy);
        audit.setUpdatedAt(updatedAt);
        audit.setUpdatedBy(updatedBy);
        return audit;
    }

    /** Microsecond precision: what PostgreSQL stores, so a value reads back equal. */
    public static OffsetDateTime now() {
        return OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS);
    }
}
