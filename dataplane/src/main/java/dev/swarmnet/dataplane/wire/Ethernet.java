package dev.swarmnet.dataplane.wire;

import io.netty.buffer.ByteBuf;

/**
 * Ethernet II frame header (IEEE 802.3 / RFC 894), skipping at most one IEEE 802.1Q tag.
 *
 * <pre>
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                    destination MAC (6 bytes)                  |
 * +                               +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                               |                               |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+       source MAC (6 bytes)    +
 * |                                                               |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |  EtherType (or 0x8100 + TCI, then EtherType)  |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 *
 * <p>Owned by one thread; a flyweight reused per frame.
 */
public final class Ethernet {
    public static final int DST_OFFSET = 0;
    public static final int SRC_OFFSET = 6;
    public static final int TYPE_OFFSET = 12;
    public static final int HEADER_LENGTH = 14;
    public static final int VLAN_TAG_LENGTH = 4;

    public static final int TYPE_IPV4 = 0x0800;
    public static final int TYPE_ARP = 0x0806;
    public static final int TYPE_VLAN = 0x8100;
    public static final int TYPE_IPV6 = 0x86dd;

    public static final long BROADCAST = 0xffff_ffff_ffffL;
    /** The I/G bit of the first octet: set for multicast and broadcast. */
    public static final long GROUP_BIT = 0x0100_0000_0000L;

    private ByteBuf buf;
    private int offset;
    private int typeOffset;

    /**
     * Points this flyweight at a frame.
     *
     * @return the header length (14, or 18 with an 802.1Q tag), or {@link WireError#TRUNCATED}
     */
    public int wrap(ByteBuf buf, int offset, int length) {
        this.buf = buf;
        this.offset = offset;
        if (length < HEADER_LENGTH) {
            return WireError.TRUNCATED;
        }
        int type = buf.getUnsignedShort(offset + TYPE_OFFSET);
        if (type == TYPE_VLAN) {
            if (length < HEADER_LENGTH + VLAN_TAG_LENGTH) {
                return WireError.TRUNCATED;
            }
            typeOffset = TYPE_OFFSET + VLAN_TAG_LENGTH;
            return HEADER_LENGTH + VLAN_TAG_LENGTH;
        }
        typeOffset = TYPE_OFFSET;
        return HEADER_LENGTH;
    }

    public int offset() {
        return offset;
    }

    /** Offset of the payload (after the EtherType) in the buffer. */
    public int payloadOffset() {
        return offset + typeOffset + 2;
    }

    public boolean hasVlanTag() {
        return typeOffset != TYPE_OFFSET;
    }

    /** The EtherType after any 802.1Q tag. */
    public int etherType() {
        return buf.getUnsignedShort(offset + typeOffset);
    }

    public long destination() {
        return readMac(buf, offset + DST_OFFSET);
    }

    public long source() {
        return readMac(buf, offset + SRC_OFFSET);
    }

    public Ethernet destination(long mac) {
        writeMac(buf, offset + DST_OFFSET, mac);
        return this;
    }

    public Ethernet source(long mac) {
        writeMac(buf, offset + SRC_OFFSET, mac);
        return this;
    }

    public Ethernet etherType(int type) {
        buf.setShort(offset + typeOffset, type);
        return this;
    }

    /** True for broadcast and multicast destinations (I/G bit set). */
    public static boolean isGroup(long mac) {
        return (mac & GROUP_BIT) != 0;
    }

    /** Reads a 48-bit MAC address at an absolute index. */
    public static long readMac(ByteBuf buf, int index) {
        return (buf.getUnsignedInt(index) << 16) | buf.getUnsignedShort(index + 4);
    }

    /** Writes a 48-bit MAC address at an absolute index. */
    public static void writeMac(ByteBuf buf, int index, long mac) {
        buf.setInt(index, (int) (mac >>> 16));
        buf.setShort(index + 4, (int) mac);
    }
}
