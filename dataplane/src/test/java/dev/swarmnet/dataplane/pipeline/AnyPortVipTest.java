package dev.swarmnet.dataplane.pipeline;

import static dev.swarmnet.dataplane.pipeline.FrameProcessor.UNDERLAY;
import static dev.swarmnet.dataplane.testing.Frames.hex;
import static dev.swarmnet.dataplane.testing.Frames.macOf;
import static dev.swarmnet.dataplane.testing.Frames.tcpFrame;
import static dev.swarmnet.dataplane.testing.Frames.udpFrame;
import static dev.swarmnet.dataplane.testing.Frames.vxlan;
import static dev.swarmnet.dataplane.testing.Lab.A;
import static dev.swarmnet.dataplane.testing.Lab.B;
import static dev.swarmnet.dataplane.testing.Lab.BLUE;
import static dev.swarmnet.dataplane.testing.Lab.C;
import static dev.swarmnet.dataplane.testing.Lab.NODE_C;
import static dev.swarmnet.dataplane.testing.Lab.PORT_A;
import static dev.swarmnet.dataplane.testing.Lab.PORT_B;
import static dev.swarmnet.dataplane.testing.Lab.WEB;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.swarmnet.dataplane.lb.BackendState;
import dev.swarmnet.dataplane.lb.LbAlgorithm;
import dev.swarmnet.dataplane.program.Backend;
import dev.swarmnet.dataplane.program.Program;
import dev.swarmnet.dataplane.program.ProgramDoor;
import dev.swarmnet.dataplane.program.VirtualService;
import dev.swarmnet.dataplane.testing.Frames;
import dev.swarmnet.dataplane.testing.Lab;
import dev.swarmnet.dataplane.wire.Ipv4;
import dev.swarmnet.dataplane.wire.Tcp;
import io.netty.buffer.ByteBuf;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** A VIP entry with port 0 serves every destination port, like Docker's VIPs; exact ports win. */
class AnyPortVipTest {
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

    /** "web" on every TCP and UDP port, backend C keeping the port; plus an exact 8443 entry to B:443. */
    private static Program anyPortProgram() {
        return Lab.builder()
                .service(new VirtualService("web", BLUE, WEB, Ipv4.PROTO_TCP, VirtualService.ANY_PORT,
                        LbAlgorithm.ROUND_ROBIN, 0, List.of(Backend.active(C, Backend.SAME_PORT))))
                .service(new VirtualService("web", BLUE, WEB, Ipv4.PROTO_UDP, VirtualService.ANY_PORT,
                        LbAlgorithm.MAGLEV, 0, List.of(Backend.active(C, Backend.SAME_PORT))))
                .service(VirtualService.tcp("web-tls", BLUE, WEB, 8443, LbAlgorithm.ROUND_ROBIN,
                        List.of(Backend.active(B, 443))))
                .build();
    }

    @Test
    @DisplayName("a TCP flow to VIP:80 and one to VIP:5432 both reach the backend at the same port, and replies come back from VIP:port")
    void anyPortEntryKeepsTheDestinationPortAndRepliesRestoreTheVip() {
        FrameProcessor processor = Lab.processor(anyPortProgram());
        for (int port : new int[] {80, 5432}) {
            int clientPort = 40000 + port;
            Result syn = run(processor, PORT_A,
                    tcpFrame(MAC_WEB, MAC_A, A, WEB, clientPort, port, 1000, 0, Tcp.SYN, NONE), SECOND);
            assertThat(syn.verdict()).isEqualTo(Verdict.FORWARD_REMOTE);
            assertThat(hex(syn.frame())).isEqualTo(hex(vxlan(BLUE,
                    tcpFrame(macOf(C), MAC_A, A, C, clientPort, port, 1000, 0, Tcp.SYN, NONE))));

            Result reply = run(processor, UNDERLAY, vxlan(BLUE,
                    tcpFrame(MAC_A, macOf(C), C, A, port, clientPort, 5000, 1001, Tcp.SYN | Tcp.ACK, NONE)), SECOND);
            assertThat(reply.verdict()).isEqualTo(Verdict.FORWARD_LOCAL);
            assertThat(reply.where()).isEqualTo(PORT_A);
            assertThat(hex(reply.frame())).isEqualTo(hex(
                    tcpFrame(MAC_A, MAC_WEB, WEB, A, port, clientPort, 5000, 1001, Tcp.SYN | Tcp.ACK, NONE)));
        }
        assertThat(processor.flows().size()).isEqualTo(2);
    }

    @Test
    void anyPortUdpEntryKeepsTheDestinationPortToo() {
        FrameProcessor processor = Lab.processor(anyPortProgram());
        byte[] query = "q".getBytes();
        Result out = run(processor, PORT_A, udpFrame(MAC_WEB, MAC_A, A, WEB, 5353, 53, query), SECOND);
        assertThat(out.verdict()).isEqualTo(Verdict.FORWARD_REMOTE);
        assertThat(hex(out.frame())).isEqualTo(hex(vxlan(BLUE, udpFrame(macOf(C), MAC_A, A, C, 5353, 53, query))));

        Result back = run(processor, UNDERLAY, vxlan(BLUE, udpFrame(MAC_A, macOf(C), C, A, 53, 5353, query)), SECOND);
        assertThat(back.where()).isEqualTo(PORT_A);
        assertThat(hex(back.frame())).isEqualTo(hex(udpFrame(MAC_A, MAC_WEB, WEB, A, 53, 5353, query)));
    }

