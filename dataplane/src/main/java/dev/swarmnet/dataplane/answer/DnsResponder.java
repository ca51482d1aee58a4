package dev.swarmnet.dataplane.answer;

import dev.swarmnet.dataplane.program.DnsTable;
import dev.swarmnet.dataplane.program.Network;
import dev.swarmnet.dataplane.stats.Counter;
import dev.swarmnet.dataplane.stats.Counters;
import dev.swarmnet.dataplane.wire.dns.DnsHeader;
import dev.swarmnet.dataplane.wire.dns.DnsMessageReader;
import dev.swarmnet.dataplane.wire.dns.DnsMessageWriter;
import dev.swarmnet.dataplane.wire.dns.DnsNames;
import dev.swarmnet.dataplane.wire.dns.DnsReadStatus;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;

/**
 * The embedded resolver's decision for one DNS query to a gateway: answer it from the network's
 * {@link DnsTable}, answer it with an error, forward it, or drop it. Answers are written to this
 * responder's scratch buffer and copied into the frame with {@link #copyTo}; the query is read
 * where it lies.
 *
 * <ul>
 *   <li>Fewer than 12 octets, or QR set (a response): dropped ({@link #DROP}); a responder must
 *       never answer a response, or two of them could loop.</li>
 *   <li>A readable header around an unreadable rest: FORMERR (NOTIMP if the opcode is not
 *       QUERY), header only (RFC 1035 §4.1.1, RFC 6895 §2.3).</li>
 *   <li>A name of the table: NOERROR, authoritative. A (and ANY) get its addresses, rotated per
 *       answer where the table says so; PTR gets its target; every other type (AAAA among them)
 *       gets an empty answer, never NXDOMAIN, so resolvers asking A and AAAA together succeed.</li>
 *   <li>An unknown name in the table's zones, or the reverse name of an address in the network's
 *       subnet: NXDOMAIN.</li>
 *   <li>Anything else: {@link #FORWARD}.</li>
 * </ul>
 *
 * <p>Replies over UDP fit in 512 octets, or in the requester's EDNS payload size capped at {@value
 * #EDNS_PAYLOAD} (the DNS flag day 2020 size); replies over TCP ({@code stream}) only in the
 * caller's limit, which always applies. What does not fit is cut with TC set by
 * {@link DnsMessageWriter}. Queries with EDNS are answered with EDNS.
 *
 * <p>Owned by one event loop; allocation-free after construction. Counts every outcome in
 * {@link Counters}.
 */
public final class DnsResponder {
    /** {@link #respond}: forward the query upstream. */
    public static final int FORWARD = -1;
    /** {@link #respond}: drop the query, it cannot be answered. */
    public static final int DROP = -2;
    /** The UDP payload size advertised and honoured with EDNS. */
    public static final int EDNS_PAYLOAD = 1232;

    private final DnsMessageReader reader = new DnsMessageReader();
    private final DnsMessageWriter writer = new DnsMessageWriter();
    private final byte[] name = new byte[DnsNames.MAX_WIRE_LENGTH];
    /** Longest reply written: over TCP a reply may take 64 KiB less one octet (its 2-octet length), in several segments. */
    public static final int MAX_REPLY = 0xffff;

    private final ByteBuf scratch = Unpooled.wrappedBuffer(new byte[MAX_REPLY]);
    /** The current reply goes over TCP: no 512-octet or EDNS cap, only the caller's. */
    private boolean stream;
    private final Counters counters;
    private int rotation;

    public DnsResponder(Counters counters) {
        this.counters = counters;
    }

    /**
     * Decides on the query at {@code buf[offset, offset + length)} asked on {@code network}.
     *
     * @param maxLength most octets the reply may take (room in the frame, the network's MTU)
     * @return the length of the reply now in the scratch buffer, {@link #FORWARD} or {@link #DROP}
     */
    public int respond(ByteBuf buf, int offset, int length, DnsTable table, Network network, int maxLength) {
        return respond(buf, offset, length, table, network, maxLength, false);
    }

