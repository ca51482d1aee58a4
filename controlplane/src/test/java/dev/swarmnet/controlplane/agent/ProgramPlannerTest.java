package dev.swarmnet.controlplane.agent;

import static dev.swarmnet.controlplane.agent.AssignmentFixtures.id;
import static dev.swarmnet.controlplane.agent.AssignmentViewTest.BLUE;
import static dev.swarmnet.controlplane.agent.AssignmentViewTest.N1;
import static dev.swarmnet.controlplane.agent.AssignmentViewTest.WEB;
import static org.assertj.core.api.Assertions.assertThat;

import dev.swarmnet.controlplane.model.Task;
import dev.swarmnet.controlplane.model.TaskState;
import dev.swarmnet.controlplane.state.ClusterState;
import dev.swarmnet.dataplane.lb.BackendState;
import dev.swarmnet.dataplane.lb.LbAlgorithm;
import dev.swarmnet.dataplane.program.Backend;
import dev.swarmnet.dataplane.program.Endpoint;
import dev.swarmnet.dataplane.program.Program;
import dev.swarmnet.dataplane.program.ServiceEntry;
import dev.swarmnet.dataplane.program.VirtualService;
import dev.swarmnet.dataplane.wire.Ipv4;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/** The data-plane program a node's assignment compiles to. */
class ProgramPlannerTest {
    private static final int BLUE_VNI = 4097;

    private static Program plan(ClusterState state, Map<String, Integer> ports) {
        return ProgramPlanner.plan(AssignmentView.of(state, N1), ports, LbAlgorithm.ROUND_ROBIN);
    }

    private static ClusterState withTask(String taskId, UnaryOperator<Task> change) {
        ClusterState state = AssignmentViewTest.state();
        return ClusterState.of(state.appliedIndex(), null, List.copyOf(state.nodes().values()),
                List.copyOf(state.networks().values()), List.copyOf(state.services().values()),
                state.tasks().values().stream().map(t -> t.id().equals(taskId) ? change.apply(t) : t).toList());
    }

    private static Task desiredAndState(Task t, TaskState desired, TaskState state) {
        return AssignmentFixtures.task(t.id(), WEB, t.slot(), t.nodeId(), desired, state, t.networks());
    }

    @Test
    void localTasksGetTheirPortsAndRemoteOnesTheirNodesUnderlayAddress() {
        Program program = plan(AssignmentViewTest.state(), Map.of(id("tweb1"), 3));

        assertThat(program.generation()).isEqualTo(7);
        assertThat(program.networks()).extracting(n -> n.name()).containsExactlyInAnyOrder("blue", "ingress");
        assertThat(program.endpoints()).containsExactlyInAnyOrder(
                Endpoint.local(BLUE_VNI, Ipv4.parse("10.0.1.5"), Endpoint.macFor(Ipv4.parse("10.0.1.5")), 3),
                Endpoint.remote(BLUE_VNI, Ipv4.parse("10.0.1.6"), Endpoint.macFor(Ipv4.parse("10.0.1.6")),
                        Ipv4.parse("192.168.0.2")),
                Endpoint.remote(BLUE_VNI, Ipv4.parse("10.0.1.7"), Endpoint.macFor(Ipv4.parse("10.0.1.7")),
                        Ipv4.parse("192.168.0.2")));
    }

    @Test
    void aVipServesEveryTcpAndUdpPortOverItsRunningTasksKeepingTheDestinationPort() {
        Program program = plan(AssignmentViewTest.state(), Map.of(id("tweb1"), 3));

        assertThat(program.services()).hasSize(2);
        int blue = program.networkIndex(BLUE_VNI);
        int vip = Ipv4.parse("10.0.1.2");
        for (int protocol : new int[] {Ipv4.PROTO_TCP, Ipv4.PROTO_UDP}) {
            for (int port : new int[] {80, 5432}) {
                ServiceEntry web = program.service(blue, vip, protocol, port);
                assertThat(web.name).isEqualTo("web");
                assertThat(web.port).isEqualTo(VirtualService.ANY_PORT);
                assertThat(web.algorithm).as("from the swarmnet.lb label").isEqualTo(LbAlgorithm.MAGLEV);
                assertThat(web.backendAddresses).containsExactlyInAnyOrder(Ipv4.parse("10.0.1.5"), Ipv4.parse("10.0.1.6"));
                assertThat(web.backendPorts).containsOnly(Backend.SAME_PORT);
                assertThat(web.states).containsOnly(BackendState.ACTIVE);
            }
        }
    }

