package dev.swarmnet.dataplane.pipeline;

import dev.swarmnet.dataplane.conntrack.FlowState;
import dev.swarmnet.dataplane.conntrack.FlowTable;
import dev.swarmnet.dataplane.conntrack.FlowTimeouts;
import dev.swarmnet.dataplane.lb.BackendLoad;
import dev.swarmnet.dataplane.lb.ClientAffinity;
import dev.swarmnet.dataplane.lb.LbAlgorithm;
import dev.swarmnet.dataplane.nat.BackendChooser;
import dev.swarmnet.dataplane.program.Backend;
import dev.swarmnet.dataplane.program.Endpoint;
import dev.swarmnet.dataplane.program.Network;
import dev.swarmnet.dataplane.program.Program;
import dev.swarmnet.dataplane.program.ProgramDoor;
import dev.swarmnet.dataplane.program.VirtualService;
import dev.swarmnet.dataplane.stats.Counters;
import dev.swarmnet.dataplane.wire.Ethernet;
import dev.swarmnet.dataplane.wire.Ipv4;
import dev.swarmnet.dataplane.wire.Tcp;
import dev.swarmnet.dataplane.wire.Vxlan;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.UnpooledByteBufAllocator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One frame through {@link FrameProcessor#process} per operation, on the paths a busy node
 * spends its time on:
 *
 * <ul>
 *   <li>{@link #vipEstablished}: client → VIP segment of an ESTABLISHED flow: parse, conntrack
 *       hit, DNAT to the remote backend, VXLAN encapsulation;</li>
 *   <li>{@link #replyPath}: the backend's segment back from the underlay: decapsulation,
 *       conntrack reply hit, SNAT to the VIP, forward to the client's port;</li>
 *   <li>{@link #l2ForwardRemote}: endpoint → endpoint TCP without a VIP: conntrack miss, L2
 *       lookup, encapsulation;</li>
 *   <li>{@link #restoreOnly}: just the per-operation restore of the input frame, to subtract
 *       from the others.</li>
 * </ul>
 *
 * <p>The processor rewrites frames in place, so each operation first copies a pristine copy
 * back into the working buffer and resets its indices ({@link ReusableFrame#restore}); both are
 * direct buffers from an allocator without leak tracking, as on the event loop. The program is
 * one network with a local client, a remote backend and a VIP in front of it. The flows are set
 * up in {@link #setUp} (SYN, SYN-ACK, ACK), which also checks every path's verdict once. Time
 * stands still, so no flow expires. Single-threaded, like the event loop that owns a processor.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = "-XX:+UseParallelGC")
public class VipHotPathBenchmark {
    private static final int HEADROOM = 64;
    private static final int DATA_LENGTH = 64;
    private static final int VNI = 4097;
    private static final int CLIENT = Ipv4.parse("10.0.1.5");
    private static final int OTHER_BACKEND = Ipv4.parse("10.0.1.8");
    private static final int BACKEND = Ipv4.parse("10.0.1.7");
    private static final int VIP = Ipv4.parse("10.0.1.2");
    private static final int BACKEND_NODE = Ipv4.parse("198.18.0.2");
    private static final int OTHER_NODE = Ipv4.parse("198.18.0.3");
    private static final long CLIENT_MAC = Endpoint.macFor(CLIENT);
    private static final long BACKEND_MAC = Endpoint.macFor(BACKEND);
    private static final long OTHER_MAC = Endpoint.macFor(OTHER_BACKEND);
    private static final long VIP_MAC = Endpoint.macFor(VIP);
    private static final int CLIENT_PORT = 1;
    private static final int VIP_PORT = 80;
    private static final int BACKEND_PORT = 8080;
    private static final int EPHEMERAL = 40000;
    private static final long NOW_NS = 1_000_000_000_000L;

    private final ByteBufAllocator untracked = new UnpooledByteBufAllocator(true, true);
    private FrameProcessor processor;
    private ReusableFrame toVip;
    private ReusableFrame fromBackend;
    private ReusableFrame toEndpoint;

    @Setup
    public void setUp() {
        Program program = Program.builder()
                .network(Network.of("blue", VNI, "10.0.1.0/24"))
                .endpoint(Endpoint.local(VNI, CLIENT, CLIENT_MAC, CLIENT_PORT))
                .endpoint(Endpoint.remote(VNI, BACKEND, BACKEND_MAC, BACKEND_NODE))
                .endpoint(Endpoint.remote(VNI, OTHER_BACKEND, OTHER_MAC, OTHER_NODE))
                .service(VirtualService.tcp("web", VNI, VIP, VIP_PORT, LbAlgorithm.ROUND_ROBIN,
                        List.of(Backend.active(BACKEND, BACKEND_PORT))))
                .build();
        processor = new FrameProcessor(new ProgramDoor(program), new FlowTable(1024, FlowTimeouts.defaults()),
                new BackendChooser(new BackendLoad(64), new ClientAffinity(1024)), new Counters());

        ReusableFrame syn = frame(false, VIP_MAC, CLIENT_MAC, CLIENT, VIP, EPHEMERAL, VIP_PORT, 1000, 0, Tcp.SYN, 0);
        expect("SYN", syn.process(processor, CLIENT_PORT, 0), Verdict.FORWARD_REMOTE);
        ReusableFrame synAck = frame(true, CLIENT_MAC, BACKEND_MAC, BACKEND, CLIENT, BACKEND_PORT, EPHEMERAL,
                5000, 1001, Tcp.SYN | Tcp.ACK, 0);
        expect("SYN-ACK", synAck.process(processor, FrameProcessor.UNDERLAY, BACKEND_NODE), Verdict.FORWARD_LOCAL);
        toVip = frame(false, VIP_MAC, CLIENT_MAC, CLIENT, VIP, EPHEMERAL, VIP_PORT, 1001, 5001, Tcp.ACK, DATA_LENGTH);
        expect("ACK", toVip.process(processor, CLIENT_PORT, 0), Verdict.FORWARD_REMOTE);
        if (processor.flows().size() != 1 || processor.flows().state(0) != FlowState.ESTABLISHED) {
            throw new IllegalStateException("the VIP flow did not reach ESTABLISHED: " + FlowState.name(processor.flows().state(0)));
        }
        fromBackend = frame(true, CLIENT_MAC, BACKEND_MAC, BACKEND, CLIENT, BACKEND_PORT, EPHEMERAL,
                5001, 1001 + DATA_LENGTH, Tcp.ACK, DATA_LENGTH);
        toEndpoint = frame(false, OTHER_MAC, CLIENT_MAC, CLIENT, OTHER_BACKEND, EPHEMERAL + 1, BACKEND_PORT,
                1, 1, Tcp.ACK, DATA_LENGTH);
        expect("established", vipEstablished(), Verdict.FORWARD_REMOTE);
        expect("reply", replyPath(), Verdict.FORWARD_LOCAL);
        expect("endpoint to endpoint", l2ForwardRemote(), Verdict.FORWARD_REMOTE);
        syn.release();
        synAck.release();
    }

    @TearDown
    public void tearDown() {
        toVip.release();
        fromBackend.release();
        toEndpoint.release();
    }

    @Benchmark
    public int vipEstablished() {
        return toVip.process(processor, CLIENT_PORT, 0);
    }

    @Benchmark
    public int replyPath() {
        return fromBackend.process(processor, FrameProcessor.UNDERLAY, BACKEND_NODE);
    }

    @Benchmark
    public int l2ForwardRemote() {
        return toEndpoint.process(processor, CLIENT_PORT, 0);
    }

    @Benchmark
    public int restoreOnly() {
        return toVip.restore();
    }

    private static void expect(String what, int verdict, int expected) {
        if (verdict != expected) {
            throw new IllegalStateException(what + ": expected " + Verdict.name(expected) + " but got "
                    + Verdict.name(verdict));
        }
    }

    /**
     * A TCP frame with {@code dataLength} bytes of payload, with correct checksums, built with
     * the data plane's own codecs (the benchmark measures speed, not correctness), optionally
     * behind a VXLAN header as it arrives from the underlay.
     */
    private ReusableFrame frame(boolean encapsulated, long dstMac, long srcMac, int src, int dst, int sport, int dport,
                                int seq, int ack, int flags, int dataLength) {
        int vxlan = encapsulated ? Vxlan.HEADER_LENGTH : 0;
        int segment = Tcp.MIN_HEADER_LENGTH + dataLength;
        int packet = Ipv4.MIN_HEADER_LENGTH + segment;
        int length = vxlan + Ethernet.HEADER_LENGTH + packet;
        ByteBuf buf = untracked.directBuffer(HEADROOM + length, HEADROOM + length);
        buf.writeZero(HEADROOM + length);
        if (encapsulated) {
            Vxlan.write(buf, HEADROOM, VNI);
        }
        int eth = HEADROOM + vxlan;
        Ethernet.writeMac(buf, eth + Ethernet.DST_OFFSET, dstMac);
        Ethernet.writeMac(buf, eth + Ethernet.SRC_OFFSET, srcMac);
        buf.setShort(eth + Ethernet.TYPE_OFFSET, Ethernet.TYPE_IPV4);
        int l3 = eth + Ethernet.HEADER_LENGTH;
        buf.setByte(l3 + Ipv4.VERSION_IHL_OFFSET, 0x45);
        buf.setShort(l3 + Ipv4.TOTAL_LENGTH_OFFSET, packet);
        Ipv4 ip = new Ipv4();
        ip.wrap(buf, l3, packet);
        ip.write(packet, 0, Ipv4.FLAG_DF, 64, Ipv4.PROTO_TCP, src, dst);
        int l4 = l3 + Ipv4.MIN_HEADER_LENGTH;
        buf.setByte(l4 + Tcp.DATA_OFFSET_OFFSET, (Tcp.MIN_HEADER_LENGTH >>> 2) << 4);
        Tcp tcp = new Tcp();
        tcp.wrap(buf, l4, segment);
        tcp.write(sport, dport, seq, ack, flags, 0xffff);
        for (int i = 0; i < dataLength; i++) {
            buf.setByte(l4 + Tcp.MIN_HEADER_LENGTH + i, 'a' + i % 26);
        }
        tcp.fillChecksum(ip, segment);
        buf.readerIndex(HEADROOM);
        return new ReusableFrame(buf, untracked.directBuffer(buf.capacity(), buf.capacity()), HEADROOM, length);
    }

    /** A pristine frame and the working copy the processor rewrites, restored before each use. */
    private static final class ReusableFrame {
        private final ByteBuf pristine;
        private final ByteBuf work;
        private final int start;
        private final int end;

        ReusableFrame(ByteBuf pristine, ByteBuf work, int start, int length) {
            this.pristine = pristine;
            this.work = work;
            this.start = start;
            this.end = start + length;
            restore();
        }

        /** Copies the pristine bytes back and resets the indices; allocation-free. @return the reader index */
        int restore() {
            work.setBytes(start, pristine, start, end - start);
            work.setIndex(start, end);
            return start;
        }

        int process(FrameProcessor processor, int inPort, int sourceVtep) {
            restore();
            return processor.process(work, inPort, sourceVtep, NOW_NS);
        }

        void release() {
            pristine.release();
            work.release();
        }
    }
}
