package dev.swarmnet.controlplane.trust;

import java.security.KeyPair;
import java.time.Instant;

/** Node identities issued the way a join issues them: key on the node, CSR to the CA. */
final class TrustFixture {
    static final Instant NOW = Instant.now();
    static final String CLUSTER_ID = "c1uster0000000000000000ab";

    private TrustFixture() {
    }

    static NodeIdentity identity(ClusterCa ca, String nodeId, NodeRole role) {
        KeyPair keys = EcKeys.generate();
        NodeCsr csr = NodeCsr.parse(NodeCsr.create(keys).pem());
        return NodeIdentity.of(keys.getPrivate(),
                ca.issueNodeCertificate(nodeId, role, CLUSTER_ID, csr, ClusterCa.NODE_VALIDITY, NOW),
                ca.certificate());
    }
}
