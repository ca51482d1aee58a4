package dev.swarmnet.controlplane.cluster;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import dev.swarmnet.controlplane.cluster.ClusterMessage.Failure;
import dev.swarmnet.controlplane.cluster.ClusterMessage.HeartbeatAck;
import dev.swarmnet.controlplane.cluster.ClusterMessage.JoinAccepted;
import dev.swarmnet.controlplane.cluster.ClusterMessage.JoinRequest;
import dev.swarmnet.controlplane.cluster.ClusterMessage.ManagerEndpoint;
import dev.swarmnet.controlplane.cluster.ClusterMessage.RaftAddMe;
import dev.swarmnet.controlplane.cluster.ClusterMessage.RaftAdded;
import dev.swarmnet.controlplane.cluster.ClusterMessage.Redirect;
import dev.swarmnet.controlplane.model.Ids;
import dev.swarmnet.controlplane.model.Node;
import dev.swarmnet.controlplane.state.Command;
import dev.swarmnet.controlplane.store.Outcome;
import dev.swarmnet.controlplane.trust.CertifiedNode;
import dev.swarmnet.controlplane.trust.ClusterCa;
import dev.swarmnet.controlplane.trust.JoinTokenException;
import dev.swarmnet.controlplane.trust.NodeCsr;
import dev.swarmnet.controlplane.trust.NodeRole;
import dev.swarmnet.controlplane.trust.Pem;
import java.io.IOException;
import java.security.cert.X509Certificate;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The manager's answers to cluster-port requests, without Netty: who may ask what, leader or
 * redirect, and the join, heartbeat and Raft-membership steps. The caller is the node named by
 * the verified client certificate, or {@code null} for a connection without one, which may
 * only join. Non-blocking: slow steps (signing, Raft configuration changes) run on
 * {@code blocking}. Thread-safe; called from event loops.
 */
final class ClusterPortService {
    static final int BAD_REQUEST = 400;
    static final int UNAUTHENTICATED = 401;
    static final int FORBIDDEN = 403;
    static final int NOT_FOUND = 404;
    static final int INTERNAL = 500;
    static final int UNAVAILABLE = 503;
    /** Docker's words when a manager cannot find a leader. */
    static final String NO_LEADER = "The swarm does not have a leader. It's possible that too few managers are online. "
            + "Make sure more than half of the managers are online.";

    private static final Logger LOG = LoggerFactory.getLogger(ClusterPortService.class);

    /** A worker's cluster port answers nothing but {@code task-logs}. */
    static final String LOGS_ONLY = "this node is a worker: it serves only task logs";
    /** Most tasks one {@code task-logs} request may name. */
    static final int MAX_LOG_TASKS = 10_000;

    private final ClusterPortBackend backend;
    private final Executor blocking;
    private final boolean logsOnly;

    ClusterPortService(ClusterPortBackend backend, Executor blocking) {
        this(backend, blocking, false);
    }

    /** With {@code logsOnly}, a worker's server: every request but {@code task-logs} is refused (404). */
    ClusterPortService(ClusterPortBackend backend, Executor blocking, boolean logsOnly) {
        this.backend = backend;
        this.blocking = blocking;
        this.logsOnly = logsOnly;
    }

    /** The one reply to {@code request} from {@code caller}; never completes exceptionally. */
    CompletableFuture<ClusterMessage> handle(CertifiedNode caller, ClusterMessage request) {
        CompletableFuture<ClusterMessage> reply;
        try {
            reply = dispatch(caller, request);
        } catch (RuntimeException e) {
            reply = CompletableFuture.failedFuture(e);
        }
        return reply.exceptionally(failure -> {
            Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                    ? failure.getCause() : failure;
            LOG.warn("{} from {} failed", type(request), caller == null ? "a joining node" : caller.nodeId(), cause);
            return new Failure(INTERNAL, "internal error: " + cause.getMessage());
        });
    }

