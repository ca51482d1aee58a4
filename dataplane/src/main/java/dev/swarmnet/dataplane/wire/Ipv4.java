package dev.swarmnet.dataplane.wire;

import io.netty.buffer.ByteBuf;

/**
 * IPv4 header (RFC 791), options allowed, fragments recognised.
 *
 * <pre>
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |Version|  IHL  |Type of Service|          Total Length         |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |         Identification        |Flags|      Fragment Offset    |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |  Time to Live |    Protocol   |         Header Checksum       |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                       Source Address                          |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                    Destination Address                        |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                    Options (IHL > 5)                          |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 *
 * <p>Owned by one thread; a flyweight reused per packet.
 */
public final class Ipv4 {
    public static final int VERSION_IHL_OFFSET = 0;
    public static final int TOS_OFFSET = 1;
    public static final int TOTAL_LENGTH_OFFSET = 2;
    public static final int ID_OFFSET = 4;
    public static final int FLAGS_FRAGMENT_OFFSET = 6;
    public static final int TTL_OFFSET = 8;
    public static final int PROTOCOL_OFFSET = 9;
    public static final int CHECKSUM_OFFSET = 10;
    public static final int SRC_OFFSET = 12;
    public static final int DST_OFFSET = 16;
    public static final int MIN_HEADER_LENGTH = 20;

    public static final int PROTO_ICMP = 0x01;
    public static final int PROTO_TCP = 0x06;
    public static final int PROTO_UDP = 0x11;

    public static final int FLAG_DF = 0x4000;
    public static final int FLAG_MF = 0x2000;
    public static final int FRAGMENT_OFFSET_MASK = 0x1fff;

    private ByteBuf buf;
    private int offset;
    private int headerLength;

    /**
     * Points this flyweight at an IPv4 header with {@code length} bytes of frame behind it.
     *
     * @return the header length in bytes, or {@link WireError#TRUNCATED},
     *     {@link WireError#BAD_VERSION}, {@link WireError#BAD_HEADER_LENGTH},
     *     {@link WireError#BAD_TOTAL_LENGTH}
     */
    public int wrap(ByteBuf buf, int offset, int length) {
        this.buf = buf;
        this.offset = offset;
        if (length < MIN_HEADER_LENGTH) {
            return WireError.TRUNCATED;
        }
        int versionIhl = buf.getUnsignedByte(offset + VERSION_IHL_OFFSET);
        if ((versionIhl >>> 4) != 4) {
            return WireError.BAD_VERSION;
        }
        int ihl = (versionIhl & 0x0f) << 2;
        if (ihl < MIN_HEADER_LENGTH || ihl > length) {
            return WireError.BAD_HEADER_LENGTH;
        }
        int total = buf.getUnsignedShort(offset + TOTAL_LENGTH_OFFSET);
        if (total < ihl || total > length) {
            return WireError.BAD_TOTAL_LENGTH;
        }
        headerLength = ihl;
        return ihl;
    }

    public int offset() {
        return offset;
    }

    public int headerLength() {
        return headerLength;
    }

    /** Absolute index of the first payload byte. */
    public int payloadOffset() {
        return offset + headerLength;
    }

    public int totalLength() {
        return buf.getUnsignedShort(offset + TOTAL_LENGTH_OFFSET);
    }

    public int payloadLength() {
        return totalLength() - headerLength;
    }

    public int protocol() {
        return buf.getUnsignedByte(offset + PROTOCOL_OFFSET);
    }

    public int ttl() {
        return buf.getUnsignedByte(offset + TTL_OFFSET);
    }

    public int source() {
        return buf.getInt(offset + SRC_OFFSET);
    }

    public int destination() {
        return buf.getInt(offset + DST_OFFSET);
    }

    public int checksum() {
        return buf.getUnsignedShort(offset + CHECKSUM_OFFSET);
    }

    public boolean dontFragment() {
        return (buf.getUnsignedShort(offset + FLAGS_FRAGMENT_OFFSET) & FLAG_DF) != 0;
    }

