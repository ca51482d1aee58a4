package dev.swarmnet.dataplane.pipeline;

import static dev.swarmnet.dataplane.testing.Frames.arp;
import static dev.swarmnet.dataplane.testing.Frames.arpRequest;
import static dev.swarmnet.dataplane.testing.Frames.ethernet;
import static dev.swarmnet.dataplane.testing.Frames.hex;
import static dev.swarmnet.dataplane.testing.Frames.icmp;
import static dev.swarmnet.dataplane.testing.Frames.ipv4;
import static dev.swarmnet.dataplane.testing.Frames.macOf;
import static dev.swarmnet.dataplane.testing.Frames.slice;
import static dev.swarmnet.dataplane.testing.Frames.tcp;
import static dev.swarmnet.dataplane.testing.Frames.tcpFrame;
import static dev.swarmnet.dataplane.testing.Frames.udpFrame;
import static dev.swarmnet.dataplane.testing.Frames.vxlan;
import static dev.swarmnet.dataplane.testing.Lab.A;
import static dev.swarmnet.dataplane.testing.Lab.API;
import static dev.swarmnet.dataplane.testing.Lab.B;
import static dev.swarmnet.dataplane.testing.Lab.BLUE;
import static dev.swarmnet.dataplane.testing.Lab.C;
import static dev.swarmnet.dataplane.testing.Lab.D;
import static dev.swarmnet.dataplane.testing.Lab.DEAD;
import static dev.swarmnet.dataplane.testing.Lab.GATEWAY;
import static dev.swarmnet.dataplane.testing.Lab.NODE_C;
import static dev.swarmnet.dataplane.testing.Lab.PORT_A;
import static dev.swarmnet.dataplane.testing.Lab.PORT_B;
import static dev.swarmnet.dataplane.testing.Lab.WEB;
import static dev.swarmnet.dataplane.pipeline.FrameProcessor.UNDERLAY;
import static org.assertj.core.api.Assertions.assertThat;

import dev.swarmnet.dataplane.stats.Counter;
import dev.swarmnet.dataplane.testing.Frames;
import dev.swarmnet.dataplane.testing.Lab;
import dev.swarmnet.dataplane.wire.Tcp;
import io.netty.buffer.ByteBuf;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Packet cases in the Katran style: description, input frame, expected verdict, expected output
 * frame (byte-exact), where it goes, and the one counter that says why. Each case runs on a fresh
 * processor over {@link Lab}'s program.
 */
class FrameProcessorCasesTest {
    private static final long MAC_A = macOf(A);
    private static final long MAC_B = macOf(B);
    private static final long MAC_C = macOf(C);
    private static final long MAC_GW = macOf(GATEWAY);
    private static final long MAC_WEB = macOf(WEB);
    private static final long BROADCAST = 0xffff_ffff_ffffL;
    private static final byte[] HELLO = "hello".getBytes();

    /**
     * @param output expected readable bytes after processing, or null for a drop
     * @param where expected output port, or remote VTEP for remote verdicts
     * @param counter the counter that must read 1
     */
    record Case(String description, int inPort, int sourceVtep, byte[] input, int verdict, byte[] output, int where,
                int counter) {
        @Override
        public String toString() {
            return description;
        }
    }