    private CompletableFuture<ClusterMessage> dispatch(CertifiedNode caller, ClusterMessage request) {
        if (logsOnly) {
            return done(new Failure(NOT_FOUND, LOGS_ONLY));
        }
        if (request instanceof JoinRequest join) {
            return leaderOnly().orElse(() -> join(join));
        }
        if (!(request instanceof ClusterMessage.Heartbeat) && !(request instanceof RaftAddMe)
                && !(request instanceof ClusterMessage.CaKeyRequest)
                && !(request instanceof ClusterMessage.CertificateRequest)
                && !(request instanceof ClusterMessage.ReportTaskStatus)) {
            return done(new Failure(BAD_REQUEST, "unexpected message '" + type(request) + "': not a request"));
        }
        if (caller == null) {
            return done(new Failure(UNAUTHENTICATED, "'" + type(request)
                    + "' needs a node certificate: connect with mutual TLS"));
        }
        if (!caller.clusterId().equals(backend.clusterId())) {
            return done(new Failure(FORBIDDEN, "node " + caller.nodeId() + " belongs to cluster " + caller.clusterId()));
        }
        if (request instanceof RaftAddMe add) {
            if (caller.role() != NodeRole.MANAGER) {
                return done(new Failure(FORBIDDEN, "only managers may join the Raft group; node "
                        + caller.nodeId() + " is a worker"));
            }
            return leaderOnly().orElse(() -> raftAddMe(caller, add));
        }
        if (request instanceof ClusterMessage.CaKeyRequest) {
            if (caller.role() != NodeRole.MANAGER) {
                return done(new Failure(FORBIDDEN, "only managers may have the CA key; node "
                        + caller.nodeId() + " is a worker"));
            }
            return leaderOnly().orElse(() -> caKey(caller));
        }
        if (request instanceof ClusterMessage.ReportTaskStatus report) {
            return leaderOnly().orElse(() -> reportTaskStatus(caller, report));
        }
        if (request instanceof ClusterMessage.CertificateRequest renew) {
            return leaderOnly().orElse(() -> certificate(caller, renew));
        }
        return leaderOnly().orElse(() -> heartbeat(caller));
    }

    /**
     * Why {@code caller} may not watch the assignments {@code request} names, or {@code null} when
     * it may: a member of this cluster watching its own node (its certificate's), which this
     * manager's replica knows.
     */
    ClusterMessage.Failure watchRefusal(CertifiedNode caller, ClusterMessage.WatchAssignments request) {
        if (logsOnly) {
            return new Failure(NOT_FOUND, LOGS_ONLY);
        }
        if (caller == null) {
            return new Failure(UNAUTHENTICATED, "'watch-assignments' needs a node certificate: connect with mutual TLS");
        }
        if (!caller.clusterId().equals(backend.clusterId())) {
            return new Failure(FORBIDDEN, "node " + caller.nodeId() + " belongs to cluster " + caller.clusterId());
        }
        if (request.nodeId() != null && !request.nodeId().equals(caller.nodeId())) {
            return new Failure(FORBIDDEN, "node " + caller.nodeId() + " may watch only its own assignments, not those of "
                    + request.nodeId());
        }
        if (backend.currentState().node(caller.nodeId()).isEmpty()) {
            return new Failure(NOT_FOUND, "node " + caller.nodeId() + " is not a member of the cluster");
        }
        return null;
    }

    /**
     * Why {@code caller} may not read the task logs {@code request} asks for, or {@code null}
     * when it may: a manager of this cluster (its certificate says so; workers may not read other
     * nodes' logs), asking for valid task ids.
     */
    ClusterMessage.Failure taskLogsRefusal(CertifiedNode caller, ClusterMessage.TaskLogs request) {
        if (caller == null) {
            return new Failure(UNAUTHENTICATED, "'task-logs' needs a node certificate: connect with mutual TLS");
        }
        if (!caller.clusterId().equals(backend.clusterId())) {
            return new Failure(FORBIDDEN, "node " + caller.nodeId() + " belongs to cluster " + caller.clusterId());
        }
        if (caller.role() != NodeRole.MANAGER) {
            return new Failure(FORBIDDEN, "only managers may read task logs; node " + caller.nodeId() + " is a worker");
        }
        if (request.taskIds().isEmpty()) {
            return new Failure(BAD_REQUEST, "the task-logs request names no task");
        }
        if (request.taskIds().size() > MAX_LOG_TASKS) {
            return new Failure(BAD_REQUEST, "the task-logs request names " + request.taskIds().size()
                    + " tasks; at most " + MAX_LOG_TASKS + " are allowed");
        }
        for (String taskId : request.taskIds()) {
            if (taskId == null || !Ids.isValid(taskId)) {
                return new Failure(BAD_REQUEST, "invalid task id '" + taskId + "': want " + Ids.LENGTH
                        + " lowercase base-36 characters");
            }
        }
        return null;
    }

