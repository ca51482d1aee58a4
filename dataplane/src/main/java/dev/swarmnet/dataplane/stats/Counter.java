package dev.swarmnet.dataplane.stats;

/**
 * Every counter the frame processor keeps: one id per verdict, per answer kind and per drop
 * reason. Ids are dense so that a loop's counters are one {@code long[]}.
 */
public final class Counter {
    // Verdicts.
    public static final int FRAMES_IN = 0;
    public static final int FORWARDED_LOCAL = 1;
    public static final int FORWARDED_REMOTE = 2;
    public static final int ANSWERED = 3;
    public static final int DROPPED = 4;

    // What was answered.
    public static final int ARP_REPLIES = 5;
    public static final int ECHO_REPLIES = 6;
    public static final int TCP_RESETS = 7;
    public static final int FRAGMENTATION_NEEDED = 8;

    // Load balancing and NAT.
    public static final int VIP_NEW_FLOWS = 9;
    public static final int VIP_ORIGINAL_PACKETS = 10;
    public static final int VIP_REPLY_PACKETS = 11;

    // Drop reasons: each also counts in DROPPED.
    public static final int DROP_MALFORMED_VXLAN = 12;
    public static final int DROP_VXLAN_NO_VNI_FLAG = 13;
    public static final int DROP_UNKNOWN_VNI = 14;
    public static final int DROP_UNKNOWN_PORT = 15;
    public static final int DROP_MALFORMED_ETHERNET = 16;
    public static final int DROP_SPOOFED_SOURCE = 17;
    public static final int DROP_UNSUPPORTED_ETHERTYPE = 18;
    public static final int DROP_MALFORMED_ARP = 19;
    public static final int DROP_ARP_UNKNOWN_TARGET = 20;
    public static final int DROP_ARP_NOT_REQUEST = 21;
    public static final int DROP_MALFORMED_IPV4 = 22;
    public static final int DROP_IPV4_BAD_VERSION = 23;
    public static final int DROP_IPV4_BAD_IHL = 24;
    public static final int DROP_IPV4_BAD_TOTAL_LENGTH = 25;
    public static final int DROP_MALFORMED_TCP = 26;
    public static final int DROP_TCP_BAD_DATA_OFFSET = 27;
    public static final int DROP_MALFORMED_UDP = 28;
    public static final int DROP_UDP_BAD_LENGTH = 29;
    public static final int DROP_MALFORMED_ICMP = 30;
    public static final int DROP_GROUP_DESTINATION = 31;
    public static final int DROP_UNKNOWN_DESTINATION = 32;
    public static final int DROP_NO_TRANSIT = 33;
    public static final int DROP_NO_HEADROOM = 34;
    public static final int DROP_VIP_FRAGMENT = 35;
    public static final int DROP_VIP_PORT_UNKNOWN = 36;
    public static final int DROP_NO_BACKEND = 37;
    public static final int DROP_CONNTRACK_FULL = 38;
    public static final int DROP_TCP_NO_FLOW = 39;
    public static final int DROP_NOT_SERVED = 40;
    public static final int DROP_FLOW_CONFLICT = 41;

    // Port and underlay I/O (the event loop's, not the processor's).
    public static final int TAP_RX_FRAMES = 42;
    public static final int TAP_RX_BYTES = 43;
    public static final int TAP_TX_FRAMES = 44;
    public static final int TAP_TX_BYTES = 45;
    public static final int TAP_TX_DROPS = 46;
    public static final int TAP_ERRORS = 47;
    public static final int UNDERLAY_RX_DATAGRAMS = 48;
    public static final int UNDERLAY_RX_BYTES = 49;
    public static final int UNDERLAY_TX_DATAGRAMS = 50;
    public static final int UNDERLAY_TX_BYTES = 51;
    public static final int UNDERLAY_TX_ERRORS = 52;

    public static final int DROP_UNKNOWN_PEER = 53;

    public static final int TAP_RX_SUPERFRAMES = 54;
    public static final int TAP_RX_SEGMENTS = 55;
    public static final int DROP_BAD_OFFLOAD = 56;

    public static final int TAP_TX_SUPERFRAMES = 57;

