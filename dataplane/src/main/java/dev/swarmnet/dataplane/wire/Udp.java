package dev.swarmnet.dataplane.wire;

import io.netty.buffer.ByteBuf;

/**
 * UDP header (RFC 768). A zero checksum means "none" over IPv4 and stays zero through
 * rewrites; a computed zero is sent as 0xffff.
 *
 * <pre>
 * +--------+--------+--------+--------+
 * |   Source Port   |   Dest. Port    |
 * +--------+--------+--------+--------+
 * |     Length      |    Checksum     |
 * +--------+--------+--------+--------+
 * </pre>
 *
 * <p>Owned by one thread; a flyweight reused per packet.
 */
public final class Udp {
    public static final int SRC_PORT_OFFSET = 0;
    public static final int DST_PORT_OFFSET = 2;
    public static final int LENGTH_OFFSET = 4;
    public static final int CHECKSUM_OFFSET = 6;
    public static final int HEADER_LENGTH = 8;

    private ByteBuf buf;
    private int offset;

    /**
     * @param length the IP payload length available for this datagram
     * @return {@link #HEADER_LENGTH}, {@link WireError#TRUNCATED} or {@link WireError#BAD_LENGTH}
     */
    public int wrap(ByteBuf buf, int offset, int length) {
        this.buf = buf;
        this.offset = offset;
        if (length < HEADER_LENGTH) {
            return WireError.TRUNCATED;
        }
        int udpLength = buf.getUnsignedShort(offset + LENGTH_OFFSET);
        if (udpLength < HEADER_LENGTH || udpLength > length) {
            return WireError.BAD_LENGTH;
        }
        return HEADER_LENGTH;
    }

    public int sourcePort() {
        return buf.getUnsignedShort(offset + SRC_PORT_OFFSET);
    }

    public int destinationPort() {
        return buf.getUnsignedShort(offset + DST_PORT_OFFSET);
    }

    public int length() {
        return buf.getUnsignedShort(offset + LENGTH_OFFSET);
    }

    public int checksum() {
        return buf.getUnsignedShort(offset + CHECKSUM_OFFSET);
    }

    /** Rewrites the source port, keeping the checksum right (or absent). */
    public Udp rewriteSourcePort(int port) {
        int old = sourcePort();
        buf.setShort(offset + SRC_PORT_OFFSET, port);
        adjust(old, port);
        return this;
    }

    /** Rewrites the destination port, keeping the checksum right (or absent). */
    public Udp rewriteDestinationPort(int port) {
        int old = destinationPort();
        buf.setShort(offset + DST_PORT_OFFSET, port);
        adjust(old, port);
        return this;
    }

    /** Folds an IPv4 address change (pseudo-header) into the checksum. */
    public Udp addressChanged(int oldAddress, int newAddress) {
        int sum = checksum();
        if (sum != 0) {
            buf.setShort(offset + CHECKSUM_OFFSET, nonZero(Checksums.update32(sum, oldAddress, newAddress)));
        }
        return this;
    }

    /** Computes the full checksum over pseudo-header, header and payload. */
    public Udp fillChecksum(Ipv4 ip) {
        int len = length();
        buf.setShort(offset + CHECKSUM_OFFSET, 0);
        int sum = Checksums.compute(buf, offset, len, ip.pseudoHeaderSum(len));
        buf.setShort(offset + CHECKSUM_OFFSET, nonZero(sum));
        return this;
    }

    private void adjust(int oldValue, int newValue) {
        int sum = checksum();
        if (sum != 0) {
            buf.setShort(offset + CHECKSUM_OFFSET, nonZero(Checksums.update16(sum, oldValue, newValue)));
        }
    }

    private static int nonZero(int checksum) {
        return checksum == 0 ? 0xffff : checksum;
    }
}
