package dev.swarmnet.dataplane.io;

import static dev.swarmnet.dataplane.testing.Frames.arp;
import static dev.swarmnet.dataplane.testing.Frames.arpRequest;
import static dev.swarmnet.dataplane.testing.Frames.ethernet;
import static dev.swarmnet.dataplane.testing.Frames.hex;
import static dev.swarmnet.dataplane.testing.Frames.ip;
import static dev.swarmnet.dataplane.testing.Frames.macOf;
import static dev.swarmnet.dataplane.testing.Frames.vxlan;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.swarmnet.dataplane.program.Endpoint;
import dev.swarmnet.dataplane.program.Network;
import dev.swarmnet.dataplane.program.Program;
import dev.swarmnet.dataplane.program.ProgramDoor;
import dev.swarmnet.dataplane.stats.Counter;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Arrays;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The underlay socket on loopback: a peer "node" at 127.0.0.3 sends VXLAN datagrams to a data
 * plane at 127.0.0.2 and reads what comes back. No namespaces, no root.
 */
class DataPlaneUnderlayTest {
    private static final int VNI = 4097;
    private static final int TASK = ip("10.0.1.5");
    private static final int PEER_TASK = ip("10.0.1.7");

    private DataPlane plane;
    private DatagramSocket peer;

    @BeforeEach
    void start() throws Exception {
        start(Transport.EPOLL);
    }

    private void start(Transport transport) throws Exception {
        stop();
        peer = new DatagramSocket(new InetSocketAddress("127.0.0.3", 0));
        peer.setSoTimeout(5000);
        int port = peer.getLocalPort();
        Program program = Program.builder()
                .network(Network.of("blue", VNI, "10.0.1.0/24"))
                .endpoint(Endpoint.local(VNI, TASK, macOf(TASK), 1))
                .endpoint(Endpoint.remote(VNI, PEER_TASK, macOf(PEER_TASK), ip("127.0.0.3")))
                .build();
        plane = DataPlane.start(DataPlaneConfig.defaults().withUnderlay("127.0.0.2", port).withTransport(transport),
                new ProgramDoor(program));
    }

    @AfterEach
    void stop() {
        if (plane != null) {
            plane.close();
            plane = null;
        }
        if (peer != null) {
            peer.close();
            peer = null;
        }
    }

    @Test
    void shouldAnswerAnArpRequestFromAPeerThroughTheUnderlay() throws Exception {
        answersArp();
    }

    @Test
    void shouldAnswerAnArpRequestFromAPeerThroughTheUnderlayOnIoUring() throws Exception {
        startIoUring();
        answersArp();
    }

    private void answersArp() throws Exception {
        send(vxlan(VNI, arpRequest(macOf(PEER_TASK), PEER_TASK, TASK)));

        byte[] reply = receive();
        assertThat(hex(reply)).isEqualTo(hex(vxlan(VNI,
                ethernet(macOf(PEER_TASK), macOf(TASK), 0x0806, arp(2, macOf(TASK), TASK, macOf(PEER_TASK), PEER_TASK)))));
        long[] counters = plane.counters();
        assertThat(counters[Counter.UNDERLAY_RX_DATAGRAMS]).isEqualTo(1);
        assertThat(counters[Counter.ARP_REPLIES]).isEqualTo(1);
        assertThat(counters[Counter.UNDERLAY_TX_DATAGRAMS]).isEqualTo(1);
    }

    @Test
    void shouldDropAndCountGarbageAndKeepServing() throws Exception {
        dropsGarbageAndKeepsServing();
    }

    @Test
    void shouldDropAndCountGarbageAndKeepServingOnIoUring() throws Exception {
        startIoUring();
        dropsGarbageAndKeepsServing();
    }

