package dev.swarmnet.dataplane.wire;

import io.netty.buffer.ByteBuf;

/**
 * ICMP for IPv4 (RFC 792), with "fragmentation needed" carrying the next-hop MTU (RFC 1191).
 *
 * <pre>
 * +--------+--------+--------+--------+
 * |  Type  |  Code  |    Checksum     |
 * +--------+--------+--------+--------+
 * | identifier/unused | seq / next-hop MTU |
 * +--------+--------+--------+--------+
 * </pre>
 *
 * <p>Owned by one thread; a flyweight reused per packet.
 */
public final class Icmp {
    public static final int TYPE_OFFSET = 0;
    public static final int CODE_OFFSET = 1;
    public static final int CHECKSUM_OFFSET = 2;
    public static final int IDENTIFIER_OFFSET = 4;
    public static final int SEQUENCE_OFFSET = 6;
    public static final int NEXT_HOP_MTU_OFFSET = 6;
    public static final int HEADER_LENGTH = 8;

    public static final int TYPE_ECHO_REPLY = 0x00;
    public static final int TYPE_DEST_UNREACHABLE = 0x03;
    public static final int TYPE_ECHO_REQUEST = 0x08;
    public static final int TYPE_TIME_EXCEEDED = 0x0b;
    public static final int CODE_FRAGMENTATION_NEEDED = 0x04;

    private ByteBuf buf;
    private int offset;

    /** @return {@link #HEADER_LENGTH} or {@link WireError#TRUNCATED} */
    public int wrap(ByteBuf buf, int offset, int length) {
        this.buf = buf;
        this.offset = offset;
        return length < HEADER_LENGTH ? WireError.TRUNCATED : HEADER_LENGTH;
    }

    public int type() {
        return buf.getUnsignedByte(offset + TYPE_OFFSET);
    }

    public int code() {
        return buf.getUnsignedByte(offset + CODE_OFFSET);
    }

    public int checksum() {
        return buf.getUnsignedShort(offset + CHECKSUM_OFFSET);
    }

    public int identifier() {
        return buf.getUnsignedShort(offset + IDENTIFIER_OFFSET);
    }

    public int nextHopMtu() {
        return buf.getUnsignedShort(offset + NEXT_HOP_MTU_OFFSET);
    }

    /** Changes the type, keeping the checksum right (echo request → echo reply). */
    public Icmp rewriteType(int type) {
        int oldWord = buf.getUnsignedShort(offset + TYPE_OFFSET);
        buf.setByte(offset + TYPE_OFFSET, type);
        int newWord = buf.getUnsignedShort(offset + TYPE_OFFSET);
        buf.setShort(offset + CHECKSUM_OFFSET, Checksums.update16(checksum(), oldWord, newWord));
        return this;
    }

    /** Writes type, code and the rest-of-header word; the checksum is left for {@link #fillChecksum}. */
    public Icmp write(int type, int code, int restOfHeader) {
        buf.setByte(offset + TYPE_OFFSET, type);
        buf.setByte(offset + CODE_OFFSET, code);
        buf.setShort(offset + CHECKSUM_OFFSET, 0);
        buf.setInt(offset + IDENTIFIER_OFFSET, restOfHeader);
        return this;
    }

    /** Computes the checksum over {@code length} bytes of message (no pseudo-header in ICMPv4). */
    public Icmp fillChecksum(int length) {
        buf.setShort(offset + CHECKSUM_OFFSET, 0);
        buf.setShort(offset + CHECKSUM_OFFSET, Checksums.compute(buf, offset, length, 0));
        return this;
    }
}
