package dev.swarmnet.controlplane.standalone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.swarmnet.dataplane.io.DataPlaneConfig;
import dev.swarmnet.dataplane.programfile.ProgramFile;
import dev.swarmnet.dataplane.programfile.ProgramSpec;
import dev.swarmnet.dataplane.wire.Ipv4;
import io.netty.channel.epoll.Epoll;
import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class StandaloneDataPlaneTest {
    private static final String PROGRAM = """
            node: {underlay: 127.0.0.1}
            networks:
              - {name: blue, vni: 4097, subnet: 10.0.1.0/24, mtu: 1400}
            endpoints:
              - {network: blue, address: 10.0.1.5, namespace: task-a}
              - {network: blue, address: 10.0.1.6, namespace: task-a, interface: eth1}
              - {network: blue, address: 10.0.1.8, namespace: task-b}
              - {network: blue, address: 10.0.1.7, node: 198.18.0.2}
            services:
              - {name: web, network: blue, vip: 10.0.1.2, ports: [{port: 80}], backends: [{address: 10.0.1.7}]}
            """;

    private final RecordingPortFactory ports = new RecordingPortFactory();

    @AfterEach
    void closePipes() throws IOException {
        ports.closePipes();
    }

    @Test
    void shouldCreateMissingNamespacesAndTapsThenRemoveOnlyTheNamespacesItCreated() throws Exception {
        assumeTrue(Epoll.isAvailable(), "needs Netty's epoll transport");
        ports.existingNamespaces.add("task-b");
        ProgramSpec spec = ProgramFile.parse("program.yaml", PROGRAM);
        int port = freeUdpPort();

        StandaloneDataPlane running = StandaloneDataPlane.start(spec, DataPlaneConfig.defaults(), port, ports);
        try {
            assertThat(running.dataPlane().underlayAddress())
                    .isEqualTo(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
            assertThat(running.createdNamespaces()).containsExactly("task-a");
            assertThat(ports.taps).containsExactly(
                    new TapRequest("task-a", "eth0", Ipv4.parse("10.0.1.5"), 24, 0x0242_0a00_0105L, 1400,
                            Ipv4.parse("10.0.1.1"), true),
                    new TapRequest("task-a", "eth1", Ipv4.parse("10.0.1.6"), 24, 0x0242_0a00_0106L, 1400,
                            Ipv4.parse("10.0.1.1"), true),
                    new TapRequest("task-b", "eth0", Ipv4.parse("10.0.1.8"), 24, 0x0242_0a00_0108L, 1400,
                            Ipv4.parse("10.0.1.1"), true));
            assertThat(running.summary()).isEqualTo("swarmnet data plane running program.yaml: underlay /127.0.0.1:"
                    + port + ", 1 network(s), 3 local and 1 remote endpoint(s), 1 service port(s); ports: "
                    + "0=task-a/eth0 (blue), 1=task-a/eth1 (blue), 2=task-b/eth0 (blue); created namespace(s): task-a");
        } finally {
            running.close();
        }

        assertThat(ports.calls).containsExactly("ensure task-a", "tap task-a/eth0", "tap task-a/eth1",
                "ensure task-b", "tap task-b/eth0", "delete task-a");
        assertThat(ports.closedTaps).as("the data plane closes only its own duplicates; the runner closes its TAPs")
                .containsExactly("task-a/eth0", "task-a/eth1", "task-b/eth0");
        assertThat(ports.existingNamespaces).containsExactly("task-b");
    }

    @Test
    void shouldUndoWhatItCreatedWhenATapCannotBeCreated() throws Exception {
        ports.failTap = 3;
        ProgramSpec spec = ProgramFile.parse("program.yaml", PROGRAM);

        assertThatThrownBy(() -> StandaloneDataPlane.start(spec, DataPlaneConfig.defaults(), 0, ports))
                .isInstanceOf(IOException.class)
                .hasMessage("ioctl(TUNSETIFF, \"eth0\") failed: Device or resource busy (EBUSY)");

        assertThat(ports.closedTaps).containsExactly("task-a/eth0", "task-a/eth1");
        assertThat(ports.calls).containsExactly("ensure task-a", "tap task-a/eth0", "tap task-a/eth1",
                "ensure task-b", "tap task-b/eth0", "delete task-b", "delete task-a");
        assertThat(ports.existingNamespaces).isEmpty();
    }

    @Test
    void shouldRefuseToStartWhereTheHostCannotMakePortsAndTouchNothing() throws Exception {
        ProgramSpec spec = ProgramFile.parse("program.yaml", PROGRAM);

        assertThatThrownBy(() -> StandaloneDataPlane.start(spec, DataPlaneConfig.defaults(), 0,
                PortFactory.unavailable("swarmnet needs CAP_NET_ADMIN to create TAP devices.")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("swarmnet needs CAP_NET_ADMIN to create TAP devices.");
    }

    private static int freeUdpPort() throws IOException {
        try (DatagramSocket socket = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
