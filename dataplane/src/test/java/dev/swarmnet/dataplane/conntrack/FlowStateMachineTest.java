package dev.swarmnet.dataplane.conntrack;

import static dev.swarmnet.dataplane.conntrack.FlowState.CLOSE;
import static dev.swarmnet.dataplane.conntrack.FlowState.CLOSE_WAIT;
import static dev.swarmnet.dataplane.conntrack.FlowState.ESTABLISHED;
import static dev.swarmnet.dataplane.conntrack.FlowState.FIN_WAIT;
import static dev.swarmnet.dataplane.conntrack.FlowState.ICMP;
import static dev.swarmnet.dataplane.conntrack.FlowState.LAST_ACK;
import static dev.swarmnet.dataplane.conntrack.FlowState.PROTO_ICMP;
import static dev.swarmnet.dataplane.conntrack.FlowState.PROTO_TCP;
import static dev.swarmnet.dataplane.conntrack.FlowState.PROTO_UDP;
import static dev.swarmnet.dataplane.conntrack.FlowState.SYN_RECV;
import static dev.swarmnet.dataplane.conntrack.FlowState.SYN_SENT;
import static dev.swarmnet.dataplane.conntrack.FlowState.TIME_WAIT;
import static dev.swarmnet.dataplane.conntrack.FlowState.UDP_REPLIED;
import static dev.swarmnet.dataplane.conntrack.FlowState.UDP_UNREPLIED;
import static dev.swarmnet.dataplane.conntrack.FlowStateMachine.TCP_ACK;
import static dev.swarmnet.dataplane.conntrack.FlowStateMachine.TCP_FIN;
import static dev.swarmnet.dataplane.conntrack.FlowStateMachine.TCP_PSH;
import static dev.swarmnet.dataplane.conntrack.FlowStateMachine.TCP_RST;
import static dev.swarmnet.dataplane.conntrack.FlowStateMachine.TCP_SYN;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Packet sequences through a real {@link FlowTable}: description, packets, expected state. */
class FlowStateMachineTest {

    private static final int O = FlowTable.ORIGINAL;
    private static final int R = FlowTable.REPLY;
    private static final int SYN = TCP_SYN;
    private static final int SYN_ACK = TCP_SYN | TCP_ACK;
    private static final int ACK = TCP_ACK;
    private static final int DATA = TCP_PSH | TCP_ACK;
    private static final int FIN_ACK = TCP_FIN | TCP_ACK;
    private static final int RST = TCP_RST;

    /** Packets as flat pairs: direction, flags, direction, flags, ... */
    private static int[] p(int... dirFlags) {
        return dirFlags;
    }

    static Stream<Arguments> tcp() {
        int[] handshake = {O, SYN, R, SYN_ACK, O, ACK};
        return Stream.of(
            Arguments.of("new flow before any packet", p(), SYN_SENT),
            Arguments.of("client SYN", p(O, SYN), SYN_SENT),
            Arguments.of("retransmitted SYN", p(O, SYN, O, SYN), SYN_SENT),
            Arguments.of("server SYN+ACK", p(O, SYN, R, SYN_ACK), SYN_RECV),
            Arguments.of("SYN+ACK from the client side is ignored", p(O, SYN, O, SYN_ACK), SYN_SENT),
            Arguments.of("handshake completes", handshake, ESTABLISHED),
            Arguments.of("data both ways", concat(handshake, p(O, DATA, R, DATA)), ESTABLISHED),
            Arguments.of("client FIN", concat(handshake, p(O, FIN_ACK)), FIN_WAIT),
            Arguments.of("server FIN first", concat(handshake, p(R, FIN_ACK)), FIN_WAIT),
            Arguments.of("client FIN acked by server", concat(handshake, p(O, FIN_ACK, R, ACK)), CLOSE_WAIT),
            Arguments.of("client keeps acking after its own FIN", concat(handshake, p(O, FIN_ACK, O, ACK)), FIN_WAIT),
            Arguments.of("server FIN after client FIN", concat(handshake, p(O, FIN_ACK, R, FIN_ACK)), LAST_ACK),
            Arguments.of("server FIN from CLOSE_WAIT", concat(handshake, p(O, FIN_ACK, R, ACK, R, FIN_ACK)), LAST_ACK),
            Arguments.of("client acks last FIN",
                concat(handshake, p(O, FIN_ACK, R, FIN_ACK, O, ACK)), TIME_WAIT),
            Arguments.of("server closed first, client closes, server acks",
                concat(handshake, p(R, FIN_ACK, O, FIN_ACK, R, ACK)), TIME_WAIT),
            Arguments.of("last ACK from the wrong side keeps LAST_ACK",
                concat(handshake, p(O, FIN_ACK, R, FIN_ACK, R, ACK)), LAST_ACK),
            Arguments.of("RST from client", concat(handshake, p(O, RST)), CLOSE),
            Arguments.of("RST from server during handshake", p(O, SYN, R, RST | ACK), CLOSE),
            Arguments.of("new SYN reopens TIME_WAIT",
                concat(handshake, p(O, FIN_ACK, R, FIN_ACK, O, ACK, O, SYN)), SYN_SENT),
            Arguments.of("new SYN reopens CLOSE", p(O, SYN, O, RST, O, SYN), SYN_SENT),
            Arguments.of("SYN inside an established flow is ignored", concat(handshake, p(O, SYN)), ESTABLISHED),
            Arguments.of("mid-stream pickup, one direction only", p(O, DATA, O, DATA), SYN_SENT),
            Arguments.of("mid-stream pickup, data both ways", p(O, DATA, R, DATA), ESTABLISHED),
            Arguments.of("no pickup after a real SYN without SYN+ACK", p(O, SYN, R, ACK, O, ACK), SYN_SENT),
            Arguments.of("FIN during SYN_RECV", p(O, SYN, R, SYN_ACK, O, FIN_ACK), FIN_WAIT));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("tcp")
    void shouldReachExpectedTcpState(String description, int[] packets, int expected) {
        assertThat(FlowState.name(run(PROTO_TCP, packets))).isEqualTo(FlowState.name(expected));
    }

    static Stream<Arguments> other() {
        return Stream.of(
            Arguments.of("UDP request only", PROTO_UDP, p(O, 0, O, 0), UDP_UNREPLIED),
            Arguments.of("UDP reply seen", PROTO_UDP, p(O, 0, R, 0), UDP_REPLIED),
            Arguments.of("UDP stays replied", PROTO_UDP, p(O, 0, R, 0, O, 0), UDP_REPLIED),
            Arguments.of("other protocol tracked like UDP", 47, p(O, 0, R, 0), UDP_REPLIED),
            Arguments.of("ICMP echo and reply", PROTO_ICMP, p(O, 0, R, 0), ICMP));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("other")
    void shouldReachExpectedNonTcpState(String description, int proto, int[] packets, int expected) {
        assertThat(FlowState.name(run(proto, packets))).isEqualTo(FlowState.name(expected));
    }

    private static int run(int proto, int[] packets) {
        FlowTable table = new FlowTable(2, FlowTimeouts.defaults());
        int id = table.create(1, proto, 0x0A000001, 0x0A0000FE, 1234, 80, 0x0A000009, 8080, 0);
        for (int i = 0; i < packets.length; i += 2) {
            table.onPacket(id << 1 | packets[i], packets[i + 1], 0, i);
        }
        return table.state(id);
    }

    private static int[] concat(int[] a, int[] b) {
        int[] out = new int[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
