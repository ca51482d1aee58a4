package dev.swarmnet.controlplane.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.swarmnet.controlplane.inspect.BackendView;
import dev.swarmnet.controlplane.inspect.ClusterDataPlane;
import dev.swarmnet.controlplane.inspect.DataPlaneView;
import dev.swarmnet.controlplane.inspect.NodeDataPlane;
import dev.swarmnet.controlplane.inspect.PublishedPortView;
import dev.swarmnet.controlplane.inspect.VirtualServiceView;
import dev.swarmnet.controlplane.model.Network;
import dev.swarmnet.controlplane.model.NetworkSpec;
import dev.swarmnet.controlplane.model.Version;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Data-plane views as network inspect --verbose and service inspect ?backends=true show them. */
class DataPlaneJsonTest {
    private static final String NET = "dvj36lws45gk34ujzr5nn9yxy";
    private static final String SVC = "s00000000000000000000web1";
    private static final long PUBLISHED = Instant.parse("2026-11-26T02:00:00Z").toEpochMilli();

    private static VirtualServiceView web(String protocol, BackendView... backends) {
        return new VirtualServiceView(SVC, "web", NET, "appnet", "10.0.1.2", protocol, 0, "round-robin", 0,
                List.of(backends));
    }

    private static BackendView backend(String task, String address, String state, int flows) {
        return new BackendView(task, "web.1." + task, address, "n2", "192.168.0.2", state, flows, 0);
    }

    private static ClusterDataPlane planes() {
        DataPlaneView one = new DataPlaneView("n1", 17, PUBLISHED, true, List.of(
                web("tcp", backend("t1", "10.0.1.5", "active", 3), backend("t2", "10.0.1.6", "draining", 1)),
                web("udp", backend("t1", "10.0.1.5", "active", 0), backend("t2", "10.0.1.6", "draining", 0))));
        DataPlaneView two = new DataPlaneView("n2", 16, PUBLISHED, false, List.of(
                new VirtualServiceView(SVC, "web", NET, "appnet", "10.0.1.2", "tcp", 0, "maglev", 30_000,
                        List.of(new BackendView("t1", "web.1.t1", "10.0.1.5", "n2", "192.168.0.2", "active", -1, -1)))));
        one = one.withPublishedPorts(List.of(new PublishedPortView(8080, "tcp", SVC, "web", PublishedPortView.OPEN,
                List.of("0.0.0.0:8080"), ""), new PublishedPortView(9090, "udp", "other", "other",
                PublishedPortView.OPEN, List.of("0.0.0.0:9090"), "")));
        two = two.withPublishedPorts(List.of(new PublishedPortView(8080, "tcp", SVC, "web", PublishedPortView.BLOCKED,
                List.of(), "cannot listen on 0.0.0.0 port 8080: Address already in use")));
        return new ClusterDataPlane("n1", List.of(
                NodeDataPlane.failed("n3", "node-3", "node unreachable: cannot connect: Connection refused"),
                NodeDataPlane.answered("n2", "node-2", two),
                NodeDataPlane.answered("n1", "node-1", one)));
    }

    private static dev.swarmnet.controlplane.api.model.Network network() {
        return NetworkJson.toApi(new Network(NET, new Version(12), PUBLISHED, 0,
                new NetworkSpec("appnet", Map.of(), "overlay", false, false, "", "", Map.of()), 4097, "10.0.1.0/24",
                "10.0.1.1", 1450, ""));
    }

    @Test
    void verboseNetworkKeepsDockersFieldsAndAddsTheLocalServicesInDockersShape() {
        JsonNode json = DockerJson.mapper().valueToTree(NetworkJson.verbose(network(), planes()));

        assertThat(json.path("Name").asText()).isEqualTo("appnet");
        assertThat(json.path("Containers").isObject()).isTrue();
        JsonNode web = json.path("Services").path("web");
        assertThat(web.path("VIP").asText()).isEqualTo("10.0.1.2");
        assertThat(web.path("Ports").isArray()).isTrue();
        assertThat(web.path("LocalLBIndex").isInt()).isTrue();
        assertThat(web.path("Tasks")).hasSize(2);
        assertThat(web.path("Tasks").get(0).path("Name").asText()).isEqualTo("web.1.t1");
        assertThat(web.path("Tasks").get(0).path("EndpointID").asText()).isEqualTo("t1");
        assertThat(web.path("Tasks").get(0).path("EndpointIP").asText()).isEqualTo("10.0.1.5");
        assertThat(web.path("Tasks").get(0).path("Info").path("Host IP").asText()).isEqualTo("192.168.0.2");
    }

