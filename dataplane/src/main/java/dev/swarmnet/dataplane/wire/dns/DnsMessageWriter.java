package dev.swarmnet.dataplane.wire.dns;

import io.netty.buffer.ByteBuf;

/**
 * Builds one DNS response in place (RFC 1035 §4.1) with A (RFC 1035 §3.4.1), AAAA (RFC 3596
 * §2.2), PTR (RFC 1035 §3.3.12) and SRV (RFC 2782) records, never writing past a size limit.
 *
 * <p>Order of use: {@link #wrap}, then {@link #beginResponse} or {@link #header()} plus {@link
 * #question}, then records (answer section first; {@link #section} moves forward), optionally
 * {@link #reserveOpt}, and finally {@link #finish()} for the length. Owner names are 14-bit
 * offsets of a name already in the message, written as a compression pointer {@code 0xc000 |
 * offset}: {@link #QUESTION_NAME_OFFSET} for the question name, or {@link #lastNameOffset()} for
 * the target of the previous PTR or SRV record. RDATA names are written uncompressed, as RFC 2782
 * requires for SRV targets.
 *
 * <p>When a record would cross the limit nothing of it is written, the writer stops accepting
 * records, and TC is set if the record was for the answer or authority section; additional data
 * is dropped silently (RFC 2181 §9). Record methods return whether the record was written.
 *
 * <p>Owned by one event-loop thread and reused; after construction it never allocates. It leaves
 * the buffer's indices and reference count alone; set the writer index from {@link #finish()}.
 */
public final class DnsMessageWriter {
    /** Offset of the question name in every response this writer builds. */
    public static final int QUESTION_NAME_OFFSET = DnsHeader.LENGTH;
    public static final int POINTER_PREFIX = 0xc000;
    public static final int A_RDATA_LENGTH = 0x04;
    public static final int AAAA_RDATA_LENGTH = 0x10;
    public static final int SRV_FIXED_RDATA_LENGTH = 0x06;
    /** Root name, TYPE, CLASS, TTL, RDLENGTH with no options (RFC 6891 §6.1.2). */
    public static final int OPT_RECORD_LENGTH = 0x0b;
    private static final int POINTER_LENGTH = 0x02;
    private static final int RECORD_HEADER_LENGTH = POINTER_LENGTH + DnsMessageReader.RECORD_FIXED_LENGTH;

    private final DnsHeader header = new DnsHeader();

    private ByteBuf buf;
    private int messageStart;
    private int limit;
    private int position;
    private int section;
    private boolean full;
    private int lastNameOffset;
    private int optPayloadSize;

    /**
     * Starts a message at {@code buf[offset]} that may use at most {@code maxLength} octets
     * (clamped to the buffer's capacity), with a zeroed header.
     *
     * @return false if not even the header fits
     */
    public boolean wrap(ByteBuf buf, int offset, int maxLength) {
        this.buf = buf;
        this.messageStart = offset;
        this.limit = offset + Math.min(maxLength, buf.capacity() - offset);
        this.position = offset;
        this.section = DnsMessageReader.SECTION_ANSWER;
        this.full = false;
        this.lastNameOffset = -1;
        this.optPayloadSize = -1;
        if (position + DnsHeader.LENGTH > limit) {
            full = true;
            return false;
        }
        header.wrap(buf, offset).clear();
        position += DnsHeader.LENGTH;
        return true;
    }

    /** The header flyweight of the message being written. */
    public DnsHeader header() {
        return header;
    }

