package dev.swarmnet.controlplane.orchestrator;

import static dev.swarmnet.controlplane.orchestrator.TestCluster.id;
import static dev.swarmnet.controlplane.orchestrator.TestCluster.replicated;
import static dev.swarmnet.controlplane.orchestrator.TestCluster.withConstraints;
import static org.assertj.core.api.Assertions.assertThat;

import dev.swarmnet.controlplane.model.NodeAvailability;
import dev.swarmnet.controlplane.model.NodeRole;
import dev.swarmnet.controlplane.model.NodeState;
import dev.swarmnet.controlplane.model.Service;
import dev.swarmnet.controlplane.model.Task;
import dev.swarmnet.controlplane.model.TaskState;
import dev.swarmnet.controlplane.state.ClusterState;
import dev.swarmnet.controlplane.state.Command;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SchedulerTest {
    private final TestCluster cluster = new TestCluster();

    @Test
    void sixReplicasSpreadTwoTwoTwoOverThreeNodes() {
        cluster.workers("a", "b", "c").create(replicated("web", 6));

        cluster.settle();

        assertThat(cluster.spread("web")).isEqualTo(Map.of("a", 2, "b", 2, "c", 2));
        assertThat(cluster.live("web")).allSatisfy(t ->
                assertThat(t.status().message()).isIn("scheduler assigned task to node", "running"));
    }

    @Test
    void aSecondServiceFillsTheLeastLoadedNodesFirst() {
        cluster.workers("a", "b", "c").create(replicated("web", 2));
        cluster.settle();

        cluster.create(replicated("db", 1));
        cluster.settle();

        assertThat(cluster.spread("web")).isEqualTo(Map.of("a", 1, "b", 1));
        assertThat(cluster.spread("db")).isEqualTo(Map.of("c", 1));
    }

    @Test
    void assignmentSetsTheNodeAndStatusAssigned() {
        cluster.workers("a").create(replicated("web", 1));
        cluster.pass();

        List<Command> commands = cluster.pass();

        Command.TaskChange change = ((Command.WriteTasks) commands.get(0)).change().get(0);
        assertThat(change.nodeId()).isEqualTo(id("a"));
        assertThat(change.desiredState()).isNull();
        assertThat(change.status().state()).isEqualTo(TaskState.ASSIGNED);
        assertThat(change.status().message()).isEqualTo("scheduler assigned task to node");
        assertThat(change.status().timestampMillis()).isEqualTo(cluster.now);
    }

    @Test
    void roleConstraintPlacesTasksOnManagersOnly() {
        cluster.workers("a", "b").node("m", NodeRole.MANAGER, Map.of(), Map.of());
        cluster.create(withConstraints(replicated("web", 3), "node.role==manager"));

        cluster.settle();

        assertThat(cluster.spread("web")).isEqualTo(Map.of("m", 3));
    }

    @Test
    void labelConstraintsWithEqualsAndNotEquals() {
        cluster.node("a", NodeRole.WORKER, Map.of("zone", "east"), Map.of())
                .node("b", NodeRole.WORKER, Map.of("zone", "west"), Map.of())
                .node("c", NodeRole.WORKER, Map.of(), Map.of("disk", "ssd"));
        cluster.create(withConstraints(replicated("east", 2), "node.labels.zone == east"));
        cluster.create(withConstraints(replicated("noteast", 4), "node.labels.zone!=east"));
        cluster.create(withConstraints(replicated("ssd", 1), "engine.labels.disk==ssd", "node.hostname!=a"));

        cluster.settle();

        assertThat(cluster.spread("east")).isEqualTo(Map.of("a", 2));
        assertThat(cluster.spread("noteast")).isEqualTo(Map.of("b", 2, "c", 2));
        assertThat(cluster.spread("ssd")).isEqualTo(Map.of("c", 1));
    }

    @Test
    void aTaskNoNodeFitsStaysPendingWithDockersReason() {
        cluster.workers("a", "b", "c").create(withConstraints(replicated("web", 1), "node.role==manager"));
        cluster.pass();

        cluster.pass();

        Task task = cluster.live("web").get(0);
        assertThat(task.status().state()).isEqualTo(TaskState.PENDING);
        assertThat(task.nodeId()).isEmpty();
        assertThat(task.status().err()).as("the drained manager is not available, the workers are not managers")
                .isEqualTo("no suitable node (1 node not available for new tasks; scheduling constraints not satisfied on 3 nodes)");
    }

    @Test
    void theReasonCountsNodesNotAvailableSeparately() {
        cluster.workers("a", "b", "c").create(withConstraints(replicated("web", 1), "node.hostname==a"));
        cluster.availability("a", NodeAvailability.PAUSE);
        cluster.nodeState("b", NodeState.DOWN);
        cluster.pass();

        cluster.pass();

        assertThat(cluster.live("web").get(0).status().err()).isEqualTo(
                "no suitable node (3 nodes not available for new tasks; scheduling constraints not satisfied on 1 node)");
    }

    @Test
    void anUnchangedReasonIsNotWrittenAgain() {
        cluster.workers("a").create(withConstraints(replicated("web", 1), "node.role==manager"));
        cluster.pass();
        cluster.pass();

        cluster.advance(1_000);

        assertThat(cluster.orchestrator.reconcile(cluster.state(), cluster.now)).isEmpty();
    }

    @Test
    void aMalformedConstraintThatApplyLetThroughIsTheReason() {
        cluster.workers("a").create(withConstraints(replicated("web", 1), "node.role==manager"));
        cluster.pass();
        // apply refuses such a spec; a state written before it did (or by a laxer version) may still hold one.
        ClusterState state = cluster.state();
        Service web = cluster.service("web");
        Service lax = new Service(web.id(), web.version(), web.createdAtMillis(), web.updatedAtMillis(),
                withConstraints(web.spec(), "node.colour==blue"), web.previousSpec(), web.endpoint(), web.updateStatus());
        Task pending = cluster.live("web").get(0);
        Task laxTask = new Task(pending.id(), pending.version(), pending.createdAtMillis(), pending.updatedAtMillis(),
                pending.serviceId(), pending.serviceName(), pending.slot(), pending.nodeId(), lax.spec().taskTemplate(),
                pending.desiredState(), pending.status(), pending.networks());
        ClusterState laxState = ClusterState.of(state.appliedIndex(), state.cluster(), List.copyOf(state.nodes().values()),
                List.copyOf(state.networks().values()), List.of(lax), List.of(laxTask));

        Command write = cluster.orchestrator.reconcile(laxState, cluster.now).get(0);

        Task explained = laxState.apply(write, laxState.appliedIndex() + 1, cluster.now).state().tasks().get(pending.id());
        assertThat(explained.status().state()).isEqualTo(TaskState.PENDING);
        assertThat(explained.status().err())
                .isEqualTo("no suitable node (invalid constraint \"node.colour==blue\": unknown key node.colour)");
    }

    @Test
    void aPendingTaskIsPlacedOnceANodeFits() {
        cluster.workers("a").create(withConstraints(replicated("web", 1), "node.role==manager"));
        cluster.pass();
        cluster.pass();

        cluster.node("m", NodeRole.MANAGER, Map.of(), Map.of());
        cluster.settle();

        assertThat(cluster.spread("web")).isEqualTo(Map.of("m", 1));
    }
}
