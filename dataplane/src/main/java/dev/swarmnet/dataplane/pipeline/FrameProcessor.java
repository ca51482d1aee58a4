package dev.swarmnet.dataplane.pipeline;

import dev.swarmnet.dataplane.answer.ArpReply;
import dev.swarmnet.dataplane.answer.EchoReply;
import dev.swarmnet.dataplane.answer.FragmentationNeeded;
import dev.swarmnet.dataplane.answer.TcpCookie;
import dev.swarmnet.dataplane.answer.TcpReset;
import dev.swarmnet.dataplane.conntrack.FlowState;
import dev.swarmnet.dataplane.conntrack.FlowTable;
import dev.swarmnet.dataplane.lb.BackendState;
import dev.swarmnet.dataplane.nat.BackendChooser;
import dev.swarmnet.dataplane.nat.VipNat;
import dev.swarmnet.dataplane.overlay.Encapsulation;
import dev.swarmnet.dataplane.program.Endpoint;
import dev.swarmnet.dataplane.program.Location;
import dev.swarmnet.dataplane.program.Program;
import dev.swarmnet.dataplane.program.ProgramDoor;
import dev.swarmnet.dataplane.program.ServiceEntry;
import dev.swarmnet.dataplane.stats.BackendTraffic;
import dev.swarmnet.dataplane.stats.Counter;
import dev.swarmnet.dataplane.stats.Counters;
import dev.swarmnet.dataplane.wire.Arp;
import dev.swarmnet.dataplane.wire.Ethernet;
import dev.swarmnet.dataplane.wire.Icmp;
import dev.swarmnet.dataplane.wire.Ipv4;
import dev.swarmnet.dataplane.wire.Tcp;
import dev.swarmnet.dataplane.wire.Udp;
import dev.swarmnet.dataplane.wire.Vxlan;
import dev.swarmnet.dataplane.wire.WireError;
import io.netty.buffer.ByteBuf;
import java.security.SecureRandom;
import org.agrona.collections.LongHashSet;

/**
 * Decides what happens to one frame: forward, encapsulate, answer or drop (see the package note
 * for the order of decisions).
 *
 * <p>Owned by one event loop. Not thread-safe. Per frame it allocates nothing, takes no lock and
 * logs nothing; results beyond the verdict ({@link #outputPort()}, {@link #remoteVtep()},
 * {@link #dropReason()}) stay readable until the next call.
 */
public final class FrameProcessor {
    /** The {@code inPort} of frames that arrived from the underlay, VXLAN header first. */
    public static final int UNDERLAY = -1;
    /** The port the gateway's resolver listens on. */
    public static final int DNS_PORT = 53;

    private final Ethernet eth = new Ethernet();
    private final Arp arp = new Arp();
    private final Ipv4 ip = new Ipv4();
    private final Tcp tcp = new Tcp();
    private final Udp udp = new Udp();
    private final Icmp icmp = new Icmp();
    private final Vxlan vxlan = new Vxlan();
    private final VipNat nat = new VipNat(eth, ip, tcp, udp);

    private final ProgramDoor door;
    private final FlowTable flows;
    private final BackendChooser chooser;
    private final Counters counters;
    private final BackendTraffic backendTraffic = new BackendTraffic(256);
    private final LongHashSet programBackends = new LongHashSet();
    private final GatewayResolver resolver;
    private Program program;

    private int outputPort;
    private int remoteVtep;
    private int dropReason;

    public FrameProcessor(ProgramDoor door, FlowTable flows, BackendChooser chooser, Counters counters) {
        this(door, flows, chooser, counters, new TcpCookie(new SecureRandom().nextLong()));
    }

    /** As the other constructor, with the key of the DNS-over-TCP endpoint's cookies given. */
    public FrameProcessor(ProgramDoor door, FlowTable flows, BackendChooser chooser, Counters counters,
                          TcpCookie cookie) {
        this.door = door;
        this.flows = flows;
        this.chooser = chooser;
        this.counters = counters;
        this.resolver = new GatewayResolver(eth, ip, tcp, udp, counters, cookie);
        flows.setRemovalListener(this::flowRemoved);
        install(door.current());
    }

