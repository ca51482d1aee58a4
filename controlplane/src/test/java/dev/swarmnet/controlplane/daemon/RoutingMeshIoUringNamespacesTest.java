package dev.swarmnet.controlplane.daemon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.swarmnet.dataplane.io.Transport;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;

/**
 * {@link RoutingMeshNamespacesTest} with every daemon configured {@code dataplane.transport:
 * io_uring}: task TAPs, the underlay and the routing mesh all on io_uring event loops.
 */
@Tag("netns")
class RoutingMeshIoUringNamespacesTest extends RoutingMeshNamespacesTest {
    private NamespaceHosts configured;

    @Override
    void configure(NamespaceHosts hosts) throws IOException {
        assumeTrue(Transport.ioUringUnavailability() == null, () -> "io_uring: " + Transport.ioUringUnavailability());
        Path config = dir.resolve("swarmnet.yaml");
        Files.writeString(config, "dataplane: {transport: io_uring}\nmetrics: {listen: none}\n");
        hosts.daemonOptions("--config", config.toString());
        configured = hosts;
    }

    @AfterEach
    void everyDaemonRanItsDataPlaneOnIoUring() throws IOException {
        if (configured == null) {
            return;
        }
        for (int i = 1; i <= 3; i++) {
            assertThat(Files.readString(configured.log(i))).as("daemon log of host %d", i)
                    .contains("(UDP, IO_URING)").doesNotContain("falling back");
        }
    }
}
