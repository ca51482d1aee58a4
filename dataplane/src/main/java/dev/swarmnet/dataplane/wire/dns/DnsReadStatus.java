package dev.swarmnet.dataplane.wire.dns;

/**
 * Status codes returned by {@link DnsMessageReader}: {@link #OK}, {@link #END_OF_RECORDS}, or a
 * negative error. Malformed input is ordinary data on the hot path, so it is reported as a code,
 * never as an exception. Stateless; any thread.
 */
public final class DnsReadStatus {
    /** The message (or record) was read and validated. */
    public static final int OK = 0;
    /** {@link DnsMessageReader#nextRecord()} has walked past the last record. */
    public static final int END_OF_RECORDS = 1;

    /** The message ends inside the header, a name, a question, a record or its RDATA. */
    public static final int TRUNCATED = -1;
    /** A label length octet uses the reserved 0x40 or 0x80 prefix (length 64..191). */
    public static final int BAD_LABEL = -2;
    /** A compression pointer targets the labels that led to it, which would loop. */
    public static final int POINTER_LOOP = -3;
    /** A compression pointer targets its own position or a later one inside the message. */
    public static final int FORWARD_POINTER = -4;
    /** A compression pointer targets the header or a position past the end of the message. */
    public static final int POINTER_OUT_OF_BOUNDS = -5;
    /** A name follows more than {@link DnsMessageReader#MAX_POINTER_JUMPS} pointers. */
    public static final int TOO_MANY_POINTERS = -6;
    /** A name's uncompressed wire form exceeds 255 octets (RFC 1035 §2.3.4). */
    public static final int NAME_TOO_LONG = -7;
    /** QDCOUNT exceeds the reader's question limit. */
    public static final int TOO_MANY_QUESTIONS = -8;
    /** QDCOUNT is zero. */
    public static final int NO_QUESTION = -9;
    /** An OPT record outside the additional section, with a non-root owner, or repeated (RFC 6891 §6.1.1). */
    public static final int BAD_OPT = -10;
    /** A caller-supplied scratch array is shorter than the name being copied. */
    public static final int DESTINATION_TOO_SMALL = -11;
    /** The reader has not been wrapped around a valid message. */
    public static final int NOT_WRAPPED = -12;

    private DnsReadStatus() {
    }

    /** Constant name of a status code, for diagnostics; returns a literal, never allocates. */
    public static String describe(int status) {
        switch (status) {
            case OK: return "OK";
            case END_OF_RECORDS: return "END_OF_RECORDS";
            case TRUNCATED: return "TRUNCATED";
            case BAD_LABEL: return "BAD_LABEL";
            case POINTER_LOOP: return "POINTER_LOOP";
            case FORWARD_POINTER: return "FORWARD_POINTER";
            case POINTER_OUT_OF_BOUNDS: return "POINTER_OUT_OF_BOUNDS";
            case TOO_MANY_POINTERS: return "TOO_MANY_POINTERS";
            case NAME_TOO_LONG: return "NAME_TOO_LONG";
            case TOO_MANY_QUESTIONS: return "TOO_MANY_QUESTIONS";
            case NO_QUESTION: return "NO_QUESTION";
            case BAD_OPT: return "BAD_OPT";
            case DESTINATION_TOO_SMALL: return "DESTINATION_TOO_SMALL";
            case NOT_WRAPPED: return "NOT_WRAPPED";
            default: return "UNKNOWN";
        }
    }
}
