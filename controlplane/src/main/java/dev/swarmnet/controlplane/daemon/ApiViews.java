package dev.swarmnet.controlplane.daemon;

import dev.swarmnet.controlplane.api.model.CaConfig;
import dev.swarmnet.controlplane.api.model.DispatcherConfig;
import dev.swarmnet.controlplane.api.model.EncryptionConfig;
import dev.swarmnet.controlplane.api.model.EngineDescription;
import dev.swarmnet.controlplane.api.model.OrchestrationConfig;
import dev.swarmnet.controlplane.api.model.Platform;
import dev.swarmnet.controlplane.api.model.RaftConfig;
import dev.swarmnet.controlplane.api.model.Resources;
import dev.swarmnet.controlplane.api.model.Swarm;
import dev.swarmnet.controlplane.api.model.SwarmSpec;
import dev.swarmnet.controlplane.api.model.TaskDefaults;
import dev.swarmnet.controlplane.api.model.Version;
import dev.swarmnet.controlplane.model.Cluster;
import dev.swarmnet.controlplane.model.ClusterSpec;
import dev.swarmnet.controlplane.model.ManagerStatus;
import dev.swarmnet.controlplane.model.Node;
import dev.swarmnet.controlplane.model.NodeAvailability;
import dev.swarmnet.controlplane.model.NodeDescription;
import dev.swarmnet.controlplane.model.NodeRole;
import dev.swarmnet.controlplane.model.NodeSpec;
import dev.swarmnet.controlplane.model.TlsInfo;
import java.time.Instant;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;

/**
 * The one mapping between the replicated state's records ({@code model}) and the Docker API's
 * ({@code api.model}). Field for field: epoch milliseconds become {@link Instant}s (the API
 * writes them as RFC 3339), base64 text becomes bytes, empty strings become Go's omitted zero
 * values; a zero in an incoming spec means "not given". Pure and stateless.
 */
final class ApiViews {
    private ApiViews() {
    }

    static dev.swarmnet.controlplane.api.model.Node node(Node node, TlsInfo clusterTls) {
        ManagerStatus manager = node.managerStatus();
        NodeDescription d = node.description();
        return new dev.swarmnet.controlplane.api.model.Node(node.id(), version(node.version()),
                Instant.ofEpochMilli(node.createdAtMillis()), Instant.ofEpochMilli(node.updatedAtMillis()),
                new dev.swarmnet.controlplane.api.model.NodeSpec(emptyToNull(node.spec().name()), node.spec().labels(),
                        role(node.spec().role()), availability(node.spec().availability())),
                new dev.swarmnet.controlplane.api.model.NodeDescription(d.hostname(),
                        new Platform(d.platform().architecture(), d.platform().os()),
                        new Resources(d.resources().nanoCpus(), d.resources().memoryBytes()),
                        new EngineDescription(d.engine().engineVersion(), d.engine().labels()), tls(clusterTls)),
                new dev.swarmnet.controlplane.api.model.NodeStatus(
                        dev.swarmnet.controlplane.api.model.NodeState.of(node.status().state().wire()),
                        emptyToNull(node.status().message()), node.statusAddr()),
                manager == null ? null : new dev.swarmnet.controlplane.api.model.ManagerStatus(manager.leader(),
                        dev.swarmnet.controlplane.api.model.Reachability.of(manager.reachability().wire()),
                        manager.addr()));
    }

    /** The cluster as {@code GET /swarm} shows it; {@code withTokens} false leaves the join tokens out. */
    static Swarm swarm(Cluster cluster, boolean withTokens) {
        return new Swarm(cluster.id(), version(cluster.version()), Instant.ofEpochMilli(cluster.createdAtMillis()),
                Instant.ofEpochMilli(cluster.updatedAtMillis()), swarmSpec(cluster.spec()), tls(cluster.tlsInfo()),
                false, cluster.defaultAddrPool(), cluster.subnetSize(), cluster.dataPathPort(),
                withTokens ? new dev.swarmnet.controlplane.api.model.JoinTokens(cluster.joinTokens().worker(),
                        cluster.joinTokens().manager()) : null);
    }

