package dev.swarmnet.controlplane.inspect;

import static dev.swarmnet.controlplane.agent.AssignmentFixtures.id;
import static dev.swarmnet.controlplane.agent.AssignmentFixtures.network;
import static dev.swarmnet.controlplane.agent.AssignmentFixtures.node;
import static dev.swarmnet.controlplane.agent.AssignmentFixtures.service;
import static dev.swarmnet.controlplane.agent.AssignmentFixtures.task;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.swarmnet.controlplane.agent.AssignmentView;
import dev.swarmnet.controlplane.agent.NodeAssignment;
import dev.swarmnet.controlplane.agent.ProgramPlanner;
import dev.swarmnet.controlplane.model.EndpointSpec;
import dev.swarmnet.controlplane.model.Network;
import dev.swarmnet.controlplane.model.NetworkAttachment;
import dev.swarmnet.controlplane.model.Service;
import dev.swarmnet.controlplane.model.TaskState;
import dev.swarmnet.controlplane.model.VirtualIp;
import dev.swarmnet.controlplane.state.ClusterState;
import dev.swarmnet.dataplane.conntrack.BackendFlowCounts;
import dev.swarmnet.dataplane.conntrack.FlowTable;
import dev.swarmnet.dataplane.conntrack.FlowTimeouts;
import dev.swarmnet.dataplane.lb.LbAlgorithm;
import dev.swarmnet.dataplane.program.Backend;
import dev.swarmnet.dataplane.program.Endpoint;
import dev.swarmnet.dataplane.program.Program;
import dev.swarmnet.dataplane.program.VirtualService;
import dev.swarmnet.dataplane.wire.Ipv4;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What a program holds, named with the assignment it was planned from. */
class DataPlaneViewsTest {
    private static final String N1 = id("n1");
    private static final String N2 = id("n2");
    private static final Network APP = network(id("wapp"), "app", 4097, "10.0.1.0/24", false);
    private static final Service WEB = service(id("sweb"), "web", EndpointSpec.VIP,
            List.of(new VirtualIp(APP.id(), "10.0.1.2/24")), Map.of("swarmnet.lb", "least-conn"), List.of(APP.id()));

    /** web: t1 on this node, t2 on n2 running, t3 on n2 being stopped, t4 on n2 still starting. */
    private static NodeAssignment assignment() {
        ClusterState state = ClusterState.of(42, null, List.of(node(N1, "192.168.0.1"), node(N2, "192.168.0.2")),
                List.of(APP), List.of(WEB), List.of(
                        task(id("t1"), WEB, 1, N1, TaskState.RUNNING, TaskState.RUNNING, attached("10.0.1.11/24")),
                        task(id("t2"), WEB, 2, N2, TaskState.RUNNING, TaskState.RUNNING, attached("10.0.1.12/24")),
                        task(id("t3"), WEB, 3, N2, TaskState.SHUTDOWN, TaskState.RUNNING, attached("10.0.1.13/24")),
                        task(id("t4"), WEB, 4, N2, TaskState.RUNNING, TaskState.STARTING, attached("10.0.1.14/24"))));
        return AssignmentView.of(state, N1);
    }

    private static List<NetworkAttachment> attached(String address) {
        return List.of(new NetworkAttachment(APP.id(), address));
    }

    @Test
    void everyVipProtocolListsItsRunningTasksByNameWithTheirStatesAndNodes() {
        NodeAssignment assignment = assignment();
        Program program = ProgramPlanner.plan(assignment, Map.of(id("t1"), 0), LbAlgorithm.ROUND_ROBIN);

        DataPlaneView view = DataPlaneViews.of(assignment, program, 1_700_000_000_000L, null);

        assertThat(view.nodeId()).isEqualTo(N1);
        assertThat(view.generation()).isEqualTo(42);
        assertThat(view.publishedAtMillis()).isEqualTo(1_700_000_000_000L);
        assertThat(view.flowsCounted()).isFalse();
        assertThat(view.services()).extracting(VirtualServiceView::protocol).containsExactly("tcp", "udp");
        for (VirtualServiceView vs : view.services()) {
            assertThat(vs.serviceId()).isEqualTo(WEB.id());
            assertThat(vs.serviceName()).isEqualTo("web");
            assertThat(vs.networkId()).isEqualTo(APP.id());
            assertThat(vs.networkName()).isEqualTo("app");
            assertThat(vs.vip()).isEqualTo("10.0.1.2");
            assertThat(vs.port()).as("any port").isZero();
            assertThat(vs.algorithm()).isEqualTo("least-conn");
            assertThat(vs.backends())
                    .extracting(BackendView::taskId, BackendView::taskName, BackendView::address, BackendView::nodeId,
                            BackendView::hostAddress, BackendView::state, BackendView::activeFlows)
                    .containsExactlyInAnyOrder(
                            tuple(id("t1"), "web.1." + id("t1"), "10.0.1.11", N1, "192.168.0.1", "active", -1),
                            tuple(id("t2"), "web.2." + id("t2"), "10.0.1.12", N2, "192.168.0.2", "active", -1),
                            tuple(id("t3"), "web.3." + id("t3"), "10.0.1.13", N2, "192.168.0.2", "draining", -1));
        }
        assertThat(view.onNetwork(APP.id())).hasSize(2);
        assertThat(view.onNetwork(id("wother"))).isEmpty();
        assertThat(view.ofService(WEB.id())).hasSize(2);
    }

