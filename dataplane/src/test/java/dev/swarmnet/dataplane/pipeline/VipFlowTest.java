package dev.swarmnet.dataplane.pipeline;

import static dev.swarmnet.dataplane.pipeline.FrameProcessor.UNDERLAY;
import static dev.swarmnet.dataplane.testing.Frames.ethernet;
import static dev.swarmnet.dataplane.testing.Frames.hex;
import static dev.swarmnet.dataplane.testing.Frames.icmp;
import static dev.swarmnet.dataplane.testing.Frames.ipv4;
import static dev.swarmnet.dataplane.testing.Frames.macOf;
import static dev.swarmnet.dataplane.testing.Frames.tcp;
import static dev.swarmnet.dataplane.testing.Frames.tcpFrame;
import static dev.swarmnet.dataplane.testing.Frames.udpFrame;
import static dev.swarmnet.dataplane.testing.Frames.vxlan;
import static dev.swarmnet.dataplane.testing.Lab.A;
import static dev.swarmnet.dataplane.testing.Lab.B;
import static dev.swarmnet.dataplane.testing.Lab.BLUE;
import static dev.swarmnet.dataplane.testing.Lab.C;
import static dev.swarmnet.dataplane.testing.Lab.E;
import static dev.swarmnet.dataplane.testing.Lab.NODE_C;
import static dev.swarmnet.dataplane.testing.Lab.PORT_A;
import static dev.swarmnet.dataplane.testing.Lab.PORT_B;
import static dev.swarmnet.dataplane.testing.Lab.WEB;
import static org.assertj.core.api.Assertions.assertThat;

import dev.swarmnet.dataplane.conntrack.FlowState;
import dev.swarmnet.dataplane.lb.BackendState;
import dev.swarmnet.dataplane.lb.LbAlgorithm;
import dev.swarmnet.dataplane.program.Backend;
import dev.swarmnet.dataplane.program.Program;
import dev.swarmnet.dataplane.program.ProgramDoor;
import dev.swarmnet.dataplane.program.VirtualService;
import dev.swarmnet.dataplane.stats.Counter;
import dev.swarmnet.dataplane.testing.Frames;
import dev.swarmnet.dataplane.testing.Lab;
import dev.swarmnet.dataplane.wire.Tcp;
import io.netty.buffer.ByteBuf;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import dev.swarmnet.dataplane.testing.Trials;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** A VIP flow's life on the client's node: creation, replies, expiry, program changes, limits. */
class VipFlowTest {
    private static final long SECOND = 1_000_000_000L;
    private static final long MAC_A = macOf(A);
    private static final long MAC_WEB = macOf(WEB);
    private static final byte[] NONE = new byte[0];

    private record Result(int verdict, byte[] frame, int where) {
    }

    private static Result run(FrameProcessor processor, int inPort, byte[] input, long nowNs) {
        ByteBuf buf = Frames.buffer(input);
        try {
            int verdict = processor.process(buf, inPort, NODE_C, nowNs);
            int where = Verdict.isRemote(verdict) ? processor.remoteVtep() : processor.outputPort();
            return new Result(verdict, verdict == Verdict.DROP ? null : Frames.readable(buf), where);
        } finally {
            buf.release();
        }
    }

    private static byte[] syn(int clientPort) {
        return tcpFrame(MAC_WEB, MAC_A, A, WEB, clientPort, 80, 1000, 0, Tcp.SYN, NONE);
    }

