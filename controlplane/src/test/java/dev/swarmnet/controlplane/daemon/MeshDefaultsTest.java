package dev.swarmnet.controlplane.daemon;

import static dev.swarmnet.controlplane.agent.AssignmentFixtures.id;
import static dev.swarmnet.controlplane.agent.AssignmentFixtures.network;
import static dev.swarmnet.controlplane.agent.AssignmentFixtures.node;
import static dev.swarmnet.controlplane.agent.AssignmentFixtures.task;
import static org.assertj.core.api.Assertions.assertThat;

import dev.swarmnet.controlplane.agent.AssignmentView;
import dev.swarmnet.controlplane.agent.NodeAssignment;
import dev.swarmnet.controlplane.ingress.MeshPort;
import dev.swarmnet.controlplane.ingress.MeshRoute;
import dev.swarmnet.controlplane.ingress.MeshRoutes;
import dev.swarmnet.controlplane.model.ContainerSpec;
import dev.swarmnet.controlplane.model.EndpointSpec;
import dev.swarmnet.controlplane.model.NetworkAttachment;
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
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import org.junit.jupiter.api.Test;

class MeshDefaultsTest {
    private static final String N1 = id("n1");
    private static final String INGRESS = id("ing");
    private static final String WEB = id("web");
    private static final LiveSettings.Values CONFIGURED = new LiveSettings.Values(LbAlgorithm.LEAST_CONNECTIONS,
            Duration.ofMinutes(3), Duration.ofSeconds(7), dev.swarmnet.dataplane.conntrack.FlowTimeouts.defaults());

    @Test
    void servicesWithoutLabelsGetTheConfiguredAlgorithmAndIdleTimeouts() {
        SortedMap<MeshPort, MeshRoute> routes = MeshDefaults.routes(assignment(Map.of()), CONFIGURED);

        MeshRoute tcp = routes.get(new MeshPort("tcp", 8080));
        MeshRoute udp = routes.get(new MeshPort("udp", 5353));
        assertThat(tcp.algorithm()).isEqualTo(LbAlgorithm.LEAST_CONNECTIONS);
        assertThat(tcp.idleTimeout()).isEqualTo(Duration.ofMinutes(3));
        assertThat(udp.algorithm()).isEqualTo(LbAlgorithm.LEAST_CONNECTIONS);
        assertThat(udp.idleTimeout()).isEqualTo(Duration.ofSeconds(7));
        assertThat(tcp.backends()).isEqualTo(MeshRoutes.of(assignment(Map.of())).get(new MeshPort("tcp", 8080))
                .backends());
    }

    @Test
    void aServicesOwnLabelsStillWinOverTheConfiguredDefaults() {
        SortedMap<MeshPort, MeshRoute> routes = MeshDefaults.routes(assignment(Map.of(MeshRoutes.LB_LABEL, "maglev",
                MeshRoutes.IDLE_TIMEOUT_LABEL, "2m")), CONFIGURED);

        assertThat(routes.get(new MeshPort("tcp", 8080)).algorithm()).isEqualTo(LbAlgorithm.MAGLEV);
        assertThat(routes.get(new MeshPort("tcp", 8080)).idleTimeout()).isEqualTo(Duration.ofMinutes(2));
        assertThat(routes.get(new MeshPort("udp", 5353)).idleTimeout()).isEqualTo(Duration.ofMinutes(2));
    }

    @Test
    void anUnreadableLabelFallsBackToTheConfiguredDefaultNotTheBuiltInOne() {
        MeshRoute route = MeshDefaults.routes(assignment(Map.of(MeshRoutes.LB_LABEL, "fastest",
                MeshRoutes.IDLE_TIMEOUT_LABEL, "soon")), CONFIGURED).get(new MeshPort("tcp", 8080));

        assertThat(route.algorithm()).isEqualTo(LbAlgorithm.LEAST_CONNECTIONS);
        assertThat(route.idleTimeout()).isEqualTo(Duration.ofMinutes(3));
    }

    private static NodeAssignment assignment(Map<String, String> labels) {
        PortConfig[] ports = {PortConfig.tcp(8080, 80), new PortConfig("", "udp", 53, 5353, "ingress")};
        EndpointSpec endpoint = new EndpointSpec(EndpointSpec.VIP, List.of(ports));
        ServiceSpec spec = new ServiceSpec("web", labels, new TaskTemplate(ContainerSpec.of("whoami"), null, null,
                List.of(), 0), ServiceMode.replicated(1), null, null, endpoint);
        Service web = new Service(WEB, new Version(1), 0, 0, spec, null,
                new ServiceEndpoint(endpoint, List.of(ports), List.of(new VirtualIp(INGRESS, "10.0.0.5/24"))), null);
        ClusterState state = ClusterState.of(9, null,
                List.of(node(N1, "192.168.0.1").withAttachments(List.of(new NetworkAttachment(INGRESS, "10.0.0.2/24")),
                        1, 0)),
                List.of(network(INGRESS, "ingress", 4096, "10.0.0.0/24", true)), List.of(web),
                List.of(task(id("t1"), web, 1, N1, TaskState.RUNNING, TaskState.RUNNING,
                        List.of(new NetworkAttachment(INGRESS, "10.0.0.6/24")))));
        return AssignmentView.of(state, N1);
    }
}
