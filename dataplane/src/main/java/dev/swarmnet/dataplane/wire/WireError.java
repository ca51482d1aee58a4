package dev.swarmnet.dataplane.wire;

/**
 * Negative results of the codecs' {@code wrap} methods: why a header could not be read.
 * Non-negative results mean success (usually the header length).
 */
public final class WireError {
    /** Fewer bytes than the header (or the length the header claims) needs. */
    public static final int TRUNCATED = -1;
    /** IPv4 version field is not 4. */
    public static final int BAD_VERSION = -2;
    /** IPv4 IHL below 5 words, or larger than the packet. */
    public static final int BAD_HEADER_LENGTH = -3;
    /** IPv4 total length shorter than its header or longer than the frame. */
    public static final int BAD_TOTAL_LENGTH = -4;
    /** TCP data offset below 5 words or beyond the segment. */
    public static final int BAD_DATA_OFFSET = -5;
    /** UDP length shorter than 8 or longer than the IP payload. */
    public static final int BAD_LENGTH = -6;
    /** VXLAN header without the I flag (RFC 7348 §5). */
    public static final int NO_VNI_FLAG = -7;
    /** A well-formed header of a kind this codec does not handle (e.g. ARP for IPv6). */
    public static final int UNSUPPORTED = -8;

    private WireError() {
    }

    /** Display name of an error code, for logs and counters. */
    public static String name(int code) {
        switch (code) {
            case TRUNCATED: return "truncated";
            case BAD_VERSION: return "bad-version";
            case BAD_HEADER_LENGTH: return "bad-header-length";
            case BAD_TOTAL_LENGTH: return "bad-total-length";
            case BAD_DATA_OFFSET: return "bad-data-offset";
            case BAD_LENGTH: return "bad-length";
            case NO_VNI_FLAG: return "no-vni-flag";
            case UNSUPPORTED: return "unsupported";
            default: return code >= 0 ? "ok" : "unknown(" + code + ")";
        }
    }
}
