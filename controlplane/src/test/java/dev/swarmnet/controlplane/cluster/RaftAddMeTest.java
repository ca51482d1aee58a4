package dev.swarmnet.controlplane.cluster;

import static dev.swarmnet.controlplane.cluster.OneManagerCluster.TIMEOUT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.swarmnet.controlplane.cluster.ClusterPortClient.Joined;
import dev.swarmnet.controlplane.raft.RaftStore;
import dev.swarmnet.controlplane.raft.RaftStoreConfig;
import dev.swarmnet.controlplane.store.ClusterStateMachine;
import dev.swarmnet.controlplane.trust.EcKeys;
import dev.swarmnet.controlplane.trust.NodeIdentity;
import dev.swarmnet.controlplane.trust.TlsContexts;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** A manager joins through the cluster port, starts its Raft member and is added by the leader. */
class RaftAddMeTest {

    @Test
    void shouldAddAJoinedManagerToTheRaftGroupAndReplicateTheStoreToIt() throws Exception {
        try (OneManagerCluster cluster = new OneManagerCluster();
             ClusterPortClient client = new ClusterPortClient(Duration.ofSeconds(30))) {
            Joined joined = client.join(cluster.server.address(), cluster.tokens().manager().encoded(),
                    EcKeys.generate(), OneManagerCluster.description("manager2"), "127.0.0.1:2377")
                    .get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            NodeIdentity identity = joined.identity();
            RaftStoreConfig config = RaftStoreConfig.of(identity.clusterId(), identity.nodeId(), "127.0.0.1",
                    OneManagerCluster.freePort(), cluster.dir.resolve("mgr2"))
                    .withElectionTimeout(Duration.ofSeconds(1), Duration.ofSeconds(2));
            ClusterStateMachine machine = new ClusterStateMachine();

            try (RaftStore second = RaftStore.join(config, machine)) {
                ClusterMessage.RaftAdded added = client.raftAddMe(joined.managers().get(0).clusterAddr(),
                        TlsContexts.client(identity), config.address()).get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);

                assertThat(added.peers()).containsExactlyInAnyOrder(OneManagerCluster.MANAGER, identity.nodeId());
                await().atMost(TIMEOUT).until(() -> machine.current().node(identity.nodeId()).isPresent());
                cluster.store.raft().removePeer(identity.nodeId());
            }
        }
    }
}
