package dev.swarmnet.controlplane.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.swarmnet.controlplane.inspect.BackendView;
import dev.swarmnet.controlplane.inspect.ClusterDataPlane;
import dev.swarmnet.controlplane.inspect.DataPlaneView;
import dev.swarmnet.controlplane.inspect.NodeDataPlane;
import dev.swarmnet.controlplane.inspect.VirtualServiceView;
import io.netty.channel.epoll.Epoll;
import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The stock {@code docker} CLI reads the data-plane views of {@code network inspect --verbose}. */
class DockerCliBackendsTest {

    @TempDir
    Path dir;

    private ApiServer server;
    private DockerCli docker;
    private String networkId;

    @BeforeEach
    void serve() throws IOException {
        assumeTrue(DockerCli.isInstalled(), "the docker CLI is not on the PATH");
        assumeTrue(Epoll.isAvailable(), "the unix socket needs Netty's epoll transport");
        InMemorySwarm swarm = InMemorySwarm.managerOfThree();
        networkId = swarm.createNetwork(dev.swarmnet.controlplane.model.NetworkSpec.overlay("appnet"));
        Path socket = dir.resolve("s.sock");
        server = ApiServer.start(ApiServerConfig.unixSocket(socket), withViews(swarm));
        docker = new DockerCli(socket, Files.createDirectories(dir.resolve("docker-config")));
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    /** {@code swarm}, answering {@link SwarmBackend#dataPlanes} with two nodes' views and a dead node. */
    private SwarmBackend withViews(InMemorySwarm swarm) {
        BackendView one = new BackendView("t1", "web.1.t1", "10.0.1.5", "n1", "192.168.0.1", "active", 2, 0);
        BackendView two = new BackendView("t2", "web.2.t2", "10.0.1.6", "n2", "192.168.0.2", "draining", 0, 1);
        DataPlaneView self = new DataPlaneView(FakeDaemon.SELF_ID, 12, 1_700_000_000_000L, true, List.of(
                new VirtualServiceView("s1", "web", networkId, "appnet", "10.0.1.2", "tcp", 0, "round-robin", 0,
                        List.of(one, two))));
        ClusterDataPlane planes = new ClusterDataPlane(FakeDaemon.SELF_ID, List.of(
                NodeDataPlane.answered(FakeDaemon.SELF_ID, "node-1", self),
                NodeDataPlane.failed(FakeDaemon.WORKER_ID, "node-3", "node unreachable: no answer within 5000 ms")));
        return (SwarmBackend) Proxy.newProxyInstance(SwarmBackend.class.getClassLoader(),
                new Class<?>[] {SwarmBackend.class}, (proxy, method, args) -> {
                    if (method.getName().equals("dataPlanes")) {
                        return planes;
                    }
                    try {
                        return method.invoke(swarm, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    @Test
    void dockerDecodesTheServicesOfAVerboseNetworkAndPrintsTheNodesAsSent() throws Exception {
        DockerCli.Result services = docker.run("network", "inspect", "-v", "-f",
                "{{range $name, $s := .Services}}{{$name}} {{$s.VIP}}{{range $s.Tasks}} {{.Name}}@{{.EndpointIP}}"
                        + "/{{index .Info \"Host IP\"}}{{end}}{{end}}", "appnet");
        assertThat(services.exitCode()).as(services.stderr()).isZero();
        assertThat(services.stdout().strip()).isEqualTo("web 10.0.1.2 web.1.t1@10.0.1.5/192.168.0.1"
                + " web.2.t2@10.0.1.6/192.168.0.2");

        DockerCli.Result verbose = docker.run("network", "inspect", "--verbose", "appnet");
        assertThat(verbose.exitCode()).as(verbose.stderr()).isZero();
        assertThat(verbose.stdout()).contains("\"Nodes\": {", "\"node-1\": {", "\"State\": \"draining\"",
                "\"ActiveFlows\": 2", "\"Error\": \"node unreachable: no answer within 5000 ms\"");

        DockerCli.Result plain = docker.run("network", "inspect", "appnet");
        assertThat(plain.stdout()).doesNotContain("\"Services\"", "\"Nodes\"");
    }
}
