package dev.swarmnet.controlplane.agent;

import static dev.swarmnet.controlplane.agent.AssignmentFixtures.id;
import static dev.swarmnet.controlplane.agent.AssignmentFixtures.network;
import static dev.swarmnet.controlplane.agent.AssignmentFixtures.node;
import static dev.swarmnet.controlplane.agent.AssignmentFixtures.service;
import static dev.swarmnet.controlplane.agent.AssignmentFixtures.task;
import static org.assertj.core.api.Assertions.assertThat;

import dev.swarmnet.controlplane.model.EndpointSpec;
import dev.swarmnet.controlplane.model.Network;
import dev.swarmnet.controlplane.model.NetworkAttachment;
import dev.swarmnet.controlplane.model.Service;
import dev.swarmnet.controlplane.model.TaskState;
import dev.swarmnet.controlplane.model.VirtualIp;
import dev.swarmnet.controlplane.state.ClusterState;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** What a node sees of the cluster state, and how diffs of those views replay. */
class AssignmentViewTest {
    static final String N1 = id("n1");
    static final String N2 = id("n2");
    static final Network BLUE = network(id("wblue"), "blue", 4097, "10.0.1.0/24", false);
    static final Network RED = network(id("wred"), "red", 4098, "10.0.2.0/24", false);
    static final Network INGRESS = network(id("wingress"), "ingress", 4096, "10.0.0.0/24", true);
    static final Service WEB = service(id("sweb"), "web", EndpointSpec.VIP,
            List.of(new VirtualIp(BLUE.id(), "10.0.1.2/24"), new VirtualIp(RED.id(), "10.0.2.2/24")),
            Map.of("swarmnet.lb", "maglev"), List.of(BLUE.id(), RED.id()));
    static final Service DB = service(id("sdb"), "db", EndpointSpec.DNSRR, List.of(), Map.of(), List.of(BLUE.id()));
    static final Service OTHER = service(id("sother"), "other", EndpointSpec.VIP,
            List.of(new VirtualIp(RED.id(), "10.0.2.3/24")), Map.of(), List.of(RED.id()));

    /** n1 runs web.1 on blue; n2 runs web.2 (blue), db.1 (blue), a finished web task and other.1 (red only). */
    static ClusterState state() {
        return ClusterState.of(7, null, List.of(node(N1, "192.168.0.1"), node(N2, "192.168.0.2")),
                List.of(BLUE, RED, INGRESS), List.of(WEB, DB, OTHER), List.of(
                        task(id("tweb1"), WEB, 1, N1, TaskState.RUNNING, TaskState.RUNNING,
                                List.of(new NetworkAttachment(BLUE.id(), "10.0.1.5/24"))),
                        task(id("tweb2"), WEB, 2, N2, TaskState.RUNNING, TaskState.RUNNING,
                                List.of(new NetworkAttachment(BLUE.id(), "10.0.1.6/24"),
                                        new NetworkAttachment(RED.id(), "10.0.2.6/24"))),
                        task(id("tdb1"), DB, 1, N2, TaskState.RUNNING, TaskState.STARTING,
                                List.of(new NetworkAttachment(BLUE.id(), "10.0.1.7/24"))),
                        task(id("tgone"), WEB, 3, N2, TaskState.SHUTDOWN, TaskState.COMPLETE,
                                List.of(new NetworkAttachment(BLUE.id(), "10.0.1.8/24"))),
                        task(id("tother"), OTHER, 1, N2, TaskState.RUNNING, TaskState.RUNNING,
                                List.of(new NetworkAttachment(RED.id(), "10.0.2.9/24")))));
    }

