package dev.swarmnet.dataplane.pipeline;

import static dev.swarmnet.dataplane.pipeline.FrameProcessor.UNDERLAY;
import static dev.swarmnet.dataplane.testing.Frames.macOf;
import static dev.swarmnet.dataplane.testing.Frames.tcpFrame;
import static dev.swarmnet.dataplane.testing.Frames.udpFrame;
import static dev.swarmnet.dataplane.testing.Frames.vxlan;
import static dev.swarmnet.dataplane.testing.Lab.A;
import static dev.swarmnet.dataplane.testing.Lab.API;
import static dev.swarmnet.dataplane.testing.Lab.BLUE;
import static dev.swarmnet.dataplane.testing.Lab.C;
import static dev.swarmnet.dataplane.testing.Lab.NODE_C;
import static dev.swarmnet.dataplane.testing.Lab.NODE_E;
import static dev.swarmnet.dataplane.testing.Lab.PORT_A;
import static dev.swarmnet.dataplane.testing.Lab.PORT_B;
import static dev.swarmnet.dataplane.testing.Lab.PORT_D;
import static dev.swarmnet.dataplane.testing.Lab.WEB;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.swarmnet.dataplane.program.Program;
import dev.swarmnet.dataplane.stats.Counter;
import dev.swarmnet.dataplane.stats.Counters;
import dev.swarmnet.dataplane.testing.Lab;
import dev.swarmnet.dataplane.wire.Ethernet;
import dev.swarmnet.dataplane.wire.Tcp;
import dev.swarmnet.dataplane.wire.Vxlan;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.netty.buffer.UnpooledByteBufAllocator;

/**
 * Jazzer target for {@link FrameProcessor#process}, the data plane's one entry point: any bytes
 * from any port must end in one of the five verdicts with the bookkeeping that goes with it.
 * Without JAZZER_FUZZ=1 it replays the seeds in
 * {@code FrameProcessorFuzzTestInputs/fuzzFrameEntryPoint/}.
 *
 * <p>Input: the first byte picks where the frame comes from (low two bits: the underlay, or port
 * A, B or D of {@link Lab}; bit 2: which node sent it when from the underlay); the rest is the
 * frame, a VXLAN header first when from the underlay. It is processed by a fresh processor on
 * which three flows already exist (TCP A:40000 → web:80 ESTABLISHED, UDP A:5000 → web:53, TCP
 * A:40001 → api:80 after its SYN), so conntrack hits in both directions are reachable, and the
 * same input always runs the same way. Then time runs on past every timeout.
 *
 * <p>Checked: no exception; a known verdict; {@link Counter#FRAMES_IN} once; a drop names one
 * drop reason and counts it once; every other verdict leaves a whole Ethernet frame (VXLAN
 * header first when remote), goes out a programmed port of the frame's own network or to a
 * known node with the network's VNI, answers only where the frame came from and never relays
 * underlay traffic to the underlay; the processor neither releases nor retains the buffer; idle
 * flows all expire.
 */
public class FrameProcessorFuzzTest {
    private static final long SECOND = 1_000_000_000L;
    private static final long TWO_DAYS = 2 * 24 * 3600 * SECOND;
    private static final int HEADROOM = 64;
    private static final int[] IN_PORTS = {UNDERLAY, PORT_A, PORT_B, PORT_D};
    private static final Program PROGRAM = Lab.program();
    private static final ByteBufAllocator UNTRACKED = new UnpooledByteBufAllocator(true, true);
    private static final byte[] NONE = new byte[0];
    private static final Setup[] SETUP = {
        new Setup(PORT_A, tcpFrame(macOf(WEB), macOf(A), A, WEB, 40000, 80, 1000, 0, Tcp.SYN, NONE)),
        new Setup(UNDERLAY, vxlan(BLUE,
                tcpFrame(macOf(A), macOf(C), C, A, 8080, 40000, 5000, 1001, Tcp.SYN | Tcp.ACK, NONE))),
        new Setup(PORT_A, tcpFrame(macOf(WEB), macOf(A), A, WEB, 40000, 80, 1001, 5001, Tcp.ACK, NONE)),
        new Setup(PORT_A, udpFrame(macOf(WEB), macOf(A), A, WEB, 5000, 53, "q".getBytes())),
        new Setup(PORT_A, tcpFrame(macOf(API), macOf(A), A, API, 40001, 80, 7000, 0, Tcp.SYN, NONE)),
    };

    /** A frame that builds up the flows every input starts with. */
    private record Setup(int inPort, byte[] frame) {
    }

    /** Entry point for Jazzer's standalone driver, used by {@code dataplane/fuzz.sh} for long runs. */
    public static void fuzzerTestOneInput(byte[] input) {
        new FrameProcessorFuzzTest().fuzzFrameEntryPoint(input);
    }