    /**
     * Processes one frame in place.
     *
     * @param frame readable bytes: an Ethernet frame (TAP) or a VXLAN header and frame (underlay);
     *     at least 8 bytes of headroom are needed to encapsulate a TAP frame
     * @param inPort the local port it came from, or {@link #UNDERLAY}
     * @param sourceVtep the sending node's underlay address when from the underlay, else ignored
     * @return a {@link Verdict}; the buffer's readable bytes are what to send
     */
    public int process(ByteBuf frame, int inPort, int sourceVtep, long nowNs) {
        Program current = door.current();
        if (current != program) {
            install(current);
        }
        counters.increment(Counter.FRAMES_IN);
        int start = frame.readerIndex();
        int end = frame.writerIndex();
        int network;
        boolean fromUnderlay = inPort == UNDERLAY;
        if (fromUnderlay) {
            if (!program.isPeer(sourceVtep)) {
                return drop(Counter.DROP_UNKNOWN_PEER);
            }
            int r = vxlan.wrap(frame, start, end - start);
            if (r < 0) {
                return drop(r == WireError.NO_VNI_FLAG ? Counter.DROP_VXLAN_NO_VNI_FLAG : Counter.DROP_MALFORMED_VXLAN);
            }
            network = program.networkIndex(vxlan.vni());
            if (network < 0) {
                return drop(Counter.DROP_UNKNOWN_VNI);
            }
            start += Vxlan.HEADER_LENGTH;
            frame.readerIndex(start);
        } else {
            network = program.portNetwork(inPort);
            if (network < 0) {
                return drop(Counter.DROP_UNKNOWN_PORT);
            }
        }
        if (eth.wrap(frame, start, end - start) < 0) {
            return drop(Counter.DROP_MALFORMED_ETHERNET);
        }
        if (!fromUnderlay && eth.source() != program.portMac(inPort)) {
            return drop(Counter.DROP_SPOOFED_SOURCE);
        }
        switch (eth.etherType()) {
            case Ethernet.TYPE_ARP:
                return arp(frame, network, inPort, sourceVtep, end);
            case Ethernet.TYPE_IPV4:
                return ipv4(frame, network, inPort, sourceVtep, end, nowNs);
            default:
                return drop(Counter.DROP_UNSUPPORTED_ETHERTYPE);
        }
    }

    /**
     * Sets where DNS queries for names outside the cluster go; without one they are answered
     * SERVFAIL. Call on the owning event loop (or before it runs).
     */
    public void upstream(DnsUpstream upstream) {
        resolver.upstream(upstream);
    }

    /** Expires idle flows; call once per batch of frames. @return flows removed */
    public int expire(long nowNs) {
        return flows.expire(nowNs);
    }

    public int outputPort() {
        return outputPort;
    }

    public int remoteVtep() {
        return remoteVtep;
    }

    /** The {@link Counter} id of the last drop. */
    public int dropReason() {
        return dropReason;
    }

    public Counters counters() {
        return counters;
    }

    /** New flows and bytes per VIP backend; read it on the loop. */
    public BackendTraffic backendTraffic() {
        return backendTraffic;
    }

    public FlowTable flows() {
        return flows;
    }

    public Program program() {
        return program;
    }

    private int arp(ByteBuf frame, int network, int inPort, int sourceVtep, int end) {
        int r = arp.wrap(frame, eth.payloadOffset(), end - eth.payloadOffset());
        if (r < 0) {
            return drop(Counter.DROP_MALFORMED_ARP);
        }
        if (inPort != UNDERLAY && (arp.senderMac() != program.portMac(inPort)
                || arp.senderIp() != program.portAddress(inPort))) {
            return drop(Counter.DROP_SPOOFED_SOURCE);
        }
        if (arp.operation() != Arp.OPER_REQUEST) {
            return drop(Counter.DROP_ARP_NOT_REQUEST);
        }
        long mac = program.arp(network, arp.targetIp());
        if (mac < 0) {
            return drop(Counter.DROP_ARP_UNKNOWN_TARGET);
        }
        ArpReply.answer(frame, eth, arp, mac);
        counters.increment(Counter.ARP_REPLIES);
        return answer(frame, network, inPort, sourceVtep);
    }

