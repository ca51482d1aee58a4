package dev.swarmnet.dataplane.capture;

import static dev.swarmnet.dataplane.testing.Frames.macOf;
import static dev.swarmnet.dataplane.testing.Frames.udpFrame;
import static dev.swarmnet.dataplane.testing.Frames.vxlan;
import static dev.swarmnet.dataplane.testing.Lab.A;
import static dev.swarmnet.dataplane.testing.Lab.B;
import static dev.swarmnet.dataplane.testing.Lab.BLUE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import dev.swarmnet.dataplane.testing.WarmAllocations;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.ByteBuffer;
import org.agrona.concurrent.MessageHandler;
import org.agrona.concurrent.ringbuffer.OneToOneRingBuffer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The tap, the event loop's side of a capture, allocates nothing per frame, kept or lost,
 * measured with HotSpot's per-thread allocation counter.
 */
class CaptureTapAllocationTest {
    private static final MessageHandler DISCARD = (type, buffer, index, length) -> { };

    @BeforeAll
    static void agronaCanReachUnsafe() {
        CaptureSession.ensureAvailability();
    }

    @Test
    void shouldNotAllocateWhenRecordingOrLosingFrames() {
        assumeThat(WarmAllocations.measurable()).as("needs HotSpot's per-thread allocation counter").isTrue();
        OneToOneRingBuffer ring = CaptureSession.newRing(1 << 16);
        CaptureTap tap = new CaptureTap(CaptureFilter.network(BLUE), ring, 4096,
                port -> port == 1 ? BLUE : -1);
        // Wrapped buffers are not leak-tracked: paranoid tracking itself allocates on every access.
        ByteBuf frame = wrap(udpFrame(macOf(B), macOf(A), A, B, 40000, 53, new byte[64]));
        ByteBuf datagram = wrap(vxlan(BLUE, udpFrame(macOf(B), macOf(A), A, B, 40000, 53, new byte[64])));
        try {
            // Warm up past compilation (until quiet, not a fixed count: the compiler may lag under
            // load): a deoptimisation re-materialises scalar-replaced objects.
            long allocated = WarmAllocations.afterWarmUp(() -> churn(tap, ring, frame, datagram), 1);

            assertThat(tap.lost()).isPositive();
            assertThat(allocated).isZero();
        } finally {
            frame.release();
            datagram.release();
        }
    }

    private static void churn(CaptureTap tap, OneToOneRingBuffer ring, ByteBuf frame, ByteBuf datagram) {
        for (int round = 0; round < 200; round++) {
            for (int i = 0; i < 400; i++) {
                tap.portReceived(frame, 1, i);
                tap.portSent(frame, 2, i);
                tap.underlayReceived(datagram, 0x0a00_0001, 51000, i);
                tap.underlaySent(datagram, 0x0a00_0001, 4789, i);
            }
            ring.read(DISCARD, Integer.MAX_VALUE);
            ring.read(DISCARD, Integer.MAX_VALUE);
        }
    }

    private static ByteBuf wrap(byte[] bytes) {
        ByteBuffer direct = ByteBuffer.allocateDirect(bytes.length);
        direct.put(bytes).flip();
        return Unpooled.wrappedBuffer(direct);
    }
}
