package dev.swarmnet.dataplane.wire;

import io.netty.buffer.ByteBuf;

/**
 * ARP for IPv4 over Ethernet (RFC 826).
 *
 * <pre>
 * +--------+--------+--------+--------+
 * | HTYPE = 0x0001  | PTYPE = 0x0800  |
 * +--------+--------+--------+--------+
 * | HLEN=6 | PLEN=4 |   OPER (1 / 2)  |
 * +--------+--------+--------+--------+
 * |  sender hardware address (6)      |
 * +                 +--------+--------+
 * |                 | sender proto    |
 * +--------+--------+ address (4)     +
 * |                 |                 |
 * +--------+--------+--------+--------+
 * |  target hardware address (6)      |
 * +                 +--------+--------+
 * |                 | target proto    |
 * +--------+--------+ address (4)     +
 * |                 |
 * +--------+--------+
 * </pre>
 *
 * <p>Owned by one thread; a flyweight reused per frame.
 */
public final class Arp {
    public static final int HTYPE_OFFSET = 0;
    public static final int PTYPE_OFFSET = 2;
    public static final int HLEN_OFFSET = 4;
    public static final int PLEN_OFFSET = 5;
    public static final int OPER_OFFSET = 6;
    public static final int SHA_OFFSET = 8;
    public static final int SPA_OFFSET = 14;
    public static final int THA_OFFSET = 18;
    public static final int TPA_OFFSET = 24;
    public static final int LENGTH = 28;

    public static final int HTYPE_ETHERNET = 0x0001;
    public static final int OPER_REQUEST = 0x0001;
    public static final int OPER_REPLY = 0x0002;

    private ByteBuf buf;
    private int offset;

    /**
     * @return {@link #LENGTH}, {@link WireError#TRUNCATED}, or {@link WireError#UNSUPPORTED} when
     *     it is not Ethernet/IPv4 ARP
     */
    public int wrap(ByteBuf buf, int offset, int length) {
        this.buf = buf;
        this.offset = offset;
        if (length < LENGTH) {
            return WireError.TRUNCATED;
        }
        if (buf.getUnsignedShort(offset + HTYPE_OFFSET) != HTYPE_ETHERNET
                || buf.getUnsignedShort(offset + PTYPE_OFFSET) != Ethernet.TYPE_IPV4
                || buf.getUnsignedByte(offset + HLEN_OFFSET) != 6
                || buf.getUnsignedByte(offset + PLEN_OFFSET) != 4) {
            return WireError.UNSUPPORTED;
        }
        return LENGTH;
    }

    public int operation() {
        return buf.getUnsignedShort(offset + OPER_OFFSET);
    }

    public long senderMac() {
        return Ethernet.readMac(buf, offset + SHA_OFFSET);
    }

    public int senderIp() {
        return buf.getInt(offset + SPA_OFFSET);
    }

    public long targetMac() {
        return Ethernet.readMac(buf, offset + THA_OFFSET);
    }

    public int targetIp() {
        return buf.getInt(offset + TPA_OFFSET);
    }

    /** Writes a complete Ethernet/IPv4 ARP body at {@code offset} (the flyweight's position). */
    public Arp write(int operation, long senderMac, int senderIp, long targetMac, int targetIp) {
        buf.setShort(offset + HTYPE_OFFSET, HTYPE_ETHERNET);
        buf.setShort(offset + PTYPE_OFFSET, Ethernet.TYPE_IPV4);
        buf.setByte(offset + HLEN_OFFSET, 6);
        buf.setByte(offset + PLEN_OFFSET, 4);
        buf.setShort(offset + OPER_OFFSET, operation);
        Ethernet.writeMac(buf, offset + SHA_OFFSET, senderMac);
        buf.setInt(offset + SPA_OFFSET, senderIp);
        Ethernet.writeMac(buf, offset + THA_OFFSET, targetMac);
        buf.setInt(offset + TPA_OFFSET, targetIp);
        return this;
    }
}