    @FuzzTest(maxDuration = "20s")
    void fuzzFrameEntryPoint(byte[] input) {
        if (input.length == 0) {
            return;
        }
        int inPort = IN_PORTS[input[0] & 3];
        int sourceVtep = (input[0] & 4) == 0 ? NODE_C : NODE_E;
        FrameProcessor processor = processorWithFlows();
        int network = inPort == UNDERLAY ? underlayNetwork(input) : PROGRAM.portNetwork(inPort);
        Counters counters = processor.counters();
        long[] before = counters.snapshot();
        long now = 2 * SECOND;

        ByteBuf frame = Unpooled.directBuffer(HEADROOM + input.length - 1, HEADROOM + input.length - 1);
        try {
            frame.writerIndex(HEADROOM).readerIndex(HEADROOM);
            frame.writeBytes(input, 1, input.length - 1);
            int verdict = processor.process(frame, inPort, sourceVtep, now);

            check(frame.refCnt() == 1, "the processor released or retained the frame");
            check(counters.get(Counter.FRAMES_IN) == before[Counter.FRAMES_IN] + 1, "FRAMES_IN not counted once");
            checkDropsAddUp(counters);
            switch (verdict) {
                case Verdict.DROP -> checkDrop(processor, before);
                case Verdict.FORWARD_LOCAL, Verdict.ANSWER_LOCAL -> checkLocal(processor, frame, verdict, inPort, network);
                case Verdict.FORWARD_REMOTE, Verdict.ANSWER_REMOTE ->
                        checkRemote(processor, frame, verdict, inPort, sourceVtep, network);
                default -> throw new AssertionError("unknown verdict " + verdict);
            }
        } finally {
            frame.release();
        }

        int flows = processor.flows().size();
        for (long later : new long[] {now + SECOND, now + 3600 * SECOND, now + TWO_DAYS}) {
            int removed = processor.expire(later);
            check(removed >= 0 && processor.flows().size() == flows - removed, "expire miscounted");
            flows = processor.flows().size();
        }
        check(flows == 0, flows + " flows outlived every timeout");
    }

    private static void checkDrop(FrameProcessor processor, long[] before) {
        int reason = processor.dropReason();
        check(Counter.isDropReason(reason), "drop reason " + reason + " is not a drop reason");
        Counters counters = processor.counters();
        check(counters.get(reason) == before[reason] + 1, Counter.name(reason) + " not counted once");
        check(counters.get(Counter.DROPPED) == before[Counter.DROPPED] + 1, "DROPPED not counted once");
    }

    private static void checkLocal(FrameProcessor processor, ByteBuf frame, int verdict, int inPort, int network) {
        check(frame.readableBytes() >= Ethernet.HEADER_LENGTH, "local verdict with " + frame.readableBytes() + " bytes");
        int port = processor.outputPort();
        check(PROGRAM.portNetwork(port) >= 0, "output port " + port + " is not programmed");
        check(PROGRAM.portNetwork(port) == network, "frame left its network through port " + port);
        if (verdict == Verdict.ANSWER_LOCAL) {
            check(inPort != UNDERLAY && port == inPort, "answer to port " + port + " for a frame from " + inPort);
        }
    }

    private static void checkRemote(FrameProcessor processor, ByteBuf frame, int verdict, int inPort, int sourceVtep,
                                    int network) {
        check(frame.readableBytes() >= Vxlan.HEADER_LENGTH + Ethernet.HEADER_LENGTH,
                "remote verdict with " + frame.readableBytes() + " bytes");
        int start = frame.readerIndex();
        check((frame.getUnsignedByte(start) & Vxlan.FLAG_I) != 0, "VXLAN header without the I flag");
        check(frame.getInt(start + Vxlan.VNI_OFFSET) >>> 8 == PROGRAM.vni(network), "frame left its network's VNI");
        int vtep = processor.remoteVtep();
        if (verdict == Verdict.FORWARD_REMOTE) {
            check(inPort != UNDERLAY, "underlay frame relayed to the underlay");
            check(vtep == NODE_C || vtep == NODE_E, "forwarded to unknown node " + vtep);
        } else {
            check(inPort == UNDERLAY && vtep == sourceVtep, "remote answer not sent back to its sender");
        }
    }

    /** Every drop counts in DROPPED and in exactly one reason. */
    private static void checkDropsAddUp(Counters counters) {
        long reasons = 0;
        for (int id = 0; id < Counter.COUNT; id++) {
            if (Counter.isDropReason(id)) {
                reasons += counters.get(id);
            }
        }
        check(reasons == counters.get(Counter.DROPPED), "drop reasons add up to " + reasons + ", DROPPED says "
                + counters.get(Counter.DROPPED));
    }

    /** The network of the VNI in the input's VXLAN header, or -1 (only used after a non-drop verdict). */
    private static int underlayNetwork(byte[] input) {
        if (input.length < 1 + Vxlan.HEADER_LENGTH) {
            return -1;
        }
        int vni = (input[1 + Vxlan.VNI_OFFSET] & 0xff) << 16 | (input[2 + Vxlan.VNI_OFFSET] & 0xff) << 8
                | input[3 + Vxlan.VNI_OFFSET] & 0xff;
        return PROGRAM.networkIndex(vni);
    }

    private static FrameProcessor processorWithFlows() {
        FrameProcessor processor = Lab.processor(PROGRAM);
        for (Setup setup : SETUP) {
            ByteBuf buf = UNTRACKED.directBuffer(HEADROOM + setup.frame().length);
            try {
                buf.writerIndex(HEADROOM).readerIndex(HEADROOM);
                buf.writeBytes(setup.frame());
                check(processor.process(buf, setup.inPort(), NODE_C, SECOND) != Verdict.DROP, "a setup frame dropped");
            } finally {
                buf.release();
            }
        }
        check(processor.flows().size() == 3, "setup did not make three flows");
        return processor;
    }

    private static void check(boolean condition, String message) {
        if (!condition) {
            throw new AssertionError(message);
        }
    }
}
