package dev.swarmnet.controlplane.ingress;

import static dev.swarmnet.controlplane.agent.AssignmentFixtures.id;
import static dev.swarmnet.controlplane.agent.AssignmentFixtures.network;
import static dev.swarmnet.controlplane.agent.AssignmentFixtures.node;
import static dev.swarmnet.controlplane.agent.AssignmentFixtures.task;
import static org.assertj.core.api.Assertions.assertThat;

import dev.swarmnet.controlplane.agent.AssignmentView;
import dev.swarmnet.controlplane.agent.NodeAssignment;
import dev.swarmnet.controlplane.agent.ProgramPlanner;
import dev.swarmnet.controlplane.model.ContainerSpec;
import dev.swarmnet.controlplane.model.EndpointSpec;
import dev.swarmnet.controlplane.model.NetworkAttachment;
import dev.swarmnet.controlplane.model.Node;
import dev.swarmnet.controlplane.model.PortConfig;
import dev.swarmnet.controlplane.model.Service;
import dev.swarmnet.controlplane.model.ServiceEndpoint;
import dev.swarmnet.controlplane.model.ServiceMode;
import dev.swarmnet.controlplane.model.ServiceSpec;
import dev.swarmnet.controlplane.model.TaskState;
import dev.swarmnet.controlplane.model.TaskTemplate;
import dev.swarmnet.controlplane.model.Version;
import dev.swarmnet.controlplane.model.VirtualIp;
import dev.swarmnet.controlplane.state.ClusterState;
import dev.swarmnet.dataplane.lb.LbAlgorithm;
import dev.swarmnet.dataplane.program.Endpoint;
import dev.swarmnet.dataplane.program.Program;
import dev.swarmnet.dataplane.wire.Ipv4;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import org.junit.jupiter.api.Test;

class MeshRoutesTest {
    private static final String N1 = id("n1");
    private static final String N2 = id("n2");
    private static final String N3 = id("n3");
    private static final String INGRESS = id("ing");
    private static final String WEB = id("web");

    private static Node withIngress(Node node, String address) {
        return node.withAttachments(List.of(new NetworkAttachment(INGRESS, address)), 1, 0);
    }

    private static Service web(Map<String, String> labels, PortConfig... ports) {
        EndpointSpec endpoint = new EndpointSpec(EndpointSpec.VIP, List.of(ports));
        ServiceSpec spec = new ServiceSpec("web", labels, new TaskTemplate(ContainerSpec.of("whoami"), null, null,
                List.of(), 0), ServiceMode.replicated(3), null, null, endpoint);
        return new Service(WEB, new Version(1), 0, 0, spec, null,
                new ServiceEndpoint(endpoint, List.of(ports), List.of(new VirtualIp(INGRESS, "10.0.0.5/24"))), null);
    }

    private static ClusterState state(Service web) {
        return ClusterState.of(9, null,
                List.of(withIngress(node(N1, "192.168.0.1"), "10.0.0.2/24"), withIngress(node(N2, "192.168.0.2"), "10.0.0.3/24"),
                        withIngress(node(N3, "192.168.0.3"), "10.0.0.4/24")),
                List.of(network(INGRESS, "ingress", 4096, "10.0.0.0/24", true)), List.of(web),
                List.of(task(id("t1"), web, 1, N1, TaskState.RUNNING, TaskState.RUNNING,
                                List.of(new NetworkAttachment(INGRESS, "10.0.0.6/24"))),
                        task(id("t2"), web, 2, N2, TaskState.SHUTDOWN, TaskState.RUNNING,
                                List.of(new NetworkAttachment(INGRESS, "10.0.0.7/24"))),
                        task(id("t3"), web, 3, N2, TaskState.RUNNING, TaskState.STARTING,
                                List.of(new NetworkAttachment(INGRESS, "10.0.0.8/24")))));
    }

    @Test
    void everyNodesIngressAddressIsAnEndpointLocalOnItsOwnNodeAndRemoteElsewhere() {
        NodeAssignment assignment = AssignmentView.of(state(web(Map.of(), PortConfig.tcp(8080, 80))), N3);
        assertThat(assignment.endpoints()).containsKeys(AssignmentView.nodeEndpointId(N1),
                AssignmentView.nodeEndpointId(N2), AssignmentView.nodeEndpointId(N3));
        Program program = ProgramPlanner.plan(assignment,
                Map.of(AssignmentView.nodeEndpointId(N3) + "/" + INGRESS, 7), LbAlgorithm.ROUND_ROBIN);
        Endpoint own = program.endpoints().stream().filter(e -> e.address() == Ipv4.parse("10.0.0.4")).findFirst().orElseThrow();
        assertThat(own.isLocal()).isTrue();
        assertThat(own.port()).isEqualTo(7);
        Endpoint first = program.endpoints().stream().filter(e -> e.address() == Ipv4.parse("10.0.0.2")).findFirst().orElseThrow();
        assertThat(first.isLocal()).isFalse();
        assertThat(first.node()).isEqualTo(Ipv4.parse("192.168.0.1"));
    }

