package dev.swarmnet.controlplane.orchestrator;

import static dev.swarmnet.controlplane.orchestrator.TestCluster.id;
import static dev.swarmnet.controlplane.orchestrator.TestCluster.replicated;
import static dev.swarmnet.controlplane.orchestrator.TestCluster.withImage;
import static dev.swarmnet.controlplane.orchestrator.TestCluster.withNetworks;
import static org.assertj.core.api.Assertions.assertThat;

import dev.swarmnet.controlplane.model.NetworkAttachment;
import dev.swarmnet.controlplane.model.Task;
import dev.swarmnet.controlplane.model.TaskState;
import dev.swarmnet.controlplane.model.UpdateConfig;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Services on overlay networks: the addresses the real apply gives the orchestrator's tasks. */
class NetworkedServiceTest {
    private final TestCluster cluster = new TestCluster().workers("a", "b", "c");

    private static String address(Task task) {
        return task.networks().get(0).address();
    }

    @Test
    void eachTaskGetsItsOwnAddressOnTheServicesNetworkBesideTheVip() {
        cluster.network("appnet", "10.9.0.0/24");
        cluster.create(withNetworks(replicated("web", 3), "appnet"));

        cluster.settle();

        assertThat(cluster.service("web").endpoint().virtualIps()).singleElement()
                .satisfies(vip -> assertThat(vip.address()).isEqualTo("10.9.0.2/24"));
        assertThat(cluster.running("web")).extracting(t -> t.networks().get(0))
                .extracting(NetworkAttachment::networkId).containsOnly(id("appnet"));
        assertThat(cluster.running("web")).extracting(NetworkedServiceTest::address)
                .containsExactlyInAnyOrder("10.9.0.3/24", "10.9.0.4/24", "10.9.0.5/24");
    }

    @Test
    void anUpdatedTaskTakesAFreshAddressWhileTheOldOneIsStillHeld() {
        cluster.network("appnet", "10.9.0.0/24");
        cluster.create(TestCluster.withUpdate(withNetworks(replicated("web", 2), "appnet"),
                new UpdateConfig(1, 0, UpdateConfig.PAUSE, 0, 0, UpdateConfig.START_FIRST)));
        cluster.settle();
        List<String> before = cluster.running("web").stream().map(NetworkedServiceTest::address).toList();
        cluster.advance(1_000);

        cluster.update("web", spec -> withImage(spec, "v2"));
        cluster.settle();

        assertThat(cluster.running("web")).extracting(t -> t.spec().container().image()).containsOnly("v2");
        assertThat(cluster.running("web")).extracting(NetworkedServiceTest::address)
                .doesNotContainAnyElementsOf(before).doesNotHaveDuplicates();
    }

    @Test
    void aTaskTheNetworkCannotAddressIsRejectedAndRetriedPerTheRestartPolicy() {
        // 10.9.0.0/29: .1 gateway, .2 the VIP, .3-.6 for four tasks.
        cluster.network("tiny", "10.9.0.0/29");
        cluster.create(withNetworks(replicated("web", 5), "tiny"));

        cluster.pass();

        Task rejected = cluster.tasksOf("web", t -> t.status().state() == TaskState.REJECTED).get(0);
        assertThat(rejected.slot()).isEqualTo(5);
        assertThat(rejected.status().err()).isEqualTo(
                "could not allocate an address on network tiny (10.9.0.0/29): no addresses left");
        cluster.settle();
        assertThat(cluster.running("web")).hasSize(4);
        List<Task> slot5 = cluster.tasksOf("web", t -> t.slot() == 5);
        assertThat(slot5).as("the first try and one replacement, both rejected; the next waits for the delay")
                .hasSize(2).allSatisfy(t -> assertThat(t.status().state()).isEqualTo(TaskState.REJECTED));

        cluster.advance(5_000);
        cluster.settle();
        assertThat(cluster.tasksOf("web", t -> t.slot() == 5)).as("one more try, and its replacement")
                .hasSize(4).allSatisfy(t -> assertThat(t.status().state()).isEqualTo(TaskState.REJECTED));
        assertThat(cluster.orchestrator.reconcile(cluster.state(), cluster.now)).isEmpty();

        cluster.scale("web", 4);
        cluster.settle();
        assertThat(cluster.running("web")).extracting(Task::slot).containsExactly(1, 2, 3, 4);
        assertThat(cluster.tasksOf("web", t -> t.slot() == 5)).as("slot 5's tasks are deleted").isEmpty();
    }
}