    /**
     * As {@link #respond(ByteBuf, int, int, DnsTable, Network, int)}; with {@code stream} the
     * query came over TCP and the reply is limited by {@code maxLength} only.
     */
    public int respond(ByteBuf buf, int offset, int length, DnsTable table, Network network, int maxLength,
                       boolean stream) {
        this.stream = stream;
        if (length < DnsHeader.LENGTH || (buf.getUnsignedShort(offset + DnsHeader.FLAGS_OFFSET) & DnsHeader.QR_MASK) != 0) {
            return DROP;
        }
        int status = reader.wrap(buf, offset, length);
        DnsHeader query = reader.header();
        if (status != DnsReadStatus.OK) {
            return headerOnly(query, query.opcode() == DnsHeader.OPCODE_QUERY ? DnsHeader.RCODE_FORMERR
                    : DnsHeader.RCODE_NOTIMP, maxLength);
        }
        if (query.opcode() != DnsHeader.OPCODE_QUERY) {
            counters.increment(Counter.DNS_NOTIMP);
            return reply(DnsHeader.RCODE_NOTIMP, false, maxLength);
        }
        int qclass = reader.questionClass();
        if (qclass != DnsHeader.CLASS_IN && qclass != DnsHeader.TYPE_ANY) {
            return FORWARD;
        }
        int nameLength = reader.copyQuestionNameLowerCase(name);
        int entry = table.find(name, nameLength, DnsTable.hash(name, nameLength));
        if (entry < 0) {
            long reverse = DnsTable.reverseAddress(name, nameLength);
            boolean ours = reverse >= 0 ? network.contains((int) reverse) : table.inZone(name, nameLength);
            if (!ours) {
                return FORWARD;
            }
            counters.increment(Counter.DNS_NXDOMAIN);
            return reply(DnsHeader.RCODE_NXDOMAIN, true, maxLength);
        }
        counters.increment(Counter.DNS_ANSWERED);
        if (!begin(DnsHeader.RCODE_NOERROR, maxLength)) {
            return finish();
        }
        int qtype = reader.questionType();
        if (qtype == DnsHeader.TYPE_A || qtype == DnsHeader.TYPE_ANY) {
            int[] addresses = table.addresses(entry);
            int n = addresses.length;
            int start = n > 1 && table.rotates(entry) ? Integer.remainderUnsigned(rotation++, n) : 0;
            for (int i = 0; i < n; i++) {
                if (!writer.a(DnsMessageWriter.QUESTION_NAME_OFFSET, DnsTable.TTL_SECONDS, addresses[(start + i) % n])) {
                    break;
                }
            }
        }
        if (qtype == DnsHeader.TYPE_PTR || qtype == DnsHeader.TYPE_ANY) {
            byte[] target = table.pointer(entry);
            if (target != null) {
                writer.ptr(DnsMessageWriter.QUESTION_NAME_OFFSET, DnsTable.TTL_SECONDS, target);
            }
        }
        return finish();
    }

    /**
     * Writes to the scratch buffer a reply to the query at {@code buf[offset, offset + length)}
     * that carries no records: its question echoed, {@code rcode}, TC when {@code truncated}. For
     * failed forwards (SERVFAIL) and upstream replies too large for the task's network.
     *
     * @return the reply's length, or {@link #DROP} if the query cannot be read
     */
    public int empty(ByteBuf buf, int offset, int length, int rcode, boolean truncated, int maxLength) {
        stream = false;
        if (length < DnsHeader.LENGTH) {
            return DROP;
        }
        if (reader.wrap(buf, offset, length) != DnsReadStatus.OK) {
            return headerOnly(reader.header(), rcode, maxLength);
        }
        int written = reply(rcode, false, maxLength);
        if (truncated) {
            writer.header().tc(true);
        }
        return written;
    }

    /** Copies the reply of the last call from the scratch buffer to {@code buf[index]}. */
    public void copyTo(ByteBuf buf, int index, int length) {
        buf.setBytes(index, scratch, 0, length);
    }

    /** The scratch buffer holding the last reply at index 0 (read-only use). */
    public ByteBuf scratch() {
        return scratch;
    }

    private int reply(int rcode, boolean authoritative, int maxLength) {
        begin(rcode, maxLength);
        writer.header().aa(authoritative);
        return finish();
    }

    private boolean begin(int rcode, int maxLength) {
        int limit = stream ? MAX_REPLY
                : reader.hasEdns() ? Math.max(DnsHeader.MAX_UDP_LENGTH, Math.min(reader.ednsUdpPayloadSize(), EDNS_PAYLOAD))
                : DnsHeader.MAX_UDP_LENGTH;
        writer.wrap(scratch, 0, Math.min(limit, maxLength));
        boolean fits = writer.beginResponse(reader, rcode == DnsHeader.RCODE_NOERROR || rcode == DnsHeader.RCODE_NXDOMAIN,
                rcode);
        writer.header().ra(true);
        if (!fits) {
            writer.header().tc(true);
            return false;
        }
        if (reader.hasEdns()) {
            writer.reserveOpt(EDNS_PAYLOAD);
        }
        return true;
    }

    private int finish() {
        return writer.finish();
    }

    /** A reply of a header only, for a query whose header is all that can be read. */
    private int headerOnly(DnsHeader query, int rcode, int maxLength) {
        int id = query.id();
        int flags = query.flags();
        writer.wrap(scratch, 0, Math.min(maxLength, MAX_REPLY));
        writer.header().id(id)
                .flags(DnsHeader.QR_MASK | DnsHeader.RA_MASK | (flags & (DnsHeader.OPCODE_MASK | DnsHeader.RD_MASK)))
                .rcode(rcode);
        counters.increment(rcode == DnsHeader.RCODE_NOTIMP ? Counter.DNS_NOTIMP
                : rcode == DnsHeader.RCODE_FORMERR ? Counter.DNS_FORMERR : Counter.DNS_FORWARD_ERRORS);
        return writer.finish();
    }
}