    // Embedded DNS (queries to a gateway's port 53): one of these per query.
    public static final int DNS_ANSWERED = 58;
    public static final int DNS_NXDOMAIN = 59;
    public static final int DNS_FORMERR = 60;
    public static final int DNS_NOTIMP = 61;
    public static final int DNS_FORWARDED = 62;
    public static final int DNS_FORWARD_REPLIES = 63;
    public static final int DNS_FORWARD_TIMEOUTS = 64;
    public static final int DNS_FORWARD_REFUSED = 65;
    public static final int DROP_MALFORMED_DNS = 66;
    public static final int DNS_FORWARD_ERRORS = 67;

    // DNS over TCP at a gateway's port 53 (RFC 7766): the stateless endpoint's segments.
    public static final int DNS_TCP_CONNECTIONS = 68;
    public static final int DROP_DNS_TCP_BARE_ACK = 69;
    public static final int DNS_TCP_REFUSED = 70;
    public static final int DROP_DNS_TCP_PARTIAL = 71;
    public static final int DNS_TCP_PARTIAL = 72;

    // DNS over TCP toward upstream resolvers, and answers longer than one segment.
    public static final int DNS_FORWARD_TCP = 73;
    public static final int DNS_FORWARD_TCP_ERRORS = 74;
    public static final int DNS_TCP_MULTI_SEGMENT = 75;
    public static final int DNS_TCP_WINDOW_CUT = 76;

    public static final int COUNT = 77;

    private static final String[] NAMES = new String[COUNT];
    private static final String[] DESCRIPTIONS = new String[COUNT];
    private static final boolean[] DROPS = new boolean[COUNT];

