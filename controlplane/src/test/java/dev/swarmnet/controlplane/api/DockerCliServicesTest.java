package dev.swarmnet.controlplane.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.netty.channel.epoll.Epoll;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The stock {@code docker} CLI (28.x) managing networks and services through the API server. */
class DockerCliServicesTest {

    @TempDir
    Path dir;

    private InMemorySwarm swarm;
    private ApiServer server;
    private DockerCli docker;

    @BeforeEach
    void serve() throws IOException {
        assumeTrue(DockerCli.isInstalled(), "the docker CLI is not on the PATH");
        assumeTrue(Epoll.isAvailable(), "the unix socket needs Netty's epoll transport");
        swarm = InMemorySwarm.managerOfThree();
        Path socket = dir.resolve("s.sock");
        server = ApiServer.start(ApiServerConfig.unixSocket(socket), swarm);
        docker = new DockerCli(socket, Files.createDirectories(dir.resolve("docker-config")));
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    private DockerCli.Result ok(String... args) throws Exception {
        DockerCli.Result result = docker.run(args);
        assertThat(result.exitCode()).as("docker %s\nstdout: %s\nstderr: %s", String.join(" ", args),
                result.stdout(), result.stderr()).isZero();
        return result;
    }

    private static List<String> rows(String table) {
        return table.lines().map(line -> line.strip().replaceAll(" {2,}", "|")).toList();
    }

    @Test
    void networkCreateLsInspectAndRmWorkLikeDocker() throws Exception {
        String id = ok("network", "create", "--driver", "overlay", "--label", "team=net", "appnet").stdout().strip();
        assertThat(id).matches("[0-9a-z]{25}");

        assertThat(rows(ok("network", "ls").stdout())).containsExactly(
                "NETWORK ID|NAME|DRIVER|SCOPE",
                id.substring(0, 12) + "|appnet|overlay|swarm",
                swarm.inspectNetwork("ingress").id().substring(0, 12) + "|ingress|overlay|swarm");
        assertThat(ok("network", "ls", "-q", "--filter", "label=team=net").stdout()).isEqualTo(id.substring(0, 12)
                + "\n");

        String inspect = ok("network", "inspect", "appnet").stdout();
        assertThat(inspect).contains("\"Name\": \"appnet\"", "\"Id\": \"" + id + "\"", "\"Scope\": \"swarm\"",
                "\"Driver\": \"overlay\"", "\"Subnet\": \"10.0.1.0/24\"", "\"Gateway\": \"10.0.1.1\"",
                "\"com.docker.network.driver.overlay.vxlanid_list\": \"4097\"", "\"team\": \"net\"");
        assertThat(ok("network", "inspect", "-f", "{{.IPAM.Driver}} {{.Ingress}} {{.Attachable}}", "appnet").stdout())
                .isEqualTo("default false false\n");

        DockerCli.Result twice = docker.run("network", "create", "--driver", "overlay", "appnet");
        assertThat(twice.exitCode()).isEqualTo(1);
        assertThat(twice.stderr()).contains("network with name appnet already exists");

        assertThat(ok("network", "rm", "appnet").stdout()).isEqualTo("appnet\n");
        DockerCli.Result gone = docker.run("network", "inspect", "appnet");
        assertThat(gone.exitCode()).isEqualTo(1);
        assertThat(gone.stderr()).contains("network appnet not found");
    }

    @Test
    void networkCreateRefusesWhatSwarmnetWouldIgnore() throws Exception {
        DockerCli.Result bridge = docker.run("network", "create", "plain");
        assertThat(bridge.exitCode()).isEqualTo(1);
        assertThat(bridge.stderr()).contains("swarmnet creates only overlay networks, not bridge");
        DockerCli.Result ipv6 = docker.run("network", "create", "-d", "overlay", "--ipv6", "six");
        assertThat(ipv6.exitCode()).isEqualTo(1);
        assertThat(ipv6.stderr()).contains("swarmnet does not support IPv6");
    }

    @Test
    void serviceLifecycleThroughTheDockerCli() throws Exception {
        String created = ok("service", "create", "-d", "--name", "web", "--replicas", "3", "-p", "8080:80",
                "swarmnet/whoami").stdout().strip();
        assertThat(created).matches("[0-9a-z]{25}");

        assertThat(rows(ok("service", "ls").stdout())).containsExactly(
                "ID|NAME|MODE|REPLICAS|IMAGE|PORTS",
                created.substring(0, 12) + "|web|replicated|3/3|swarmnet/whoami:latest|*:8080->80/tcp");

        String pretty = ok("service", "inspect", "--pretty", "web").stdout();
        assertThat(pretty).contains("Name:\t\tweb", "Replicated", "Replicas:\t3", "Image:\t\tswarmnet/whoami:latest",
                "PublishedPort = 8080", "TargetPort = 80", "PublishMode = ingress");

        List<String> ps = rows(ok("service", "ps", "web").stdout());
        assertThat(ps).hasSize(4);
        assertThat(ps.get(0)).isEqualTo("ID|NAME|IMAGE|NODE|DESIRED STATE|CURRENT STATE|ERROR|PORTS");
        assertThat(ps.subList(1, 4)).allSatisfy(row -> assertThat(row)
                .matches("[0-9a-z]{12}\\|web\\.[123]\\|swarmnet/whoami:latest\\|mgr1\\|Running\\|Running .* ago"));

        assertThat(ok("service", "scale", "web=5", "-d").stdout()).contains("web scaled to 5");
        assertThat(rows(ok("service", "ls").stdout()).get(1)).contains("|5/5|");

        assertThat(ok("service", "update", "-d", "--image", "swarmnet/whoami:2", "web").stdout()).isEqualTo("web\n");
        assertThat(ok("service", "inspect", "-f", "{{.Spec.TaskTemplate.ContainerSpec.Image}} "
                + "{{.PreviousSpec.TaskTemplate.ContainerSpec.Image}}", "web").stdout())
                .isEqualTo("swarmnet/whoami:2 swarmnet/whoami:latest\n");
        assertThat(ok("service", "ps", "-q", "--filter", "desired-state=running", "web").stdout().lines())
                .hasSize(5);

        assertThat(ok("service", "update", "--rollback", "-d", "web").stdout()).isEqualTo("web\n");
        assertThat(ok("service", "inspect", "-f", "{{.Spec.TaskTemplate.ContainerSpec.Image}} "
                + "{{.Spec.Mode.Replicated.Replicas}}", "web").stdout())
                .isEqualTo("swarmnet/whoami:latest 5\n");

        assertThat(ok("service", "rm", "web").stdout()).isEqualTo("web\n");
        assertThat(ok("service", "ls", "-q").stdout()).isEmpty();
    }

    @Test
    void serviceLogsArePrintedFromTheMultiplexedStream() throws Exception {
        ok("service", "create", "-d", "--name", "web", "--replicas", "2", "swarmnet/whoami");
        DockerCli.Result logs = ok("service", "logs", "web");
        List<String> ids = swarm.runningTaskIds("web");
        assertThat(logs.stdout().lines().toList()).containsExactlyInAnyOrder(
                "web.1." + ids.get(0).substring(0, 12) + "@mgr1    | listening on :80 as web.1." + ids.get(0),
                "web.2." + ids.get(1).substring(0, 12) + "@mgr1    | listening on :80 as web.2." + ids.get(1));
        assertThat(logs.stderr().lines().toList()).containsExactlyInAnyOrder(
                "web.1." + ids.get(0).substring(0, 12) + "@mgr1    | warning: web has no config",
                "web.2." + ids.get(1).substring(0, 12) + "@mgr1    | warning: web has no config");

        DockerCli.Result tail = ok("service", "logs", "--raw", "--tail", "1", "web");
        assertThat(tail.stdout() + tail.stderr()).hasLineCount(2).contains("warning: web has no config");
    }

    @Test
    void errorsReadAsDockersOwn() throws Exception {
        DockerCli.Result missing = docker.run("service", "ps", "nosuch");
        assertThat(missing.exitCode()).isEqualTo(1);
        assertThat(missing.stderr()).contains("no such service: nosuch");

        DockerCli.Result inspect = docker.run("service", "inspect", "nosuch");
        assertThat(inspect.exitCode()).isEqualTo(1);
        assertThat(inspect.stderr()).contains("no such service: nosuch");

        DockerCli.Result rm = docker.run("service", "rm", "nosuch");
        assertThat(rm.exitCode()).isEqualTo(1);
        assertThat(rm.stderr()).contains("service nosuch not found");

        ok("service", "create", "-d", "--name", "web", "swarmnet/whoami");
        DockerCli.Result rollback = docker.run("service", "update", "--rollback", "-d", "web");
        assertThat(rollback.exitCode()).isEqualTo(1);
        assertThat(rollback.stderr()).contains("does not have a previous spec");

        DockerCli.Result mounts = docker.run("service", "create", "-d", "--name", "db", "--limit-cpu", "1",
                "swarmnet/whoami");
        assertThat(mounts.exitCode()).isEqualTo(1);
        assertThat(mounts.stderr()).contains("swarmnet does not support TaskTemplate.Resources.Limits.NanoCPUs");
    }

    @Test
    void serviceCreateWithoutDetachWaitsUntilTheServiceConverged() throws Exception {
        DockerCli.Result created = ok("service", "create", "--name", "web", "--replicas", "2", "--update-monitor",
                "1s", "swarmnet/whoami");
        String id = created.stdout().lines().findFirst().orElseThrow();
        assertThat(created.stdout()).contains("overall progress: 2 out of 2 tasks",
                "verify: Service " + id + " converged");
        assertThat(created.stderr()).doesNotContain("Error");

        DockerCli.Result scaled = ok("service", "scale", "web=3");
        assertThat(scaled.stdout()).contains("web scaled to 3", "overall progress: 3 out of 3 tasks",
                "verify: Service web converged");
    }

    @Test
    void nodePsListsTheTasksOfThisNode() throws Exception {
        ok("service", "create", "-d", "--name", "web", "--replicas", "2", "swarmnet/whoami");
        List<String> ps = rows(ok("node", "ps").stdout());
        assertThat(ps).hasSize(3);
        assertThat(ps.get(1)).matches("[0-9a-z]{12}\\|web\\.1\\|swarmnet/whoami:latest\\|mgr1\\|Running\\|Running .*");
    }

    @Test
    void aServiceOnAnOverlayNetworkAndTheLogsOfOneTask() throws Exception {
        String network = ok("network", "create", "-d", "overlay", "appnet").stdout().strip();
        ok("service", "create", "-d", "--name", "api", "--network", "appnet", "-e", "MODE=test",
                "swarmnet/whoami", "--port", "80");
        assertThat(ok("service", "inspect", "-f", "{{(index .Spec.TaskTemplate.Networks 0).Target}} "
                + "{{.Spec.TaskTemplate.ContainerSpec.Env}} {{.Spec.TaskTemplate.ContainerSpec.Args}}", "api").stdout())
                .isEqualTo(network + " [MODE=test] [--port 80]\n");
        assertThat(ok("service", "inspect", "--pretty", "api").stdout()).contains("Networks: appnet");
        DockerCli.Result inUse = docker.run("network", "rm", "appnet");
        assertThat(inUse.exitCode()).isEqualTo(1);
        assertThat(inUse.stderr()).contains("is in use by service");

        String task = swarm.runningTaskIds("api").get(0);
        DockerCli.Result logs = ok("service", "logs", task);
        assertThat(logs.stdout()).isEqualTo("api.1." + task.substring(0, 12) + "@mgr1    | listening on :80 as api.1."
                + task + "\n");
    }
}