    /**
     * Writes a response header and echoes the question of a successfully wrapped query: same ID,
     * opcode and RD, QR set, the given AA and RCODE, question name copied with its case intact.
     *
     * @return false if the question does not fit
     */
    public boolean beginResponse(DnsMessageReader query, boolean authoritative, int rcode) {
        DnsHeader q = query.header();
        header.id(q.id())
            .flags(DnsHeader.QR_MASK | (q.flags() & (DnsHeader.OPCODE_MASK | DnsHeader.RD_MASK)))
            .aa(authoritative)
            .rcode(rcode);
        int needed = query.questionNameWireLength() + DnsMessageReader.QUESTION_FIXED_LENGTH;
        if (!fits(needed)) {
            return false;
        }
        position += DnsNameWalker.copy(query.buffer(), query.messageOffset(), query.questionNameOffset(), buf, position);
        writeQuestionTail(query.questionType(), query.questionClass());
        return true;
    }

    /**
     * Writes the single question from a precomputed uncompressed wire name.
     *
     * @return false if it does not fit
     */
    public boolean question(byte[] wireName, int qtype, int qclass) {
        if (!fits(wireName.length + DnsMessageReader.QUESTION_FIXED_LENGTH)) {
            return false;
        }
        buf.setBytes(position, wireName);
        position += wireName.length;
        writeQuestionTail(qtype, qclass);
        return true;
    }

    /**
     * Moves on to {@link DnsMessageReader#SECTION_AUTHORITY} or {@link
     * DnsMessageReader#SECTION_ADDITIONAL}; sections only move forward.
     */
    public void section(int nextSection) {
        if (nextSection < section || nextSection > DnsMessageReader.SECTION_ADDITIONAL) {
            throw new IllegalArgumentException("sections only move forward");
        }
        section = nextSection;
    }

    /** An A record: 32-bit IPv4 address in host order, e.g. 0x0a000001 for 10.0.0.1. */
    public boolean a(int ownerNameOffset, int ttl, int ipv4) {
        if (!beginRecord(ownerNameOffset, DnsHeader.TYPE_A, ttl, A_RDATA_LENGTH)) {
            return false;
        }
        buf.setInt(position, ipv4);
        position += A_RDATA_LENGTH;
        return true;
    }

    /** An AAAA record from the high and low 64 bits of the address (network order). */
    public boolean aaaa(int ownerNameOffset, int ttl, long high, long low) {
        if (!beginRecord(ownerNameOffset, DnsHeader.TYPE_AAAA, ttl, AAAA_RDATA_LENGTH)) {
            return false;
        }
        buf.setLong(position, high);
        buf.setLong(position + 0x08, low);
        position += AAAA_RDATA_LENGTH;
        return true;
    }

    /** An AAAA record from a 16-octet address. */
    public boolean aaaa(int ownerNameOffset, int ttl, byte[] address) {
        if (address.length != AAAA_RDATA_LENGTH) {
            throw new IllegalArgumentException("IPv6 address must be 16 octets");
        }
        if (!beginRecord(ownerNameOffset, DnsHeader.TYPE_AAAA, ttl, AAAA_RDATA_LENGTH)) {
            return false;
        }
        buf.setBytes(position, address);
        position += AAAA_RDATA_LENGTH;
        return true;
    }

    /** A PTR record pointing at a precomputed uncompressed wire name. */
    public boolean ptr(int ownerNameOffset, int ttl, byte[] wireName) {
        if (!beginRecord(ownerNameOffset, DnsHeader.TYPE_PTR, ttl, wireName.length)) {
            return false;
        }
        lastNameOffset = position - messageStart;
        buf.setBytes(position, wireName);
        position += wireName.length;
        return true;
    }

    /** An SRV record (RFC 2782): priority, weight, port, then the uncompressed target name. */
    public boolean srv(int ownerNameOffset, int ttl, int priority, int weight, int port, byte[] wireTargetName) {
        if (!beginRecord(ownerNameOffset, DnsHeader.TYPE_SRV, ttl, SRV_FIXED_RDATA_LENGTH + wireTargetName.length)) {
            return false;
        }
        buf.setShort(position, priority);
        buf.setShort(position + 0x02, weight);
        buf.setShort(position + 0x04, port);
        lastNameOffset = position + SRV_FIXED_RDATA_LENGTH - messageStart;
        buf.setBytes(position + SRV_FIXED_RDATA_LENGTH, wireTargetName);
        position += SRV_FIXED_RDATA_LENGTH + wireTargetName.length;
        return true;
    }

