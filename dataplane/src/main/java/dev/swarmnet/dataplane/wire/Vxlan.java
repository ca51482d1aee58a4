package dev.swarmnet.dataplane.wire;

import io.netty.buffer.ByteBuf;

/**
 * VXLAN header (RFC 7348 §5), carried in UDP to port 4789.
 *
 * <pre>
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |R|R|R|R|I|R|R|R|            Reserved                           |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                VXLAN Network Identifier (VNI) |   Reserved    |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 *
 * <p>The I flag must be set for a valid VNI; reserved bits are written as zero and, as the RFC
 * says, ignored on receipt. Owned by one thread; a flyweight reused per datagram.
 */
public final class Vxlan {
    public static final int FLAGS_OFFSET = 0;
    public static final int VNI_OFFSET = 4;
    public static final int HEADER_LENGTH = 8;
    public static final int FLAG_I = 0x08;
    public static final int UDP_PORT = 4789;
    public static final int MAX_VNI = 0xff_ffff;
    /** Outer IPv4 (20) + UDP (8) + VXLAN (8) + inner Ethernet (14): what a 1500 underlay loses. */
    public static final int OVERHEAD = 50;

    private ByteBuf buf;
    private int offset;

    /** @return {@link #HEADER_LENGTH}, {@link WireError#TRUNCATED} or {@link WireError#NO_VNI_FLAG} */
    public int wrap(ByteBuf buf, int offset, int length) {
        this.buf = buf;
        this.offset = offset;
        if (length < HEADER_LENGTH) {
            return WireError.TRUNCATED;
        }
        if ((buf.getUnsignedByte(offset + FLAGS_OFFSET) & FLAG_I) == 0) {
            return WireError.NO_VNI_FLAG;
        }
        return HEADER_LENGTH;
    }

    public int vni() {
        return buf.getInt(offset + VNI_OFFSET) >>> 8;
    }

    /** Writes a header with only the I flag set at an absolute index. */
    public static void write(ByteBuf buf, int index, int vni) {
        buf.setInt(index + FLAGS_OFFSET, FLAG_I << 24);
        buf.setInt(index + VNI_OFFSET, vni << 8);
    }
}
