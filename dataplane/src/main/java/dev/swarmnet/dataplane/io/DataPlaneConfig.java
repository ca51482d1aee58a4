package dev.swarmnet.dataplane.io;

import dev.swarmnet.dataplane.conntrack.FlowTimeouts;
import dev.swarmnet.dataplane.wire.Vxlan;

/**
 * Tunables of one node's data plane.
 *
 * @param underlayAddress address the VXLAN socket binds to ("0.0.0.0" for all)
 * @param underlayPort UDP port of the VXLAN socket and of every peer (4789)
 * @param maxFrame largest inner Ethernet frame read from a TAP or accepted from the underlay
 * @param readBatch frames drained from one TAP per wake-up before the loop moves on
 * @param conntrackCapacity most VIP flows tracked at once
 * @param affinityCapacity most client-affinity entries remembered at once
 * @param timeouts per-state idle timeouts of tracked flows
 * @param expiryIntervalMillis how often idle flows are looked for
 * @param tapOffloads whether TAPs are made with a virtio-net header and checksum/TSO offloads
 * @param transport the Netty transport (epoll, io_uring, or NIO without TAP ports)
 */
public record DataPlaneConfig(String underlayAddress, int underlayPort, int maxFrame, int readBatch,
                              int conntrackCapacity, int affinityCapacity, FlowTimeouts timeouts,
                              long expiryIntervalMillis, boolean tapOffloads, Transport transport) {
    /** An Ethernet header (14 octets) and an 802.1Q tag (4). */
    private static final int ETHERNET_AND_VLAN = 18;

    public DataPlaneConfig {
        if (underlayPort < 0 || underlayPort > 0xffff) {
            throw new IllegalArgumentException("underlay port " + underlayPort + " is outside 0..65535");
        }
        if (maxFrame < 64 || maxFrame > 65535) {
            throw new IllegalArgumentException("max frame " + maxFrame + " is outside 64..65535");
        }
        if (readBatch < 1 || readBatch > 1024) {
            throw new IllegalArgumentException("read batch " + readBatch + " is outside 1..1024");
        }
        if (conntrackCapacity < 1 || affinityCapacity < 1) {
            throw new IllegalArgumentException("conntrack and affinity capacities must be positive");
        }
        if (transport == null) {
            throw new IllegalArgumentException("a transport is needed (EPOLL, IO_URING or NIO)");
        }
        if (expiryIntervalMillis < 1) {
            throw new IllegalArgumentException("expiry interval must be at least 1 ms");
        }
    }

    /** Defaults for a 1500-byte underlay: all addresses, port 4789, 256k flows. */
    public static DataPlaneConfig defaults() {
        return new DataPlaneConfig("0.0.0.0", Vxlan.UDP_PORT, 1600, 64, 1 << 18, 1 << 16,
                FlowTimeouts.defaults(), 100, true, Transport.EPOLL);
    }

    public DataPlaneConfig withUnderlay(String address, int port) {
        return new DataPlaneConfig(address, port, maxFrame, readBatch, conntrackCapacity, affinityCapacity, timeouts,
                expiryIntervalMillis, tapOffloads, transport);
    }

    public DataPlaneConfig withConntrackCapacity(int capacity) {
        return new DataPlaneConfig(underlayAddress, underlayPort, maxFrame, readBatch, capacity, affinityCapacity,
                timeouts, expiryIntervalMillis, tapOffloads, transport);
    }

    public DataPlaneConfig withTimeouts(FlowTimeouts flowTimeouts) {
        if (flowTimeouts == null) {
            throw new IllegalArgumentException("flow timeouts are needed");
        }
        return new DataPlaneConfig(underlayAddress, underlayPort, maxFrame, readBatch, conntrackCapacity,
                affinityCapacity, flowTimeouts, expiryIntervalMillis, tapOffloads, transport);
    }

    public DataPlaneConfig withTapOffloads(boolean on) {
        return new DataPlaneConfig(underlayAddress, underlayPort, maxFrame, readBatch, conntrackCapacity,
                affinityCapacity, timeouts, expiryIntervalMillis, on, transport);
    }

    /**
     * This configuration taking frames of overlays up to {@code mtu}: the largest frame becomes the
     * MTU's packet with its Ethernet header and room for a VLAN tag, never less than it is.
     */
    public DataPlaneConfig withOverlayMtu(int mtu) {
        int frame = Math.max(maxFrame, mtu + ETHERNET_AND_VLAN);
        return new DataPlaneConfig(underlayAddress, underlayPort, frame, readBatch, conntrackCapacity, affinityCapacity,
                timeouts, expiryIntervalMillis, tapOffloads, transport);
    }

    public DataPlaneConfig withTransport(Transport chosen) {
        return new DataPlaneConfig(underlayAddress, underlayPort, maxFrame, readBatch, conntrackCapacity,
                affinityCapacity, timeouts, expiryIntervalMillis, tapOffloads, chosen);
    }

    /** Size of one received datagram slot: a VXLAN header and the largest frame, rounded up to 64. */
    int datagramSize() {
        return (Vxlan.HEADER_LENGTH + maxFrame + 63) & ~63;
    }
}
