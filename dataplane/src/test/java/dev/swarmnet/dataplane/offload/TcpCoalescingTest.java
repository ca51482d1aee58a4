package dev.swarmnet.dataplane.offload;

import static dev.swarmnet.dataplane.testing.Frames.ip;
import static org.assertj.core.api.Assertions.assertThat;

import dev.swarmnet.dataplane.testing.Frames;
import dev.swarmnet.dataplane.wire.Checksums;
import dev.swarmnet.dataplane.wire.Tcp;
import dev.swarmnet.dataplane.wire.VirtioNetHeader;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class TcpCoalescingTest {
    private static final int A = ip("10.0.1.5");
    private static final int B = ip("10.0.1.6");
    private static final long MAC_A = Frames.macOf(A);
    private static final long MAC_B = Frames.macOf(B);

    private final ByteBuf runBuffer = Unpooled.directBuffer(VirtioNetHeader.LENGTH + 0x10000 + 64);
    private final TcpCoalescing coalescing = new TcpCoalescing(runBuffer);

    @AfterEach
    void release() {
        runBuffer.release();
    }

    private static byte[] segment(int seq, int flags, byte[] payload) {
        return Frames.tcpFrame(MAC_B, MAC_A, A, B, 40000, 80, seq, 9, flags, payload);
    }

    private boolean offer(int port, byte[] frame) {
        ByteBuf buf = Frames.buffer(frame);
        try {
            return coalescing.offer(port, buf);
        } finally {
            buf.release();
        }
    }

    @Test
    void shouldMergeContiguousSegmentsIntoOneSuperFrameWithAGsoHeader() {
        byte[] payload = new byte[3000];
        new SplittableRandom(3).nextBytes(payload);
        assertThat(offer(1, segment(100, Tcp.ACK, Frames.slice(payload, 0, 1400)))).isTrue();
        assertThat(offer(1, segment(1500, Tcp.ACK, Frames.slice(payload, 1400, 2800)))).isTrue();
        assertThat(offer(1, segment(2900, Tcp.ACK | Tcp.PSH, Frames.slice(payload, 2800, 3000)))).isTrue();
        assertThat(coalescing.segments()).isEqualTo(3);

        int length = coalescing.headerAndFrame();

        VirtioNetHeader vnet = new VirtioNetHeader();
        vnet.wrap(runBuffer, 0, length);
        assertThat(vnet.flags()).isEqualTo(VirtioNetHeader.F_NEEDS_CSUM);
        assertThat(vnet.gsoType()).isEqualTo(VirtioNetHeader.GSO_TCPV4);
        assertThat(vnet.headerLength()).isEqualTo(54);
        assertThat(vnet.gsoSize()).isEqualTo(1400);
        assertThat(vnet.checksumStart()).isEqualTo(34);
        assertThat(vnet.checksumOffset()).isEqualTo(16);
        byte[] merged = new byte[length - VirtioNetHeader.LENGTH];
        runBuffer.getBytes(VirtioNetHeader.LENGTH, merged);
        byte[] whole = segment(100, Tcp.ACK | Tcp.PSH, payload);
        // Same bytes as one big segment, except the TCP checksum, which holds the pseudo-header sum.
        int pseudo = Checksums.fold((A >>> 16) + (A & 0xffff) + (B >>> 16) + (B & 0xffff) + 6 + 20 + 3000L);
        whole[14 + 20 + 16] = (byte) (pseudo >>> 8);
        whole[14 + 20 + 17] = (byte) pseudo;
        assertThat(Frames.hex(merged)).isEqualTo(Frames.hex(whole));
        assertThat(coalescing.holding()).isFalse();
    }

    @Test
    void shouldWriteALoneSegmentAsAPlainValidFrame() {
        byte[] one = segment(100, Tcp.ACK, new byte[500]);
        assertThat(offer(1, one)).isTrue();
        int length = coalescing.headerAndFrame();
        VirtioNetHeader vnet = new VirtioNetHeader();
        vnet.wrap(runBuffer, 0, length);
        assertThat(vnet.gsoType()).isEqualTo(VirtioNetHeader.GSO_NONE);
        assertThat(vnet.flags()).isEqualTo(VirtioNetHeader.F_DATA_VALID);
        byte[] out = new byte[length - VirtioNetHeader.LENGTH];
        runBuffer.getBytes(VirtioNetHeader.LENGTH, out);
        assertThat(Frames.hex(out)).isEqualTo(Frames.hex(one));
    }

    @Test
    void shouldRefuseWhatWouldChangeTheStream() {
        assertThat(offer(1, segment(100, Tcp.SYN, new byte[10]))).as("SYN").isFalse();
        assertThat(offer(1, segment(100, Tcp.ACK, new byte[0]))).as("pure ACK").isFalse();
        assertThat(offer(1, segment(100, Tcp.ACK, new byte[1000]))).isTrue();
        assertThat(offer(1, segment(1200, Tcp.ACK, new byte[1000]))).as("gap in sequence").isFalse();
        assertThat(offer(2, segment(1100, Tcp.ACK, new byte[1000]))).as("another port").isFalse();
        assertThat(offer(1, segment(1100, Tcp.ACK | Tcp.FIN, new byte[1000]))).as("FIN").isFalse();
        assertThat(offer(1, segment(1100, Tcp.ACK, new byte[1001]))).as("larger than the first").isFalse();
        assertThat(offer(1, Frames.tcpFrame(MAC_B, MAC_A, A, B, 40000, 80, 1100, 10, Tcp.ACK, new byte[1000])))
                .as("another acknowledgment").isFalse();
        assertThat(offer(1, segment(1100, Tcp.ACK, new byte[400]))).as("a short segment joins").isTrue();
        assertThat(offer(1, segment(1500, Tcp.ACK, new byte[400]))).as("but ends the run").isFalse();
        assertThat(coalescing.segments()).isEqualTo(2);
    }
}
