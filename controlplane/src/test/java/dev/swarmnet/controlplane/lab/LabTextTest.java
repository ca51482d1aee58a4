package dev.swarmnet.controlplane.lab;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** What {@code lab up} and {@code lab ls} print. */
class LabTextTest {

    private static final LabState STATE = new LabState("swarmnet-lab", "198.18.100.0/24", "198.18.100.254",
            "/var/lib/swarmnet-lab/swarmnet-lab", "/run/swarmnet-lab/swarmnet-lab", List.of(
            node(1, "manager", 101), node(2, "worker", 102), node(3, "worker", 103)));

    private static LabState.Node node(int i, String role, long pid) {
        return new LabState.Node("swarmnet-lab-" + i, "198.18.100." + i, role, pid,
                "/run/swarmnet-lab/swarmnet-lab/swarmnet-lab-" + i + ".sock",
                "/var/lib/swarmnet-lab/swarmnet-lab/swarmnet-lab-" + i + "/daemon.log");
    }

    @Test
    void nextStepsExportTheFirstManagersSocketAndADockerHostLinePerNode() {
        String text = LabText.nextSteps(STATE);
        assertThat(text).contains("3 nodes (1 manager, 2 workers) on 198.18.100.0/24")
                .contains("this host is 198.18.100.254")
                .contains("  export SWARMNET_HOST=unix:///run/swarmnet-lab/swarmnet-lab/swarmnet-lab-1.sock\n");
        for (int i = 1; i <= 3; i++) {
            assertThat(text).containsPattern("(?m)^  export DOCKER_HOST=unix:///run/swarmnet-lab/swarmnet-lab/"
                    + "swarmnet-lab-" + i + "\\.sock +# swarmnet-lab-" + i + " +(manager|worker) +198\\.18\\.100\\." + i + "$");
        }
        assertThat(text).contains("swarmnet lab down ").doesNotContain("--name");
    }

    @Test
    void aLabWithAnotherNameRepeatsItInEveryPrintedCommand() {
        LabState other = new LabState("demo", STATE.subnet(), STATE.hostIp(), STATE.stateDir(), STATE.runDir(),
                STATE.nodes());
        assertThat(LabText.nextSteps(other)).contains("swarmnet lab ls --name demo")
                .contains("swarmnet lab down --name demo").contains("swarmnet lab exec --name demo ");
    }

    @Test
    void theTableShowsEachNodesAddressRoleAndWhetherItsDaemonLives() {
        String table = LabText.table(STATE, node -> node.pid() != 102);
        List<String> lines = table.lines().toList();
        assertThat(lines.get(0)).matches("NODE +IP +ROLE +PID +STATE +SOCKET");
        assertThat(lines.get(1)).matches("swarmnet-lab-1 +198\\.18\\.100\\.1 +manager +101 +alive +/run/.*-1\\.sock");
        assertThat(lines.get(2)).matches("swarmnet-lab-2 +198\\.18\\.100\\.2 +worker +102 +dead +/run/.*-2\\.sock");
        assertThat(lines).hasSize(4);
    }

    @Test
    void aNodeThatIsNotInTheLabIsNamedWithTheOnesThatAre() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> STATE.node("swarmnet-lab-9"))
                .hasMessageContaining("no node 'swarmnet-lab-9'")
                .hasMessageContaining("swarmnet-lab-1, swarmnet-lab-2, swarmnet-lab-3");
    }
}
