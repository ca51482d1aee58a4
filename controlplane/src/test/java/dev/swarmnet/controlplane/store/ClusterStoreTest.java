package dev.swarmnet.controlplane.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.swarmnet.controlplane.model.NodeAvailability;
import dev.swarmnet.controlplane.model.NodeDescription;
import dev.swarmnet.controlplane.model.NodeRole;
import dev.swarmnet.controlplane.raft.RaftStore;
import dev.swarmnet.controlplane.raft.RaftStoreConfig;
import dev.swarmnet.controlplane.state.ClusterState;
import dev.swarmnet.controlplane.state.Command;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** ClusterState through a real one-manager Raft group: commands replicate, refusals come back worded. */
class ClusterStoreTest {
    private static final String CLUSTER = "c000000000000000000000001";
    private static final String MANAGER = "m1aaaaaaaaaaaaaaaaaaaaaaa";
    private static final String WORKER = "w1ccccccccccccccccccccccc";
    private static final String DIGEST = "0".repeat(10) + "abcdefghij".repeat(4);

    @TempDir
    Path dir;

    @Test
    void shouldReplicateCommandsAndReportRefusalsInDockersWords() throws Exception {
        int port = freePort();
        try (ClusterStore store = start(dir, port)) {
            Outcome init = store.submit(new Command.InitCluster(CLUSTER, null, new dev.swarmnet.controlplane.model.JoinTokens(
                    "SWMTKN-1-" + DIGEST + "-" + "w".repeat(25), "SWMTKN-1-" + DIGEST + "-" + "m".repeat(25)),
                    null, null, 0, 0, MANAGER, description("manager-1"), "127.0.0.1:2377", NodeAvailability.ACTIVE))
                    .get(20, TimeUnit.SECONDS);
            assertThat(init.succeeded()).as(String.valueOf(init.message())).isTrue();

            Outcome join = store.submit(new Command.AddNode(WORKER, NodeRole.WORKER, description("worker-1"),
                    "127.0.0.2:2377", NodeAvailability.ACTIVE)).get(20, TimeUnit.SECONDS);
            assertThat(join.succeeded()).isTrue();
            assertThat(join.index()).isGreaterThan(init.index());

            Outcome refused = store.submit(new Command.RemoveNode("nosuchnodeaaaaaaaaaaaaaaa", false))
                    .get(20, TimeUnit.SECONDS);
            assertThat(refused.status()).isEqualTo(404);
            assertThat(refused.message()).isEqualTo("node nosuchnodeaaaaaaaaaaaaaaa not found");

            ClusterState state = store.read().get(20, TimeUnit.SECONDS);
            assertThat(state.initialized()).isTrue();
            assertThat(state.nodes()).containsKeys(MANAGER, WORKER);
            assertThat(state.appliedIndex()).isGreaterThanOrEqualTo(refused.index());
        }
        try (ClusterStore again = start(dir, port)) {
            ClusterState recovered = again.read().get(20, TimeUnit.SECONDS);
            assertThat(recovered.nodes()).as("state after a restart from the same directory").containsKeys(MANAGER, WORKER);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return probe.getLocalPort();
        }
    }

    /** A manager restarts on the address it had: Raft knows its peers by address. */
    private static ClusterStore start(Path dir, int port) throws IOException {
        RaftStoreConfig config = RaftStoreConfig.of(CLUSTER, MANAGER, "127.0.0.1", port, dir)
                .withElectionTimeout(Duration.ofMillis(300), Duration.ofMillis(600));
        ClusterStateMachine machine = new ClusterStateMachine();
        return new ClusterStore(RaftStore.bootstrap(config, machine), machine);
    }

    private static NodeDescription description(String hostname) {
        return new NodeDescription(hostname, new NodeDescription.Platform("x86_64", "linux"),
                new NodeDescription.Resources(2_000_000_000L, 4L << 30),
                new NodeDescription.Engine("swarmnet-0.1.0", java.util.Map.of()));
    }
}