    @Test
    void aNodeSeesItsTasksTheirNetworksAndIngressAndEveryLiveEndpointAndServiceOnThem() {
        NodeAssignment view = AssignmentView.of(state(), N1);

        assertThat(view.nodeId()).isEqualTo(N1);
        assertThat(view.appliedIndex()).isEqualTo(7);
        assertThat(view.tasks()).containsOnlyKeys(id("tweb1"));
        assertThat(view.networks()).containsOnlyKeys(BLUE.id(), INGRESS.id());
        assertThat(view.endpoints()).containsOnlyKeys(id("tweb1"), id("tweb2"), id("tdb1"));
        AssignedEndpoint web2 = view.endpoints().get(id("tweb2"));
        assertThat(web2).isEqualTo(new AssignedEndpoint(id("tweb2"), WEB.id(), "web", 2, N2, "192.168.0.2",
                List.of(new NetworkAttachment(BLUE.id(), "10.0.1.6/24")), TaskState.RUNNING, TaskState.RUNNING));
        assertThat(view.services()).containsOnlyKeys(WEB.id(), DB.id());
        assertThat(view.services().get(WEB.id())).isEqualTo(new AssignedService(WEB.id(), "web", "vip",
                List.of(new VirtualIp(BLUE.id(), "10.0.1.2/24")), List.of(BLUE.id()), List.of(),
                Map.of("swarmnet.lb", "maglev")));
        assertThat(view.services().get(DB.id()).endpointMode()).isEqualTo("dnsrr");
    }

    @Test
    void aStoppedTaskThatIsStillRunningStaysAnEndpointUntilItsStatusIsTerminal() {
        ClusterState state = state();
        var draining = task(id("tweb2"), WEB, 2, N2, TaskState.SHUTDOWN, TaskState.RUNNING,
                state.tasks().get(id("tweb2")).networks());
        ClusterState next = ClusterState.of(8, null, List.copyOf(state.nodes().values()),
                List.copyOf(state.networks().values()), List.copyOf(state.services().values()),
                state.tasks().values().stream().map(t -> t.id().equals(draining.id()) ? draining : t).toList());

        assertThat(AssignmentView.of(next, N1).endpoints().get(id("tweb2")).desiredState()).isEqualTo(TaskState.SHUTDOWN);
    }

    @Test
    void aNodeWithoutTasksStillSeesTheIngressNetwork() {
        NodeAssignment view = AssignmentView.of(state(), id("n9"));
        assertThat(view.tasks()).isEmpty();
        assertThat(view.networks()).containsOnlyKeys(INGRESS.id());
    }

    @Test
    void applyingTheDiffOfTwoViewsReproducesTheSecondExactly() {
        SplittableRandom random = new SplittableRandom(20261125);
        int nonEmpty = 0;
        for (int trial = 0; trial < 2000; trial++) {
            ClusterState a = AssignmentFixtures.randomState(random, 1 + trial);
            ClusterState b = AssignmentFixtures.randomState(random, 2 + trial);
            String node = id("n" + (1 + random.nextInt(3)));
            NodeAssignment from = AssignmentView.of(a, node);
            NodeAssignment to = AssignmentView.of(b, node);

            AssignmentChange change = AssignmentChange.between(from, to);

            assertThat(from.apply(change)).as("trial %d", trial).isEqualTo(to);
            assertThat(NodeAssignment.empty(node).apply(AssignmentChange.full(to))).isEqualTo(to);
            assertThat(from.apply(AssignmentChange.full(to))).isEqualTo(to);
            assertThat(AssignmentChange.between(to, to).isEmpty()).isTrue();
            if (!change.isEmpty()) {
                nonEmpty++;
            }
        }
        assertThat(nonEmpty).as("the trials exercise real changes").isGreaterThan(1000);
    }

    @Test
    void aDiffCarriesOnlyWhatChanged() {
        NodeAssignment before = AssignmentView.of(state(), N1);
        ClusterState state = state();
        ClusterState after = ClusterState.of(9, null, List.copyOf(state.nodes().values()),
                List.copyOf(state.networks().values()), List.copyOf(state.services().values()),
                state.tasks().values().stream().filter(t -> !t.id().equals(id("tdb1"))).toList());

        AssignmentChange change = AssignmentChange.between(before, AssignmentView.of(after, N1));

        assertThat(change.full()).isFalse();
        assertThat(change.appliedIndex()).isEqualTo(9);
        assertThat(change.tasks()).isEmpty();
        assertThat(change.endpoints()).isEmpty();
        assertThat(change.removedEndpoints()).containsExactly(id("tdb1"));
        assertThat(change.services()).as("db's template still attaches it to blue").isEmpty();
        assertThat(change.removedServices()).isEmpty();
    }
}
