package dev.swarmnet.linux;

import java.util.Arrays;
import java.util.Objects;

/**
 * What a {@link TapDevice} is created with: name, MTU, MAC, transmit queue length and whether
 * frames carry a virtio-net header. Immutable; start from {@link #named(String)} and change with
 * the {@code with*} methods.
 */
public final class TapConfig {

    /** Ethernet's 1500 bytes. */
    public static final int DEFAULT_MTU = 1500;
    /**
     * Ten times the kernel's default of 1000, which drops frames under bursts when the reader
     * falls behind (PLATFORM.md).
     */
    public static final int DEFAULT_TX_QUEUE_LENGTH = 10_000;

    private final String name;
    private final int mtu;
    private final byte[] mac;
    private final int txQueueLength;
    private final boolean vnetHeader;

    private TapConfig(String name, int mtu, byte[] mac, int txQueueLength, boolean vnetHeader) {
        this.name = Objects.requireNonNull(name, "name");
        if (name.isEmpty()) {
            throw new IllegalArgumentException("a TAP device needs a name (a pattern like \"tap%d\" is fine)");
        }
        if (mtu < 68) {
            throw new IllegalArgumentException("MTU " + mtu + " is below IPv4's minimum of 68");
        }
        if (mac != null && mac.length != IfReq.MAC_LENGTH) {
            throw new IllegalArgumentException("a MAC address has 6 bytes, not " + mac.length);
        }
        if (txQueueLength < 0) {
            throw new IllegalArgumentException("txqueuelen " + txQueueLength + " is negative");
        }
        this.mtu = mtu;
        this.mac = mac == null ? null : mac.clone();
        this.txQueueLength = txQueueLength;
        this.vnetHeader = vnetHeader;
    }

    /**
     * A TAP named {@code name} (at most 15 bytes; {@code %d} lets the kernel number it) with MTU
     * {@value #DEFAULT_MTU}, a MAC chosen by the kernel, txqueuelen {@value #DEFAULT_TX_QUEUE_LENGTH}
     * and no virtio-net header.
     */
    public static TapConfig named(String name) {
        return new TapConfig(name, DEFAULT_MTU, null, DEFAULT_TX_QUEUE_LENGTH, false);
    }

    public TapConfig withMtu(int mtu) {
        return new TapConfig(name, mtu, mac, txQueueLength, vnetHeader);
    }

    /** A fixed Ethernet address (6 bytes); {@code null} lets the kernel pick a random one. */
    public TapConfig withMac(byte[] mac) {
        return new TapConfig(name, mtu, mac, txQueueLength, vnetHeader);
    }

    public TapConfig withTxQueueLength(int txQueueLength) {
        return new TapConfig(name, mtu, mac, txQueueLength, vnetHeader);
    }

    /**
     * With {@code IFF_VNET_HDR}: every frame read or written starts with a 12-byte
     * {@code virtio_net_hdr_v1}; reads may then carry partial checksums (NEEDS_CSUM).
     */
    public TapConfig withVnetHeader(boolean vnetHeader) {
        return new TapConfig(name, mtu, mac, txQueueLength, vnetHeader);
    }

    public String name() {
        return name;
    }

    public int mtu() {
        return mtu;
    }

    /** A copy of the MAC, or {@code null} when the kernel picks it. */
    public byte[] mac() {
        return mac == null ? null : mac.clone();
    }

    public int txQueueLength() {
        return txQueueLength;
    }

    public boolean vnetHeader() {
        return vnetHeader;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TapConfig other && name.equals(other.name) && mtu == other.mtu
            && Arrays.equals(mac, other.mac) && txQueueLength == other.txQueueLength
            && vnetHeader == other.vnetHeader;
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, mtu, Arrays.hashCode(mac), txQueueLength, vnetHeader);
    }

    @Override
    public String toString() {
        return "TapConfig[name=" + name + ", mtu=" + mtu + ", mac=" + (mac == null ? "kernel" : formatMac(mac))
            + ", txqueuelen=" + txQueueLength + ", vnetHeader=" + vnetHeader + "]";
    }

    static String formatMac(byte[] mac) {
        StringBuilder s = new StringBuilder(17);
        for (int i = 0; i < mac.length; i++) {
            if (i > 0) {
                s.append(':');
            }
            s.append(Character.forDigit((mac[i] >> 4) & 0xf, 16)).append(Character.forDigit(mac[i] & 0xf, 16));
        }
        return s.toString();
    }
}