    @Test
    void shouldRewriteRepliesSoTheClientOnlySeesTheVip() {
        FrameProcessor processor = Lab.processor(Lab.program());

        Result syn = run(processor, PORT_A, syn(40000), SECOND);
        assertThat(syn.verdict()).isEqualTo(Verdict.FORWARD_REMOTE);
        assertThat(hex(syn.frame())).isEqualTo(hex(vxlan(BLUE,
                tcpFrame(macOf(C), MAC_A, A, C, 40000, 8080, 1000, 0, Tcp.SYN, NONE))));

        byte[] synAck = tcpFrame(MAC_A, macOf(C), C, A, 8080, 40000, 5000, 1001, Tcp.SYN | Tcp.ACK, NONE);
        Result reply = run(processor, UNDERLAY, vxlan(BLUE, synAck), 2 * SECOND);
        assertThat(reply.verdict()).isEqualTo(Verdict.FORWARD_LOCAL);
        assertThat(reply.where()).isEqualTo(PORT_A);
        assertThat(hex(reply.frame())).isEqualTo(hex(
                tcpFrame(MAC_A, MAC_WEB, WEB, A, 80, 40000, 5000, 1001, Tcp.SYN | Tcp.ACK, NONE)));

        Result ack = run(processor, PORT_A,
                tcpFrame(MAC_WEB, MAC_A, A, WEB, 40000, 80, 1001, 5001, Tcp.ACK, "GET /".getBytes()), 3 * SECOND);
        assertThat(ack.verdict()).isEqualTo(Verdict.FORWARD_REMOTE);
        assertThat(processor.flows().size()).isEqualTo(1);
        assertThat(FlowState.name(processor.flows().state(0))).isEqualTo("ESTABLISHED");
        assertThat(processor.counters().get(Counter.VIP_NEW_FLOWS)).isEqualTo(1);
        assertThat(processor.counters().get(Counter.VIP_ORIGINAL_PACKETS)).isEqualTo(2);
        assertThat(processor.counters().get(Counter.VIP_REPLY_PACKETS)).isEqualTo(1);
    }

    @Test
    void shouldAnswerASegmentOfAnExpiredFlowWithReset() {
        FrameProcessor processor = Lab.processor(Lab.program());
        run(processor, PORT_A, syn(40000), SECOND);
        run(processor, UNDERLAY, vxlan(BLUE,
                tcpFrame(MAC_A, macOf(C), C, A, 8080, 40000, 5000, 1001, Tcp.SYN | Tcp.ACK, NONE)), SECOND);
        run(processor, PORT_A, tcpFrame(MAC_WEB, MAC_A, A, WEB, 40000, 80, 1001, 5001, Tcp.ACK, NONE), SECOND);

        long later = SECOND + 3601 * SECOND;
        assertThat(processor.expire(later)).isEqualTo(1);
        assertThat(processor.flows().size()).isZero();

        Result late = run(processor, PORT_A,
                tcpFrame(MAC_WEB, MAC_A, A, WEB, 40000, 80, 1001, 5001, Tcp.ACK | Tcp.PSH, "x".getBytes()), later);
        assertThat(late.verdict()).isEqualTo(Verdict.ANSWER_LOCAL);
        assertThat(hex(late.frame())).isEqualTo(hex(ethernet(MAC_A, MAC_WEB, 0x0800,
                ipv4(WEB, A, 6, 64, 0, 0x4000, tcp(WEB, A, 80, 40000, 5001, 0, Tcp.RST, 0, NONE)))));
    }

    @Test
    void shouldKeepAFlowAliveWhileItCarriesTraffic() {
        FrameProcessor processor = Lab.processor(Lab.program());
        run(processor, PORT_A, syn(40000), 0);
        long now = 0;
        for (int i = 0; i < 5; i++) {
            now += 20 * SECOND;
            run(processor, PORT_A, syn(40000), now);
            processor.expire(now);
        }
        assertThat(processor.flows().size()).isEqualTo(1);
        processor.expire(now + 31 * SECOND);
        assertThat(processor.flows().size()).isZero();
    }