    @Test
    void aPublishedPortLeadsToTheRunningTasksIngressAddressesWithDrainingMarked() {
        SortedMap<MeshPort, MeshRoute> routes = MeshRoutes.of(AssignmentView.of(state(web(Map.of(),
                PortConfig.tcp(8080, 80), new PortConfig("", "udp", 53, 5353, "ingress"),
                new PortConfig("", "tcp", 81, 9090, "host"))), N3));
        assertThat(routes).containsOnlyKeys(new MeshPort("tcp", 8080), new MeshPort("udp", 5353));
        MeshRoute http = routes.get(new MeshPort("tcp", 8080));
        assertThat(http.serviceName()).isEqualTo("web");
        assertThat(http.backends()).containsExactly(new MeshBackend(id("t1"), "10.0.0.6", 80, false),
                new MeshBackend(id("t2"), "10.0.0.7", 80, true));
        assertThat(http.algorithm()).isEqualTo(LbAlgorithm.ROUND_ROBIN);
        assertThat(http.idleTimeout()).isEqualTo(MeshRoutes.TCP_IDLE);
        assertThat(http.proxyV2()).isFalse();
        assertThat(routes.get(new MeshPort("udp", 5353)).idleTimeout()).isEqualTo(MeshRoutes.UDP_IDLE);
    }

    @Test
    void labelsChooseTheAlgorithmAffinityIdleTimeoutAndProxyProtocol() {
        MeshRoute route = MeshRoutes.of(AssignmentView.of(state(web(Map.of(MeshRoutes.LB_LABEL, "maglev",
                MeshRoutes.AFFINITY_LABEL, "30s", MeshRoutes.IDLE_TIMEOUT_LABEL, "2m",
                MeshRoutes.PROXY_PROTOCOL_LABEL, "v2"), PortConfig.tcp(8080, 80))), N1)).get(new MeshPort("tcp", 8080));
        assertThat(route.algorithm()).isEqualTo(LbAlgorithm.MAGLEV);
        assertThat(route.affinityNanos()).isEqualTo(Duration.ofSeconds(30).toNanos());
        assertThat(route.idleTimeout()).isEqualTo(Duration.ofMinutes(2));
        assertThat(route.proxyV2()).isTrue();
    }

    @Test
    void invalidLabelsFallBackToTheDefaults() {
        MeshRoute route = MeshRoutes.of(AssignmentView.of(state(web(Map.of(MeshRoutes.LB_LABEL, "fastest",
                MeshRoutes.IDLE_TIMEOUT_LABEL, "soon", MeshRoutes.PROXY_PROTOCOL_LABEL, "v1"),
                PortConfig.tcp(8080, 80))), N1)).get(new MeshPort("tcp", 8080));
        assertThat(route.algorithm()).isEqualTo(LbAlgorithm.ROUND_ROBIN);
        assertThat(route.idleTimeout()).isEqualTo(MeshRoutes.TCP_IDLE);
        assertThat(route.proxyV2()).isFalse();
    }

    @Test
    void theListenLabelRestrictsTheRouteAndAnUnreadableOneFailsClosed() {
        MeshRoute restricted = MeshRoutes.of(AssignmentView.of(state(web(Map.of(ListenRestriction.LABEL, "10.0.0.0/8"),
                PortConfig.tcp(8080, 80))), N1)).get(new MeshPort("tcp", 8080));
        assertThat(restricted.listen()).isEqualTo(ListenRestriction.parse("10.0.0.0/8"));

        MeshRoute unreadable = MeshRoutes.of(AssignmentView.of(state(web(Map.of(ListenRestriction.LABEL, "eth0"),
                PortConfig.tcp(8080, 80))), N1)).get(new MeshPort("tcp", 8080));
        assertThat(unreadable.listen().problem()).contains("'eth0' is not an IPv4 address");

        MeshRoute unrestricted = MeshRoutes.of(AssignmentView.of(state(web(Map.of(), PortConfig.tcp(8080, 80))), N1))
                .get(new MeshPort("tcp", 8080));
        assertThat(unrestricted.listen().anywhere()).isTrue();
    }
}