    @Test
    void flowsAreCountedPerBackendAndProtocolFromTheConnectionTable() {
        NodeAssignment assignment = assignment();
        Program program = ProgramPlanner.plan(assignment, Map.of(id("t1"), 0), LbAlgorithm.ROUND_ROBIN);
        int vip = Ipv4.parse("10.0.1.2");
        int client = Ipv4.parse("10.0.1.11");
        FlowTable table = new FlowTable(64, FlowTimeouts.defaults());
        table.create(4097, Ipv4.PROTO_TCP, client, vip, 40000, 80, Ipv4.parse("10.0.1.12"), 80, 0);
        table.create(4097, Ipv4.PROTO_TCP, client, vip, 40001, 80, Ipv4.parse("10.0.1.12"), 80, 0);
        table.create(4097, Ipv4.PROTO_UDP, client, vip, 40002, 53, Ipv4.parse("10.0.1.13"), 53, 0);

        DataPlaneView view = DataPlaneViews.of(assignment, program, 1, BackendFlowCounts.count(table));

        assertThat(view.flowsCounted()).isTrue();
        VirtualServiceView tcp = view.services().get(0);
        VirtualServiceView udp = view.services().get(1);
        assertThat(tcp.backends()).extracting(BackendView::address, BackendView::activeFlows)
                .contains(tuple("10.0.1.12", 2), tuple("10.0.1.13", 0), tuple("10.0.1.11", 0));
        assertThat(udp.backends()).extracting(BackendView::address, BackendView::activeFlows)
                .contains(tuple("10.0.1.12", 0), tuple("10.0.1.13", 1));
        assertThat(tcp.backends()).allSatisfy(b -> assertThat(b.closingFlows()).isZero());
    }

    @Test
    void aBackendTheAssignmentCannotNameStillShowsWithItsAddress() {
        NodeAssignment assignment = assignment();
        int net = 4097;
        Program program = Program.builder().generation(7)
                .network(new dev.swarmnet.dataplane.program.Network("app", net, Ipv4.parse("10.0.1.0"), 24,
                        Ipv4.parse("10.0.1.1"), 1450))
                .endpoint(Endpoint.remote(net, Ipv4.parse("10.0.1.99"), Endpoint.macFor(Ipv4.parse("10.0.1.99")),
                        Ipv4.parse("192.168.0.9")))
                .service(VirtualService.tcp("web", net, Ipv4.parse("10.0.1.2"), VirtualService.ANY_PORT,
                        LbAlgorithm.MAGLEV, List.of(Backend.active(Ipv4.parse("10.0.1.99"), Backend.SAME_PORT))))
                .build();

        DataPlaneView view = DataPlaneViews.of(assignment, program, 0, null);

        assertThat(view.generation()).isEqualTo(7);
        assertThat(view.services()).singleElement().satisfies(vs -> {
            assertThat(vs.serviceId()).isEqualTo(WEB.id());
            assertThat(vs.algorithm()).isEqualTo("maglev");
            assertThat(vs.backends()).singleElement().satisfies(b -> {
                assertThat(b.address()).isEqualTo("10.0.1.99");
                assertThat(b.taskId()).isEmpty();
                assertThat(b.taskName()).isEmpty();
                assertThat(b.state()).isEqualTo("active");
            });
        });
    }

    @Test
    void anEmptyProgramHasNoServices() {
        DataPlaneView view = DataPlaneViews.of(NodeAssignment.empty(N1), Program.empty(), 0, BackendFlowCounts.NONE);

        assertThat(view.services()).isEmpty();
        assertThat(view.nodeId()).isEqualTo(N1);
    }

    @Test
    void aGlobalTaskIsNamedAfterItsNode() {
        var endpoint = new dev.swarmnet.controlplane.agent.AssignedEndpoint(id("t9"), WEB.id(), "web", 0, N2, "",
                List.of(), TaskState.RUNNING, TaskState.RUNNING);

        assertThat(DataPlaneViews.taskName(endpoint)).isEqualTo("web." + N2 + "." + id("t9"));
    }
}