    @Test
    void shouldResetFlowsOfABackendThatGoesDownAndKeepThoseOfADrainingOne() {
        Program two = Lab.withServices(List.of(Backend.active(C, 8080), Backend.active(E, 8080)), LbAlgorithm.ROUND_ROBIN);
        ProgramDoor door = new ProgramDoor(two);
        FrameProcessor processor = Lab.processor(door, 1024);
        Result first = run(processor, PORT_A, syn(40001), SECOND);
        Result second = run(processor, PORT_A, syn(40002), SECOND);
        assertThat(Set.of(first.where(), second.where())).containsExactlyInAnyOrder(NODE_C, Lab.NODE_E);
        int portOnC = first.where() == NODE_C ? 40001 : 40002;
        int portOnE = first.where() == NODE_C ? 40002 : 40001;

        door.publish(Lab.withServices(List.of(new Backend(C, 8080, 1, BackendState.DOWN),
                new Backend(E, 8080, 1, BackendState.DRAINING)), LbAlgorithm.ROUND_ROBIN));

        Result onDown = run(processor, PORT_A,
                tcpFrame(MAC_WEB, MAC_A, A, WEB, portOnC, 80, 1001, 1, Tcp.ACK, NONE), 2 * SECOND);
        assertThat(onDown.verdict()).as("segment of a flow whose backend is down").isEqualTo(Verdict.ANSWER_LOCAL);
        Result onDraining = run(processor, PORT_A,
                tcpFrame(MAC_WEB, MAC_A, A, WEB, portOnE, 80, 1001, 1, Tcp.ACK, NONE), 2 * SECOND);
        assertThat(onDraining.verdict()).as("segment of a flow whose backend drains").isEqualTo(Verdict.FORWARD_REMOTE);
        assertThat(onDraining.where()).isEqualTo(Lab.NODE_E);
        Result fresh = run(processor, PORT_A, syn(40003), 2 * SECOND);
        assertThat(fresh.verdict()).as("new flow with no active backend").isEqualTo(Verdict.ANSWER_LOCAL);
    }

    @Test
    void shouldAnswerAnOversizedVipPacketWithAnErrorThatQuotesTheVip() {
        FrameProcessor processor = Lab.processor(Lab.program());
        run(processor, PORT_A, syn(40000), SECOND);
        byte[] big = ipv4(A, WEB, 6, 64, 0, 0x4000, tcp(A, WEB, 40000, 80, 1001, 1, Tcp.ACK, new byte[1451 - 40]));

        Result r = run(processor, PORT_A, ethernet(MAC_WEB, MAC_A, 0x0800, big), SECOND);

        assertThat(r.verdict()).isEqualTo(Verdict.ANSWER_LOCAL);
        assertThat(hex(r.frame())).isEqualTo(hex(ethernet(MAC_A, macOf(Lab.GATEWAY), 0x0800,
                ipv4(Lab.GATEWAY, A, 1, 64, 0, 0, icmp(3, 4, 1450, Frames.slice(big, 0, 28))))));
    }

    @Test
    void shouldKeepNoStateForAVipPacketFromTheUnderlayThatCannotBeRelayed() {
        FrameProcessor processor = Lab.processor(Lab.program());
        byte[] fromC = tcpFrame(MAC_WEB, macOf(C), C, WEB, 40000, 80, 1, 0, Tcp.SYN, NONE);

        Result r = run(processor, UNDERLAY, vxlan(BLUE, fromC), SECOND);

        assertThat(r.verdict()).isEqualTo(Verdict.DROP);
        assertThat(processor.dropReason()).isEqualTo(Counter.DROP_NO_TRANSIT);
        assertThat(processor.flows().size()).isZero();
    }

    @Test
    void shouldRefuseNewFlowsWhenTheTableIsFullAndKeepExistingOnes() {
        FrameProcessor processor = Lab.processor(new ProgramDoor(Lab.program()), 1);
        assertThat(run(processor, PORT_A, syn(40000), SECOND).verdict()).isEqualTo(Verdict.FORWARD_REMOTE);
        assertThat(run(processor, PORT_A, syn(40001), SECOND).verdict()).isEqualTo(Verdict.DROP);
        assertThat(processor.dropReason()).isEqualTo(Counter.DROP_CONNTRACK_FULL);
        assertThat(run(processor, PORT_A,
                tcpFrame(MAC_WEB, MAC_A, A, WEB, 40000, 80, 1001, 1, Tcp.ACK, NONE), SECOND).verdict())
                .isEqualTo(Verdict.FORWARD_REMOTE);
        assertThat(processor.flows().size()).isEqualTo(1);
    }

