package dev.swarmnet.controlplane.cluster;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import dev.swarmnet.controlplane.agent.AssignmentChange;
import dev.swarmnet.controlplane.model.NodeDescription;
import dev.swarmnet.controlplane.state.Command;
import java.util.List;

/**
 * One message on the cluster port: a JSON object whose {@code type} names the record
 * ({@link ClusterMessageCodec} frames it). Requests go agent → manager, replies manager → agent;
 * every request gets exactly one reply, a {@link Redirect} or a {@link Failure} included.
 * Records do not validate: the manager checks each field it uses and answers a {@link Failure}.
 * Immutable; any thread.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
        @JsonSubTypes.Type(value = ClusterMessage.JoinRequest.class, name = "join"),
        @JsonSubTypes.Type(value = ClusterMessage.JoinAccepted.class, name = "join-accepted"),
        @JsonSubTypes.Type(value = ClusterMessage.Heartbeat.class, name = "heartbeat"),
        @JsonSubTypes.Type(value = ClusterMessage.HeartbeatAck.class, name = "heartbeat-ack"),
        @JsonSubTypes.Type(value = ClusterMessage.RaftAddMe.class, name = "raft-add-me"),
        @JsonSubTypes.Type(value = ClusterMessage.RaftAdded.class, name = "raft-added"),
        @JsonSubTypes.Type(value = ClusterMessage.CaKeyRequest.class, name = "ca-key"),
        @JsonSubTypes.Type(value = ClusterMessage.CaKey.class, name = "ca-key-reply"),
        @JsonSubTypes.Type(value = ClusterMessage.CertificateRequest.class, name = "certificate-request"),
        @JsonSubTypes.Type(value = ClusterMessage.CertificateIssued.class, name = "certificate"),
        @JsonSubTypes.Type(value = ClusterMessage.WatchAssignments.class, name = "watch-assignments"),
        @JsonSubTypes.Type(value = ClusterMessage.Assignments.class, name = "assignments"),
        @JsonSubTypes.Type(value = ClusterMessage.ReportTaskStatus.class, name = "report-task-status"),
        @JsonSubTypes.Type(value = ClusterMessage.TaskStatusRecorded.class, name = "task-status-recorded"),
        @JsonSubTypes.Type(value = ClusterMessage.TaskLogs.class, name = "task-logs"),
        @JsonSubTypes.Type(value = ClusterMessage.LogLines.class, name = "log-lines"),
        @JsonSubTypes.Type(value = ClusterMessage.LogEnd.class, name = "log-end"),
        @JsonSubTypes.Type(value = ClusterMessage.DataPlaneViewRequest.class, name = "data-plane-view"),
        @JsonSubTypes.Type(value = ClusterMessage.DataPlaneViewReply.class, name = "data-plane-view-reply"),
        @JsonSubTypes.Type(value = ClusterMessage.Redirect.class, name = "redirect"),
        @JsonSubTypes.Type(value = ClusterMessage.Failure.class, name = "error"),
})
public sealed interface ClusterMessage {

    /**
     * A node without a certificate asks to join (bootstrap TLS, server pinned by the token).
     *
     * @param token         the full join token, secret included
     * @param csr           PKCS#10 request (PEM) for the key the node generated and keeps
     * @param description   hostname, platform, resources, engine
     * @param advertiseAddr {@code ip:port} of the node's cluster port, as other nodes reach it
     */
    record JoinRequest(String token, String csr, NodeDescription description, String advertiseAddr)
            implements ClusterMessage {
    }

    /**
     * The join was admitted: everything the node needs to persist its identity and, for a
     * manager, to start its Raft member and ask to be added.
     *
     * @param certificate   the node certificate (PEM), CN = node id, OU = role, O = cluster id
     * @param caCertificate the cluster root CA (PEM)
     * @param managers      every manager known to the leader, in node-id order
     */
    record JoinAccepted(String nodeId, String role, String clusterId, String certificate, String caCertificate,
                        List<ManagerEndpoint> managers, long heartbeatPeriodMillis) implements ClusterMessage {
        public JoinAccepted {
            managers = managers == null ? List.of() : List.copyOf(managers);
        }
    }

    /** The caller is alive; who it is comes from its certificate, never from the message. */
    record Heartbeat() implements ClusterMessage {
    }

    /**
     * Heartbeat recorded; send the next one within {@code periodMillis}. {@code managers} are the
     * managers' cluster-port addresses as the leader knows them (the leader first), so an agent
     * that joined before later managers can fail over to them; empty when unknown. {@code role}
     * is the caller's desired role in the replicated state ({@code manager} or {@code worker}),
     * absent when unknown: a node whose certificate says otherwise was promoted or demoted and
     * acts on it (new certificate, Raft membership, CA key).
     */
    record HeartbeatAck(long periodMillis,
                        @JsonInclude(JsonInclude.Include.NON_EMPTY) List<String> managers,
                        @JsonInclude(JsonInclude.Include.NON_NULL) String role) implements ClusterMessage {
        public HeartbeatAck {
            managers = managers == null ? List.of() : List.copyOf(managers);
        }

        public HeartbeatAck(long periodMillis, List<String> managers) {
            this(periodMillis, managers, null);
        }

        public HeartbeatAck(long periodMillis) {
            this(periodMillis, List.of(), null);
        }
    }

    /**
     * A member (mutual TLS) asks for a new certificate for the key of {@code csr} (PKCS#10, PEM),
     * after a promotion or demotion: the leader issues it with the role its store entry has now,
     * never one the caller asks for.
     */
    record CertificateRequest(String csr) implements ClusterMessage {
    }

    /** The new node certificate (PEM) and its role ({@code manager} or {@code worker}). */
    record CertificateIssued(String certificate, String role) implements ClusterMessage {
    }

    /**
     * A joined manager asks for the cluster CA's private key (mutual TLS only; only a caller
     * whose certificate and store entry both say manager is answered), so it can sign after a
     * failover. The key never travels over the bootstrap connection of a join.
     */
    record CaKeyRequest() implements ClusterMessage {
    }

    /** The cluster CA private key, PEM. */
    record CaKey(String caKeyPem) implements ClusterMessage {
        @Override
        public String toString() {
            return "CaKey[caKeyPem=<redacted>]";
        }
    }

    /** A joined manager, already running {@code RaftStore.join} at {@code raftAddress}, asks to be added. */
    record RaftAddMe(String raftAddress) implements ClusterMessage {
    }

    /** The caller is now a voting member; {@code peers} are the node ids of the new configuration. */
    record RaftAdded(List<String> peers) implements ClusterMessage {
        public RaftAdded {
            peers = peers == null ? List.of() : List.copyOf(peers);
        }
    }

    /**
     * A member asks for its node's assignments as a stream (mutual TLS; any manager answers from
     * its local replica). The node is the one its certificate names; {@code nodeId}, when given,
     * must be that one. The reply is a first full {@link Assignments}, then one per visible change,
     * on the same connection for as long as it stays open.
     */
    record WatchAssignments(@JsonInclude(JsonInclude.Include.NON_NULL) String nodeId) implements ClusterMessage {
        public WatchAssignments() {
            this(null);
        }
    }

    /** One step of an assignment stream: a full replacement or a delta (empty: a keepalive). */
    record Assignments(AssignmentChange change) implements ClusterMessage {
    }

    /**
     * A member reports its tasks' observed statuses (mutual TLS). The leader proposes them as
     * {@code ReportTaskStatus} for the node its certificate names, never one the message names.
     */
    record ReportTaskStatus(List<Command.TaskReport> reports) implements ClusterMessage {
        public ReportTaskStatus {
            reports = reports == null ? List.of() : List.copyOf(reports);
        }
    }

    /** The reports were committed ({@code count} of them; the state ignores stale or foreign ones). */
    record TaskStatusRecorded(int count) implements ClusterMessage {
    }

    /**
     * A manager asks a node for its tasks' log lines (mutual TLS, manager certificate only; any
     * node answers, workers too). The reply is a stream of {@link LogLines} on this connection:
     * the last {@code tail} lines of each task's file ({@code tail < 0}: all), then, with
     * {@code follow}, lines as they are appended until the requester closes the connection;
     * without it, a {@link LogEnd}. Tasks without a log file on that node are skipped.
     */
    record TaskLogs(List<String> taskIds, int tail, boolean follow) implements ClusterMessage {
        public TaskLogs {
            taskIds = taskIds == null ? List.of() : List.copyOf(taskIds);
        }
    }

    /** One batch of a task-logs stream, lines in file order per task. */
    record LogLines(List<LogLine> entries) implements ClusterMessage {
        public LogLines {
            entries = entries == null ? List.of() : List.copyOf(entries);
        }
    }

    /**
     * One line of a task's log: its bytes without the newline (base64 in JSON, so any bytes
     * travel exactly), and when the node read it (the files carry no timestamps).
     */
    record LogLine(String taskId, long timestampMillis, byte[] line) {
        public LogLine {
            line = line == null ? new byte[0] : line;
        }
    }

    /** The task-logs stream without {@code follow} has sent every line there was. */
    record LogEnd() implements ClusterMessage {
    }

    /**
     * A manager asks a node what its data plane holds for the VIPs (mutual TLS, manager
     * certificate only; any node answers, workers too). One {@link DataPlaneViewReply}, or a
     * {@link Failure}: 404 when the node runs no data plane.
     */
    record DataPlaneViewRequest() implements ClusterMessage {
    }

    /** A node's data-plane view: its virtual services, backends, their states and flows. */
    record DataPlaneViewReply(dev.swarmnet.controlplane.inspect.DataPlaneView view) implements ClusterMessage {
    }

    /** This manager does not lead: send the request again to {@code leader} (cluster-port {@code ip:port}). */
    record Redirect(String leader) implements ClusterMessage {
    }

    /**
     * The request was refused. {@code status} is HTTP-like: 400 bad input, 401 no certificate,
     * 403 role not allowed, 404 unknown node, 503 no leader; store refusals keep their status.
     */
    record Failure(int status, String message) implements ClusterMessage {
    }

    /** A manager's two addresses: its cluster port and its Raft port, each {@code ip:port}. */
    record ManagerEndpoint(String nodeId, String clusterAddr, String raftAddr) {
    }
}
