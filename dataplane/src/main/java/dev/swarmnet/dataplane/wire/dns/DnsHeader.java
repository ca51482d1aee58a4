package dev.swarmnet.dataplane.wire.dns;

import io.netty.buffer.ByteBuf;

/**
 * Flyweight over the 12-octet DNS message header (RFC 1035 §4.1.1), plus the TYPE, CLASS and
 * RCODE constants the resolver uses. Owned by whichever event-loop thread owns the reader or
 * writer that wraps it; not thread-safe.
 *
 * <pre>
 *                                 1  1  1  1  1  1
 *   0  1  2  3  4  5  6  7  8  9  0  1  2  3  4  5
 * +--+--+--+--+--+--+--+--+--+--+--+--+--+--+--+--+
 * |                      ID                       |  0x00
 * +--+--+--+--+--+--+--+--+--+--+--+--+--+--+--+--+
 * |QR|   Opcode  |AA|TC|RD|RA|   Z    |   RCODE   |  0x02
 * +--+--+--+--+--+--+--+--+--+--+--+--+--+--+--+--+
 * |                    QDCOUNT                    |  0x04
 * +--+--+--+--+--+--+--+--+--+--+--+--+--+--+--+--+
 * |                    ANCOUNT                    |  0x06
 * +--+--+--+--+--+--+--+--+--+--+--+--+--+--+--+--+
 * |                    NSCOUNT                    |  0x08
 * +--+--+--+--+--+--+--+--+--+--+--+--+--+--+--+--+
 * |                    ARCOUNT                    |  0x0a
 * +--+--+--+--+--+--+--+--+--+--+--+--+--+--+--+--+
 * </pre>
 *
 * <p>Z is the 3-bit field of RFC 1035; RFC 4035 later gave its low two bits to AD and CD, which
 * this class exposes only through {@link #z()}. Bounds are the caller's concern: {@link
 * DnsMessageReader} checks the length before wrapping.
 */
public final class DnsHeader {
    public static final int ID_OFFSET = 0x00;
    public static final int FLAGS_OFFSET = 0x02;
    public static final int QDCOUNT_OFFSET = 0x04;
    public static final int ANCOUNT_OFFSET = 0x06;
    public static final int NSCOUNT_OFFSET = 0x08;
    public static final int ARCOUNT_OFFSET = 0x0a;
    /** Header length; also the offset of the first question name (pointer 0xc00c). */
    public static final int LENGTH = 0x0c;

    public static final int QR_MASK = 0x8000;
    public static final int OPCODE_MASK = 0x7800;
    public static final int OPCODE_SHIFT = 11;
    public static final int AA_MASK = 0x0400;
    public static final int TC_MASK = 0x0200;
    public static final int RD_MASK = 0x0100;
    public static final int RA_MASK = 0x0080;
    public static final int Z_MASK = 0x0070;
    public static final int Z_SHIFT = 4;
    public static final int RCODE_MASK = 0x000f;

    public static final int OPCODE_QUERY = 0x0;

    public static final int RCODE_NOERROR = 0x0;
    public static final int RCODE_FORMERR = 0x1;
    public static final int RCODE_SERVFAIL = 0x2;
    public static final int RCODE_NXDOMAIN = 0x3;
    public static final int RCODE_NOTIMP = 0x4;
    public static final int RCODE_REFUSED = 0x5;

    /** RFC 1035 §3.4.1. */
    public static final int TYPE_A = 0x0001;
    public static final int TYPE_NS = 0x0002;
    public static final int TYPE_CNAME = 0x0005;
    public static final int TYPE_SOA = 0x0006;
    public static final int TYPE_PTR = 0x000c;
    public static final int TYPE_MX = 0x000f;
    public static final int TYPE_TXT = 0x0010;
    /** RFC 3596 §2.1. */
    public static final int TYPE_AAAA = 0x001c;
    /** RFC 2782. */
    public static final int TYPE_SRV = 0x0021;
    /** RFC 6891 §6.1.1. */
    public static final int TYPE_OPT = 0x0029;
    public static final int TYPE_ANY = 0x00ff;