    @Test
    void aClientReusingThePortOfAClosedFlowGetsAFreshBackendNotTheOldDrainingOne() {
        Program two = Lab.withServices(List.of(Backend.active(C, 8080), Backend.active(E, 8080)), LbAlgorithm.ROUND_ROBIN);
        ProgramDoor door = new ProgramDoor(two);
        FrameProcessor processor = Lab.processor(door, 1024);
        Result opened = run(processor, PORT_A, syn(40001), SECOND);
        int firstBackend = opened.where();
        // The connection closes: RST from the client leaves the flow in CLOSE.
        run(processor, PORT_A, tcpFrame(MAC_WEB, MAC_A, A, WEB, 40001, 80, 1001, 0, Tcp.RST, NONE), SECOND);

        // The first backend is being stopped; the client opens a new connection from the same port.
        door.publish(Lab.withServices(List.of(
                new Backend(firstBackend == NODE_C ? C : E, 8080, 1, BackendState.DRAINING),
                Backend.active(firstBackend == NODE_C ? E : C, 8080)), LbAlgorithm.ROUND_ROBIN));
        Result reopened = run(processor, PORT_A, syn(40001), 2 * SECOND);

        assertThat(reopened.verdict()).isEqualTo(Verdict.FORWARD_REMOTE);
        assertThat(reopened.where()).as("a fresh choice skips the draining backend").isNotEqualTo(firstBackend);
    }

    @Test
    void shouldSpreadNewFlowsRoundRobinAndSkipDrainingBackends() {
        Program program = Lab.withServices(List.of(Backend.active(C, 8080), new Backend(B, 8080, 1, BackendState.DRAINING),
                Backend.active(E, 8080)), LbAlgorithm.ROUND_ROBIN);
        FrameProcessor processor = Lab.processor(program);
        int toC = 0;
        int toE = 0;
        for (int port = 41000; port < 41010; port++) {
            Result r = run(processor, PORT_A, syn(port), SECOND);
            assertThat(r.verdict()).isEqualTo(Verdict.FORWARD_REMOTE);
            if (r.where() == NODE_C) {
                toC++;
            } else {
                toE++;
            }
        }
        assertThat(toC).isEqualTo(5);
        assertThat(toE).isEqualTo(5);
    }

    @Test
    void shouldSendAllNewFlowsToTheLeastLoadedBackend() {
        Program program = Lab.withServices(List.of(Backend.active(C, 8080), Backend.active(B, 8080)),
                LbAlgorithm.LEAST_CONNECTIONS);
        FrameProcessor processor = Lab.processor(program);
        Set<Integer> first = new HashSet<>();
        first.add(run(processor, PORT_A, syn(42000), SECOND).where());
        first.add(run(processor, PORT_A, syn(42001), SECOND).where());
        assertThat(first).containsExactlyInAnyOrder(NODE_C, PORT_B);
        // Close the flow on B with a RST from the client; B is then least loaded.
        processor.flows().removeIf(flow -> processor.flows().replySrcIp(flow) == B);
        assertThat(run(processor, PORT_A, syn(42002), SECOND).where()).isEqualTo(PORT_B);
    }

    @Test
    void shouldKeepAClientOnOneBackendWithMaglevAcrossProcessors() {
        Program program = Lab.withServices(List.of(Backend.active(C, 8080), Backend.active(E, 8080)), LbAlgorithm.MAGLEV);
        FrameProcessor one = Lab.processor(program);
        FrameProcessor other = Lab.processor(program);
        Set<Integer> seen = new HashSet<>();
        for (int port = 43000; port < 43040; port++) {
            Result a = run(one, PORT_A, syn(port), SECOND);
            Result b = run(other, PORT_A, syn(port), SECOND);
            assertThat(a.where()).isEqualTo(b.where());
            seen.add(a.where());
        }
        assertThat(seen).containsExactlyInAnyOrder(NODE_C, Lab.NODE_E);
    }

