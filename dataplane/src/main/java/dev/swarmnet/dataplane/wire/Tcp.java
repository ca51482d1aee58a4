package dev.swarmnet.dataplane.wire;

import io.netty.buffer.ByteBuf;

/**
 * TCP header (RFC 9293 §3.1).
 *
 * <pre>
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |          Source Port          |       Destination Port        |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                        Sequence Number                        |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                    Acknowledgment Number                      |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |  Data |       |C|E|U|A|P|R|S|F|                               |
 * | Offset| Rsrvd |W|C|R|C|S|S|Y|I|            Window             |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |           Checksum            |         Urgent Pointer        |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 *
 * <p>Owned by one thread; a flyweight reused per packet.
 */
public final class Tcp {
    public static final int SRC_PORT_OFFSET = 0;
    public static final int DST_PORT_OFFSET = 2;
    public static final int SEQ_OFFSET = 4;
    public static final int ACK_OFFSET = 8;
    public static final int DATA_OFFSET_OFFSET = 12;
    public static final int FLAGS_OFFSET = 13;
    public static final int WINDOW_OFFSET = 14;
    public static final int CHECKSUM_OFFSET = 16;
    public static final int URGENT_OFFSET = 18;
    public static final int MIN_HEADER_LENGTH = 20;

    public static final int FIN = 0x01;
    public static final int SYN = 0x02;
    public static final int RST = 0x04;
    public static final int PSH = 0x08;
    public static final int ACK = 0x10;

    private ByteBuf buf;
    private int offset;
    private int headerLength;
    private int segmentLength;

    /**
     * @param length the segment length (IP payload)
     * @return the header length, {@link WireError#TRUNCATED} or {@link WireError#BAD_DATA_OFFSET}
     */
    public int wrap(ByteBuf buf, int offset, int length) {
        this.buf = buf;
        this.offset = offset;
        if (length < MIN_HEADER_LENGTH) {
            return WireError.TRUNCATED;
        }
        int dataOffset = (buf.getUnsignedByte(offset + DATA_OFFSET_OFFSET) >>> 4) << 2;
        if (dataOffset < MIN_HEADER_LENGTH || dataOffset > length) {
            return WireError.BAD_DATA_OFFSET;
        }
        headerLength = dataOffset;
        segmentLength = length;
        return dataOffset;
    }

    public int sourcePort() {
        return buf.getUnsignedShort(offset + SRC_PORT_OFFSET);
    }

    public int destinationPort() {
        return buf.getUnsignedShort(offset + DST_PORT_OFFSET);
    }

    public int sequence() {
        return buf.getInt(offset + SEQ_OFFSET);
    }

    public int acknowledgment() {
        return buf.getInt(offset + ACK_OFFSET);
    }

    /** The low eight flag bits (CWR..FIN). */
    public int flags() {
        return buf.getUnsignedByte(offset + FLAGS_OFFSET);
    }

    public int headerLength() {
        return headerLength;
    }

    /** Payload bytes after the header. */
    public int payloadLength() {
        return segmentLength - headerLength;
    }

    public int checksum() {
        return buf.getUnsignedShort(offset + CHECKSUM_OFFSET);
    }

    public Tcp rewriteSourcePort(int port) {
        int old = sourcePort();
        buf.setShort(offset + SRC_PORT_OFFSET, port);
        buf.setShort(offset + CHECKSUM_OFFSET, Checksums.update16(checksum(), old, port));
        return this;
    }

    public Tcp rewriteDestinationPort(int port) {
        int old = destinationPort();
        buf.setShort(offset + DST_PORT_OFFSET, port);
        buf.setShort(offset + CHECKSUM_OFFSET, Checksums.update16(checksum(), old, port));
        return this;
    }

    /** Folds an IPv4 address change (pseudo-header) into the checksum. */
    public Tcp addressChanged(int oldAddress, int newAddress) {
        buf.setShort(offset + CHECKSUM_OFFSET, Checksums.update32(checksum(), oldAddress, newAddress));
        return this;
    }

    /** Writes a 20-byte header without options; the checksum is left for {@link #fillChecksum}. */
    public Tcp write(int sourcePort, int destinationPort, int sequence, int acknowledgment, int flags, int window) {
        buf.setShort(offset + SRC_PORT_OFFSET, sourcePort);
        buf.setShort(offset + DST_PORT_OFFSET, destinationPort);
        buf.setInt(offset + SEQ_OFFSET, sequence);
        buf.setInt(offset + ACK_OFFSET, acknowledgment);
        buf.setByte(offset + DATA_OFFSET_OFFSET, (MIN_HEADER_LENGTH >>> 2) << 4);
        buf.setByte(offset + FLAGS_OFFSET, flags);
        buf.setShort(offset + WINDOW_OFFSET, window);
        buf.setShort(offset + CHECKSUM_OFFSET, 0);
        buf.setShort(offset + URGENT_OFFSET, 0);
        headerLength = MIN_HEADER_LENGTH;
        segmentLength = MIN_HEADER_LENGTH;
        return this;
    }

    /** Computes the full checksum over pseudo-header and {@code length} bytes of segment. */
    public Tcp fillChecksum(Ipv4 ip, int length) {
        buf.setShort(offset + CHECKSUM_OFFSET, 0);
        buf.setShort(offset + CHECKSUM_OFFSET, Checksums.compute(buf, offset, length, ip.pseudoHeaderSum(length)));
        return this;
    }
}