    /**
     * The reply to {@code data-plane-view} from {@code caller}: this node's view, computed on the
     * blocking executor, for a manager of this cluster (workers may not see the cluster's
     * backends; 403); 404 when this node runs no data plane. Answered by workers' logs-only
     * servers too. Never completes exceptionally.
     */
    CompletableFuture<ClusterMessage> dataPlaneView(CertifiedNode caller) {
        if (caller == null) {
            return done(new Failure(UNAUTHENTICATED, "'data-plane-view' needs a node certificate: connect with mutual TLS"));
        }
        if (!caller.clusterId().equals(backend.clusterId())) {
            return done(new Failure(FORBIDDEN, "node " + caller.nodeId() + " belongs to cluster " + caller.clusterId()));
        }
        if (caller.role() != NodeRole.MANAGER) {
            return done(new Failure(FORBIDDEN, "only managers may read data-plane views; node " + caller.nodeId()
                    + " is a worker"));
        }
        return CompletableFuture.supplyAsync(() -> backend.dataPlaneView()
                .<ClusterMessage>map(ClusterMessage.DataPlaneViewReply::new)
                .orElseGet(() -> new Failure(NOT_FOUND, "this node runs no data plane")), blocking)
                .exceptionally(failure -> {
                    Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                            ? failure.getCause() : failure;
                    LOG.warn("data-plane view for {} failed", caller.nodeId(), cause);
                    return new Failure(INTERNAL, "internal error: " + cause.getMessage());
                });
    }

    /** Proposes the caller's reports as its own (the node id is the certificate's, never the message's). */
    private CompletableFuture<ClusterMessage> reportTaskStatus(CertifiedNode caller,
                                                               ClusterMessage.ReportTaskStatus request) {
        for (Command.TaskReport report : request.reports()) {
            if (report == null || report.taskId() == null || report.taskId().isBlank() || report.status() == null) {
                return done(new Failure(BAD_REQUEST, "every task status report needs a task id and a status"));
            }
        }
        if (request.reports().isEmpty()) {
            return done(new ClusterMessage.TaskStatusRecorded(0));
        }
        return backend.submit(new Command.ReportTaskStatus(caller.nodeId(), request.reports()))
                .thenApply(outcome -> outcome.succeeded()
                        ? new ClusterMessage.TaskStatusRecorded(request.reports().size())
                        : new Failure(outcome.status(), outcome.message()));
    }

    /** A new certificate for a member, with the role its store entry has now (promotion, demotion). */
    private CompletableFuture<ClusterMessage> certificate(CertifiedNode caller, ClusterMessage.CertificateRequest request) {
        Node node = backend.store().local().node(caller.nodeId()).orElse(null);
        if (node == null) {
            return done(new Failure(NOT_FOUND, "node " + caller.nodeId() + " is not a member of the cluster"));
        }
        if (request.csr() == null || request.csr().isBlank()) {
            return done(new Failure(BAD_REQUEST, "the certificate request has no certificate signing request"));
        }
        NodeCsr csr;
        try {
            csr = NodeCsr.parse(request.csr());
        } catch (IllegalArgumentException e) {
            return done(new Failure(BAD_REQUEST, e.getMessage()));
        }
        NodeRole role = node.manager() ? NodeRole.MANAGER : NodeRole.WORKER;
        return CompletableFuture.supplyAsync(() -> {
            X509Certificate certificate = backend.ca().issueNodeCertificate(caller.nodeId(), role, backend.clusterId(),
                    csr, ClusterCa.NODE_VALIDITY, backend.now());
            LOG.info("issued node {} a {} certificate", caller.nodeId(), role);
            return new ClusterMessage.CertificateIssued(Pem.write(certificate), role.toString());
        }, blocking);
    }

    /** The caller's role in the local state, as the heartbeat ack names it; null when unknown. */
    private String desiredRole(String nodeId) {
        return backend.store().local().node(nodeId)
                .map(node -> (node.manager() ? NodeRole.MANAGER : NodeRole.WORKER).toString())
                .orElse(null);
    }

    private CompletableFuture<ClusterMessage> join(JoinRequest request) {
        NodeRole role;
        NodeCsr csr;
        try {
            role = backend.joinTokens().authorize(request.token());
        } catch (JoinTokenException e) {
            return done(new Failure(FORBIDDEN, e.getMessage()));
        }
        if (request.csr() == null || request.csr().isBlank()) {
            return done(new Failure(BAD_REQUEST, "the join request has no certificate signing request"));
        }
        try {
            csr = NodeCsr.parse(request.csr());
        } catch (IllegalArgumentException e) {
            return done(new Failure(BAD_REQUEST, e.getMessage()));
        }
        String nodeId = Ids.newId();
        Command.AddNode add = new Command.AddNode(nodeId, modelRole(role), request.description(),
                request.advertiseAddr(), null);
        return backend.store().submit(add).thenApplyAsync(outcome -> admitted(outcome, nodeId, role, csr), blocking);
    }

