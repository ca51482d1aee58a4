package dev.swarmnet.dataplane.wire.dns;

import io.netty.buffer.ByteBuf;

/**
 * Validating cursor over one DNS message (RFC 1035 §4.1): {@link #wrap} checks the header, every
 * question and every resource record, notes the EDNS OPT record (RFC 6891), and then exposes the
 * first question and a record cursor ({@link #nextRecord()}).
 *
 * <p>Owned by one event-loop thread and reused for every message: after construction it never
 * allocates, throws on input, or touches the buffer's indices or reference count. Results are
 * {@link DnsReadStatus} codes. Offsets returned by accessors are absolute buffer indexes; names
 * found there may be compressed and are read through this reader's name methods or {@link
 * DnsNames#decode}.
 *
 * <pre>
 * +---------------------+
 * |        Header       |  12 octets, {@link DnsHeader}
 * +---------------------+
 * |       Question      |  QDCOUNT x (QNAME, QTYPE, QCLASS)
 * +---------------------+
 * |        Answer       |  ANCOUNT x RR
 * +---------------------+
 * |      Authority      |  NSCOUNT x RR
 * +---------------------+
 * |      Additional     |  ARCOUNT x RR (OPT lives here)
 * +---------------------+
 * RR: NAME, TYPE(2), CLASS(2), TTL(4), RDLENGTH(2), RDATA(RDLENGTH)
 * </pre>
 */
public final class DnsMessageReader {
    /** Default QDCOUNT limit: a query carries exactly one question in practice (RFC 9619). */
    public static final int DEFAULT_MAX_QUESTIONS = 0x01;
    /** Compression pointers followed per name before giving up with TOO_MANY_POINTERS. */
    public static final int MAX_POINTER_JUMPS = 0x20;

    public static final int SECTION_ANSWER = 0x1;
    public static final int SECTION_AUTHORITY = 0x2;
    public static final int SECTION_ADDITIONAL = 0x3;

    /** Offsets within a question after its name, and within a record after its owner name. */
    public static final int QTYPE_OFFSET = 0x0;
    public static final int QCLASS_OFFSET = 0x2;
    public static final int QUESTION_FIXED_LENGTH = 0x4;
    public static final int TYPE_OFFSET = 0x0;
    public static final int CLASS_OFFSET = 0x2;
    public static final int TTL_OFFSET = 0x4;
    public static final int RDLENGTH_OFFSET = 0x8;
    public static final int RECORD_FIXED_LENGTH = 0xa;

    private final int maxQuestions;
    private final DnsHeader header = new DnsHeader();

    private ByteBuf buf;
    private int messageStart;
    private int messageEnd;
    private boolean wrapped;

    private int questionNameIndex;
    private int questionNameEncodedLength;
    private int questionNameWireLength;
    private int questionType;
    private int questionClass;
    private long questionNameHash;
    private int recordsStart;
    private int recordsEnd;

    private int anCount;
    private int nsCount;
    private int arCount;
    private int cursor;
    private int recordIndex;

    private int recordSection;
    private int recordNameIndex;
    private int recordType;
    private int recordClass;
    private int recordTtl;
    private int recordRdataLength;
    private int recordRdataIndex;

    private boolean edns;
    private int ednsUdpPayloadSize;
    private int ednsTtlField;

    /** A reader accepting {@link #DEFAULT_MAX_QUESTIONS} question. */
    public DnsMessageReader() {
        this(DEFAULT_MAX_QUESTIONS);
    }

    /** A reader accepting up to {@code maxQuestions} questions (1..0xffff). */
    public DnsMessageReader(int maxQuestions) {
        if (maxQuestions < 1 || maxQuestions > 0xffff) {
            throw new IllegalArgumentException("maxQuestions must be in 1..65535: " + maxQuestions);
        }
        this.maxQuestions = maxQuestions;
    }