    /** True for any fragment: more-fragments set or a non-zero fragment offset. */
    public boolean isFragment() {
        return (buf.getUnsignedShort(offset + FLAGS_FRAGMENT_OFFSET) & (FLAG_MF | FRAGMENT_OFFSET_MASK)) != 0;
    }

    /** True for a fragment other than the first: it carries no transport header. */
    public boolean isLaterFragment() {
        return (buf.getUnsignedShort(offset + FLAGS_FRAGMENT_OFFSET) & FRAGMENT_OFFSET_MASK) != 0;
    }

    /** Sets the source address and updates the header checksum incrementally (RFC 1624). */
    public Ipv4 rewriteSource(int address) {
        int old = source();
        buf.setInt(offset + SRC_OFFSET, address);
        buf.setShort(offset + CHECKSUM_OFFSET, Checksums.update32(checksum(), old, address));
        return this;
    }

    /** Sets the destination address and updates the header checksum incrementally (RFC 1624). */
    public Ipv4 rewriteDestination(int address) {
        int old = destination();
        buf.setInt(offset + DST_OFFSET, address);
        buf.setShort(offset + CHECKSUM_OFFSET, Checksums.update32(checksum(), old, address));
        return this;
    }

    /**
     * Writes a 20-byte header without options at this flyweight's offset and fills in its
     * checksum. Used when the data plane builds a packet of its own (RST, ICMP errors).
     */
    public Ipv4 write(int totalLength, int id, int flagsFragment, int ttl, int protocol, int source, int destination) {
        buf.setByte(offset + VERSION_IHL_OFFSET, 0x45);
        buf.setByte(offset + TOS_OFFSET, 0);
        buf.setShort(offset + TOTAL_LENGTH_OFFSET, totalLength);
        buf.setShort(offset + ID_OFFSET, id);
        buf.setShort(offset + FLAGS_FRAGMENT_OFFSET, flagsFragment);
        buf.setByte(offset + TTL_OFFSET, ttl);
        buf.setByte(offset + PROTOCOL_OFFSET, protocol);
        buf.setShort(offset + CHECKSUM_OFFSET, 0);
        buf.setInt(offset + SRC_OFFSET, source);
        buf.setInt(offset + DST_OFFSET, destination);
        headerLength = MIN_HEADER_LENGTH;
        buf.setShort(offset + CHECKSUM_OFFSET, Checksums.compute(buf, offset, MIN_HEADER_LENGTH, 0));
        return this;
    }

    /** Recomputes the header checksum from scratch (RFC 1071). */
    public Ipv4 fillChecksum() {
        buf.setShort(offset + CHECKSUM_OFFSET, 0);
        buf.setShort(offset + CHECKSUM_OFFSET, Checksums.compute(buf, offset, headerLength, 0));
        return this;
    }

    /** True when the header checksum verifies (the one's complement sum is all ones). */
    public boolean checksumValid() {
        return Checksums.compute(buf, offset, headerLength, 0) == 0;
    }

    /** One's complement sum of the TCP/UDP pseudo-header for a transport segment of {@code length}. */
    public int pseudoHeaderSum(int length) {
        return Checksums.add(buf, offset + SRC_OFFSET, 8, protocol() + length);
    }

    /** Formats an address as a dotted quad (off the packet path: allocates). */
    public static String format(int address) {
        return (address >>> 24) + "." + ((address >>> 16) & 0xff) + "." + ((address >>> 8) & 0xff) + "." + (address & 0xff);
    }

    /** Parses a dotted quad (off the packet path). */
    public static int parse(String dotted) {
        String[] parts = dotted.trim().split("\\.", -1);
        if (parts.length != 4) {
            throw new IllegalArgumentException("not an IPv4 address: '" + dotted + "'");
        }
        int address = 0;
        for (String part : parts) {
            int octet;
            try {
                octet = Integer.parseInt(part);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("not an IPv4 address: '" + dotted + "'");
            }
            if (octet < 0 || octet > 255 || part.isEmpty() || part.length() > 3) {
                throw new IllegalArgumentException("not an IPv4 address: '" + dotted + "'");
            }
            address = (address << 8) | octet;
        }
        return address;
    }
}
