package dev.swarmnet.dataplane.pipeline;

import static dev.swarmnet.dataplane.pipeline.FrameProcessor.UNDERLAY;
import static dev.swarmnet.dataplane.testing.Frames.arpRequest;
import static dev.swarmnet.dataplane.testing.Frames.macOf;
import static dev.swarmnet.dataplane.testing.Frames.tcpFrame;
import static dev.swarmnet.dataplane.testing.Frames.vxlan;
import static dev.swarmnet.dataplane.testing.Lab.A;
import static dev.swarmnet.dataplane.testing.Lab.B;
import static dev.swarmnet.dataplane.testing.Lab.BLUE;
import static dev.swarmnet.dataplane.testing.Lab.C;
import static dev.swarmnet.dataplane.testing.Lab.NODE_C;
import static dev.swarmnet.dataplane.testing.Lab.PORT_A;
import static dev.swarmnet.dataplane.testing.Lab.WEB;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.swarmnet.dataplane.stats.Counter;
import dev.swarmnet.dataplane.testing.Frames;
import dev.swarmnet.dataplane.testing.Lab;
import dev.swarmnet.dataplane.wire.Tcp;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.UnpooledByteBufAllocator;
import java.lang.management.ManagementFactory;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Each path through {@link FrameProcessor#process} allocates nothing per frame, measured with
 * HotSpot's per-thread allocation counter over {@value #FRAMES} frames once the path is warm.
 * Every path runs on a processor whose VIP flow is already ESTABLISHED.
 *
 * <p>Warm means: {@value #QUIET_ROUNDS} rounds of {@value #FRAMES} frames in a row stayed under
 * the budget, within {@value #MAX_WARM_UP_ROUNDS} rounds. The first rounds do allocate, once:
 * class loading, and HotSpot resolving the string constants of a class in the frame thread when
 * it queues one of that class's methods for C2 (about 6 KiB of {@code String}s for Netty's
 * {@code PlatformDependent0}, queued through the restore copy). The restore copy is therefore
 * warmed up on its own first. A path that allocates per frame never gets warm and fails anyway.
 *
 * <p>The frames live in direct buffers from an allocator without leak tracking: under the
 * paranoid leak detection the tests run with, a tracked buffer records a stack trace on every
 * access, which would be the only allocation measured. One buffer per path is reused, restored
 * from a pristine copy before each frame.
 */
class FrameProcessorAllocationTest {
    private static final int FRAMES = 10_000;
    private static final int MAX_WARM_UP_ROUNDS = 30;
    private static final int QUIET_ROUNDS = 3;
    private static final int RESTORE_WARM_UP = 200_000;
    private static final long BUDGET_BYTES = 1024;
    private static final long SECOND = 1_000_000_000L;
    private static final long MAC_A = macOf(A);
    private static final long MAC_C = macOf(C);
    private static final long MAC_WEB = macOf(WEB);
    private static final int CLIENT_PORT = 40000;
    private static final byte[] DATA = "GET / HTTP/1.1\r\nHost: web\r\n\r\n".getBytes();
    private static final byte[] NONE = new byte[0];

    private final ByteBufAllocator untracked = new UnpooledByteBufAllocator(true, true);

    record Path(String description, int inPort, byte[] input, int verdict, int counter) {
        @Override
        public String toString() {
            return description;
        }
    }

    static Stream<Path> paths() {
        byte[] badDataOffset = tcpFrame(macOf(B), MAC_A, A, B, 40001, 8080, 1, 0, Tcp.ACK, DATA);
        badDataOffset[14 + 20 + 12] = (byte) 0xf0;
        return Stream.of(
                new Path("established VIP flow, client to backend", PORT_A,
                        tcpFrame(MAC_WEB, MAC_A, A, WEB, CLIENT_PORT, 80, 1001, 5001, Tcp.ACK | Tcp.PSH, DATA),
                        Verdict.FORWARD_REMOTE, Counter.VIP_ORIGINAL_PACKETS),
                new Path("established VIP flow, backend reply from the underlay", UNDERLAY,
                        vxlan(BLUE, tcpFrame(MAC_A, MAC_C, C, A, 8080, CLIENT_PORT, 5001, 1001, Tcp.ACK | Tcp.PSH, DATA)),
                        Verdict.FORWARD_LOCAL, Counter.VIP_REPLY_PACKETS),
                new Path("proxy ARP answer", PORT_A, arpRequest(MAC_A, A, WEB),
                        Verdict.ANSWER_LOCAL, Counter.ARP_REPLIES),
                new Path("L2 forward to a remote endpoint", PORT_A,
                        tcpFrame(MAC_C, MAC_A, A, C, 40001, 8080, 1, 1, Tcp.ACK, DATA),
                        Verdict.FORWARD_REMOTE, Counter.FORWARDED_REMOTE),
                new Path("drop of a TCP segment whose data offset is beyond it", PORT_A, badDataOffset,
                        Verdict.DROP, Counter.DROP_TCP_BAD_DATA_OFFSET),
                new Path("RST answer to an ACK toward a VIP without a flow", PORT_A,
                        tcpFrame(MAC_WEB, MAC_A, A, WEB, 40002, 80, 1, 777, Tcp.ACK, DATA),
                        Verdict.ANSWER_LOCAL, Counter.TCP_RESETS),
                new Path("RST answer to a SYN toward a VIP port nobody serves (exact and any-port lookup)", PORT_A,
                        tcpFrame(MAC_WEB, MAC_A, A, WEB, 40003, 5432, 1, 0, Tcp.SYN, NONE),
                        Verdict.ANSWER_LOCAL, Counter.TCP_RESETS));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("paths")
    void shouldProcessFramesWithoutAllocating(Path path) {
        java.lang.management.ThreadMXBean bean = ManagementFactory.getThreadMXBean();
        assumeTrue(bean instanceof com.sun.management.ThreadMXBean, "needs HotSpot allocation counters");
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) bean;
        assumeTrue(threads.isThreadAllocatedMemorySupported() && threads.isThreadAllocatedMemoryEnabled(),
                "thread allocation accounting is off");
        FrameProcessor processor = establishedProcessor();
        ByteBuf pristine = copy(path.input());
        ByteBuf work = copy(path.input());
        try {
            for (int i = 0; i < RESTORE_WARM_UP; i++) {
                restore(pristine, work);
            }
            long now = 10 * SECOND;
            int quiet = 0;
            for (int round = 0; round < MAX_WARM_UP_ROUNDS && quiet < QUIET_ROUNDS; round++) {
                long before = threads.getThreadAllocatedBytes(Thread.currentThread().getId());
                now = run(processor, path, pristine, work, now);
                long allocated = threads.getThreadAllocatedBytes(Thread.currentThread().getId()) - before;
                quiet = allocated < BUDGET_BYTES ? quiet + 1 : 0;
            }
            long before = threads.getThreadAllocatedBytes(Thread.currentThread().getId());
            long countedBefore = processor.counters().get(path.counter());
            run(processor, path, pristine, work, now);
            long allocated = threads.getThreadAllocatedBytes(Thread.currentThread().getId()) - before;

            assertThat(processor.counters().get(path.counter()) - countedBefore)
                    .as("frames counted as %s", Counter.name(path.counter())).isEqualTo(FRAMES);
            assertThat(allocated).as("bytes allocated over %d frames", FRAMES).isLessThan(BUDGET_BYTES);
        } finally {
            pristine.release();
            work.release();
        }
    }

    /**
     * Processes {@link #FRAMES} copies of the path's frame, one microsecond apart, expiring once
     * per 64 frames as the event loop does per batch; fails on the first unexpected verdict.
     *
     * @return the time after the last frame
     */
    private static long run(FrameProcessor processor, Path path, ByteBuf pristine, ByteBuf work, long nowNs) {
        for (int i = 0; i < FRAMES; i++) {
            restore(pristine, work);
            int verdict = processor.process(work, path.inPort(), NODE_C, nowNs);
            if (verdict != path.verdict()) {
                throw new AssertionError("frame " + i + ": " + Verdict.name(verdict) + ", dropped for "
                        + Counter.name(processor.dropReason()));
            }
            nowNs += 1_000;
            if ((i & 63) == 63) {
                processor.expire(nowNs);
            }
        }
        return nowNs;
    }

    /** Copies the pristine frame back over the working one, bytes and indices. */
    private static void restore(ByteBuf pristine, ByteBuf work) {
        int start = pristine.readerIndex();
        work.setBytes(start, pristine, start, pristine.readableBytes());
        work.setIndex(start, pristine.writerIndex());
    }

    /** A processor over {@link Lab}'s program whose flow A:40000 → web:80 is ESTABLISHED. */
    private FrameProcessor establishedProcessor() {
        FrameProcessor processor = Lab.processor(Lab.program());
        expect(processor, PORT_A, tcpFrame(MAC_WEB, MAC_A, A, WEB, CLIENT_PORT, 80, 1000, 0, Tcp.SYN, NONE),
                Verdict.FORWARD_REMOTE);
        expect(processor, UNDERLAY, vxlan(BLUE,
                tcpFrame(MAC_A, MAC_C, C, A, 8080, CLIENT_PORT, 5000, 1001, Tcp.SYN | Tcp.ACK, NONE)), Verdict.FORWARD_LOCAL);
        expect(processor, PORT_A, tcpFrame(MAC_WEB, MAC_A, A, WEB, CLIENT_PORT, 80, 1001, 5001, Tcp.ACK, NONE),
                Verdict.FORWARD_REMOTE);
        assertThat(processor.flows().size()).isEqualTo(1);
        return processor;
    }

    private void expect(FrameProcessor processor, int inPort, byte[] frame, int verdict) {
        ByteBuf buf = copy(frame);
        try {
            assertThat(Verdict.name(processor.process(buf, inPort, NODE_C, SECOND))).isEqualTo(Verdict.name(verdict));
        } finally {
            buf.release();
        }
    }

    /** The frame in an untracked direct buffer behind {@link Frames#HEADROOM} bytes. */
    private ByteBuf copy(byte[] frame) {
        ByteBuf buf = untracked.directBuffer(Frames.HEADROOM + frame.length);
        buf.writerIndex(Frames.HEADROOM);
        buf.readerIndex(Frames.HEADROOM);
        buf.writeBytes(frame);
        return buf;
    }
}
