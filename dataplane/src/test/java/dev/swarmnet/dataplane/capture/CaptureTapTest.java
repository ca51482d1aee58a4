package dev.swarmnet.dataplane.capture;

import static dev.swarmnet.dataplane.testing.Frames.concat;
import static dev.swarmnet.dataplane.testing.Frames.ethernet;
import static dev.swarmnet.dataplane.testing.Frames.hex;
import static dev.swarmnet.dataplane.testing.Frames.ip;
import static dev.swarmnet.dataplane.testing.Frames.ipv4;
import static dev.swarmnet.dataplane.testing.Frames.mac;
import static dev.swarmnet.dataplane.testing.Frames.macOf;
import static dev.swarmnet.dataplane.testing.Frames.slice;
import static dev.swarmnet.dataplane.testing.Frames.udpFrame;
import static dev.swarmnet.dataplane.testing.Frames.vxlan;
import static dev.swarmnet.dataplane.testing.Lab.A;
import static dev.swarmnet.dataplane.testing.Lab.B;
import static dev.swarmnet.dataplane.testing.Lab.BLUE;
import static dev.swarmnet.dataplane.testing.Lab.C;
import static dev.swarmnet.dataplane.testing.Lab.D;
import static dev.swarmnet.dataplane.testing.Lab.NODE_C;
import static dev.swarmnet.dataplane.testing.Lab.PORT_A;
import static dev.swarmnet.dataplane.testing.Lab.PORT_B;
import static dev.swarmnet.dataplane.testing.Lab.PORT_D;
import static dev.swarmnet.dataplane.testing.Lab.RED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.swarmnet.dataplane.testing.Frames;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.file.Path;
import java.util.List;
import java.util.function.IntUnaryOperator;
import org.agrona.concurrent.NoOpIdleStrategy;
import org.agrona.concurrent.ringbuffer.OneToOneRingBuffer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The capture path without a kernel or an event loop: the test thread plays the loop (feeding
 * the tap with frames and a fake monotonic time) and then the writer thread (draining the ring),
 * and reads the file back.
 */
class CaptureTapTest {
    /** Lab's ports: A and B on blue, D on red. */
    private static final IntUnaryOperator PORT_VNI = port -> port == PORT_A || port == PORT_B ? BLUE
            : port == PORT_D ? RED : -1;
    private static final long EPOCH_OFFSET = 1_700_000_000_000_000_000L;
    private static final int LOCAL = ip("198.18.0.1");
    private static final int PEER_PORT = 51000;

    private static final byte[] A_TO_B = udpFrame(macOf(B), macOf(A), A, B, 40000, 53, "ab".getBytes());
    private static final byte[] B_TO_A = udpFrame(macOf(A), macOf(B), B, A, 53, 40000, "ba".getBytes());
    private static final byte[] D_OUT = udpFrame(macOf(C), macOf(D), D, C, 40000, 53, "d".getBytes());
    private static final byte[] BLUE_DATAGRAM = vxlan(BLUE, udpFrame(macOf(A), macOf(C), C, A, 5353, 40000,
            "from c".getBytes()));
    private static final byte[] RED_DATAGRAM = vxlan(RED, udpFrame(macOf(D), macOf(C), C, D, 5353, 40000,
            "to red".getBytes()));

    @TempDir
    Path dir;

    @BeforeAll
    static void agronaCanReachUnsafe() {
        CaptureSession.ensureAvailability();
    }

    private Rig rig(String filter, int ringCapacity, int snaplen) throws Exception {
        return new Rig(CaptureFilter.parse(filter), ringCapacity, snaplen, dir.resolve("capture.pcap"));
    }

    private Rig rig(String filter) throws Exception {
        return rig(filter, 1 << 20, 0xffff);
    }

    /** Feeds every kind of frame once, at times 1000, 2000, ... */
    private static void feedOneOfEach(CaptureTap tap) {
        portReceived(tap, A_TO_B, PORT_A, 1_000);
        portSent(tap, B_TO_A, PORT_A, 2_000);
        portReceived(tap, D_OUT, PORT_D, 3_000);
        underlayReceived(tap, BLUE_DATAGRAM, NODE_C, 4_000);
        underlaySent(tap, RED_DATAGRAM, NODE_C, 5_000);
    }

    @Test
    void shouldKeepOnlyThePortsOwnFramesForAPortFilter() throws Exception {
        Rig rig = rig("port=1");
        feedOneOfEach(rig.tap);

        assertThat(rig.finish().records()).extracting(PcapFile.Record::bytes).containsExactly(A_TO_B, B_TO_A);
    }