    public static final int CLASS_IN = 0x0001;

    /** Largest plain UDP message (RFC 1035 §4.2.1). */
    public static final int MAX_UDP_LENGTH = 0x0200;

    private ByteBuf buf;
    private int offset;

    /** Points this flyweight at a header starting at {@code offset}; does not check bounds. */
    public DnsHeader wrap(ByteBuf buf, int offset) {
        this.buf = buf;
        this.offset = offset;
        return this;
    }

    public ByteBuf buffer() {
        return buf;
    }

    public int offset() {
        return offset;
    }

    public int id() {
        return buf.getUnsignedShort(offset + ID_OFFSET);
    }

    public DnsHeader id(int id) {
        buf.setShort(offset + ID_OFFSET, id);
        return this;
    }

    /** The whole second 16-bit word: QR, Opcode, AA, TC, RD, RA, Z, RCODE. */
    public int flags() {
        return buf.getUnsignedShort(offset + FLAGS_OFFSET);
    }

    public DnsHeader flags(int flags) {
        buf.setShort(offset + FLAGS_OFFSET, flags);
        return this;
    }

    /** QR: true for a response. */
    public boolean qr() {
        return (flags() & QR_MASK) != 0;
    }

    public DnsHeader qr(boolean response) {
        return flag(QR_MASK, response);
    }

    public int opcode() {
        return (flags() & OPCODE_MASK) >>> OPCODE_SHIFT;
    }

    public DnsHeader opcode(int opcode) {
        return flags((flags() & ~OPCODE_MASK) | ((opcode << OPCODE_SHIFT) & OPCODE_MASK));
    }

    public boolean aa() {
        return (flags() & AA_MASK) != 0;
    }

    public DnsHeader aa(boolean authoritative) {
        return flag(AA_MASK, authoritative);
    }

    public boolean tc() {
        return (flags() & TC_MASK) != 0;
    }

    public DnsHeader tc(boolean truncated) {
        return flag(TC_MASK, truncated);
    }

    public boolean rd() {
        return (flags() & RD_MASK) != 0;
    }

    public DnsHeader rd(boolean recursionDesired) {
        return flag(RD_MASK, recursionDesired);
    }

    public boolean ra() {
        return (flags() & RA_MASK) != 0;
    }

    public DnsHeader ra(boolean recursionAvailable) {
        return flag(RA_MASK, recursionAvailable);
    }

    public int z() {
        return (flags() & Z_MASK) >>> Z_SHIFT;
    }

    public DnsHeader z(int z) {
        return flags((flags() & ~Z_MASK) | ((z << Z_SHIFT) & Z_MASK));
    }

    public int rcode() {
        return flags() & RCODE_MASK;
    }

    public DnsHeader rcode(int rcode) {
        return flags((flags() & ~RCODE_MASK) | (rcode & RCODE_MASK));
    }

    public int qdCount() {
        return buf.getUnsignedShort(offset + QDCOUNT_OFFSET);
    }

    public DnsHeader qdCount(int count) {
        buf.setShort(offset + QDCOUNT_OFFSET, count);
        return this;
    }

    public int anCount() {
        return buf.getUnsignedShort(offset + ANCOUNT_OFFSET);
    }

    public DnsHeader anCount(int count) {
        buf.setShort(offset + ANCOUNT_OFFSET, count);
        return this;
    }

    public int nsCount() {
        return buf.getUnsignedShort(offset + NSCOUNT_OFFSET);
    }

    public DnsHeader nsCount(int count) {
        buf.setShort(offset + NSCOUNT_OFFSET, count);
        return this;
    }

    public int arCount() {
        return buf.getUnsignedShort(offset + ARCOUNT_OFFSET);
    }

    public DnsHeader arCount(int count) {
        buf.setShort(offset + ARCOUNT_OFFSET, count);
        return this;
    }

    /** Zeroes all twelve octets. */
    public DnsHeader clear() {
        buf.setZero(offset, LENGTH);
        return this;
    }

    private DnsHeader flag(int mask, boolean set) {
        int flags = flags();
        return flags(set ? flags | mask : flags & ~mask);
    }
}