    static {
        describe(FRAMES_IN, "frames_in", "frames handed to the processor");
        describe(FORWARDED_LOCAL, "forwarded_local", "frames forwarded to a port on this node");
        describe(FORWARDED_REMOTE, "forwarded_remote", "frames encapsulated for another node");
        describe(ANSWERED, "answered", "frames answered by the data plane itself");
        describe(DROPPED, "dropped", "frames dropped, for any reason");
        describe(ARP_REPLIES, "arp_replies", "ARP requests answered by proxy ARP");
        describe(ECHO_REPLIES, "echo_replies", "ICMP echo requests to a gateway or VIP answered");
        describe(TCP_RESETS, "tcp_resets", "TCP segments toward a VIP without a flow, answered with RST");
        describe(FRAGMENTATION_NEEDED, "fragmentation_needed",
                "oversized DF packets answered with ICMP fragmentation needed");
        describe(VIP_NEW_FLOWS, "vip_new_flows", "new flows load-balanced to a backend");
        describe(VIP_ORIGINAL_PACKETS, "vip_original_packets", "packets toward a VIP rewritten to their backend");
        describe(VIP_REPLY_PACKETS, "vip_reply_packets", "backend replies rewritten back to the VIP");
        describe(DROP_MALFORMED_VXLAN, "drop_malformed_vxlan", "underlay datagram shorter than a VXLAN header");
        describe(DROP_VXLAN_NO_VNI_FLAG, "drop_vxlan_no_vni_flag", "VXLAN header without the I flag");
        describe(DROP_UNKNOWN_VNI, "drop_unknown_vni", "VXLAN frame for a VNI this node does not serve");
        describe(DROP_UNKNOWN_PORT, "drop_unknown_port", "frame from a port the program does not know");
        describe(DROP_MALFORMED_ETHERNET, "drop_malformed_ethernet", "frame shorter than its Ethernet header");
        describe(DROP_SPOOFED_SOURCE, "drop_spoofed_source",
                "frame from a local port with a MAC or IP that is not the port's own");
        describe(DROP_UNSUPPORTED_ETHERTYPE, "drop_unsupported_ethertype", "neither IPv4 nor ARP");
        describe(DROP_MALFORMED_ARP, "drop_malformed_arp", "ARP too short or not Ethernet/IPv4");
        describe(DROP_ARP_UNKNOWN_TARGET, "drop_arp_unknown_target", "ARP request for an address nobody holds");
        describe(DROP_ARP_NOT_REQUEST, "drop_arp_not_request", "ARP reply or gratuitous ARP (the table is programmed)");
        describe(DROP_MALFORMED_IPV4, "drop_malformed_ipv4", "IPv4 header truncated");
        describe(DROP_IPV4_BAD_VERSION, "drop_ipv4_bad_version", "IPv4 version field is not 4");
        describe(DROP_IPV4_BAD_IHL, "drop_ipv4_bad_ihl", "IPv4 IHL below 5 or beyond the frame");
        describe(DROP_IPV4_BAD_TOTAL_LENGTH, "drop_ipv4_bad_total_length",
                "IPv4 total length below its header or beyond the frame");
        describe(DROP_MALFORMED_TCP, "drop_malformed_tcp", "TCP header truncated");
        describe(DROP_TCP_BAD_DATA_OFFSET, "drop_tcp_bad_data_offset", "TCP data offset below 5 or beyond the segment");
        describe(DROP_MALFORMED_UDP, "drop_malformed_udp", "UDP header truncated");
        describe(DROP_UDP_BAD_LENGTH, "drop_udp_bad_length", "UDP length below 8 or beyond the IP payload");
        describe(DROP_MALFORMED_ICMP, "drop_malformed_icmp", "ICMP header truncated");
        describe(DROP_GROUP_DESTINATION, "drop_group_destination",
                "broadcast or multicast IPv4 frame (never flooded)");
        describe(DROP_UNKNOWN_DESTINATION, "drop_unknown_destination", "unicast to a MAC nobody holds (never flooded)");
        describe(DROP_NO_TRANSIT, "drop_no_transit", "frame from the underlay addressed to another node");
        describe(DROP_NO_HEADROOM, "drop_no_headroom", "no room in front of the frame for the VXLAN header");
        describe(DROP_VIP_FRAGMENT, "drop_vip_fragment", "IPv4 fragment toward a VIP or gateway (no transport header to act on)");
        describe(DROP_VIP_PORT_UNKNOWN, "drop_vip_port_unknown", "UDP toward a VIP port that no service publishes");
        describe(DROP_NO_BACKEND, "drop_no_backend", "UDP toward a service with no active backend (TCP gets a RST)");
        describe(DROP_CONNTRACK_FULL, "drop_conntrack_full", "new flow refused: connection table full");
        describe(DROP_TCP_NO_FLOW, "drop_tcp_no_flow", "RST toward a VIP without a flow (never answered)");
        describe(DROP_NOT_SERVED, "drop_not_served", "packet to a gateway or VIP for something the data plane does not serve");
        describe(DROP_FLOW_CONFLICT, "drop_flow_conflict",
                "new flow whose reply key another flow already holds (same client port to the same backend)");
        describe(TAP_RX_FRAMES, "tap_rx_frames", "frames read from TAP ports");
        describe(TAP_RX_BYTES, "tap_rx_bytes", "bytes read from TAP ports");
        describe(TAP_TX_FRAMES, "tap_tx_frames", "frames written to TAP ports");
        describe(TAP_TX_BYTES, "tap_tx_bytes", "bytes written to TAP ports");
        describe(TAP_TX_DROPS, "tap_tx_drops",
                "frames lost because a TAP's queue was full or its port is gone (raise txqueuelen)");
        describe(TAP_ERRORS, "tap_errors", "read or write errors on TAP descriptors");
        describe(UNDERLAY_RX_DATAGRAMS, "underlay_rx_datagrams", "VXLAN datagrams received");
        describe(UNDERLAY_RX_BYTES, "underlay_rx_bytes", "VXLAN payload bytes received");
        describe(UNDERLAY_TX_DATAGRAMS, "underlay_tx_datagrams", "VXLAN datagrams handed to the underlay socket");
        describe(UNDERLAY_TX_BYTES, "underlay_tx_bytes", "VXLAN payload bytes handed to the underlay socket");
        describe(UNDERLAY_TX_ERRORS, "underlay_tx_errors", "VXLAN datagrams the underlay socket failed to send");
        describe(DROP_UNKNOWN_PEER, "drop_unknown_peer", "VXLAN datagram from an address that is not a node of the program");
        describe(TAP_RX_SUPERFRAMES, "tap_rx_superframes", "TCP super-frames read from TAPs with segmentation offload");
        describe(TAP_RX_SEGMENTS, "tap_rx_segments", "segments cut from TCP super-frames");
        describe(DROP_BAD_OFFLOAD, "drop_bad_offload",
                "TAP frame whose virtio-net header does not match it (segmentation or checksum position)");
        describe(TAP_TX_SUPERFRAMES, "tap_tx_superframes", "coalesced TCP super-frames written to TAPs with offloads");
        describe(DNS_ANSWERED, "dns_answered", "DNS queries answered from the network's table (NOERROR)");
        describe(DNS_NXDOMAIN, "dns_nxdomain", "DNS queries for unknown names in the cluster's zones (NXDOMAIN)");
        describe(DNS_FORMERR, "dns_formerr", "malformed DNS queries with a readable header (FORMERR)");
        describe(DNS_NOTIMP, "dns_notimp", "DNS messages with an opcode other than QUERY (NOTIMP)");
        describe(DNS_FORWARDED, "dns_forwarded", "DNS queries for names outside the cluster sent to an upstream resolver");
        describe(DNS_FORWARD_REPLIES, "dns_forward_replies", "upstream DNS replies relayed back to a task");
        describe(DNS_FORWARD_TIMEOUTS, "dns_forward_timeouts",
                "forwarded DNS queries no upstream answered in time (SERVFAIL to the task)");
        describe(DNS_FORWARD_REFUSED, "dns_forward_refused",
                "DNS queries not forwarded: too many pending or no upstream resolver (SERVFAIL to the task)");
        describe(DROP_MALFORMED_DNS, "drop_malformed_dns", "UDP to a gateway's port 53 without a readable DNS header, or a DNS response");
        describe(DNS_FORWARD_ERRORS, "dns_forward_errors",
                "upstream DNS replies dropped: unknown id or sender, unreadable, or the task's port is gone");
        describe(DNS_TCP_CONNECTIONS, "dns_tcp_connections", "DNS-over-TCP connections to a gateway accepted (SYN-ACK sent)");
        describe(DROP_DNS_TCP_BARE_ACK, "drop_dns_tcp_bare_ack",
                "DNS-over-TCP segments that need no answer (a handshake's or a reply's ACK)");
        describe(DNS_TCP_REFUSED, "dns_tcp_refused", "DNS-over-TCP segments answered with RST: a connection this node "
                + "did not accept (or accepted before a restart), or not a DNS query");
        describe(DROP_DNS_TCP_PARTIAL, "drop_dns_tcp_partial",
                "DNS-over-TCP segments after a gap in a query being gathered (the client sends them again)");
        describe(DNS_TCP_PARTIAL, "dns_tcp_partial", "DNS-over-TCP segments with part of a query, gathered and acknowledged");
        describe(DNS_FORWARD_TCP, "dns_forward_tcp", "forwarded DNS queries sent to an upstream resolver over TCP "
                + "(the task asked over TCP, or the upstream's UDP reply was truncated)");
        describe(DNS_FORWARD_TCP_ERRORS, "dns_forward_tcp_errors", "TCP exchanges with an upstream resolver that failed: "
                + "connection refused or reset, closed before the reply, or a reply with the wrong id or unreadable");
        describe(DNS_TCP_MULTI_SEGMENT, "dns_tcp_multi_segment",
                "DNS-over-TCP answers to a task longer than one segment, sent as several");
        describe(DNS_TCP_WINDOW_CUT, "dns_tcp_window_cut", "DNS-over-TCP answers longer than the task's receive window, "
                + "cut to fit it (TC set)");
        for (int i = 0; i < COUNT; i++) {
            DROPS[i] = NAMES[i] != null && NAMES[i].startsWith("drop_");
            if (NAMES[i] == null) {
                throw new IllegalStateException("counter " + i + " has no description");
            }
        }
    }

    private Counter() {
    }

    private static void describe(int id, String name, String description) {
        if (NAMES[id] != null) {
            throw new IllegalStateException("counter id " + id + " used twice: " + NAMES[id] + ", " + name);
        }
        NAMES[id] = name;
        DESCRIPTIONS[id] = description;
    }

    public static String name(int id) {
        return NAMES[id];
    }

    public static String description(int id) {
        return DESCRIPTIONS[id];
    }

    /** True for the ids that are drop reasons. */
    public static boolean isDropReason(int id) {
        return DROPS[id];
    }
}