    @Test
    void shouldKeepAClientOnItsBackendWhenTheServiceHasAffinity() {
        Program program = Lab.builder()
                .service(new VirtualService("web", BLUE, WEB, 6, 80, LbAlgorithm.ROUND_ROBIN, 60 * SECOND,
                        List.of(Backend.active(C, 8080), Backend.active(E, 8080))))
                .build();
        FrameProcessor processor = Lab.processor(program);
        int first = run(processor, PORT_A, syn(44000), SECOND).where();
        for (int port = 44001; port < 44010; port++) {
            assertThat(run(processor, PORT_A, syn(port), SECOND).where()).isEqualTo(first);
        }
    }

    @Test
    void shouldTrackUdpRepliesBackToTheVip() {
        FrameProcessor processor = Lab.processor(Lab.program());
        run(processor, PORT_A, udpFrame(MAC_WEB, MAC_A, A, WEB, 5000, 53, "q".getBytes()), SECOND);
        Result reply = run(processor, UNDERLAY,
                vxlan(BLUE, udpFrame(MAC_A, macOf(C), C, A, 5353, 5000, "answer".getBytes())), SECOND);
        assertThat(reply.verdict()).isEqualTo(Verdict.FORWARD_LOCAL);
        assertThat(hex(reply.frame())).isEqualTo(hex(udpFrame(MAC_A, MAC_WEB, WEB, A, 53, 5000, "answer".getBytes())));
        assertThat(FlowState.name(processor.flows().state(0))).isEqualTo("UDP_REPLIED");
    }

    /** NAT then reverse NAT is the identity: the backend's mirror of what it got comes back as the VIP's mirror. */
    @Test
    void reverseNatOfTheMirroredPacketShouldBeTheMirrorOfTheOriginal() {
        Trials.forAll(300, VipFlowTest::checkNatIdentity);
    }

    private static void checkNatIdentity(SplittableRandom random) {
        int clientPort = Trials.between(random, 1024, 0xffff);
        int seq = random.nextInt();
        int ack = random.nextInt();
        int replyFlags = random.nextInt(0x40);
        byte[] data = Trials.bytes(random, 0, 64);
        boolean udp = random.nextBoolean();
        FrameProcessor processor = Lab.processor(Lab.program());
        byte[] toVip = udp ? udpFrame(MAC_WEB, MAC_A, A, WEB, clientPort, 53, data)
                : tcpFrame(MAC_WEB, MAC_A, A, WEB, clientPort, 80, seq, 0, Tcp.SYN, data);
        Result out = run(processor, PORT_A, toVip, SECOND);
        assertThat(out.verdict()).isEqualTo(Verdict.FORWARD_REMOTE);
        int backendPort = udp ? 5353 : 8080;
        byte[] fromBackend = udp ? udpFrame(MAC_A, macOf(C), C, A, backendPort, clientPort, data)
                : tcpFrame(MAC_A, macOf(C), C, A, backendPort, clientPort, ack, seq + 1, replyFlags & ~Tcp.RST, data);
        Result back = run(processor, UNDERLAY, vxlan(BLUE, fromBackend), SECOND);
        byte[] mirrorOfOriginal = udp ? udpFrame(MAC_A, MAC_WEB, WEB, A, 53, clientPort, data)
                : tcpFrame(MAC_A, MAC_WEB, WEB, A, 80, clientPort, ack, seq + 1, replyFlags & ~Tcp.RST, data);
        assertThat(hex(back.frame())).isEqualTo(hex(mirrorOfOriginal));
    }
}
