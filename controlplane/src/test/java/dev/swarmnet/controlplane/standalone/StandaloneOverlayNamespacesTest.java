package dev.swarmnet.controlplane.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import dev.swarmnet.controlplane.testing.Commands.Result;
import dev.swarmnet.controlplane.testing.Commands;
import dev.swarmnet.dataplane.io.DataPlaneConfig;
import dev.swarmnet.dataplane.programfile.ProgramFile;
import dev.swarmnet.dataplane.programfile.ProgramSpec;
import dev.swarmnet.linux.LinuxSupport;
import dev.swarmnet.linux.NetworkNamespace;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Two standalone data planes from program files, each with its underlay socket in a host
 * namespace, the way {@code swarmnet dataplane --program F --netns H} runs them: their tasks
 * ping each other across the VXLAN underlay, and closing them removes the task namespaces they
 * created (root only; CI is root).
 */
@Tag("netns")
class StandaloneOverlayNamespacesTest {
    private final String prefix = "swsa" + ProcessHandle.current().pid() + "-";
    private final List<String> hosts = new ArrayList<>();
    private final List<StandaloneDataPlane> planes = new ArrayList<>();

    @BeforeEach
    void hosts() throws IOException {
        Assumptions.assumeTrue(LinuxSupport.isAvailable(), "needs root and /dev/net/tun");
        for (String h : List.of("h1", "h2")) {
            Commands.sh("ip", "netns", "add", prefix + h);
            hosts.add(prefix + h);
            Commands.sh("ip", "-n", prefix + h, "link", "set", "lo", "up");
        }
        Commands.sh("ip", "link", "add", "u0", "netns", prefix + "h1", "type", "veth", "peer", "name", "u0", "netns", prefix + "h2");
        for (int i = 1; i <= 2; i++) {
            Commands.sh("ip", "-n", prefix + "h" + i, "addr", "add", "198.18.7." + i + "/24", "dev", "u0");
            Commands.sh("ip", "-n", prefix + "h" + i, "link", "set", "u0", "up");
        }
    }

    @AfterEach
    void cleanUp() throws IOException {
        for (StandaloneDataPlane plane : planes) {
            plane.close();
        }
        for (String h : hosts) {
            Commands.sh("ip", "netns", "del", h);
        }
        for (String n : NetworkNamespace.list()) {
            if (n.startsWith(prefix)) {
                NetworkNamespace.delete(n);
            }
        }
    }

    @Test
    void tasksOfTwoStandaloneDataPlanesShouldPingAcrossTheUnderlayAndBeRemovedOnClose() throws Exception {
        for (int i = 1; i <= 2; i++) {
            ProgramSpec spec = ProgramFile.parse("h" + i + ".yaml", program(i));
            planes.add(StandaloneDataPlane.start(spec, DataPlaneConfig.defaults(), 0, prefix + "h" + i,
                    new LinuxPortFactory()));
        }
        assertThat(NetworkNamespace.list()).contains(prefix + "c1", prefix + "c2");

        Result ping = Commands.run(List.of("ip", "netns", "exec", prefix + "c1", "ping", "-c", "3", "-i", "0.2", "-W", "2",
                "10.9.0.12"));
        assertThat(ping.exit()).as(ping.output()).isZero();
        Result back = Commands.run(List.of("ip", "netns", "exec", prefix + "c2", "ping", "-c", "1", "-W", "2", "10.9.0.11"));
        assertThat(back.exit()).as(back.output()).isZero();

        for (StandaloneDataPlane plane : planes) {
            plane.close();
        }
        planes.clear();
        assertThat(NetworkNamespace.list()).doesNotContain(prefix + "c1", prefix + "c2");
    }

    private String program(int self) {
        int other = 3 - self;
        return "node: {underlay: 198.18.7." + self + "}\n"
                + "networks:\n  - {name: blue, vni: 4242, subnet: 10.9.0.0/24}\n"
                + "endpoints:\n"
                + "  - {network: blue, address: 10.9.0." + (10 + self) + ", namespace: " + prefix + "c" + self + "}\n"
                + "  - {network: blue, address: 10.9.0." + (10 + other) + ", node: 198.18.7." + other + "}\n";
    }
}
