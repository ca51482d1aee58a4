package dev.swarmnet.controlplane.lab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.swarmnet.linux.LinuxSupport;
import dev.swarmnet.linux.NetworkNamespace;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code lab down} against a daemon that starts a task while it is being stopped (root only):
 * the task's namespace, made after teardown first looked, is removed too.
 */
@Tag("netns")
class LabTeardownNamespacesTest {
    private static final String NAME = "swd" + ProcessHandle.current().pid() % 100_000_000;

    @TempDir
    Path dir;

    private final LabName name = new LabName(NAME);

    @AfterEach
    void removeWhatIsLeft() throws IOException {
        for (String ns : NetworkNamespace.list()) {
            if (name.owns(ns)) {
                Shell.run(List.of("ip", "netns", "del", ns));
            }
        }
    }

    @Test
    void aTaskNamespaceCreatedByADaemonAsItStopsIsRemovedToo() throws Exception {
        Assumptions.assumeTrue(LinuxSupport.isAvailable(), "needs root");
        LabLayout layout = new LabLayout(name, dir.resolve("state"), dir.resolve("run"));
        String node = name.node(1);
        String lateTask = name.taskPrefix() + "late";
        assertThat(Shell.run(List.of("ip", "netns", "add", node)).ok()).isTrue();
        Path ready = dir.resolve("ready");
        // A stand-in daemon: in the node's namespace, it makes a task namespace when told to stop.
        new ProcessBuilder("nsenter", "--net=/run/netns/" + node, "sh", "-c",
                "trap 'ip netns add " + lateTask + "; exit 0' TERM; touch " + ready + "; "
                        + "while :; do sleep 0.05; done")
                .redirectErrorStream(true).redirectOutput(dir.resolve("daemon.log").toFile()).start();
        await().atMost(Duration.ofSeconds(10)).until(() -> Files.exists(ready));

        LabTeardown.remove(layout);

        assertThat(NetworkNamespace.list()).as("namespaces left").noneMatch(name::owns);
    }
}