    private void dropsGarbageAndKeepsServing() throws Exception {
        send(new byte[] {1, 2, 3});
        byte[] noFlag = vxlan(VNI, arpRequest(macOf(PEER_TASK), PEER_TASK, TASK));
        noFlag[0] = 0;
        send(noFlag);
        send(vxlan(VNI + 1, arpRequest(macOf(PEER_TASK), PEER_TASK, TASK)));

        Awaitility.await().until(() -> plane.counters()[Counter.DROPPED] == 3);
        long[] counters = plane.counters();
        assertThat(counters[Counter.DROP_MALFORMED_VXLAN]).isEqualTo(1);
        assertThat(counters[Counter.DROP_VXLAN_NO_VNI_FLAG]).isEqualTo(1);
        assertThat(counters[Counter.DROP_UNKNOWN_VNI]).isEqualTo(1);

        send(vxlan(VNI, arpRequest(macOf(PEER_TASK), PEER_TASK, TASK)));
        assertThat(receive()).isNotEmpty();
    }

    @Test
    void shouldServeTheUnderlayOnTheNioFallbackButRefuseTapPortsSayingWhy() throws Exception {
        start(Transport.NIO);
        send(vxlan(VNI, arpRequest(macOf(PEER_TASK), PEER_TASK, TASK)));
        assertThat(hex(receive())).isEqualTo(hex(vxlan(VNI,
                ethernet(macOf(PEER_TASK), macOf(TASK), 0x0806, arp(2, macOf(TASK), TASK, macOf(PEER_TASK), PEER_TASK)))));
        assertThatThrownBy(() -> plane.attachPort(1, 0))
                .isInstanceOf(java.io.IOException.class)
                .hasMessageContaining("TAP ports need the epoll or io_uring transport");
    }

    @Test
    void shouldRunOnTheTransportItWasGivenWhenThatTransportLoads() throws Exception {
        assertThat(plane.transport()).isEqualTo(Transport.EPOLL);
        startIoUring();
        assertThat(plane.transport()).isEqualTo(Transport.IO_URING);
        start(Transport.NIO);
        assertThat(plane.transport()).isEqualTo(Transport.NIO);
    }

    @Test
    void shouldNameTransportsAsOperatorsWriteThemAndRefuseOthersSayingWhich() {
        assertThat(Transport.parse("io_uring")).isEqualTo(Transport.IO_URING);
        assertThat(Transport.parse("EPOLL")).isEqualTo(Transport.EPOLL);
        assertThat(Transport.parse(" nio ")).isEqualTo(Transport.NIO);
        assertThatThrownBy(() -> Transport.parse("kqueue"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("unknown transport 'kqueue': use epoll, io_uring or nio");
    }

    @Test
    void shouldFallBackFromIoUringToEpollToNioAndRunEachThatLoadsAsAsked() {
        assertThat(Transport.IO_URING.fallback()).isEqualTo(Transport.EPOLL);
        assertThat(Transport.EPOLL.fallback()).isEqualTo(Transport.NIO);
        assertThat(Transport.NIO.runnable()).isEqualTo(Transport.NIO);
        for (Transport transport : Transport.values()) {
            assertThat(transport.runnable()).as(transport.name())
                    .isEqualTo(transport.unavailability() == null ? transport : transport.fallback().runnable());
        }
    }

    /** Starts on io_uring; skipped where io_uring cannot load (e.g. a seccomp profile forbids it). */
    private void startIoUring() throws Exception {
        Assumptions.assumeTrue(Transport.ioUringUnavailability() == null, Transport::ioUringUnavailability);
        start(Transport.IO_URING);
        assertThat(plane.transport()).isEqualTo(Transport.IO_URING);
    }

    private void send(byte[] datagram) throws Exception {
        InetSocketAddress target = plane.underlayAddress();
        peer.send(new DatagramPacket(datagram, datagram.length, InetAddress.getByName("127.0.0.2"), target.getPort()));
    }

    private byte[] receive() throws Exception {
        byte[] buf = new byte[2048];
        DatagramPacket packet = new DatagramPacket(buf, buf.length);
        peer.receive(packet);
        return Arrays.copyOf(buf, packet.getLength());
    }
}
