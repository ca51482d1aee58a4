package dev.swarmnet.dataplane.capture;

import static dev.swarmnet.dataplane.testing.Frames.macOf;
import static dev.swarmnet.dataplane.testing.Frames.udpFrame;
import static dev.swarmnet.dataplane.testing.Frames.vxlan;
import static dev.swarmnet.dataplane.testing.Lab.A;
import static dev.swarmnet.dataplane.testing.Lab.BLUE;
import static dev.swarmnet.dataplane.testing.Lab.C;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.swarmnet.dataplane.io.DataPlane;
import dev.swarmnet.dataplane.io.DataPlaneConfig;
import dev.swarmnet.dataplane.program.ProgramDoor;
import dev.swarmnet.dataplane.stats.Counter;
import dev.swarmnet.dataplane.testing.Lab;
import io.netty.channel.epoll.Epoll;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Capture through a running data plane: its underlay bound to an ephemeral port on 127.0.0.1,
 * fed by a plain UDP socket on loopback. No TAP, no namespace, no root.
 */
class DataPlaneCaptureTest {
    private static final byte[] DATAGRAM = vxlan(BLUE, udpFrame(macOf(A), macOf(C), C, A, 5353, 40000,
            "over the underlay".getBytes()));

    @TempDir
    Path dir;

    @BeforeAll
    static void agronaCanReachUnsafe() {
        CaptureSession.ensureAvailability();
    }

    @Test
    void shouldWriteTheUnderlayDatagramsTheDataPlaneReceives() throws Exception {
        assumeTrue(Epoll.isAvailable(), "Netty's epoll transport is not available here");
        Path file = dir.resolve("underlay.pcap");
        try (DataPlane plane = DataPlane.start(DataPlaneConfig.defaults().withUnderlay("127.0.0.1", 0),
                new ProgramDoor(Lab.program()));
             DatagramSocket peer = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            CaptureSession capture = plane.capture(CaptureFilter.parse("underlay,rx"), file);
            for (int i = 0; i < 3; i++) {
                peer.send(new DatagramPacket(DATAGRAM, DATAGRAM.length, plane.underlayAddress()));
            }
            awaitReceived(plane, 3);

            CaptureSummary summary = capture.stop();

            assertThat(summary.framesWritten()).isEqualTo(3);
            assertThat(summary.framesLost()).isZero();
            List<PcapFile.Record> records = PcapFile.read(file).records();
            assertThat(records).hasSize(3).allSatisfy(r -> {
                assertThat(r.capturedLength()).isEqualTo(OuterHeaders.LENGTH + DATAGRAM.length);
                assertThat(r.originalLength()).isEqualTo(r.capturedLength());
            });
            if (Tshark.installed()) {
                String outer = "127.0.0.1,10.0.1.7\t127.0.0.1,10.0.1.5\t" + peer.getLocalPort() + ",5353\t"
                        + plane.underlayAddress().getPort() + ",40000\t4097";
                // The test's underlay is not on 4789, so tshark is told it carries VXLAN.
                assertThat(Tshark.fieldsWithVxlanOn(plane.underlayAddress().getPort(), file,
                        "ip.src", "ip.dst", "udp.srcport", "udp.dstport", "vxlan.vni"))
                        .containsExactly(outer, outer, outer);
            }
        }
    }

    @Test
    void shouldRunOneCaptureAtATime() throws Exception {
        assumeTrue(Epoll.isAvailable(), "Netty's epoll transport is not available here");
        try (DataPlane plane = DataPlane.start(DataPlaneConfig.defaults().withUnderlay("127.0.0.1", 0),
                new ProgramDoor(Lab.program()))) {
            CaptureSession first = plane.capture(CaptureFilter.all(), dir.resolve("first.pcap"));

            assertThatThrownBy(() -> plane.capture(CaptureFilter.port(1), dir.resolve("second.pcap")))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("a capture is already running (all)");

            assertThat(first.stop().framesWritten()).isZero();
            plane.capture(CaptureFilter.port(1), dir.resolve("third.pcap")).stop();
        }
    }

    /** Waits, up to ten seconds, until the loop has counted {@code n} underlay datagrams. */
    private static void awaitReceived(DataPlane plane, long n) throws InterruptedException {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (plane.counters()[Counter.UNDERLAY_RX_DATAGRAMS] < n) {
            assertThat(System.nanoTime()).as("datagrams received in time").isLessThan(deadline);
            Thread.sleep(5); // polls a counter of another thread: no Awaitility offline
        }
    }
}
