package dev.swarmnet.controlplane.orchestrator;

import static dev.swarmnet.controlplane.orchestrator.TestCluster.replicated;
import static org.assertj.core.api.Assertions.assertThat;

import dev.swarmnet.controlplane.model.NodeAvailability;
import dev.swarmnet.controlplane.model.Task;
import dev.swarmnet.controlplane.model.TaskState;
import dev.swarmnet.controlplane.state.ClusterState;
import java.util.Random;
import org.junit.jupiter.api.Test;

class OrchestratorDeterminismTest {

    @Test
    void theSameStateTimeAndIdSeedGiveTheSameCommands() {
        TestCluster cluster = new TestCluster().workers("a", "b", "c");
        cluster.create(replicated("web", 5));
        cluster.create(replicated("db", 2));
        cluster.settle();
        cluster.availability("b", NodeAvailability.DRAIN);
        cluster.report(cluster.live("db").get(0), TaskState.FAILED);
        ClusterState state = cluster.state();

        var first = new Orchestrator(IdSource.from(new Random(7))).reconcile(state, cluster.now);
        var second = new Orchestrator(IdSource.from(new Random(7))).reconcile(state, cluster.now);

        assertThat(first).isNotEmpty().isEqualTo(second);
    }

    @Test
    void seededRandomClustersAlwaysConvergeToOneRunningTaskPerSlot() {
        for (int seed = 0; seed < 30; seed++) {
            Random random = new Random(seed);
            TestCluster cluster = new TestCluster().workers("a", "b", "c", "d");
            int replicas = 1 + random.nextInt(8);
            cluster.create(replicated("web", replicas));
            cluster.settle();
            for (int step = 0; step < 5; step++) {
                int action = random.nextInt(3);
                if (action == 0) {
                    int scaled = 1 + random.nextInt(8);
                    cluster.update("web", spec -> spec.withMode(dev.swarmnet.controlplane.model.ServiceMode.replicated(scaled)));
                    replicas = scaled;
                } else if (action == 1) {
                    var live = cluster.running("web");
                    cluster.advance(10_000);
                    cluster.report(live.get(random.nextInt(live.size())), TaskState.FAILED);
                } else {
                    String node = "abcd".substring(random.nextInt(4)).substring(0, 1);
                    cluster.availability(node, random.nextBoolean() ? NodeAvailability.DRAIN : NodeAvailability.ACTIVE);
                }
                cluster.advance(10_000);
                cluster.settle();
                assertThat(cluster.running("web")).as("seed %d step %d", seed, step)
                        .extracting(Task::slot).containsExactlyElementsOf(
                                java.util.stream.IntStream.rangeClosed(1, replicas).boxed().toList());
            }
        }
    }
}
