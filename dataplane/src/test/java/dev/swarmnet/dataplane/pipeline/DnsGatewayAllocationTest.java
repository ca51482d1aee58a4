package dev.swarmnet.dataplane.pipeline;

import static dev.swarmnet.dataplane.testing.Frames.macOf;
import static dev.swarmnet.dataplane.testing.Lab.A;
import static dev.swarmnet.dataplane.testing.Lab.GATEWAY;
import static dev.swarmnet.dataplane.testing.Lab.PORT_A;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.swarmnet.dataplane.stats.Counter;
import dev.swarmnet.dataplane.testing.DnsQueries;
import dev.swarmnet.dataplane.testing.Frames;
import dev.swarmnet.dataplane.testing.Lab;
import dev.swarmnet.dataplane.wire.dns.DnsHeader;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.UnpooledByteBufAllocator;
import java.lang.management.ManagementFactory;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Answering a DNS query at the gateway allocates nothing per query, measured as {@link
 * FrameProcessorAllocationTest} does (HotSpot's per-thread allocation counter, warm-up rounds
 * until quiet, untracked direct buffers restored from a pristine copy).
 */
class DnsGatewayAllocationTest {
    private static final int FRAMES = 10_000;
    private static final int MAX_WARM_UP_ROUNDS = 30;
    private static final int QUIET_ROUNDS = 3;
    private static final long BUDGET_BYTES = 1024;

    private final ByteBufAllocator untracked = new UnpooledByteBufAllocator(true, true);

    record Path(String description, byte[] query, int counter) {
        @Override
        public String toString() {
            return description;
        }
    }

    static Stream<Path> paths() {
        return Stream.of(
                new Path("A answer for a service name", DnsQueries.query(1, "Web", DnsHeader.TYPE_A, false),
                        Counter.DNS_ANSWERED),
                new Path("rotated answer for tasks.<service> with EDNS",
                        DnsQueries.query(2, "tasks.web", DnsHeader.TYPE_A, true), Counter.DNS_ANSWERED),
                new Path("PTR answer", DnsQueries.query(3, "2.1.0.10.in-addr.arpa", DnsHeader.TYPE_PTR, false),
                        Counter.DNS_ANSWERED),
                new Path("NXDOMAIN", DnsQueries.query(4, "nosuch.blue", DnsHeader.TYPE_A, false), Counter.DNS_NXDOMAIN),
                new Path("SERVFAIL without an upstream", DnsQueries.query(5, "example.com", DnsHeader.TYPE_A, false),
                        Counter.DNS_FORWARD_REFUSED));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("paths")
    void answersWithoutAllocating(Path path) {
        java.lang.management.ThreadMXBean bean = ManagementFactory.getThreadMXBean();
        assumeTrue(bean instanceof com.sun.management.ThreadMXBean, "needs HotSpot allocation counters");
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) bean;
        assumeTrue(threads.isThreadAllocatedMemorySupported() && threads.isThreadAllocatedMemoryEnabled(),
                "thread allocation accounting is off");
        FrameProcessor processor = Lab.processor(DnsGatewayTest.program());
        byte[] frame = Frames.udpFrame(macOf(GATEWAY), macOf(A), A, GATEWAY, 40000, 53, path.query());
        ByteBuf pristine = copy(frame);
        ByteBuf work = copy(frame);
        try {
            int quiet = 0;
            for (int round = 0; round < MAX_WARM_UP_ROUNDS && quiet < QUIET_ROUNDS; round++) {
                long before = threads.getThreadAllocatedBytes(Thread.currentThread().getId());
                run(processor, pristine, work);
                long allocated = threads.getThreadAllocatedBytes(Thread.currentThread().getId()) - before;
                quiet = allocated < BUDGET_BYTES ? quiet + 1 : 0;
            }
            long before = threads.getThreadAllocatedBytes(Thread.currentThread().getId());
            long countedBefore = processor.counters().get(path.counter());
            run(processor, pristine, work);
            long allocated = threads.getThreadAllocatedBytes(Thread.currentThread().getId()) - before;

            assertThat(processor.counters().get(path.counter()) - countedBefore).isEqualTo(FRAMES);
            assertThat(allocated).as("bytes allocated over %d queries", FRAMES).isLessThan(BUDGET_BYTES);
        } finally {
            pristine.release();
            work.release();
        }
    }

    private static void run(FrameProcessor processor, ByteBuf pristine, ByteBuf work) {
        for (int i = 0; i < FRAMES; i++) {
            int start = pristine.readerIndex();
            work.setBytes(start, pristine, start, pristine.readableBytes());
            work.setIndex(start, pristine.writerIndex());
            int verdict = processor.process(work, PORT_A, 0, 1_000_000_000L + i);
            if (verdict != Verdict.ANSWER_LOCAL) {
                throw new AssertionError("query " + i + ": " + Verdict.name(verdict) + ", dropped for "
                        + Counter.name(processor.dropReason()));
            }
        }
    }

    /** The frame in an untracked direct buffer behind headroom, with room for a larger answer. */
    private ByteBuf copy(byte[] frame) {
        ByteBuf buf = untracked.directBuffer(Frames.HEADROOM + 1600);
        buf.writerIndex(Frames.HEADROOM);
        buf.readerIndex(Frames.HEADROOM);
        buf.writeBytes(frame);
        return buf;
    }
}