    /**
     * Wraps and validates the message at {@code buf[offset, offset + length)}. On success the
     * record cursor is positioned before the first answer.
     *
     * @return {@link DnsReadStatus#OK} or a negative {@link DnsReadStatus} error; after an error
     *     the accessors are meaningless and {@link #nextRecord()} returns NOT_WRAPPED
     */
    public int wrap(ByteBuf buf, int offset, int length) {
        this.buf = buf;
        this.messageStart = offset;
        this.messageEnd = offset + length;
        this.wrapped = false;
        this.edns = false;
        this.ednsUdpPayloadSize = 0;
        this.ednsTtlField = 0;
        if (length < DnsHeader.LENGTH || offset < 0 || length > buf.capacity() - offset) {
            return DnsReadStatus.TRUNCATED;
        }
        header.wrap(buf, offset);
        int qdCount = header.qdCount();
        if (qdCount == 0) {
            return DnsReadStatus.NO_QUESTION;
        }
        if (qdCount > maxQuestions) {
            return DnsReadStatus.TOO_MANY_QUESTIONS;
        }
        int position = offset + DnsHeader.LENGTH;
        for (int i = 0; i < qdCount; i++) {
            int scan = DnsNameWalker.scan(buf, messageStart, messageEnd, position, MAX_POINTER_JUMPS);
            if (scan < 0) {
                return scan;
            }
            int fixed = position + DnsNameWalker.encodedLength(scan);
            if (fixed + QUESTION_FIXED_LENGTH > messageEnd) {
                return DnsReadStatus.TRUNCATED;
            }
            if (i == 0) {
                questionNameIndex = position;
                questionNameEncodedLength = DnsNameWalker.encodedLength(scan);
                questionNameWireLength = DnsNameWalker.wireLength(scan);
                questionType = buf.getUnsignedShort(fixed + QTYPE_OFFSET);
                questionClass = buf.getUnsignedShort(fixed + QCLASS_OFFSET);
            }
            position = fixed + QUESTION_FIXED_LENGTH;
        }
        recordsStart = position;
        anCount = header.anCount();
        nsCount = header.nsCount();
        arCount = header.arCount();
        rewindRecords();
        int status;
        while ((status = readRecord()) == DnsReadStatus.OK) {
            if (recordType == DnsHeader.TYPE_OPT) {
                if (recordSection != SECTION_ADDITIONAL || edns || buf.getByte(recordNameIndex) != 0) {
                    return DnsReadStatus.BAD_OPT;
                }
                edns = true;
                ednsUdpPayloadSize = recordClass;
                ednsTtlField = recordTtl;
            }
        }
        if (status != DnsReadStatus.END_OF_RECORDS) {
            return status;
        }
        recordsEnd = cursor;
        questionNameHash = DnsNameWalker.hash(buf, messageStart, questionNameIndex);
        rewindRecords();
        wrapped = true;
        return DnsReadStatus.OK;
    }

    /** The header flyweight of the wrapped message. */
    public DnsHeader header() {
        return header;
    }

    public ByteBuf buffer() {
        return buf;
    }

    public int messageOffset() {
        return messageStart;
    }

    public int messageLength() {
        return messageEnd - messageStart;
    }

    /** Absolute index just past the last record; octets between here and the end are ignored. */
    public int recordsEnd() {
        return recordsEnd;
    }

    public int questionType() {
        return questionType;
    }

    public int questionClass() {
        return questionClass;
    }

    /** Absolute index of the first question's name. */
    public int questionNameOffset() {
        return questionNameIndex;
    }

    /** Octets the first question's name occupies in place (compressed form). */
    public int questionNameEncodedLength() {
        return questionNameEncodedLength;
    }

    /** Length of the first question's name in uncompressed wire form (at most 255). */
    public int questionNameWireLength() {
        return questionNameWireLength;
    }

    /** {@link DnsNameHash} of the first question's name, computed once in {@link #wrap}. */
    public long questionNameHash() {
        return questionNameHash;
    }

    /** Whether the first question's name equals a lower-case uncompressed wire name, ignoring ASCII case. */
    public boolean questionNameEquals(byte[] lowerCaseWireName) {
        return wrapped && DnsNameWalker.equalsLowerCase(buf, messageStart, questionNameIndex, lowerCaseWireName);
    }

    /**
     * Copies the first question's name, uncompressed and lower-cased, to the start of {@code dst}.
     *
     * @return octets written, or DESTINATION_TOO_SMALL / NOT_WRAPPED
     */
    public int copyQuestionNameLowerCase(byte[] dst) {
        if (!wrapped) {
            return DnsReadStatus.NOT_WRAPPED;
        }
        if (dst.length < questionNameWireLength) {
            return DnsReadStatus.DESTINATION_TOO_SMALL;
        }
        return DnsNameWalker.copy(buf, messageStart, questionNameIndex, dst, true);
    }

    /** Whether the message carries an OPT record. */
    public boolean hasEdns() {
        return edns;
    }

    /** The requester's UDP payload size from OPT CLASS, or 0 without EDNS. */
    public int ednsUdpPayloadSize() {
        return ednsUdpPayloadSize;
    }

    /** EDNS version from the OPT TTL field (RFC 6891 §6.1.3). */
    public int ednsVersion() {
        return (ednsTtlField >>> 16) & 0xff;
    }