    @Test
    void shouldKeepTheNetworksPortsAndTheDatagramsOfItsVniForANetworkFilter() throws Exception {
        Rig rig = rig("network=4097");
        feedOneOfEach(rig.tap);

        List<PcapFile.Record> records = rig.finish().records();
        assertThat(records).hasSize(3);
        assertThat(records.get(0).bytes()).isEqualTo(A_TO_B);
        assertThat(records.get(1).bytes()).isEqualTo(B_TO_A);
        assertThat(slice(records.get(2).bytes(), OuterHeaders.LENGTH, records.get(2).bytes().length))
                .isEqualTo(BLUE_DATAGRAM);
    }

    @Test
    void shouldKeepOnlyDatagramsForTheUnderlayFilter() throws Exception {
        Rig rig = rig("underlay");
        feedOneOfEach(rig.tap);

        assertThat(rig.finish().records()).extracting(r -> slice(r.bytes(), OuterHeaders.LENGTH, r.bytes().length))
                .containsExactly(BLUE_DATAGRAM, RED_DATAGRAM);
    }

    @Test
    void shouldKeepOneDirectionWhenAsked() throws Exception {
        Rig rig = rig("all,tx");
        feedOneOfEach(rig.tap);

        List<PcapFile.Record> records = rig.finish().records();
        assertThat(records).hasSize(2);
        assertThat(records.get(0).bytes()).isEqualTo(B_TO_A);
        assertThat(slice(records.get(1).bytes(), OuterHeaders.LENGTH, records.get(1).bytes().length))
                .isEqualTo(RED_DATAGRAM);
    }

    @Test
    void shouldStampRecordsWithTheLoopsTimeMovedToTheEpoch() throws Exception {
        Rig rig = rig("all");
        feedOneOfEach(rig.tap);

        assertThat(rig.finish().records()).extracting(PcapFile.Record::epochNanos).containsExactly(
                EPOCH_OFFSET + 1_000, EPOCH_OFFSET + 2_000, EPOCH_OFFSET + 3_000, EPOCH_OFFSET + 4_000,
                EPOCH_OFFSET + 5_000);
    }

    @Test
    void shouldPutTheRealUnderlayAddressesAndPortsInFrontOfAReceivedDatagram() throws Exception {
        Rig rig = rig("underlay");
        underlayReceived(rig.tap, BLUE_DATAGRAM, NODE_C, 4_000);

        PcapFile.Record record = rig.finish().records().get(0);
        // Built apart from OuterHeaders: Frames computes the IPv4 checksum with its own code.
        byte[] expected = ethernet(mac("02:00:c6:12:00:01"), mac("02:00:c6:12:00:02"), 0x0800,
                ipv4(NODE_C, LOCAL, 0x11, 64, 0, 0, concat(
                        hex("c738 12b5"), // 51000 -> 4789
                        hex(String.format("%04x 0000", 8 + BLUE_DATAGRAM.length)),
                        BLUE_DATAGRAM)));
        assertThat(hex(record.bytes())).isEqualTo(hex(expected));
        assertThat(record.originalLength()).isEqualTo(expected.length);
    }

    @Test
    void shouldPutTheLocalAddressFirstInFrontOfASentDatagram() throws Exception {
        // Sent datagrams go to the peer's VXLAN port, 4789, from the socket's own port.
        Rig rig = rig("underlay");
        underlaySent(rig.tap, RED_DATAGRAM, NODE_C, 5_000);

        byte[] bytes = rig.finish().records().get(0).bytes();
        assertThat(hex(slice(bytes, 0, 12))).isEqualTo("0200c61200020200c6120001");
        assertThat(hex(slice(bytes, 26, 42))).isEqualTo("c6120001c612000212b512b5" + String.format("%04x", 8
                + RED_DATAGRAM.length) + "0000");
    }

    @Test
    void shouldCutUnderlayDatagramsSoThatTheirOuterHeadersFitTheSnapLength() throws Exception {
        Rig rig = rig("underlay", 1 << 16, 64);
        underlayReceived(rig.tap, BLUE_DATAGRAM, NODE_C, 4_000);

        PcapFile file = rig.finish();
        assertThat(file.snaplen()).isEqualTo(64);
        PcapFile.Record record = file.records().get(0);
        assertThat(record.capturedLength()).isEqualTo(64);
        assertThat(record.originalLength()).isEqualTo(OuterHeaders.LENGTH + BLUE_DATAGRAM.length);
        assertThat(slice(record.bytes(), OuterHeaders.LENGTH, 64)).isEqualTo(slice(BLUE_DATAGRAM, 0, 64 - 42));
    }

