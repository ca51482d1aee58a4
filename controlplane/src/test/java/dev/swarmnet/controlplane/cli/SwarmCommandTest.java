package dev.swarmnet.controlplane.cli;

import static dev.swarmnet.controlplane.cli.CliRun.swarmnet;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.swarmnet.controlplane.api.FakeDaemon;
import io.netty.channel.epoll.Epoll;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code swarmnet swarm ...} against the real API server over the in-memory swarm. */
class SwarmCommandTest {

    @TempDir
    Path dir;

    private FakeDaemon daemon;

    @BeforeEach
    void needsEpoll() {
        assumeTrue(Epoll.isAvailable(), "the API's unix socket needs Netty's epoll transport");
    }

    @AfterEach
    void stop() {
        if (daemon != null) {
            daemon.close();
        }
    }

    @Test
    void joinTokenWorkerShouldPrintDockersTextWithTheSwarmnetJoinCommand() throws Exception {
        daemon = FakeDaemon.managerOfThree(dir);

        CliRun token = swarmnet("swarm", "join-token", "-H", daemon.host(), "worker");

        assertThat(token.exitCode()).isZero();
        assertThat(token.stdout()).isEqualTo("To add a worker to this swarm, run the following command:\n\n"
                + "    swarmnet swarm join --token " + daemon.workerToken() + " 192.168.56.10:2377\n\n");
        if (FakeDaemon.dockerInstalled()) {
            assertThat(token.stdout().replace("swarmnet swarm", "docker swarm"))
                    .isEqualTo(daemon.docker("swarm", "join-token", "worker").stdout());
        }
    }

    @Test
    void joinTokenQuietShouldPrintOnlyTheManagerToken() throws Exception {
        daemon = FakeDaemon.managerOfThree(dir);

        CliRun token = swarmnet("swarm", "join-token", "-q", "manager", "-H", daemon.host());

        assertThat(token.stdout()).isEqualTo(daemon.managerToken() + "\n");
        assertThat(token.stdout()).startsWith("SWMTKN-1-");
    }

    @Test
    void joinTokenRotateShouldReplaceTheTokenAndSaySo() throws Exception {
        daemon = FakeDaemon.managerOfThree(dir);
        String before = daemon.workerToken();

        CliRun rotate = swarmnet("swarm", "join-token", "--rotate", "worker", "-H", daemon.host());

        assertThat(rotate.exitCode()).isZero();
        assertThat(daemon.workerToken()).isNotEqualTo(before);
        assertThat(rotate.stdout()).startsWith("Successfully rotated worker join token.\n\n")
                .contains("--token " + daemon.workerToken() + " ");
    }

    @Test
    void joinTokenForAnUnknownRoleShouldBeAUsageError() throws Exception {
        daemon = FakeDaemon.managerOfThree(dir);

        CliRun token = swarmnet("swarm", "join-token", "admin", "-H", daemon.host());

        assertThat(token.exitCode()).isEqualTo(2);
        assertThat(token.stderr()).contains("unknown role admin");
    }

    @Test
    void initShouldPrintTheNodeIdAndTheWorkerJoinCommand() throws Exception {
        daemon = FakeDaemon.outsideASwarm(dir);

        CliRun init = swarmnet("swarm", "init", "--advertise-addr", "192.168.56.10", "-H", daemon.host());

        assertThat(init.stderr()).isEmpty();
        assertThat(init.stdout()).isEqualTo("Swarm initialized: current node (" + FakeDaemon.SELF_ID
                + ") is now a manager.\n\n"
                + "To add a worker to this swarm, run the following command:\n\n"
                + "    swarmnet swarm join --token " + daemon.workerToken() + " 192.168.56.10:2377\n\n"
                + "To add a manager to this swarm, run 'swarmnet swarm join-token manager' and follow the "
                + "instructions.\n\n");
    }

    @Test
    void initOnAManagerShouldRelayTheDaemonsRefusal() throws Exception {
        daemon = FakeDaemon.managerOfThree(dir);

        CliRun init = swarmnet("swarm", "init", "-H", daemon.host());

        assertThat(init.exitCode()).isEqualTo(1);
        assertThat(init.stderr()).isEqualTo("Error response from daemon: This node is already part of a swarm. "
                + "Use \"docker swarm leave\" to leave this swarm and join another one.\n");
    }

    @Test
    void joinShouldSayWhichRoleTheNodeJoinedAs() throws Exception {
        daemon = FakeDaemon.outsideASwarm(dir);

        CliRun join = swarmnet("swarm", "join", "--token", "SWMTKN-1-x-y", "192.168.56.10:2377", "-H", daemon.host());

        assertThat(join.exitCode()).isZero();
        assertThat(join.stdout()).isEqualTo("This node joined a swarm as a worker.\n");
    }

    @Test
    void joinWithoutATokenShouldBeAUsageError() {
        CliRun join = swarmnet("swarm", "join", "192.168.56.10:2377");

        assertThat(join.exitCode()).isEqualTo(2);
        assertThat(join.stderr()).contains("--token");
    }

    @Test
    void leaveOnAManagerShouldNeedForce() throws Exception {
        daemon = FakeDaemon.managerOfThree(dir);

        CliRun leave = swarmnet("swarm", "leave", "-H", daemon.host());
        assertThat(leave.exitCode()).isEqualTo(1);
        assertThat(leave.stderr()).startsWith("Error response from daemon: You are attempting to leave the swarm");

        CliRun forced = swarmnet("swarm", "leave", "--force", "-H", daemon.host());
        assertThat(forced.stdout()).isEqualTo("Node left the swarm.\n");
        assertThat(forced.exitCode()).isZero();
    }

    @Test
    void updateShouldChangeTheSpecAndInfoShouldShowIt() throws Exception {
        daemon = FakeDaemon.managerOfThree(dir);

        CliRun update = swarmnet("swarm", "update", "--task-history-limit", "7", "--dispatcher-heartbeat", "10s",
                "-H", daemon.host());

        assertThat(update.stdout()).isEqualTo("Swarm updated.\n");
        assertThat(swarmnet("info", "-H", daemon.host()).stdout())
                .contains("   Task History Retention Limit: 7\n", "   Heartbeat Period: 10 seconds\n");
    }
}
