package dev.swarmnet.dataplane.testing;

import dev.swarmnet.dataplane.wire.dns.DnsHeader;
import dev.swarmnet.dataplane.wire.dns.DnsMessageReader;
import dev.swarmnet.dataplane.wire.dns.DnsNames;
import dev.swarmnet.dataplane.wire.dns.DnsReadStatus;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/** DNS queries as tasks send them, and responses decoded with the data plane's own reader. */
public final class DnsQueries {
    private DnsQueries() {
    }

    /** A query with RD set for {@code name} (case kept as given), optionally with an EDNS OPT record. */
    public static byte[] query(int id, String name, int qtype, boolean edns) {
        byte[] wire = caseKept(name);
        ByteBuffer b = ByteBuffer.allocate(12 + wire.length + 4 + (edns ? 11 : 0));
        b.putShort((short) id).putShort((short) DnsHeader.RD_MASK).putShort((short) 1).putShort((short) 0)
                .putShort((short) 0).putShort((short) (edns ? 1 : 0));
        b.put(wire).putShort((short) qtype).putShort((short) DnsHeader.CLASS_IN);
        if (edns) {
            b.put((byte) 0).putShort((short) DnsHeader.TYPE_OPT).putShort((short) 1232).putInt(0).putShort((short) 0);
        }
        return b.array();
    }

    private static byte[] caseKept(String name) {
        byte[] lower = DnsNames.encode(name);
        String dotted = name.endsWith(".") ? name.substring(0, name.length() - 1) : name;
        int position = 1;
        for (int i = 0; i < dotted.length(); i++) {
            char c = dotted.charAt(i);
            if (c != '.') {
                lower[position] = (byte) c;
            }
            position++;
        }
        return lower;
    }

    /** A decoded response: header fields and its answer records. */
    public record Response(int id, int flags, int rcode, int questions, boolean edns, List<Answer> answers) {
        public boolean aa() {
            return (flags & DnsHeader.AA_MASK) != 0;
        }

        public boolean qr() {
            return (flags & DnsHeader.QR_MASK) != 0;
        }

        public boolean tc() {
            return (flags & DnsHeader.TC_MASK) != 0;
        }

        /** The A addresses in answer order. */
        public List<Integer> addresses() {
            return answers.stream().filter(a -> a.type() == DnsHeader.TYPE_A).map(Answer::address).toList();
        }
    }

    /** One answer: type, TTL, and the address (A) or dotted target (PTR). */
    public record Answer(int type, int ttl, int address, String target) {
    }

    /** Decodes the DNS message {@code bytes}; fails when the data plane's reader refuses it. */
    public static Response decode(byte[] bytes) {
        ByteBuf buf = Unpooled.wrappedBuffer(bytes);
        DnsMessageReader reader = new DnsMessageReader();
        int status = reader.wrap(buf, 0, bytes.length);
        if (status != DnsReadStatus.OK) {
            // Header-only responses (FORMERR) carry no question: read the header alone.
            if (bytes.length >= 12 && (((bytes[4] & 0xff) << 8) | (bytes[5] & 0xff)) == 0) {
                int flags = ((bytes[2] & 0xff) << 8) | (bytes[3] & 0xff);
                return new Response(((bytes[0] & 0xff) << 8) | (bytes[1] & 0xff), flags, flags & 0xf, 0, false, List.of());
            }
            throw new AssertionError("unreadable response: " + DnsReadStatus.describe(status));
        }
        DnsHeader h = reader.header();
        List<Answer> answers = new ArrayList<>();
        while (reader.nextRecord() == DnsReadStatus.OK) {
            if (reader.recordSection() != DnsMessageReader.SECTION_ANSWER) {
                continue;
            }
            int type = reader.recordType();
            int rdata = reader.recordRdataOffset();
            answers.add(new Answer(type, reader.recordTtl(), type == DnsHeader.TYPE_A ? buf.getInt(rdata) : 0,
                    type == DnsHeader.TYPE_PTR ? DnsNames.decode(buf, 0, bytes.length, rdata) : null));
        }
        return new Response(h.id(), h.flags(), h.rcode(), h.qdCount(), reader.hasEdns(), answers);
    }
}