    private ClusterMessage admitted(Outcome outcome, String nodeId, NodeRole role, NodeCsr csr) {
        if (!outcome.succeeded()) {
            return new Failure(outcome.status(), outcome.message());
        }
        ClusterCa ca = backend.ca();
        X509Certificate certificate = ca.issueNodeCertificate(nodeId, role, backend.clusterId(), csr,
                ClusterCa.NODE_VALIDITY, backend.now());
        LOG.info("node {} joined as {}", nodeId, role);
        return new JoinAccepted(nodeId, role.toString(), backend.clusterId(), Pem.write(certificate),
                ca.certificatePem(), backend.managers(), backend.dispatcher().config().period().toMillis());
    }

    private CompletableFuture<ClusterMessage> heartbeat(CertifiedNode caller) {
        if (!backend.dispatcher().heartbeat(caller.nodeId(), backend.nowNanos())) {
            return done(new Failure(NOT_FOUND, "node " + caller.nodeId() + " is not a member of the cluster"));
        }
        return done(new HeartbeatAck(backend.dispatcher().config().period().toMillis(),
                backend.managers().stream().map(ManagerEndpoint::clusterAddr).toList(), desiredRole(caller.nodeId())));
    }

    /** The CA key for a manager whose store entry (not only its certificate) says manager. */
    private CompletableFuture<ClusterMessage> caKey(CertifiedNode caller) {
        Node node = backend.store().local().node(caller.nodeId()).orElse(null);
        if (node == null) {
            return done(new Failure(NOT_FOUND, "node " + caller.nodeId() + " is not a member of the cluster"));
        }
        if (!node.manager()) {
            return done(new Failure(FORBIDDEN, "only managers may have the CA key; node "
                    + caller.nodeId() + " was demoted to worker"));
        }
        return backend.ca().privateKeyPem()
                .<CompletableFuture<ClusterMessage>>map(pem -> {
                    LOG.info("sent the CA key to manager {}", caller.nodeId());
                    return done(new ClusterMessage.CaKey(pem));
                })
                .orElseGet(() -> done(new Failure(UNAVAILABLE, "this manager cannot sign: it has no CA key")));
    }

    private CompletableFuture<ClusterMessage> raftAddMe(CertifiedNode caller, RaftAddMe request) {
        try {
            HostPort.parse(request.raftAddress());
        } catch (IllegalArgumentException e) {
            return done(new Failure(BAD_REQUEST, "invalid Raft address " + request.raftAddress() + ": want ip:port"));
        }
        Node node = backend.store().local().node(caller.nodeId()).orElse(null);
        if (node == null) {
            return done(new Failure(NOT_FOUND, "node " + caller.nodeId() + " is not a member of the cluster"));
        }
        if (!node.manager()) {
            return done(new Failure(FORBIDDEN, "only managers may join the Raft group; node "
                    + caller.nodeId() + " was demoted to worker"));
        }
        return CompletableFuture.supplyAsync(() -> {
            try {
                backend.store().raft().addPeer(caller.nodeId(), request.raftAddress());
            } catch (IOException e) {
                return new Failure(UNAVAILABLE, "could not add " + caller.nodeId() + " to the Raft group: "
                        + e.getMessage());
            }
            LOG.info("manager {} added to the Raft group at {}", caller.nodeId(), request.raftAddress());
            return new RaftAdded(backend.store().raft().peers());
        }, blocking);
    }

    /** The leader answers; a follower redirects to the leader, or says there is none. */
    private LeaderCheck leaderOnly() {
        if (backend.isLeader()) {
            return LeaderCheck.LEADER;
        }
        return new LeaderCheck(backend.leaderClusterAddr()
                .<ClusterMessage>map(Redirect::new)
                .orElse(new Failure(UNAVAILABLE, NO_LEADER)));
    }

    /** Either "this manager leads" or the reply that sends the caller elsewhere. */
    private record LeaderCheck(ClusterMessage elsewhere) {
        static final LeaderCheck LEADER = new LeaderCheck(null);

        CompletableFuture<ClusterMessage> orElse(Supplier<CompletableFuture<ClusterMessage>> answer) {
            return elsewhere == null ? answer.get() : done(elsewhere);
        }
    }

    private static dev.swarmnet.controlplane.model.NodeRole modelRole(NodeRole role) {
        return role == NodeRole.MANAGER
                ? dev.swarmnet.controlplane.model.NodeRole.MANAGER : dev.swarmnet.controlplane.model.NodeRole.WORKER;
    }

    static String type(ClusterMessage message) {
        JsonSubTypes types =
                ClusterMessage.class.getAnnotation(JsonSubTypes.class);
        for (JsonSubTypes.Type type : types.value()) {
            if (type.value() == message.getClass()) {
                return type.name();
            }
        }
        return message.getClass().getSimpleName();
    }

    private static CompletableFuture<ClusterMessage> done(ClusterMessage reply) {
        return CompletableFuture.completedFuture(reply);
    }
}