    /**
     * Message offset of the name written in the last PTR or SRV RDATA, usable as the owner of
     * the target's A/AAAA records in the additional section; -1 if none.
     */
    public int lastNameOffset() {
        return lastNameOffset;
    }

    /**
     * Reserves room for an OPT record advertising {@code udpPayloadSize}, written by {@link
     * #finish()} after every other record (RFC 6891 §7: answer EDNS with EDNS, even when TC).
     *
     * @return false if the reservation does not fit
     */
    public boolean reserveOpt(int udpPayloadSize) {
        if (optPayloadSize >= 0 || position + OPT_RECORD_LENGTH > limit) {
            return false;
        }
        limit -= OPT_RECORD_LENGTH;
        optPayloadSize = udpPayloadSize;
        return true;
    }

    /** Whether a record has been refused for lack of space. */
    public boolean isFull() {
        return full;
    }

    /** Octets written so far, not counting a reserved OPT record. */
    public int length() {
        return position - messageStart;
    }

    /** Writes the reserved OPT record, if any, and returns the message length. */
    public int finish() {
        if (optPayloadSize >= 0) {
            limit += OPT_RECORD_LENGTH;
            buf.setByte(position, 0);
            buf.setShort(position + 0x01, DnsHeader.TYPE_OPT);
            buf.setShort(position + 0x03, optPayloadSize);
            buf.setInt(position + 0x05, 0);
            buf.setShort(position + 0x09, 0);
            position += OPT_RECORD_LENGTH;
            header.arCount(header.arCount() + 1);
            optPayloadSize = -1;
        }
        return position - messageStart;
    }

    private boolean fits(int octets) {
        if (full || position + octets > limit) {
            full = true;
            return false;
        }
        return true;
    }

    private void writeQuestionTail(int qtype, int qclass) {
        buf.setShort(position + DnsMessageReader.QTYPE_OFFSET, qtype);
        buf.setShort(position + DnsMessageReader.QCLASS_OFFSET, qclass);
        position += DnsMessageReader.QUESTION_FIXED_LENGTH;
        header.qdCount(header.qdCount() + 1);
    }

    private boolean beginRecord(int ownerNameOffset, int type, int ttl, int rdataLength) {
        if (ownerNameOffset < DnsHeader.LENGTH || ownerNameOffset >= position - messageStart
            || ownerNameOffset > DnsNameWalker.POINTER_OFFSET_MASK) {
            throw new IllegalArgumentException("owner name offset must point back into the message");
        }
        if (full || position + RECORD_HEADER_LENGTH + rdataLength > limit) {
            if (!full && section != DnsMessageReader.SECTION_ADDITIONAL) {
                header.tc(true);
            }
            full = true;
            return false;
        }
        buf.setShort(position, POINTER_PREFIX | ownerNameOffset);
        int fixed = position + POINTER_LENGTH;
        buf.setShort(fixed + DnsMessageReader.TYPE_OFFSET, type);
        buf.setShort(fixed + DnsMessageReader.CLASS_OFFSET, DnsHeader.CLASS_IN);
        buf.setInt(fixed + DnsMessageReader.TTL_OFFSET, ttl);
        buf.setShort(fixed + DnsMessageReader.RDLENGTH_OFFSET, rdataLength);
        position = fixed + DnsMessageReader.RECORD_FIXED_LENGTH;
        switch (section) {
            case DnsMessageReader.SECTION_ANSWER:
                header.anCount(header.anCount() + 1);
                break;
            case DnsMessageReader.SECTION_AUTHORITY:
                header.nsCount(header.nsCount() + 1);
                break;
            default:
                header.arCount(header.arCount() + 1);
                break;
        }
        return true;
    }
}
