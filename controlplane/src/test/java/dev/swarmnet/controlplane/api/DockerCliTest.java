package dev.swarmnet.controlplane.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.netty.channel.epoll.Epoll;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The stock {@code docker} CLI (28.x, API 1.50) driving the API server over a unix socket. */
class DockerCliTest {

    @TempDir
    Path dir;

    private InMemorySwarm swarm;
    private ApiServer server;
    private DockerCli docker;

    @BeforeEach
    void needsDockerAndEpoll() {
        assumeTrue(DockerCli.isInstalled(), "the docker CLI is not on the PATH");
        assumeTrue(Epoll.isAvailable(), "the unix socket needs Netty's epoll transport");
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    private void serve(InMemorySwarm backend) throws IOException {
        swarm = backend;
        Path socket = dir.resolve("s.sock");
        server = ApiServer.start(ApiServerConfig.unixSocket(socket), backend);
        docker = new DockerCli(socket, Files.createDirectories(dir.resolve("docker-config")));
    }

    @Test
    void dockerInfoShouldShowTheSwarmSectionOfAManager() throws Exception {
        serve(InMemorySwarm.managerOfThree());
        DockerCli.Result info = docker.run("info");
        assertThat(info.exitCode()).isZero();
        assertThat(info.stdout()).contains(
                " Swarm: active\n",
                "  NodeID: " + InMemorySwarm.SELF_ID + "\n",
                "  Is Manager: true\n",
                "  ClusterID: " + InMemorySwarm.CLUSTER_ID + "\n",
                "  Managers: 2\n",
                "  Nodes: 3\n",
                "   Heartbeat Period: 5 seconds\n",
                "   Expiry Duration: 3 months\n",
                "  Manager Addresses:\n   192.168.56.10:2377\n");
        assertThat(info.stderr()).isEmpty();
    }

    @Test
    void dockerNodeLsShouldMarkThisNodeAndShowManagerStatus() throws Exception {
        serve(InMemorySwarm.managerOfThree());
        DockerCli.Result ls = docker.run("node", "ls");
        assertThat(ls.exitCode()).isZero();
        assertThat(ls.stdout().lines().map(line -> line.replaceAll(" {2,}", "|")).toList()).containsExactly(
                "ID|HOSTNAME|STATUS|AVAILABILITY|MANAGER STATUS|ENGINE VERSION",
                InMemorySwarm.SELF_ID + " *|mgr1|Ready|Active|Leader|28.2.2",
                "5qwe8rty1uio2pas3dfg4hjk6|mgr2|Ready|Active|Reachable|28.2.2",
                "x7c2v9b3n4m5l6k7j8h9g0f1d|wrk1|Ready|Active|28.2.2");
    }

    @Test
    void dockerNodeLsShouldPassARoleFilter() throws Exception {
        serve(InMemorySwarm.managerOfThree());
        DockerCli.Result ls = docker.run("node", "ls", "-q", "--filter", "role=worker");
        assertThat(ls.stdout()).isEqualTo("x7c2v9b3n4m5l6k7j8h9g0f1d\n");
    }

    @Test
    void dockerNodeInspectPrettySelfShouldPrintThisNode() throws Exception {
        serve(InMemorySwarm.managerOfThree());
        DockerCli.Result inspect = docker.run("node", "inspect", "--pretty", "self");
        assertThat(inspect.exitCode()).isZero();
        assertThat(inspect.stdout().replaceAll("[ \t]+", " ")).contains(
                "ID: " + InMemorySwarm.SELF_ID + "\n",
                "Hostname: mgr1\n",
                "Joined at: 2025-11-25 20:07:16.123456789 +0000 utc\n",
                " State: Ready\n",
                "Manager Status:\n Address: 192.168.56.10:2377\n Raft Status: Reachable\n Leader: Yes\n",
                " CPUs: 2\n Memory: 4GiB\n",
                "Engine Version: 28.2.2\n");
    }

    @Test
    void dockerSwarmJoinTokenShouldPrintAWorkingJoinCommand() throws Exception {
        serve(InMemorySwarm.managerOfThree());
        String token = swarm.inspectSwarm().joinTokens().worker();
        DockerCli.Result join = docker.run("swarm", "join-token", "worker");
        assertThat(join.exitCode()).isZero();
        assertThat(join.stdout()).contains("    docker swarm join --token " + token + " 192.168.56.10:2377\n");
    }

    @Test
    void dockerSwarmJoinTokenRotateShouldSendTheSpecBackAndPrintTheNewToken() throws Exception {
        serve(InMemorySwarm.managerOfThree());
        String before = swarm.inspectSwarm().joinTokens().worker();
        DockerCli.Result rotate = docker.run("swarm", "join-token", "--rotate", "worker");
        String after = swarm.inspectSwarm().joinTokens().worker();
        assertThat(rotate.stderr()).isEmpty();
        assertThat(after).isNotEqualTo(before);
        assertThat(rotate.stdout()).startsWith("Successfully rotated worker join token.")
                .contains("docker swarm join --token " + after + " 192.168.56.10:2377");
        assertThat(swarm.inspectSwarm().spec().dispatcher().heartbeatPeriod()).isEqualTo(5_000_000_000L);
    }

    @Test
    void dockerNodeUpdateShouldSendTheVersionAndTheBackendShouldApplyIt() throws Exception {
        serve(InMemorySwarm.managerOfThree());
        long version = swarm.inspectNode("wrk1").version().index();
        DockerCli.Result update = docker.run("node", "update", "--availability", "drain", "wrk1");
        assertThat(update.exitCode()).isZero();
        assertThat(update.stdout()).isEqualTo("wrk1\n");
        assertThat(swarm.lastNodeUpdateVersion()).isEqualTo(version);
        assertThat(swarm.inspectNode("wrk1").spec().availability().wire()).isEqualTo("drain");
        assertThat(docker.run("node", "ls").stdout()).containsPattern("wrk1 +Ready +Drain");
    }

    @Test
    void dockerNodeInspectOfAMissingNodeShouldFailWithTheDaemonsMessage() throws Exception {
        serve(InMemorySwarm.managerOfThree());
        DockerCli.Result inspect = docker.run("node", "inspect", "nosuch");
        assertThat(inspect.exitCode()).isEqualTo(1);
        assertThat(inspect.stderr()).isEqualTo("Error response from daemon: node nosuch not found\n");
    }

    @Test
    void dockerSwarmInitShouldPrintTheNodeIdAndTheJoinCommand() throws Exception {
        serve(new InMemorySwarm("mgr1"));
        DockerCli.Result init = docker.run("swarm", "init", "--advertise-addr", "192.168.56.10");
        assertThat(init.exitCode()).isZero();
        assertThat(init.stdout()).startsWith("Swarm initialized: current node (" + InMemorySwarm.SELF_ID
                + ") is now a manager.")
                .contains("docker swarm join --token " + swarm.inspectSwarm().joinTokens().worker()
                        + " 192.168.56.10:2377");
    }

    @Test
    void dockerSwarmLeaveShouldRelayTheManagerWarningAndLeaveWithForce() throws Exception {
        serve(InMemorySwarm.managerOfThree());
        DockerCli.Result refused = docker.run("swarm", "leave");
        assertThat(refused.exitCode()).isEqualTo(1);
        assertThat(refused.stderr()).isEqualTo("Error response from daemon: "
                + DaemonMessages.LAST_MANAGER_LEAVE_NEEDS_FORCE + "\n");
        DockerCli.Result forced = docker.run("swarm", "leave", "--force");
        assertThat(forced.stdout()).isEqualTo("Node left the swarm.\n");
        assertThat(swarm.status().pingHeader()).isEqualTo("inactive");
    }

    @Test
    void dockerCommandsOutsideTheSubsetShouldFailWithA501Message() throws Exception {
        serve(InMemorySwarm.managerOfThree());
        DockerCli.Result ps = docker.run("ps");
        assertThat(ps.exitCode()).isEqualTo(1);
        assertThat(ps.stderr()).startsWith("Error response from daemon: swarmnet does not implement GET /containers/json");
    }

    @Test
    void dockerHelpShouldListTheSwarmGroupsOnAManager() throws Exception {
        serve(InMemorySwarm.managerOfThree());
        assertThat(docker.run("--help").stdout()).containsPattern("(?m)^  node +Manage Swarm nodes$");
    }
}