    private int ipv4(ByteBuf frame, int network, int inPort, int sourceVtep, int end, long nowNs) {
        int offset = eth.payloadOffset();
        int r = ip.wrap(frame, offset, end - offset);
        if (r < 0) {
            return drop(ipv4Error(r));
        }
        boolean fromUnderlay = inPort == UNDERLAY;
        if (!fromUnderlay && ip.source() != program.portAddress(inPort)) {
            return drop(Counter.DROP_SPOOFED_SOURCE);
        }
        if (Ethernet.isGroup(eth.destination())) {
            return drop(Counter.DROP_GROUP_DESTINATION);
        }
        int destination = ip.destination();
        int protocol = ip.protocol();
        if (destination == program.gateway(network)) {
            return toGateway(frame, network, inPort, sourceVtep, nowNs);
        }
        if (protocol == Ipv4.PROTO_TCP || protocol == Ipv4.PROTO_UDP) {
            if (ip.isLaterFragment()) {
                if (program.isVip(network, destination)) {
                    return drop(Counter.DROP_VIP_FRAGMENT);
                }
                return forward(frame, network, fromUnderlay, inPort);
            }
            int l4 = ip.payloadOffset();
            int l4Length = ip.payloadLength();
            int sourcePort;
            int destinationPort;
            int flags = 0;
            int payload;
            if (protocol == Ipv4.PROTO_TCP) {
                int t = tcp.wrap(frame, l4, l4Length);
                if (t < 0) {
                    return drop(t == WireError.TRUNCATED ? Counter.DROP_MALFORMED_TCP : Counter.DROP_TCP_BAD_DATA_OFFSET);
                }
                sourcePort = tcp.sourcePort();
                destinationPort = tcp.destinationPort();
                flags = tcp.flags();
                payload = tcp.payloadLength();
            } else {
                int u = udp.wrap(frame, l4, l4Length);
                if (u < 0) {
                    return drop(u == WireError.TRUNCATED ? Counter.DROP_MALFORMED_UDP : Counter.DROP_UDP_BAD_LENGTH);
                }
                sourcePort = udp.sourcePort();
                destinationPort = udp.destinationPort();
                payload = udp.length() - Udp.HEADER_LENGTH;
            }
            int vni = program.vni(network);
            int handle = flows.lookup(vni, protocol, ip.source(), destination, sourcePort, destinationPort);
            if (handle >= 0 && !reopensClosedFlow(handle, protocol, flags)) {
                return translate(frame, network, fromUnderlay, inPort, handle, flags, payload, nowNs);
            }
            if (handle >= 0) {
                // A client reusing its port after a closed connection opens a new one: it gets a
                // fresh choice of backend (as nf_conntrack kills a TIME_WAIT entry on a new SYN),
                // never the old flow's backend, which may be draining or gone.
                flows.remove(FlowTable.flowId(handle));
            }
            if (program.isVip(network, destination)) {
                return newVipFlow(frame, network, inPort, sourceVtep, vni, protocol, sourcePort, destinationPort,
                        flags, payload, nowNs);
            }
        } else if (protocol == Ipv4.PROTO_ICMP && program.isVip(network, destination)) {
            return echo(frame, network, inPort, sourceVtep, end);
        }
        return forward(frame, network, fromUnderlay, inPort);
    }

    /** A bare SYN from the client side of a flow that has closed (TIME_WAIT or CLOSE). */
    private boolean reopensClosedFlow(int handle, int protocol, int flags) {
        if (protocol != Ipv4.PROTO_TCP || (flags & (Tcp.SYN | Tcp.ACK | Tcp.RST)) != Tcp.SYN
                || FlowTable.direction(handle) != FlowTable.ORIGINAL) {
            return false;
        }
        int state = flows.state(FlowTable.flowId(handle));
        return state == FlowState.TIME_WAIT || state == FlowState.CLOSE;
    }

    private int translate(ByteBuf frame, int network, boolean fromUnderlay, int inPort, int handle, int flags,
                          int payload, long nowNs) {
        int flow = FlowTable.flowId(handle);
        boolean original = FlowTable.direction(handle) == FlowTable.ORIGINAL;
        if (!fromUnderlay && tooBig(network)
                && Location.isRemote(program.location(network, original ? flows.peerMac(flow) : eth.destination()))) {
            // Answered before NAT, so the error quotes the packet as its sender wrote it.
            return fragmentationNeeded(frame, network, inPort);
        }
        flows.onPacket(handle, flags, payload, nowNs);
        backendTraffic.packet(BackendTraffic.key(flows.vni(flow), flows.replySrcIp(flow)), ip.totalLength());
        if (original) {
            nat.toBackend(flows.replySrcIp(flow), flows.replySrcPort(flow), flows.peerMac(flow));
            counters.increment(Counter.VIP_ORIGINAL_PACKETS);
        } else {
            int vip = flows.origDstIp(flow);
            nat.fromBackend(vip, flows.origDstPort(flow), Endpoint.macFor(vip));
            counters.increment(Counter.VIP_REPLY_PACKETS);
        }
        return forward(frame, network, fromUnderlay, inPort);
    }