    @Test
    void shouldCountFramesThatFindTheRingFullAndRecordAgainOnceItIsDrained() throws Exception {
        Rig rig = rig("all", 4096, 128);
        for (int i = 0; i < 100; i++) {
            portReceived(rig.tap, A_TO_B, PORT_A, i);
        }
        long lost = rig.tap.lost();
        assertThat(lost).isBetween(1L, 99L);

        while (rig.writer.drain() > 0) {
            // empties the ring as the writer thread would
        }
        portReceived(rig.tap, B_TO_A, PORT_B, 100);
        assertThat(rig.tap.lost()).isEqualTo(lost);

        List<PcapFile.Record> records = rig.finish().records();
        assertThat(records).hasSize((int) (100 - lost) + 1);
        assertThat(records.get(records.size() - 1).bytes()).isEqualTo(B_TO_A);
    }

    @Test
    void shouldCopyFromCompositeHeapBuffersAsWellAsDirectOnes() throws Exception {
        Rig rig = rig("port=1");
        ByteBuf heap = Unpooled.wrappedBuffer(new byte[7], A_TO_B).readerIndex(7).slice();
        try {
            rig.tap.portReceived(heap, PORT_A, 1_000);
        } finally {
            heap.release();
        }

        assertThat(rig.finish().records()).extracting(PcapFile.Record::bytes).containsExactly(A_TO_B);
    }

    @Test
    void shouldRefuseARingTooSmallForTheSnapLength() {
        OneToOneRingBuffer ring = CaptureSession.newRing(1024);
        assertThatThrownBy(() -> new CaptureTap(CaptureFilter.all(), ring, 0xffff, PORT_VNI))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("a ring of 1024 bytes holds records of at most 128 bytes");
    }

    @Test
    void shouldBeDecodedByTsharkAsVxlanWithTheVniAndTheInnerAddresses() throws Exception {
        Tshark.assumeInstalled();
        Rig rig = rig("all");
        feedOneOfEach(rig.tap);
        rig.finish();

        assertThat(Tshark.fields(rig.file, "frame.len", "ip.src", "ip.dst", "udp.srcport", "udp.dstport",
                "vxlan.vni", "ip.checksum.status")).containsExactly(
                A_TO_B.length + "\t10.0.1.5\t10.0.1.6\t40000\t53\t\t1",
                B_TO_A.length + "\t10.0.1.6\t10.0.1.5\t53\t40000\t\t1",
                D_OUT.length + "\t10.0.2.5\t10.0.1.7\t40000\t53\t\t1",
                (42 + BLUE_DATAGRAM.length) + "\t198.18.0.2,10.0.1.7\t198.18.0.1,10.0.1.5\t51000,5353\t4789,40000"
                        + "\t4097\t1,1",
                (42 + RED_DATAGRAM.length) + "\t198.18.0.1,10.0.1.7\t198.18.0.2,10.0.2.5\t4789,5353\t4789,40000"
                        + "\t4098\t1,1");
    }

    private static void portReceived(CaptureTap tap, byte[] frame, int port, long nowNs) {
        ByteBuf buf = Frames.buffer(frame);
        try {
            tap.portReceived(buf, port, nowNs);
        } finally {
            buf.release();
        }
    }

    private static void portSent(CaptureTap tap, byte[] frame, int port, long nowNs) {
        ByteBuf buf = Frames.buffer(frame);
        try {
            tap.portSent(buf, port, nowNs);
        } finally {
            buf.release();
        }
    }

    private static void underlayReceived(CaptureTap tap, byte[] datagram, int peer, long nowNs) {
        ByteBuf buf = Frames.buffer(datagram);
        try {
            tap.underlayReceived(buf, peer, PEER_PORT, nowNs);
        } finally {
            buf.release();
        }
    }

    private static void underlaySent(CaptureTap tap, byte[] datagram, int peer, long nowNs) {
        ByteBuf buf = Frames.buffer(datagram);
        try {
            tap.underlaySent(buf, peer, 4789, nowNs);
        } finally {
            buf.release();
        }
    }

    /** A tap and a writer over one ring, the writer drained by hand. */
    private static final class Rig {
        final CaptureTap tap;
        final CaptureWriter writer;
        final Path file;

        Rig(CaptureFilter filter, int ringCapacity, int snaplen, Path file) throws Exception {
            OneToOneRingBuffer ring = CaptureSession.newRing(ringCapacity);
            this.file = file;
            this.tap = new CaptureTap(filter, ring, snaplen, PORT_VNI);
            this.writer = new CaptureWriter(ring, PcapWriter.create(file, snaplen), EPOCH_OFFSET, LOCAL, 4789,
                    new NoOpIdleStrategy());
        }

        /** Drains and closes as the writer thread does when stopped, and reads the file. */
        PcapFile finish() throws Exception {
            writer.stop();
            writer.run();
            assertThat(writer.failure()).isNull();
            return PcapFile.read(file);
        }
    }
}