    /** Upper eight bits of the extended RCODE from the OPT TTL field. */
    public int ednsExtendedRcode() {
        return ednsTtlField >>> 24;
    }

    /** EDNS flags (DO is 0x8000) from the OPT TTL field. */
    public int ednsFlags() {
        return ednsTtlField & 0xffff;
    }

    /** Moves the record cursor back before the first answer. */
    public void rewindRecords() {
        cursor = recordsStart;
        recordIndex = 0;
    }

    /**
     * Advances to the next resource record across answer, authority and additional sections.
     *
     * @return OK when positioned on a record, END_OF_RECORDS after the last one, or an error
     */
    public int nextRecord() {
        if (!wrapped) {
            return DnsReadStatus.NOT_WRAPPED;
        }
        return readRecord();
    }

    private int readRecord() {
        int index = recordIndex;
        if (index < anCount) {
            recordSection = SECTION_ANSWER;
        } else if (index < anCount + nsCount) {
            recordSection = SECTION_AUTHORITY;
        } else if (index < anCount + nsCount + arCount) {
            recordSection = SECTION_ADDITIONAL;
        } else {
            return DnsReadStatus.END_OF_RECORDS;
        }
        int scan = DnsNameWalker.scan(buf, messageStart, messageEnd, cursor, MAX_POINTER_JUMPS);
        if (scan < 0) {
            return scan;
        }
        int fixed = cursor + DnsNameWalker.encodedLength(scan);
        if (fixed + RECORD_FIXED_LENGTH > messageEnd) {
            return DnsReadStatus.TRUNCATED;
        }
        int rdataLength = buf.getUnsignedShort(fixed + RDLENGTH_OFFSET);
        int rdataIndex = fixed + RECORD_FIXED_LENGTH;
        if (rdataIndex + rdataLength > messageEnd) {
            return DnsReadStatus.TRUNCATED;
        }
        recordNameIndex = cursor;
        recordType = buf.getUnsignedShort(fixed + TYPE_OFFSET);
        recordClass = buf.getUnsignedShort(fixed + CLASS_OFFSET);
        recordTtl = buf.getInt(fixed + TTL_OFFSET);
        recordRdataLength = rdataLength;
        recordRdataIndex = rdataIndex;
        cursor = rdataIndex + rdataLength;
        recordIndex = index + 1;
        return DnsReadStatus.OK;
    }

    /** SECTION_ANSWER, SECTION_AUTHORITY or SECTION_ADDITIONAL of the current record. */
    public int recordSection() {
        return recordSection;
    }

    /** Absolute index of the current record's owner name (possibly compressed). */
    public int recordNameOffset() {
        return recordNameIndex;
    }

    public int recordType() {
        return recordType;
    }

    public int recordClass() {
        return recordClass;
    }

    /** TTL as the raw 32-bit field; RFC 2181 §8 treats values with the top bit set as zero. */
    public int recordTtl() {
        return recordTtl;
    }

    public int recordRdataLength() {
        return recordRdataLength;
    }

    /** Absolute index of the current record's RDATA. */
    public int recordRdataOffset() {
        return recordRdataIndex;
    }

    /** {@link DnsNameHash} of the current record's owner name. */
    public long recordNameHash() {
        return DnsNameWalker.hash(buf, messageStart, recordNameIndex);
    }

    /**
     * Validates a name found inside the current message, for example in RDATA of NS, CNAME, PTR
     * or SRV, and returns its uncompressed wire length or a negative error. Following RFC 3597
     * §4, compression inside RDATA is only expected for the RFC 1035 types.
     */
    public int validateName(int nameIndex) {
        if (!wrapped) {
            return DnsReadStatus.NOT_WRAPPED;
        }
        if (nameIndex < messageStart || nameIndex >= messageEnd) {
            return DnsReadStatus.TRUNCATED;
        }
        int scan = DnsNameWalker.scan(buf, messageStart, messageEnd, nameIndex, MAX_POINTER_JUMPS);
        return scan < 0 ? scan : DnsNameWalker.wireLength(scan);
    }

    /**
     * Copies a name at {@code nameIndex} (validated here), uncompressed and lower-cased, to {@code dst}.
     *
     * @return octets written or a negative error
     */
    public int copyNameLowerCase(int nameIndex, byte[] dst) {
        int wireLength = validateName(nameIndex);
        if (wireLength < 0) {
            return wireLength;
        }
        if (dst.length < wireLength) {
            return DnsReadStatus.DESTINATION_TOO_SMALL;
        }
        return DnsNameWalker.copy(buf, messageStart, nameIndex, dst, true);
    }
}
