package dev.swarmnet.dataplane.offload;

import dev.swarmnet.dataplane.wire.Ethernet;
import dev.swarmnet.dataplane.wire.Ipv4;
import dev.swarmnet.dataplane.wire.Tcp;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;

/**
 * Cuts an IPv4 TCP super-frame into segments of at most {@code gso_size} payload bytes, each a
 * complete frame in its own pooled buffer with {@code headroom} bytes in front.
 *
 * <p>Owned by one event loop (it keeps flyweights). Per segment it allocates one pooled buffer,
 * which it hands to the {@link Sink}; the super-frame is left untouched.
 */
public final class TcpSegmentation {
    /** Where the segments go; takes ownership of each buffer. */
    public interface Sink {
        void segment(ByteBuf segment);
    }

    /** Result: the super-frame is not Ethernet + IPv4 (no options needed) + TCP, or its sizes are impossible. */
    public static final int MALFORMED = -1;

    private static final int CWR = 0x80;

    private final ByteBufAllocator allocator;
    private final int headroom;
    private final Ethernet eth = new Ethernet();
    private final Ipv4 ip = new Ipv4();
    private final Tcp tcp = new Tcp();

    public TcpSegmentation(ByteBufAllocator allocator, int headroom) {
        this.allocator = allocator;
        this.headroom = headroom;
    }

    /**
     * @param frame the super-frame's first byte in {@code buf}
     * @return the number of segments produced, or {@link #MALFORMED}
     */
    public int segment(ByteBuf buf, int frame, int length, int gsoSize, Sink sink) {
        int l2 = eth.wrap(buf, frame, length);
        if (l2 < 0 || eth.etherType() != Ethernet.TYPE_IPV4 || gsoSize < 1) {
            return MALFORMED;
        }
        int ipOffset = frame + l2;
        // The total length of a super-frame may not fit in 16 bits: check the header by hand.
        int ihl = (buf.getUnsignedByte(ipOffset) & 0x0f) << 2;
        if ((buf.getUnsignedByte(ipOffset) >>> 4) != 4 || ihl < Ipv4.MIN_HEADER_LENGTH
                || l2 + ihl + Tcp.MIN_HEADER_LENGTH > length
                || buf.getUnsignedByte(ipOffset + Ipv4.PROTOCOL_OFFSET) != Ipv4.PROTO_TCP) {
            return MALFORMED;
        }
        int tcpOffset = ipOffset + ihl;
        int tcpHeader = (buf.getUnsignedByte(tcpOffset + Tcp.DATA_OFFSET_OFFSET) >>> 4) << 2;
        int headers = l2 + ihl + tcpHeader;
        if (tcpHeader < Tcp.MIN_HEADER_LENGTH || headers > length) {
            return MALFORMED;
        }
        int payload = length - headers;
        int id = buf.getUnsignedShort(ipOffset + Ipv4.ID_OFFSET);
        int sequence = buf.getInt(tcpOffset + Tcp.SEQ_OFFSET);
        int flags = buf.getUnsignedByte(tcpOffset + Tcp.FLAGS_OFFSET);
        int count = 0;
        int from = 0;
        do {
            int chunk = Math.min(gsoSize, payload - from);
            boolean first = from == 0;
            boolean last = from + chunk >= payload;
            ByteBuf segment = allocator.directBuffer(headroom + headers + chunk);
            segment.setIndex(headroom, headroom);
            segment.writeBytes(buf, frame, headers);
            segment.writeBytes(buf, frame + headers + from, chunk);

            int segIp = headroom + l2;
            int segTcp = segIp + ihl;
            segment.setShort(segIp + Ipv4.TOTAL_LENGTH_OFFSET, ihl + tcpHeader + chunk);
            segment.setShort(segIp + Ipv4.ID_OFFSET, id + count);
            ip.wrap(segment, segIp, ihl + tcpHeader + chunk);
            ip.fillChecksum();
            segment.setInt(segTcp + Tcp.SEQ_OFFSET, sequence + from);
            int segFlags = flags;
            if (!last) {
                segFlags &= ~(Tcp.FIN | Tcp.PSH);
            }
            if (!first) {
                segFlags &= ~CWR;
            }
            segment.setByte(segTcp + Tcp.FLAGS_OFFSET, segFlags);
            tcp.wrap(segment, segTcp, tcpHeader + chunk);
            tcp.fillChecksum(ip, tcpHeader + chunk);

            sink.segment(segment);
            count++;
            from += chunk;
        } while (from < payload);
        return count;
    }
}