    @Test
    void verboseNetworkShowsEveryNodeByHostnameWithItsBackendsOrItsError() {
        JsonNode nodes = DockerJson.mapper().valueToTree(NetworkJson.verbose(network(), planes())).path("Nodes");

        assertThat(nodes.fieldNames()).toIterable().containsExactly("node-1", "node-2", "node-3");
        JsonNode one = nodes.path("node-1");
        assertThat(one.path("NodeID").asText()).isEqualTo("n1");
        assertThat(one.path("ProgramGeneration").asLong()).isEqualTo(17);
        assertThat(one.path("ProgramPublishedAt").asText()).isEqualTo("2026-11-26T02:00:00Z");
        assertThat(one.path("FlowsCounted").asBoolean()).isTrue();
        assertThat(one.has("Error")).isFalse();
        JsonNode web = one.path("Services").path("web");
        assertThat(web.path("ServiceID").asText()).isEqualTo(SVC);
        assertThat(web.path("VIP").asText()).isEqualTo("10.0.1.2");
        JsonNode tcp = web.path("VirtualServices").get(0);
        assertThat(tcp.path("Protocol").asText()).isEqualTo("tcp");
        assertThat(tcp.path("Port").asText()).isEqualTo("any");
        assertThat(tcp.path("Algorithm").asText()).isEqualTo("round-robin");
        assertThat(tcp.has("AffinityMillis")).isFalse();
        JsonNode draining = tcp.path("Backends").get(1);
        assertThat(draining.path("TaskID").asText()).isEqualTo("t2");
        assertThat(draining.path("TaskName").asText()).isEqualTo("web.1.t2");
        assertThat(draining.path("Address").asText()).isEqualTo("10.0.1.6");
        assertThat(draining.path("HostIP").asText()).isEqualTo("192.168.0.2");
        assertThat(draining.path("State").asText()).isEqualTo("draining");
        assertThat(draining.path("ActiveFlows").asInt()).isEqualTo(1);
        assertThat(draining.path("ClosingFlows").asInt()).isZero();

        JsonNode uncounted = nodes.path("node-2").path("Services").path("web").path("VirtualServices").get(0);
        assertThat(uncounted.path("AffinityMillis").asLong()).isEqualTo(30_000);
        assertThat(uncounted.path("Backends").get(0).has("ActiveFlows")).as("flows not counted").isFalse();

        assertThat(nodes.path("node-3").path("Error").asText())
                .isEqualTo("node unreachable: cannot connect: Connection refused");
        assertThat(nodes.path("node-3").has("Services")).isFalse();
    }

    @Test
    void aNodeWithoutAViewOfItsOwnGivesDockerNoServices() {
        ClusterDataPlane planes = new ClusterDataPlane("n9", planes().nodes());

        JsonNode json = DockerJson.mapper().valueToTree(NetworkJson.verbose(network(), planes));

        assertThat(json.path("Services").isObject()).isTrue();
        assertThat(json.path("Services")).isEmpty();
        assertThat(json.path("Nodes")).hasSize(3);
    }

    @Test
    void serviceBackendsListEachNodesVipsOfTheServiceOnly() {
        var service = new dev.swarmnet.controlplane.api.model.Service(SVC, null, null, null, null, null, null, null,
                null);

        JsonNode json = DockerJson.mapper().valueToTree(ServiceJson.withBackends(service, planes()));

        assertThat(json.path("ID").asText()).isEqualTo(SVC);
        JsonNode backends = json.path("SwarmnetBackends");
        assertThat(backends.fieldNames()).toIterable().containsExactly("node-1", "node-2", "node-3");
        JsonNode vip = backends.path("node-1").path("VirtualIPs").get(0);
        assertThat(vip.path("NetworkID").asText()).isEqualTo(NET);
        assertThat(vip.path("NetworkName").asText()).isEqualTo("appnet");
        assertThat(vip.path("VIP").asText()).isEqualTo("10.0.1.2");
        assertThat(vip.path("VirtualServices")).hasSize(2);
        assertThat(backends.path("node-3").path("Error").asText()).startsWith("node unreachable: ");

        JsonNode other = DockerJson.mapper().valueToTree(ServiceJson.withBackends(
                new dev.swarmnet.controlplane.api.model.Service("other", null, null, null, null, null, null, null, null),
                planes()));
        assertThat(other.path("SwarmnetBackends").path("node-1").path("VirtualIPs")).isEmpty();
    }

    @Test
    void serviceBackendsSayWhetherEachNodeListensOnTheServicesPublishedPortsAndWhyNot() {
        var service = new dev.swarmnet.controlplane.api.model.Service(SVC, null, null, null, null, null, null, null,
                null);

        JsonNode backends = DockerJson.mapper().valueToTree(ServiceJson.withBackends(service, planes()))
                .path("SwarmnetBackends");

        JsonNode open = backends.path("node-1").path("PublishedPorts");
        assertThat(open).as("only this service's ports").hasSize(1);
        assertThat(open.get(0).path("Port").asText()).isEqualTo("8080/tcp");
        assertThat(open.get(0).path("State").asText()).isEqualTo("open");
        assertThat(open.get(0).path("Addresses").get(0).asText()).isEqualTo("0.0.0.0:8080");
        assertThat(open.get(0).has("Error")).isFalse();
        JsonNode blocked = backends.path("node-2").path("PublishedPorts").get(0);
        assertThat(blocked.path("State").asText()).isEqualTo("blocked");
        assertThat(blocked.path("Error").asText()).contains("Address already in use");
        assertThat(blocked.has("Addresses")).isFalse();
    }
}
