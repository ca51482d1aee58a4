package dev.swarmnet.dataplane.wire;

import io.netty.buffer.ByteBuf;

/**
 * The virtio-net header a TAP with {@code IFF_VNET_HDR} puts in front of every frame (virtio
 * 1.1 §5.1.6, {@code struct virtio_net_hdr} with {@code num_buffers}: 12 bytes, little-endian).
 *
 * <pre>
 * +--------+--------+--------+--------+
 * | flags  |gso_type|     hdr_len     |
 * +--------+--------+--------+--------+
 * |    gso_size     |   csum_start    |
 * +--------+--------+--------+--------+
 * |   csum_offset   |   num_buffers   |
 * +--------+--------+--------+--------+
 * </pre>
 *
 * <p>With checksum and segmentation offloads on, the kernel hands over TCP "super-frames" of up
 * to 64 KiB ({@link #GSO_TCPV4}, to be cut at {@code gso_size}) and frames whose transport
 * checksum is only started ({@link #F_NEEDS_CSUM}: the field at {@code csum_start + csum_offset}
 * holds the pseudo-header sum, the rest is left to whoever sends the frame on). Owned by one
 * thread; a flyweight reused per frame.
 */
public final class VirtioNetHeader {
    public static final int FLAGS_OFFSET = 0;
    public static final int GSO_TYPE_OFFSET = 1;
    public static final int HDR_LEN_OFFSET = 2;
    public static final int GSO_SIZE_OFFSET = 4;
    public static final int CSUM_START_OFFSET = 6;
    public static final int CSUM_OFFSET_OFFSET = 8;
    public static final int LENGTH = 12;

    public static final int F_NEEDS_CSUM = 0x01;
    public static final int F_DATA_VALID = 0x02;
    public static final int GSO_NONE = 0x00;
    public static final int GSO_TCPV4 = 0x01;
    public static final int GSO_ECN = 0x80;

    private ByteBuf buf;
    private int offset;

    /** @return {@link #LENGTH} or {@link WireError#TRUNCATED} */
    public int wrap(ByteBuf buf, int offset, int length) {
        this.buf = buf;
        this.offset = offset;
        return length < LENGTH ? WireError.TRUNCATED : LENGTH;
    }

    public int flags() {
        return buf.getUnsignedByte(offset + FLAGS_OFFSET);
    }

    /** The segmentation type without the ECN bit. */
    public int gsoType() {
        return buf.getUnsignedByte(offset + GSO_TYPE_OFFSET) & ~GSO_ECN;
    }

    public int headerLength() {
        return buf.getUnsignedShortLE(offset + HDR_LEN_OFFSET);
    }

    public int gsoSize() {
        return buf.getUnsignedShortLE(offset + GSO_SIZE_OFFSET);
    }

    public int checksumStart() {
        return buf.getUnsignedShortLE(offset + CSUM_START_OFFSET);
    }

    public int checksumOffset() {
        return buf.getUnsignedShortLE(offset + CSUM_OFFSET_OFFSET);
    }

    /**
     * Writes a header for a TCP super-frame the kernel is to treat as {@code gso_size}-byte
     * segments, its TCP checksum holding only the pseudo-header sum ({@link #F_NEEDS_CSUM}).
     */
    public static void writeSegmented(ByteBuf buf, int index, int headerLength, int gsoSize, int checksumStart,
                                      int checksumOffset) {
        buf.setByte(index + FLAGS_OFFSET, F_NEEDS_CSUM);
        buf.setByte(index + GSO_TYPE_OFFSET, GSO_TCPV4);
        buf.setShortLE(index + HDR_LEN_OFFSET, headerLength);
        buf.setShortLE(index + GSO_SIZE_OFFSET, gsoSize);
        buf.setShortLE(index + CSUM_START_OFFSET, checksumStart);
        buf.setShortLE(index + CSUM_OFFSET_OFFSET, checksumOffset);
        buf.setShortLE(index + 10, 0);
    }

    /**
     * Writes a header for a whole frame whose checksums are complete and may be trusted
     * ({@link #F_DATA_VALID}: the receiving kernel skips verifying them) at an absolute index.
     */
    public static void writeValid(ByteBuf buf, int index) {
        buf.setLong(index, 0);
        buf.setInt(index + 8, 0);
        buf.setByte(index + FLAGS_OFFSET, F_DATA_VALID);
    }
}
