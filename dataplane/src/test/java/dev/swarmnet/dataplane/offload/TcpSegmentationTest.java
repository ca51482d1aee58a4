package dev.swarmnet.dataplane.offload;

import static dev.swarmnet.dataplane.testing.Frames.ethernet;
import static dev.swarmnet.dataplane.testing.Frames.hex;
import static dev.swarmnet.dataplane.testing.Frames.ip;
import static dev.swarmnet.dataplane.testing.Frames.ipv4;
import static dev.swarmnet.dataplane.testing.Frames.tcp;
import static org.assertj.core.api.Assertions.assertThat;

import dev.swarmnet.dataplane.testing.Frames;
import dev.swarmnet.dataplane.wire.Tcp;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.UnpooledByteBufAllocator;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class TcpSegmentationTest {
    private static final int A = ip("10.0.1.5");
    private static final int B = ip("10.0.1.6");
    private static final long MAC_A = Frames.macOf(A);
    private static final long MAC_B = Frames.macOf(B);
    private static final int CWR = 0x80;

    private final TcpSegmentation segmentation = new TcpSegmentation(UnpooledByteBufAllocator.DEFAULT, 64);

    /** A super-frame as the kernel hands it over: its checksums are not ours to trust. */
    private static byte[] superFrame(byte[] payload, int flags) {
        byte[] frame = ethernet(MAC_B, MAC_A, 0x0800, ipv4(A, B, 6, 64, 0x100, 0x4000,
                tcp(A, B, 40000, 80, 1_000_000, 77, flags, payload)));
        frame[14 + 20 + 16] = 0x12; // a partial (pseudo-header) checksum, as with NEEDS_CSUM
        frame[14 + 20 + 17] = 0x34;
        return frame;
    }

    @Test
    void shouldCutASuperFrameIntoSegmentsWithTheirOwnSequenceIdentityFlagsAndChecksums() {
        byte[] payload = new byte[3000];
        new SplittableRandom(1).nextBytes(payload);
        int flags = Tcp.ACK | Tcp.PSH | Tcp.FIN | CWR;

        List<byte[]> segments = segment(superFrame(payload, flags), 1400);

        assertThat(segments).hasSize(3);
        int[] sizes = {1400, 1400, 200};
        int[] segmentFlags = {Tcp.ACK | CWR, Tcp.ACK, Tcp.ACK | Tcp.PSH | Tcp.FIN};
        for (int i = 0; i < 3; i++) {
            byte[] chunk = Frames.slice(payload, i * 1400, i * 1400 + sizes[i]);
            byte[] expected = ethernet(MAC_B, MAC_A, 0x0800, ipv4(A, B, 6, 64, 0x100 + i, 0x4000,
                    tcp(A, B, 40000, 80, 1_000_000 + i * 1400, 77, segmentFlags[i], chunk)));
            assertThat(hex(segments.get(i))).as("segment %d", i).isEqualTo(hex(expected));
        }
    }

    @Test
    void shouldPassAnExactMultipleAsFullSegmentsOnly() {
        List<byte[]> segments = segment(superFrame(new byte[2800], Tcp.ACK), 1400);
        assertThat(segments).hasSize(2);
        assertThat(segments).allSatisfy(s -> assertThat(s.length).isEqualTo(14 + 20 + 20 + 1400));
    }

    @Test
    void shouldRefuseWhatIsNotIpv4Tcp() {
        byte[] udp = Frames.udpFrame(MAC_B, MAC_A, A, B, 1, 2, new byte[100]);
        byte[] truncated = Frames.slice(superFrame(new byte[10], Tcp.ACK), 0, 40);
        byte[] badDataOffset = superFrame(new byte[10], Tcp.ACK);
        badDataOffset[14 + 20 + 12] = (byte) 0xf0;
        for (byte[] frame : List.of(udp, truncated, badDataOffset)) {
            ByteBuf buf = Frames.buffer(frame);
            try {
                assertThat(segmentation.segment(buf, buf.readerIndex(), frame.length, 1400, ByteBuf::release))
                        .isEqualTo(TcpSegmentation.MALFORMED);
            } finally {
                buf.release();
            }
        }
        ByteBuf buf = Frames.buffer(superFrame(new byte[10], Tcp.ACK));
        try {
            assertThat(segmentation.segment(buf, buf.readerIndex(), buf.readableBytes(), 0, ByteBuf::release))
                    .isEqualTo(TcpSegmentation.MALFORMED);
        } finally {
            buf.release();
        }
    }

    @Test
    void shouldFinishAPartialChecksumLikeTheKernelWould() {
        byte[] whole = Frames.tcpFrame(MAC_B, MAC_A, A, B, 40000, 80, 5, 6, Tcp.ACK, "partial".getBytes());
        byte[] partial = whole.clone();
        int field = 14 + 20 + 16;
        // What the kernel leaves with NEEDS_CSUM: the folded pseudo-header sum, not complemented.
        int pseudo = Frames.checksum(new byte[0], 0, 0,
                (A >>> 16) + (A & 0xffff) + (B >>> 16) + (B & 0xffff) + 6 + 20 + 7);
        partial[field] = (byte) ((~pseudo & 0xffff) >>> 8);
        partial[field + 1] = (byte) ~pseudo;
        ByteBuf buf = Frames.buffer(partial);
        try {
            assertThat(ChecksumCompletion.complete(buf, buf.readerIndex(), partial.length, 34, 16)).isTrue();
            assertThat(hex(Frames.readable(buf))).isEqualTo(hex(whole));
            assertThat(ChecksumCompletion.complete(buf, buf.readerIndex(), partial.length, partial.length, 16)).isFalse();
        } finally {
            buf.release();
        }
    }

    private List<byte[]> segment(byte[] frame, int gsoSize) {
        List<byte[]> out = new ArrayList<>();
        ByteBuf buf = Frames.buffer(frame);
        try {
            int n = segmentation.segment(buf, buf.readerIndex(), frame.length, gsoSize, segment -> {
                assertThat(segment.readerIndex()).isEqualTo(64);
                out.add(Frames.readable(segment));
                segment.release();
            });
            assertThat(n).isEqualTo(out.size());
        } finally {
            buf.release();
        }
        return out;
    }
}
