package dev.swarmnet.controlplane.daemon;

import dev.swarmnet.controlplane.api.ApiException;
import dev.swarmnet.controlplane.model.NodeDescription;
import dev.swarmnet.controlplane.trust.JoinToken;
import dev.swarmnet.controlplane.trust.NodeIdentity;
import java.util.List;
import java.util.Optional;

/**
 * The door from {@code POST /swarm/join} on this node to a manager's cluster port (TCP 2377),
 * implemented by the cluster-port code ({@code cluster}/{@code dispatcher} packages). The daemon
 * checks everything it can locally first (not already in a swarm, token syntax, advertise
 * address), then calls {@link #join}; on success it persists the identity and membership and,
 * for a manager, starts its Raft member with {@code RaftStore.join} and calls
 * {@link #requestRaftMembership}. Called on an API worker thread; may block up to the join
 * timeout (moby waits about 20 s).
 */
public interface Joiner {

    /**
     * What the joining node tells the manager about itself.
     *
     * @param token         the parsed token: its digest pins the CA, its secret proves the role
     * @param remoteAddr    the manager's cluster address, {@code host:port} ({@code RemoteAddrs[0]})
     * @param advertiseAddr this node's chosen advertise address, {@code ip:port}
     * @param description   hostname, platform, resources, engine of this node
     * @param availability  requested availability, or {@code null} for active
     */
    record Request(JoinToken token, String remoteAddr, String advertiseAddr, NodeDescription description,
                   dev.swarmnet.controlplane.model.NodeAvailability availability) {
    }

    /**
     * What the manager granted.
     *
     * @param identity       this node's key (generated here), its certificate and the CA certificate; the role is
     *                       the certificate's
     * @param remoteManagers the managers' cluster addresses, for {@code Swarm.RemoteManagers}
     * @param caKeyPem       the CA private key, only for a manager (so it can sign after a failover)
     */
    record Joined(NodeIdentity identity, List<String> remoteManagers, Optional<String> caKeyPem) {
    }

    /**
     * Bootstrap TLS to {@code remoteAddr} pinned by the token's digest, prove the secret, send a CSR,
     * receive the certificate. Fails with an {@link ApiException} in words the user can act on
     * (wrong or rotated token, unreachable manager, timeout).
     */
    Joined join(Request request);

    /**
     * For a manager: once its Raft server runs on {@code raftAddress} ({@code ip:port}), ask the
     * leader (over mutual TLS) to add it to the Raft group ({@code RaftStore.addPeer}); returns
     * when the configuration is committed.
     */
    void requestRaftMembership(Joined joined, String raftAddress);

    /**
     * After a promotion or demotion: asks a manager of {@code managers} (over mutual TLS with
     * {@code current}) for a certificate for a new key, with the role the leader's state has now,
     * and, when that role is manager, for the CA key. {@code remoteManagers} of the result are
     * {@code managers}.
     */
    default Joined renew(NodeIdentity current, List<String> managers) {
        throw ApiException.unavailable("changing roles is not wired into this build");
    }

    /** The joiner of builds without the cluster port: every join fails with a clear 503. */
    static Joiner notWired() {
        return new Joiner() {
            @Override
            public Joined join(Request request) {
                throw ApiException.unavailable("joining is not wired into this build yet: this swarmnet has no "
                        + "cluster-port client, so it cannot reach the manager at " + request.remoteAddr());
            }

            @Override
            public void requestRaftMembership(Joined joined, String raftAddress) {
                throw ApiException.unavailable("joining is not wired into this build yet");
            }
        };
    }
}