    static Stream<Case> cases() {
        List<Case> cases = new ArrayList<>();
        // ARP
        cases.add(answer("proxy ARP answers for a local endpoint",
                arpRequest(MAC_A, A, B),
                ethernet(MAC_A, MAC_B, 0x0806, arp(2, MAC_B, B, MAC_A, A)), Counter.ARP_REPLIES));
        cases.add(answer("proxy ARP answers for a remote endpoint",
                arpRequest(MAC_A, A, C),
                ethernet(MAC_A, MAC_C, 0x0806, arp(2, MAC_C, C, MAC_A, A)), Counter.ARP_REPLIES));
        cases.add(answer("proxy ARP answers for a VIP with the VIP's MAC",
                arpRequest(MAC_A, A, WEB),
                ethernet(MAC_A, MAC_WEB, 0x0806, arp(2, MAC_WEB, WEB, MAC_A, A)), Counter.ARP_REPLIES));
        cases.add(answer("proxy ARP answers for the gateway",
                arpRequest(MAC_A, A, GATEWAY),
                ethernet(MAC_A, MAC_GW, 0x0806, arp(2, MAC_GW, GATEWAY, MAC_A, A)), Counter.ARP_REPLIES));
        cases.add(drop("ARP for an address nobody holds is dropped, not flooded",
                PORT_A, arpRequest(MAC_A, A, Frames.ip("10.0.1.99")), Counter.DROP_ARP_UNKNOWN_TARGET));
        cases.add(drop("ARP for an endpoint of another network is not answered",
                PORT_A, arpRequest(MAC_A, A, D), Counter.DROP_ARP_UNKNOWN_TARGET));
        cases.add(drop("gratuitous ARP reply is dropped: the table is programmed, not learned",
                PORT_A, ethernet(BROADCAST, MAC_A, 0x0806, arp(2, MAC_A, A, BROADCAST, A)), Counter.DROP_ARP_NOT_REQUEST));
        cases.add(drop("ARP claiming another endpoint's address is spoofing",
                PORT_A, ethernet(BROADCAST, MAC_A, 0x0806, arp(1, MAC_A, B, 0, C)), Counter.DROP_SPOOFED_SOURCE));
        cases.add(new Case("ARP from a kernel VTEP is answered back through the underlay",
                UNDERLAY, NODE_C, vxlan(BLUE, arpRequest(MAC_C, C, A)), Verdict.ANSWER_REMOTE,
                vxlan(BLUE, ethernet(MAC_C, MAC_A, 0x0806, arp(2, MAC_A, A, MAC_C, C))), NODE_C, Counter.ARP_REPLIES));

        // L2 forwarding
        byte[] aToB = tcpFrame(MAC_B, MAC_A, A, B, 40000, 8080, 1, 0, Tcp.SYN, HELLO);
        cases.add(new Case("unicast to a local endpoint goes out its port unchanged",
                PORT_A, 0, aToB, Verdict.FORWARD_LOCAL, aToB, PORT_B, Counter.FORWARDED_LOCAL));
        byte[] aToC = tcpFrame(MAC_C, MAC_A, A, C, 40000, 8080, 1, 0, Tcp.SYN, HELLO);
        cases.add(new Case("unicast to a remote endpoint is VXLAN-encapsulated for its node",
                PORT_A, 0, aToC, Verdict.FORWARD_REMOTE, vxlan(BLUE, aToC), NODE_C, Counter.FORWARDED_REMOTE));
        byte[] cToA = tcpFrame(MAC_A, MAC_C, C, A, 8080, 40000, 1, 2, Tcp.ACK, HELLO);
        cases.add(new Case("a frame from the underlay is decapsulated to its local port",
                UNDERLAY, NODE_C, vxlan(BLUE, cToA), Verdict.FORWARD_LOCAL, cToA, PORT_A, Counter.FORWARDED_LOCAL));
        cases.add(drop("a frame from the underlay for another node is never relayed",
                UNDERLAY, vxlan(BLUE, tcpFrame(MAC_C, macOf(Lab.E), Lab.E, C, 1, 2, 0, 0, Tcp.SYN, HELLO)),
                Counter.DROP_NO_TRANSIT));
        cases.add(drop("unknown unicast is dropped, never flooded",
                PORT_A, tcpFrame(0x0242_0a00_0163L, MAC_A, A, Frames.ip("10.0.1.99"), 1, 2, 0, 0, Tcp.SYN, HELLO),
                Counter.DROP_UNKNOWN_DESTINATION));
        cases.add(drop("another network's endpoint is unreachable at L2",
                PORT_A, tcpFrame(macOf(D), MAC_A, A, D, 1, 2, 0, 0, Tcp.SYN, HELLO), Counter.DROP_UNKNOWN_DESTINATION));
        cases.add(drop("IPv4 broadcast is dropped, never flooded",
                PORT_A, udpFrame(BROADCAST, MAC_A, A, Frames.ip("10.0.1.255"), 68, 67, HELLO), Counter.DROP_GROUP_DESTINATION));
        cases.add(drop("a source MAC that is not the port's own is spoofing",
                PORT_A, tcpFrame(MAC_B, 0x0242_0a00_0163L, A, B, 1, 2, 0, 0, Tcp.SYN, HELLO), Counter.DROP_SPOOFED_SOURCE));
        cases.add(drop("a source IP that is not the port's own is spoofing",
                PORT_A, tcpFrame(MAC_B, MAC_A, C, B, 1, 2, 0, 0, Tcp.SYN, HELLO), Counter.DROP_SPOOFED_SOURCE));
        cases.add(drop("IPv6 is not served", PORT_A, ethernet(MAC_B, MAC_A, 0x86dd, new byte[40]),
                Counter.DROP_UNSUPPORTED_ETHERTYPE));
        cases.add(drop("a port the program does not know", 9, aToB, Counter.DROP_UNKNOWN_PORT));

        // VIP load balancing
        cases.add(new Case("SYN to a VIP is rewritten to its local backend",
                PORT_A, 0, tcpFrame(macOf(API), MAC_A, A, API, 40000, 80, 100, 0, Tcp.SYN, HELLO),
                Verdict.FORWARD_LOCAL, tcpFrame(MAC_B, MAC_A, A, B, 40000, 8080, 100, 0, Tcp.SYN, HELLO), PORT_B,
                Counter.VIP_NEW_FLOWS));
        cases.add(new Case("SYN to a VIP is rewritten to its remote backend and encapsulated",
                PORT_A, 0, tcpFrame(MAC_WEB, MAC_A, A, WEB, 40000, 80, 100, 0, Tcp.SYN, HELLO),
                Verdict.FORWARD_REMOTE, vxlan(BLUE, tcpFrame(MAC_C, MAC_A, A, C, 40000, 8080, 100, 0, Tcp.SYN, HELLO)),
                NODE_C, Counter.VIP_NEW_FLOWS));
        cases.add(new Case("UDP to a VIP is rewritten to its backend's port",
                PORT_A, 0, udpFrame(MAC_WEB, MAC_A, A, WEB, 5000, 53, HELLO),
                Verdict.FORWARD_REMOTE, vxlan(BLUE, udpFrame(MAC_C, MAC_A, A, C, 5000, 5353, HELLO)),
                NODE_C, Counter.VIP_NEW_FLOWS));
        cases.add(answer("a mid-stream segment toward a VIP without a flow gets a RST, not silence",
                tcpFrame(MAC_WEB, MAC_A, A, WEB, 40000, 80, 100, 777, Tcp.ACK | Tcp.PSH, HELLO),
                ethernet(MAC_A, MAC_WEB, 0x0800, ipv4(WEB, A, 6, 64, 0, 0x4000,
                        tcp(WEB, A, 80, 40000, 777, 0, Tcp.RST, 0, new byte[0]))), Counter.TCP_RESETS));
        cases.add(answer("a SYN to a VIP port no service publishes gets RST+ACK",
                tcpFrame(MAC_WEB, MAC_A, A, WEB, 40000, 81, 100, 0, Tcp.SYN, new byte[0]),
                ethernet(MAC_A, MAC_WEB, 0x0800, ipv4(WEB, A, 6, 64, 0, 0x4000,
                        tcp(WEB, A, 81, 40000, 0, 101, Tcp.RST | Tcp.ACK, 0, new byte[0]))), Counter.TCP_RESETS));
        cases.add(answer("a SYN to a service whose only backend is down gets RST+ACK",
                tcpFrame(macOf(DEAD), MAC_A, A, DEAD, 40000, 80, 100, 0, Tcp.SYN, new byte[0]),
                ethernet(MAC_A, macOf(DEAD), 0x0800, ipv4(DEAD, A, 6, 64, 0, 0x4000,
                        tcp(DEAD, A, 80, 40000, 0, 101, Tcp.RST | Tcp.ACK, 0, new byte[0]))), Counter.TCP_RESETS));
        cases.add(drop("a RST toward a VIP without a flow is not answered",
                PORT_A, tcpFrame(MAC_WEB, MAC_A, A, WEB, 40000, 80, 100, 0, Tcp.RST, new byte[0]), Counter.DROP_TCP_NO_FLOW));
        cases.add(drop("UDP toward a VIP port no service publishes",
                PORT_A, udpFrame(MAC_WEB, MAC_A, A, WEB, 5000, 54, HELLO), Counter.DROP_VIP_PORT_UNKNOWN));
        cases.add(drop("a later fragment toward a VIP cannot be balanced",
                PORT_A, ethernet(MAC_WEB, MAC_A, 0x0800, ipv4(A, WEB, 17, 64, 5, 0x0010, new byte[16])),
                Counter.DROP_VIP_FRAGMENT));

        // Gateway and VIP ping, DNS not yet served
        byte[] echo = icmp(8, 0, 0x1234_0001, HELLO);
        cases.add(answer("ping to the gateway is answered",
                ethernet(MAC_GW, MAC_A, 0x0800, ipv4(A, GATEWAY, 1, 64, 0x99, 0x4000, echo)),
                ethernet(MAC_A, MAC_GW, 0x0800, ipv4(GATEWAY, A, 1, 64, 0x99, 0x4000, icmp(0, 0, 0x1234_0001, HELLO))),
                Counter.ECHO_REPLIES));
        cases.add(answer("ping to a VIP is answered",
                ethernet(MAC_WEB, MAC_A, 0x0800, ipv4(A, WEB, 1, 64, 0x99, 0x4000, echo)),
                ethernet(MAC_A, MAC_WEB, 0x0800, ipv4(WEB, A, 1, 64, 0x99, 0x4000, icmp(0, 0, 0x1234_0001, HELLO))),
                Counter.ECHO_REPLIES));
        cases.add(drop("UDP to the gateway's port 53 shorter than a DNS header is dropped",
                PORT_A, udpFrame(MAC_GW, MAC_A, A, GATEWAY, 5000, 53, HELLO), Counter.DROP_MALFORMED_DNS));
        cases.add(drop("UDP to another port of the gateway is not served",
                PORT_A, udpFrame(MAC_GW, MAC_A, A, GATEWAY, 5000, 9999, HELLO), Counter.DROP_NOT_SERVED));

        // Path MTU
        byte[] big = ipv4(A, C, 17, 64, 7, 0x4000, Frames.udp(A, C, 5000, 6000, new byte[1451 - 28]));
        cases.add(answer("an oversized packet with DF set gets ICMP fragmentation needed with the overlay MTU",
                ethernet(MAC_C, MAC_A, 0x0800, big),
                ethernet(MAC_A, MAC_GW, 0x0800, ipv4(GATEWAY, A, 1, 64, 0, 0, icmp(3, 4, 1450, slice(big, 0, 28)))),
                Counter.FRAGMENTATION_NEEDED));
        byte[] bigNoDf = ethernet(MAC_C, MAC_A, 0x0800,
                ipv4(A, C, 17, 64, 7, 0, Frames.udp(A, C, 5000, 6000, new byte[1451 - 28])));
        cases.add(new Case("an oversized packet without DF is sent on for the underlay to fragment",
                PORT_A, 0, bigNoDf, Verdict.FORWARD_REMOTE, vxlan(BLUE, bigNoDf), NODE_C, Counter.FORWARDED_REMOTE));

        // Malformed input
        cases.add(drop("underlay datagram shorter than a VXLAN header", UNDERLAY, new byte[7], Counter.DROP_MALFORMED_VXLAN));
        byte[] noI = vxlan(BLUE, cToA);
        noI[0] = 0;
        cases.add(drop("VXLAN without the I flag", UNDERLAY, noI, Counter.DROP_VXLAN_NO_VNI_FLAG));
        cases.add(drop("VXLAN for a VNI this node does not serve", UNDERLAY, vxlan(9999, cToA), Counter.DROP_UNKNOWN_VNI));
        cases.add(new Case("VXLAN from an address that hosts none of our endpoints", UNDERLAY, Frames.ip("198.18.0.99"),
                vxlan(BLUE, cToA), Verdict.DROP, null, 0, Counter.DROP_UNKNOWN_PEER));
        byte[] badVersion = aToB.clone();
        badVersion[14] = 0x65;
        cases.add(drop("IPv4 with version 6 in its header", PORT_A, badVersion, Counter.DROP_IPV4_BAD_VERSION));
        byte[] badIhl = aToB.clone();
        badIhl[14] = 0x44;
        cases.add(drop("IPv4 with IHL 4", PORT_A, badIhl, Counter.DROP_IPV4_BAD_IHL));
        byte[] longTotal = aToB.clone();
        longTotal[16] = 0x05;
        cases.add(drop("IPv4 total length larger than the frame", PORT_A, longTotal, Counter.DROP_IPV4_BAD_TOTAL_LENGTH));
        byte[] badOffset = aToB.clone();
        badOffset[14 + 20 + 12] = (byte) 0xf0;
        cases.add(drop("TCP data offset beyond the segment", PORT_A, badOffset, Counter.DROP_TCP_BAD_DATA_OFFSET));
        byte[] udpLong = udpFrame(MAC_B, MAC_A, A, B, 1, 2, HELLO);
        udpLong[14 + 20 + 5] = 99;
        cases.add(drop("UDP length beyond the IP payload", PORT_A, udpLong, Counter.DROP_UDP_BAD_LENGTH));
        for (int length = 0; length < aToB.length; length++) {
            cases.add(drop("TCP frame truncated to " + length + " bytes", PORT_A, slice(aToB, 0, length),
                    truncationReason(length)));
        }
        return cases.stream();
    }