    @Test
    void anExactPortEntryWinsOverTheAnyPortEntryOfTheSameVip() {
        FrameProcessor processor = Lab.processor(anyPortProgram());
        Result syn = run(processor, PORT_A,
                tcpFrame(MAC_WEB, MAC_A, A, WEB, 41000, 8443, 1000, 0, Tcp.SYN, NONE), SECOND);
        assertThat(syn.verdict()).isEqualTo(Verdict.FORWARD_LOCAL);
        assertThat(syn.where()).isEqualTo(PORT_B);
        assertThat(hex(syn.frame())).isEqualTo(hex(
                tcpFrame(macOf(B), MAC_A, A, B, 41000, 443, 1000, 0, Tcp.SYN, NONE)));

        Program program = anyPortProgram();
        int blue = program.networkIndex(BLUE);
        assertThat(program.service(blue, WEB, Ipv4.PROTO_TCP, 8443).name).isEqualTo("web-tls");
        assertThat(program.service(blue, WEB, Ipv4.PROTO_TCP, 8444).name).isEqualTo("web");
        assertThat(program.service(blue, WEB, Ipv4.PROTO_TCP, 8444).port).isEqualTo(VirtualService.ANY_PORT);
    }

    @Test
    void aVipWithoutAnAnyPortEntryStillRefusesOtherPorts() {
        FrameProcessor processor = Lab.processor(Lab.program());
        Result syn = run(processor, PORT_A,
                tcpFrame(MAC_WEB, MAC_A, A, WEB, 41000, 5432, 1000, 0, Tcp.SYN, NONE), SECOND);
        assertThat(syn.verdict()).isEqualTo(Verdict.ANSWER_LOCAL);
    }

    @Test
    void aFlowOfASamePortBackendSurvivesAProgramChangeAndDiesWhenItsBackendGoesDown() {
        ProgramDoor door = new ProgramDoor(anyPortProgram());
        FrameProcessor processor = Lab.processor(door, 1024);
        run(processor, PORT_A, tcpFrame(MAC_WEB, MAC_A, A, WEB, 40080, 80, 1000, 0, Tcp.SYN, NONE), SECOND);
        assertThat(processor.flows().size()).isEqualTo(1);

        door.publish(anyPortProgram());
        run(processor, PORT_A, tcpFrame(MAC_WEB, MAC_A, A, WEB, 40081, 81, 1000, 0, Tcp.SYN, NONE), SECOND);
        assertThat(processor.flows().size()).isEqualTo(2);

        door.publish(Lab.builder()
                .service(new VirtualService("web", BLUE, WEB, Ipv4.PROTO_TCP, VirtualService.ANY_PORT,
                        LbAlgorithm.ROUND_ROBIN, 0, List.of(new Backend(C, Backend.SAME_PORT, 1, BackendState.DOWN))))
                .build());
        run(processor, PORT_A, tcpFrame(MAC_WEB, MAC_A, A, WEB, 40082, 82, 1000, 0, Tcp.SYN, NONE), SECOND);
        assertThat(processor.flows().size()).isZero();
    }

    @Test
    void portZeroIsAcceptedOnlyAsAnyAndOutOfRangePortsNameTheRange() {
        assertThat(VirtualService.tcp("web", BLUE, WEB, 0, LbAlgorithm.ROUND_ROBIN, List.of()).port()).isZero();
        assertThat(Backend.active(C, 0).port()).isEqualTo(Backend.SAME_PORT);
        assertThatThrownBy(() -> VirtualService.tcp("web", BLUE, WEB, -1, LbAlgorithm.ROUND_ROBIN, List.of()))
                .hasMessage("service web: port -1 is outside 1..65535 (or 0 for any port)");
        assertThatThrownBy(() -> VirtualService.tcp("web", BLUE, WEB, 65536, LbAlgorithm.ROUND_ROBIN, List.of()))
                .hasMessage("service web: port 65536 is outside 1..65535 (or 0 for any port)");
        assertThatThrownBy(() -> Backend.active(C, 70000))
                .hasMessage("backend 10.0.1.7: port 70000 is outside 1..65535 (or 0 to keep the destination port)");
        assertThatThrownBy(() -> Lab.builder()
                .service(VirtualService.tcp("a", BLUE, WEB, 0, LbAlgorithm.ROUND_ROBIN, List.of(Backend.active(C, 0))))
                .service(VirtualService.tcp("b", BLUE, WEB, 0, LbAlgorithm.ROUND_ROBIN, List.of(Backend.active(C, 0))))
                .build())
                .hasMessageContaining("the same VIP port is published twice (a)");
    }
}
