package dev.swarmnet.controlplane.lab;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The state file other {@code lab} commands read back. */
class LabStateTest {

    @TempDir
    Path dir;

    @Test
    void theStateReadBackIsTheStateWrittenAndAMissingFileIsNoState() throws Exception {
        LabState state = new LabState("lab", "198.18.100.0/24", "198.18.100.254", "/s/lab", "/r/lab", List.of(
                new LabState.Node("lab-1", "198.18.100.1", "manager", 42, "/r/lab/lab-1.sock", "/s/lab/lab-1/daemon.log")));
        Path file = dir.resolve("lab").resolve("lab.json");
        state.write(file);
        assertThat(LabState.read(file)).contains(state);
        assertThat(LabState.read(dir.resolve("none.json"))).isEmpty();
    }
}