    @Test
    void aRunningTaskBeingStoppedDrainsAndATaskNotRunningIsNoBackend() {
        Program draining = plan(withTask(id("tweb2"), t -> desiredAndState(t, TaskState.SHUTDOWN, TaskState.RUNNING)),
                Map.of(id("tweb1"), 3));
        ServiceEntry web = draining.service(draining.networkIndex(BLUE_VNI), Ipv4.parse("10.0.1.2"), Ipv4.PROTO_TCP, 80);
        assertThat(web.states[web.indexOf(Ipv4.parse("10.0.1.6"), Backend.SAME_PORT)]).isEqualTo(BackendState.DRAINING);
        assertThat(web.states[web.indexOf(Ipv4.parse("10.0.1.5"), Backend.SAME_PORT)]).isEqualTo(BackendState.ACTIVE);

        Program starting = plan(withTask(id("tweb2"), t -> desiredAndState(t, TaskState.RUNNING, TaskState.STARTING)),
                Map.of(id("tweb1"), 3));
        ServiceEntry web2 = starting.service(starting.networkIndex(BLUE_VNI), Ipv4.parse("10.0.1.2"), Ipv4.PROTO_TCP, 80);
        assertThat(web2.backendAddresses).containsExactly(Ipv4.parse("10.0.1.5"));
    }

    @Test
    void aLocalTaskWithoutAPortYetIsNeitherAnEndpointNorABackend() {
        Program program = plan(AssignmentViewTest.state(), Map.of());

        assertThat(program.endpoints()).extracting(Endpoint::address).doesNotContain(Ipv4.parse("10.0.1.5"));
        ServiceEntry web = program.service(program.networkIndex(BLUE_VNI), Ipv4.parse("10.0.1.2"), Ipv4.PROTO_TCP, 80);
        assertThat(web.backendAddresses).containsExactly(Ipv4.parse("10.0.1.6"));
    }

    @Test
    void labelsChooseTheAlgorithmAndTheAffinityAndBadLabelsFallBackToTheDefaults() {
        assertThat(ProgramPlanner.algorithm("least-conn", LbAlgorithm.MAGLEV)).isEqualTo(LbAlgorithm.LEAST_CONNECTIONS);
        assertThat(ProgramPlanner.algorithm("round-robin", LbAlgorithm.MAGLEV)).isEqualTo(LbAlgorithm.ROUND_ROBIN);
        assertThat(ProgramPlanner.algorithm("fastest", LbAlgorithm.MAGLEV)).isEqualTo(LbAlgorithm.MAGLEV);
        assertThat(ProgramPlanner.algorithm(null, LbAlgorithm.LEAST_CONNECTIONS)).isEqualTo(LbAlgorithm.LEAST_CONNECTIONS);
        assertThat(ProgramPlanner.affinityNanos("30s")).isEqualTo(Duration.ofSeconds(30).toNanos());
        assertThat(ProgramPlanner.affinityNanos("5m")).isEqualTo(Duration.ofMinutes(5).toNanos());
        assertThat(ProgramPlanner.affinityNanos("500ms")).isEqualTo(Duration.ofMillis(500).toNanos());
        assertThat(ProgramPlanner.affinityNanos("PT1H")).isEqualTo(Duration.ofHours(1).toNanos());
        assertThat(ProgramPlanner.affinityNanos("soon")).isZero();
        assertThat(ProgramPlanner.affinityNanos(null)).isZero();
    }

    @Test
    void theWholeStateOfEveryRandomTrialCompilesToAValidProgram() {
        java.util.SplittableRandom random = new java.util.SplittableRandom(7);
        for (int trial = 0; trial < 500; trial++) {
            ClusterState state = AssignmentFixtures.randomState(random, trial + 1);
            NodeAssignment view = AssignmentView.of(state, id("n1"));
            Map<String, Integer> ports = new java.util.HashMap<>();
            int next = 1;
            for (Task task : view.tasks().values()) {
                for (var attachment : task.networks()) {
                    ports.put(task.id() + "/" + attachment.networkId(), next++);
                }
            }
            Program program = ProgramPlanner.plan(view, ports, LbAlgorithm.ROUND_ROBIN);
            assertThat(program.networks()).hasSize(view.networks().size());
        }
    }
}