    /** Which header a frame of {@code length} bytes breaks, for {@code aToB} (14 + 20 + 20 + 5). */
    private static int truncationReason(int length) {
        if (length < 14) {
            return Counter.DROP_MALFORMED_ETHERNET;
        }
        if (length < 34) {
            return Counter.DROP_MALFORMED_IPV4;
        }
        return Counter.DROP_IPV4_BAD_TOTAL_LENGTH;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void shouldProduceTheExpectedVerdictAndFrame(Case c) {
        FrameProcessor processor = Lab.processor(Lab.program());
        ByteBuf buf = Frames.buffer(c.input());
        try {
            int verdict = processor.process(buf, c.inPort(), c.sourceVtep(), 1_000_000_000L);

            assertThat(Verdict.name(verdict)).isEqualTo(Verdict.name(c.verdict()));
            assertThat(processor.counters().get(c.counter()))
                    .as("counter %s", Counter.name(c.counter())).isEqualTo(1);
            if (verdict == Verdict.DROP) {
                assertThat(Counter.name(processor.dropReason())).isEqualTo(Counter.name(c.counter()));
                assertThat(processor.counters().get(Counter.DROPPED)).isEqualTo(1);
                return;
            }
            assertThat(hex(Frames.readable(buf))).isEqualTo(hex(c.output()));
            assertThat(Verdict.isRemote(verdict) ? processor.remoteVtep() : processor.outputPort()).isEqualTo(c.where());
        } finally {
            buf.release();
        }
    }

    private static Case answer(String description, byte[] input, byte[] output, int counter) {
        return new Case(description, PORT_A, 0, input, Verdict.ANSWER_LOCAL, output, PORT_A, counter);
    }

    private static Case drop(String description, int inPort, byte[] input, int counter) {
        return new Case(description, inPort, NODE_C, input, Verdict.DROP, null, 0, counter);
    }
}
