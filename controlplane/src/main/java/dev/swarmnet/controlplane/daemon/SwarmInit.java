package dev.swarmnet.controlplane.daemon;

import dev.swarmnet.controlplane.api.ApiException;
import dev.swarmnet.controlplane.api.model.InitRequest;
import dev.swarmnet.controlplane.model.ClusterSpec;
import dev.swarmnet.controlplane.model.Ids;
import dev.swarmnet.controlplane.model.TlsInfo;
import dev.swarmnet.controlplane.state.Command;
import dev.swarmnet.controlplane.trust.ClusterCa;
import dev.swarmnet.controlplane.trust.EcKeys;
import dev.swarmnet.controlplane.trust.JoinTokens;
import dev.swarmnet.controlplane.trust.NodeCsr;
import dev.swarmnet.controlplane.trust.NodeIdentity;
import dev.swarmnet.controlplane.trust.NodeRole;
import java.io.IOException;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;

/**
 * {@code swarm init} on this node: makes the cluster and node ids, the cluster CA, the manager's
 * key, CSR and certificate, the join tokens; bootstraps Raft in the data directory; commits
 * {@link Command.InitCluster}; and only then writes the membership file, so a crash part-way
 * leaves a node that is in no swarm (its half-written files are cleared by the next init).
 *
 * <p>Where the secrets go: the node key and the CA key are files in {@code certificates/} (0600)
 * on this manager only. The CA key is not replicated through Raft: the state and its snapshots
 * hold the CA certificate (in {@link TlsInfo}) and the join tokens, never private keys. A manager
 * that joins later fetches the CA key from the leader with a {@code ca-key} request over the
 * mutual-TLS cluster port, once it holds its manager certificate ({@link Joiner.Joined#caKeyPem()}),
 * and stores it the same way, so any manager can
 * sign after a failover. Called under the backend's lifecycle lock.
 */
final class SwarmInit {
    private SwarmInit() {
    }

    static Manager run(InitRequest request, AdvertiseAddress.Chosen advertise, String listenAddr, int raftPort,
                       DataDir dataDir, HostDescription host, ManagerSettings settings, Instant now) {
        String clusterId = Ids.newId();
        String nodeId = Ids.newId();
        ClusterCa ca = ClusterCa.create(now);
        KeyPair keys = EcKeys.generate();
        Duration validity = request.spec() != null && request.spec().caConfig() != null
                && request.spec().caConfig().nodeCertExpiry() != null && request.spec().caConfig().nodeCertExpiry() > 0
                ? Duration.ofNanos(request.spec().caConfig().nodeCertExpiry()) : ClusterCa.NODE_VALIDITY;
        X509Certificate certificate;
        try {
            certificate = ca.issueNodeCertificate(nodeId, NodeRole.MANAGER, clusterId, NodeCsr.create(keys), validity, now);
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("invalid node certificate expiry: " + e.getMessage());
        }
        NodeIdentity identity = NodeIdentity.of(keys.getPrivate(), certificate, ca.certificate());
        JoinTokens tokens = JoinTokens.generate(ca.certificate());
        Membership membership = new Membership(Membership.FORMAT_VERSION, clusterId, nodeId, true,
                advertise.hostPort(), listenAddr, raftPort, true, List.of());
        Manager manager = null;
        try {
            dataDir.create();
            dataDir.clearSwarmState();
            dataDir.saveIdentity(identity);
            dataDir.saveCaKey(ca.privateKeyPem().orElseThrow());
            manager = Manager.start(membership, dataDir, ca, settings);
            StoreCalls.check(StoreCalls.await(manager.store().submit(new Command.InitCluster(clusterId,
                    withHeartbeat(ApiViews.clusterSpec(request.spec()), settings.heartbeatPeriod()),
                    new dev.swarmnet.controlplane.model.JoinTokens(tokens.worker().encoded(), tokens.manager().encoded()),
                    tlsInfo(ca.certificate()), request.defaultAddrPool(), request.subnetSize(),
                    request.dataPathPort(), nodeId, host.nodeDescription(), advertise.hostPort(),
                    ApiViews.availability(request.availability()), Ids.newId()))));
            dataDir.saveMembership(membership);
            return manager;
        } catch (IOException | RuntimeException e) {
            abandon(manager, dataDir);
            if (e instanceof ApiException api) {
                throw api;
            }
            throw new IllegalStateException("swarm init failed: " + e.getMessage(), e);
        }
    }

    /** {@code spec} with {@code period} as its heartbeat period when it gives none. */
    static ClusterSpec withHeartbeat(ClusterSpec spec, Duration period) {
        if (spec.dispatcher().heartbeatPeriodNanos() != 0) {
            return spec;
        }
        return new ClusterSpec(spec.name(), spec.labels(), spec.orchestration(), spec.raft(),
                new ClusterSpec.Dispatcher(period.toNanos()), spec.caConfig(), spec.encryption());
    }

    /** The CA certificate as the state and {@code TLSInfo} carry it: PEM, subject and key as base64 DER. */
    static TlsInfo tlsInfo(X509Certificate ca) {
        Base64.Encoder base64 = Base64.getEncoder();
        return new TlsInfo(dev.swarmnet.controlplane.trust.Pem.write(ca),
                base64.encodeToString(ca.getSubjectX500Principal().getEncoded()),
                base64.encodeToString(ca.getPublicKey().getEncoded()));
    }

    private static void abandon(Manager manager, DataDir dataDir) {
        try {
            if (manager != null) {
                manager.close();
            }
            dataDir.clearSwarmState();
        } catch (IOException | RuntimeException e) {
            // the next init clears what is left
        }
    }
}