    private int newVipFlow(ByteBuf frame, int network, int inPort, int sourceVtep, int vni, int protocol,
                           int sourcePort, int destinationPort, int flags, int payload, long nowNs) {
        boolean isTcp = protocol == Ipv4.PROTO_TCP;
        if (isTcp && (flags & (Tcp.SYN | Tcp.ACK | Tcp.RST)) != Tcp.SYN) {
            return (flags & Tcp.RST) != 0 ? drop(Counter.DROP_TCP_NO_FLOW) : reset(frame, network, inPort, sourceVtep);
        }
        int destination = ip.destination();
        ServiceEntry service = program.service(network, destination, protocol, destinationPort);
        if (service == null) {
            return isTcp ? reset(frame, network, inPort, sourceVtep) : drop(Counter.DROP_VIP_PORT_UNKNOWN);
        }
        int client = ip.source();
        int backend = chooser.choose(service, client, sourcePort, nowNs);
        if (backend < 0) {
            return isTcp ? reset(frame, network, inPort, sourceVtep) : drop(Counter.DROP_NO_BACKEND);
        }
        // Decide whether the packet can leave before creating state for it.
        boolean fromUnderlay = inPort == UNDERLAY;
        boolean backendRemote = Location.isRemote(program.location(network, service.backendMacs[backend]));
        if (fromUnderlay && backendRemote) {
            return drop(Counter.DROP_NO_TRANSIT);
        }
        if (!fromUnderlay && backendRemote && tooBig(network)) {
            return fragmentationNeeded(frame, network, inPort);
        }
        int backendAddress = service.backendAddresses[backend];
        int backendPort = service.backendPort(backend, destinationPort);
        int flow = flows.create(vni, protocol, client, destination, sourcePort, destinationPort,
                backendAddress, backendPort, nowNs);
        if (flow < 0) {
            return drop(flow == FlowTable.TABLE_FULL ? Counter.DROP_CONNTRACK_FULL : Counter.DROP_FLOW_CONFLICT);
        }
        flows.setPeerMac(flow, service.backendMacs[backend]);
        chooser.flowOpened(service.loadKeys[backend]);
        backendTraffic.flowOpened(service.loadKeys[backend]);
        counters.increment(Counter.VIP_NEW_FLOWS);
        return translate(frame, network, fromUnderlay, inPort, flow << 1, flags, payload, nowNs);
    }

    private int toGateway(ByteBuf frame, int network, int inPort, int sourceVtep, long nowNs) {
        int protocol = ip.protocol();
        if (protocol == Ipv4.PROTO_ICMP) {
            return echo(frame, network, inPort, sourceVtep, frame.writerIndex());
        }
        if (inPort == UNDERLAY || (protocol != Ipv4.PROTO_UDP && protocol != Ipv4.PROTO_TCP)) {
            return drop(Counter.DROP_NOT_SERVED);
        }
        if (ip.isFragment()) {
            return drop(Counter.DROP_VIP_FRAGMENT);
        }
        if (protocol == Ipv4.PROTO_TCP) {
            int t = tcp.wrap(frame, ip.payloadOffset(), ip.payloadLength());
            if (t < 0) {
                return drop(t == WireError.TRUNCATED ? Counter.DROP_MALFORMED_TCP : Counter.DROP_TCP_BAD_DATA_OFFSET);
            }
            if ((tcp.flags() & Tcp.RST) != 0) {
                return drop(Counter.DROP_TCP_NO_FLOW);
            }
            // Only DNS listens on TCP at a gateway; anything else is refused at once.
            return tcp.destinationPort() == DNS_PORT
                    ? resolved(resolver.tcp(frame, program, network, inPort, nowNs), frame, network, inPort)
                    : reset(frame, network, inPort, sourceVtep);
        }
        int u = udp.wrap(frame, ip.payloadOffset(), ip.payloadLength());
        if (u < 0) {
            return drop(u == WireError.TRUNCATED ? Counter.DROP_MALFORMED_UDP : Counter.DROP_UDP_BAD_LENGTH);
        }
        if (udp.destinationPort() != DNS_PORT) {
            return drop(Counter.DROP_NOT_SERVED);
        }
        return resolved(resolver.udp(frame, program, network, inPort), frame, network, inPort);
    }

    /** What the gateway's resolver decided, as this processor's verdict. */
    private int resolved(int outcome, ByteBuf frame, int network, int inPort) {
        switch (outcome) {
            case GatewayResolver.REPLIED:
                return answer(frame, network, inPort, 0);
            case GatewayResolver.HANDED_OFF:
                return Verdict.HANDED_OFF;
            case GatewayResolver.RESET:
                return reset(frame, network, inPort, 0);
            default:
                return drop(outcome);
        }
    }

