package dev.swarmnet.controlplane.ingress;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.Objects;

/**
 * The binary PROXY protocol version 2 header (HAProxy's proxy-protocol.txt §2.2) that tells a
 * backend the client's real address:
 * <pre>
 *  0                   12      13      14      16
 * +-------------------+-------+-------+-------+------------------------------------------+
 * | signature (12)    |ver/cmd| fam   | len   | src addr, dst addr, src port, dst port   |
 * | 0D0A0D0A000D0A515549540A | 0x21 | 0x11 TCP4, 0x12 UDP4, 0x21 TCP6, 0x22 UDP6        |
 * +-------------------+-------+-------+-------+------------------------------------------+
 * </pre>
 * {@code len} (big-endian) counts the address block: 12 bytes for IPv4, 36 for IPv6. An IPv4
 * client seen on an IPv6 socket (v4-mapped) is encoded as IPv4. Pure; any thread.
 */
public final class ProxyProtocolV2 {
    /** The 12-byte signature every v2 header starts with. */
    public static final byte[] SIGNATURE = {0x0D, 0x0A, 0x0D, 0x0A, 0x00, 0x0D, 0x0A, 0x51, 0x55, 0x49, 0x54, 0x0A};
    /** Version 2, command PROXY. */
    public static final int VERSION_PROXY = 0x21;
    /** AF_INET + STREAM. */
    public static final int TCP4 = 0x11;
    /** AF_INET + DGRAM. */
    public static final int UDP4 = 0x12;
    /** AF_INET6 + STREAM. */
    public static final int TCP6 = 0x21;
    /** AF_INET6 + DGRAM. */
    public static final int UDP6 = 0x22;

    private ProxyProtocolV2() {
    }

    /**
     * The header for a flow from {@code source} (the client) to {@code destination} (the
     * published address it reached), over TCP unless {@code udp}.
     */
    public static byte[] header(InetSocketAddress source, InetSocketAddress destination, boolean udp) {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(destination, "destination");
        InetAddress src = unmapped(source);
        InetAddress dst = unmapped(destination);
        boolean v4 = src instanceof Inet4Address && dst instanceof Inet4Address;
        byte[] srcBytes = v4 ? src.getAddress() : v6(src);
        byte[] dstBytes = v4 ? dst.getAddress() : v6(dst);
        int length = srcBytes.length * 2 + 4;
        ByteBuffer header = ByteBuffer.allocate(16 + length);
        header.put(SIGNATURE).put((byte) VERSION_PROXY)
                .put((byte) (v4 ? (udp ? UDP4 : TCP4) : (udp ? UDP6 : TCP6)))
                .putShort((short) length)
                .put(srcBytes).put(dstBytes)
                .putShort((short) source.getPort()).putShort((short) destination.getPort());
        return header.array();
    }

    private static InetAddress unmapped(InetSocketAddress address) {
        InetAddress ip = address.getAddress();
        if (ip == null) {
            throw new IllegalArgumentException("PROXY header needs a resolved address, not " + address);
        }
        if (ip instanceof Inet6Address) {
            byte[] bytes = ip.getAddress();
            boolean mapped = true;
            for (int i = 0; i < 10; i++) {
                mapped &= bytes[i] == 0;
            }
            if (mapped && bytes[10] == (byte) 0xff && bytes[11] == (byte) 0xff) {
                try {
                    return InetAddress.getByAddress(new byte[]{bytes[12], bytes[13], bytes[14], bytes[15]});
                } catch (java.net.UnknownHostException e) {
                    throw new IllegalStateException(e);
                }
            }
        }
        return ip;
    }

    private static byte[] v6(InetAddress address) {
        if (address instanceof Inet6Address) {
            return address.getAddress();
        }
        byte[] mapped = new byte[16];
        mapped[10] = (byte) 0xff;
        mapped[11] = (byte) 0xff;
        System.arraycopy(address.getAddress(), 0, mapped, 12, 4);
        return mapped;
    }
}