    static SwarmSpec swarmSpec(ClusterSpec spec) {
        ClusterSpec.Raft raft = spec.raft();
        return new SwarmSpec(spec.name(), spec.labels(),
                new OrchestrationConfig(spec.orchestration().taskHistoryRetentionLimit()),
                new RaftConfig(raft.snapshotInterval(), raft.keepOldSnapshots(), raft.logEntriesForSlowFollowers(),
                        raft.electionTick(), raft.heartbeatTick()),
                new DispatcherConfig(spec.dispatcher().heartbeatPeriodNanos()),
                new CaConfig(spec.caConfig().nodeCertExpiryNanos(), null, null, null, null),
                new TaskDefaults(null),
                new EncryptionConfig(spec.encryption().autoLockManagers()));
    }

    /** An incoming spec ({@code swarm init}, {@code swarm update}); absent parts are zeros, "not given". */
    static ClusterSpec clusterSpec(SwarmSpec spec) {
        if (spec == null) {
            return ClusterSpec.unset();
        }
        RaftConfig raft = spec.raft();
        return new ClusterSpec(spec.name(), spec.labels(),
                new ClusterSpec.Orchestration(spec.orchestration() == null ? 0
                        : zero(spec.orchestration().taskHistoryRetentionLimit())),
                raft == null ? null : new ClusterSpec.Raft(zero(raft.snapshotInterval()), zero(raft.keepOldSnapshots()),
                        zero(raft.logEntriesForSlowFollowers()), raft.electionTick(), raft.heartbeatTick()),
                new ClusterSpec.Dispatcher(spec.dispatcher() == null ? 0 : zero(spec.dispatcher().heartbeatPeriod())),
                new ClusterSpec.CaConfig(spec.caConfig() == null ? 0 : zero(spec.caConfig().nodeCertExpiry())),
                new ClusterSpec.Encryption(spec.encryptionConfig() != null
                        && spec.encryptionConfig().autoLockManagers()));
    }

    /** An incoming node spec; a missing role or availability keeps the node's current one. */
    static NodeSpec nodeSpec(dev.swarmnet.controlplane.api.model.NodeSpec spec, NodeSpec current) {
        if (spec == null) {
            return current;
        }
        Map<String, String> labels = spec.labels() == null ? Map.of() : spec.labels();
        return new NodeSpec(spec.name(), labels,
                spec.role() == null ? current.role() : NodeRole.parse(spec.role().wire()),
                spec.availability() == null ? current.availability() : availability(spec.availability()));
    }

    static NodeAvailability availability(dev.swarmnet.controlplane.api.model.NodeAvailability availability) {
        return availability == null ? null : NodeAvailability.parse(availability.wire());
    }

    static dev.swarmnet.controlplane.api.model.NodeRole role(NodeRole role) {
        return dev.swarmnet.controlplane.api.model.NodeRole.valueOf(role.name().toUpperCase(Locale.ROOT));
    }

    static dev.swarmnet.controlplane.api.model.NodeAvailability availability(NodeAvailability availability) {
        return dev.swarmnet.controlplane.api.model.NodeAvailability.valueOf(availability.name());
    }

    static dev.swarmnet.controlplane.api.model.TlsInfo tls(TlsInfo tls) {
        if (tls == null || tls.trustRoot().isEmpty()) {
            return null;
        }
        Base64.Decoder base64 = Base64.getDecoder();
        return new dev.swarmnet.controlplane.api.model.TlsInfo(tls.trustRoot(),
                base64.decode(tls.certIssuerSubject()), base64.decode(tls.certIssuerPublicKey()));
    }

    private static Version version(dev.swarmnet.controlplane.model.Version version) {
        return new Version(version.index());
    }

    private static long zero(Long value) {
        return value == null ? 0 : value;
    }

    private static String emptyToNull(String text) {
        return text == null || text.isEmpty() ? null : text;
    }
}