    private int echo(ByteBuf frame, int network, int inPort, int sourceVtep, int end) {
        if (ip.isFragment()) {
            return drop(Counter.DROP_VIP_FRAGMENT);
        }
        if (icmp.wrap(frame, ip.payloadOffset(), ip.payloadLength()) < 0) {
            return drop(Counter.DROP_MALFORMED_ICMP);
        }
        if (icmp.type() != Icmp.TYPE_ECHO_REQUEST) {
            return drop(Counter.DROP_NOT_SERVED);
        }
        EchoReply.answer(frame, eth, ip, icmp);
        counters.increment(Counter.ECHO_REPLIES);
        return answer(frame, network, inPort, sourceVtep);
    }

    private int reset(ByteBuf frame, int network, int inPort, int sourceVtep) {
        TcpReset.answer(frame, eth, ip, tcp, Endpoint.macFor(ip.destination()));
        counters.increment(Counter.TCP_RESETS);
        return answer(frame, network, inPort, sourceVtep);
    }

    private int forward(ByteBuf frame, int network, boolean fromUnderlay, int inPort) {
        long location = program.location(network, eth.destination());
        if (location == Location.NONE) {
            return drop(Counter.DROP_UNKNOWN_DESTINATION);
        }
        if (!Location.isRemote(location)) {
            outputPort = Location.port(location);
            counters.increment(Counter.FORWARDED_LOCAL);
            return Verdict.FORWARD_LOCAL;
        }
        if (fromUnderlay) {
            return drop(Counter.DROP_NO_TRANSIT);
        }
        if (tooBig(network)) {
            return fragmentationNeeded(frame, network, inPort);
        }
        if (!Encapsulation.encapsulate(frame, program.vni(network))) {
            return drop(Counter.DROP_NO_HEADROOM);
        }
        remoteVtep = Location.node(location);
        counters.increment(Counter.FORWARDED_REMOTE);
        return Verdict.FORWARD_REMOTE;
    }

    /** True for an IPv4 packet with DF set that the overlay's MTU cannot carry. */
    private boolean tooBig(int network) {
        return ip.totalLength() > program.mtu(network) && ip.dontFragment();
    }

    private int fragmentationNeeded(ByteBuf frame, int network, int inPort) {
        int gateway = program.gateway(network);
        FragmentationNeeded.answer(frame, eth, ip, icmp, gateway, Endpoint.macFor(gateway), program.mtu(network));
        counters.increment(Counter.FRAGMENTATION_NEEDED);
        return answer(frame, network, inPort, 0);
    }

    private int answer(ByteBuf frame, int network, int inPort, int sourceVtep) {
        counters.increment(Counter.ANSWERED);
        if (inPort != UNDERLAY) {
            outputPort = inPort;
            return Verdict.ANSWER_LOCAL;
        }
        if (!Encapsulation.encapsulate(frame, program.vni(network))) {
            return drop(Counter.DROP_NO_HEADROOM);
        }
        remoteVtep = sourceVtep;
        return Verdict.ANSWER_REMOTE;
    }

    private int drop(int reason) {
        dropReason = reason;
        counters.increment(Counter.DROPPED);
        counters.increment(reason);
        return Verdict.DROP;
    }

    private static int ipv4Error(int error) {
        switch (error) {
            case WireError.BAD_VERSION: return Counter.DROP_IPV4_BAD_VERSION;
            case WireError.BAD_HEADER_LENGTH: return Counter.DROP_IPV4_BAD_IHL;
            case WireError.BAD_TOTAL_LENGTH: return Counter.DROP_IPV4_BAD_TOTAL_LENGTH;
            default: return Counter.DROP_MALFORMED_IPV4;
        }
    }

    /** Installs a new program: resizes balancing state, forgets flows whose backend is gone or down. */
    private void install(Program next) {
        program = next;
        chooser.programChanged(next.services().size());
        flows.removeIf(this::stillUnserved);
        programBackends.clear();
        for (ServiceEntry service : next.services()) {
            for (long key : service.loadKeys) {
                programBackends.add(key);
            }
        }
        backendTraffic.retainOnly(programBackends::contains);
    }

    private boolean stillUnserved(int flow) {
        int network = program.networkIndex(flows.vni(flow));
        if (network < 0) {
            return true;
        }
        ServiceEntry service = program.service(network, flows.origDstIp(flow), flows.proto(flow), flows.origDstPort(flow));
        if (service == null) {
            return true;
        }
        int backend = service.indexOfFlow(flows.replySrcIp(flow), flows.replySrcPort(flow));
        return backend < 0 || service.states[backend] == BackendState.DOWN;
    }

    private void flowRemoved(int flow) {
        chooser.flowClosed((long) flows.vni(flow) << 32 | (flows.replySrcIp(flow) & 0xffff_ffffL));
    }
}
