package dev.swarmnet.dataplane.wire.dns;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;

/** Hand-written DNS messages (hex straight from RFC 1035 layouts) shared by the wire.dns tests. */
final class DnsTestMessages {
    /** Query id 0x1234, RD, one question: whoami.swarmnet. IN A. */
    static final String WHOAMI_QUERY =
        "1234 0100 0001 0000 0000 0000"
            + " 06 77686f616d69 08 737761726d6e6574 00 0001 0001";

    /** The same query with mixed case: WhoAmI.SwarmNet. IN A. */
    static final String WHOAMI_MIXED_CASE_QUERY =
        "1234 0100 0001 0000 0000 0000"
            + " 06 57686f416d49 08 537761726d4e6574 00 0001 0001";

    /** Authoritative answer to {@link #WHOAMI_QUERY}: whoami.swarmnet. 60 IN A 10.0.0.2. */
    static final String WHOAMI_RESPONSE =
        "1234 8500 0001 0001 0000 0000"
            + " 06 77686f616d69 08 737761726d6e6574 00 0001 0001"
            + " c00c 0001 0001 0000003c 0004 0a000002";

    /**
     * Response using compression: www.example.com. CNAME web.example.com. (target "web" + pointer
     * to "example" at 0x10), then web.example.com. A 93.184.216.34 (owner pointer to 0x2d).
     */
    static final String COMPRESSED_RESPONSE =
        "beef 8180 0001 0002 0000 0000"
            + " 03 777777 07 6578616d706c65 03 636f6d 00 0001 0001"
            + " c00c 0005 0001 00000e10 0006 03 776562 c010"
            + " c02d 0001 0001 0000003c 0004 5db8d822";

    /** Query www.example.com. IN AAAA with an OPT record: payload 1232, version 0, DO set. */
    static final String EDNS_QUERY =
        "abcd 0120 0001 0000 0000 0001"
            + " 03 777777 07 6578616d706c65 03 636f6d 00 001c 0001"
            + " 00 0029 04d0 00008000 0000";

    private DnsTestMessages() {
    }

    static byte[] bytes(String hex) {
        return ByteBufUtil.decodeHexDump(hex.replace(" ", ""));
    }

    /** A new heap buffer holding {@code hex}; the caller releases it. */
    static ByteBuf buffer(String hex) {
        byte[] bytes = bytes(hex);
        ByteBuf buf = Unpooled.buffer(bytes.length);
        buf.writeBytes(bytes);
        return buf;
    }

    static String hex(ByteBuf buf, int offset, int length) {
        return ByteBufUtil.hexDump(buf, offset, length);
    }
}
