package io.busbar.hub.routes;

import java.time.OffsetDateTime;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** One deployment of a route file, kept with the version's content so it can be restored. */
@Entity
@Table(name = "route_deployment")
public class RouteDeployment {

    /** How a deployment ended. */
    public enum Outcome {
        /** The version is live: its routes replaced the file's previous ones. */
        DEPLOYED,
        /** The version was refused (invalid, or it failed to start); the previous version kept running. */
        REJECTED,
        /** The file was removed: its routes stopped and are gone. */
        UNDEPLOYED
    }

    /** What asked for the deployment. */
    public enum Cause {
        /** The hub started and found the file in the routes directory. */
        STARTUP,
        /** The file appeared, changed or disappeared in the routes directory while the hub ran. */
        DIRECTORY,
        /** Uploaded or deleted through the API. */
        API,
        /** A previous version restored through the API. */
        RESTORE
    }

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    @Column(name = "deployment_id")
    public Long id;

    @Column(name = "file_name", nullable = false, length = 104)
    public String file;

    @Column(length = 64)
    public String checksum;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 16)
    public Outcome outcome;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 16)
    public Cause cause;

    /** Comma-separated ids of the routes the version defines. */
    @Column(name = "route_ids", length = 4000)
    public String routeIds;

    @Column(name = "error_line")
    public Integer errorLine;

    @Column(name = "error_message", length = 4000)
    public String errorMessage;

    @Column(columnDefinition = "text")
    public String content;

    @Column(name = "node_name", nullable = false, length = 28)
    public String nodeName;

    @Column(nullable = false, length = 100)
    public String actor;

    @Column(name = "happened_at", nullable = false)
    public OffsetDateTime at;

    @Column(name = "restored_from")
    public Long restoredFrom;
}
