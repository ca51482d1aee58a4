package dev.swarmnet.dataplane.offload;

import dev.swarmnet.dataplane.wire.Checksums;
import dev.swarmnet.dataplane.wire.Ethernet;
import dev.swarmnet.dataplane.wire.Ipv4;
import dev.swarmnet.dataplane.wire.Tcp;
import dev.swarmnet.dataplane.wire.VirtioNetHeader;
import io.netty.buffer.ByteBuf;

/**
 * Receive-side coalescing for TAPs with a virtio-net header: consecutive in-order TCP segments
 * of one flow, bound for one port, become one super-frame written once, with a
 * {@link VirtioNetHeader#GSO_TCPV4} header, so the task's kernel handles one large packet
 * instead of forty (what Linux GRO does for a NIC).
 *
 * <p>Only the plainest segments merge, as in Linux {@code tcp_gro_receive}: IPv4 without
 * options and not fragmented, TCP with only ACK (PSH allowed on the last), the same addresses,
 * ports, acknowledgment and TCP options, contiguous sequence numbers, no segment larger than the
 * first, and a short segment or PSH ends the run. Everything else passes through unmerged.
 *
 * <p>Owned by one event loop. It holds one run at a time in its own 64 KiB buffer and copies each
 * merged segment's payload once; the caller writes the run out with {@link #headerAndFrame}.
 */
public final class TcpCoalescing {
    private static final int MAX_IP_LENGTH = 0xffff;
    private static final int IP = Ethernet.HEADER_LENGTH;
    private static final int TCP = IP + Ipv4.MIN_HEADER_LENGTH;

    private final ByteBuf run;
    private int port = -1;
    private int segments;
    private int headers;
    private int mss;
    private int length;
    private int nextSequence;
    private boolean closed;

    /** @param buffer a direct buffer of at least {@link VirtioNetHeader#LENGTH} + 65,549 bytes, owned by the caller */
    public TcpCoalescing(ByteBuf buffer) {
        this.run = buffer;
    }

    /** The port of the run being held, or -1 when there is none. */
    public int port() {
        return port;
    }

    /** True when a run is held. */
    public boolean holding() {
        return port >= 0;
    }

    /**
     * Tries to add a frame to the run for {@code port} (starting a run when none is held).
     *
     * @return true when the frame's bytes were taken (the caller still owns and releases the
     *     buffer); false when it cannot join: flush the run, then offer again or write the frame
     */
    public boolean offer(int port, ByteBuf frame) {
        int at = frame.readerIndex();
        int frameLength = frame.readableBytes();
        int tcpHeader = eligibleTcpHeader(frame, at, frameLength);
        if (tcpHeader < 0) {
            return false;
        }
        int segmentHeaders = TCP + tcpHeader;
        int payload = frameLength - segmentHeaders;
        int flags = frame.getUnsignedByte(at + TCP + Tcp.FLAGS_OFFSET);
        if (!holding()) {
            start(port, frame, at, frameLength, segmentHeaders, payload);
        } else if (!joins(port, frame, at, segmentHeaders, payload)) {
            return false;
        } else {
            run.setBytes(VirtioNetHeader.LENGTH + length, frame, at + segmentHeaders, payload);
            length += payload;
            nextSequence += payload;
            segments++;
            // Carry PSH over: the run ends here.
            run.setByte(VirtioNetHeader.LENGTH + TCP + Tcp.FLAGS_OFFSET, flags);
        }
        if ((flags & Tcp.PSH) != 0 || payload < mss) {
            closed = true;
        }
        return true;
    }

    /**
     * Finishes the held run for writing: fills the IPv4 length and checksum and, for more than one
     * segment, the TCP pseudo-header sum and a GSO header; otherwise a plain valid-checksum header.
     *
     * @return the number of bytes to write from {@link #buffer()} index 0 (header then frame)
     */
    public int headerAndFrame() {
        int frame = VirtioNetHeader.LENGTH;
        int ipLength = length - IP;
        run.setShort(frame + IP + Ipv4.TOTAL_LENGTH_OFFSET, ipLength);
        run.setShort(frame + IP + Ipv4.CHECKSUM_OFFSET, 0);
        run.setShort(frame + IP + Ipv4.CHECKSUM_OFFSET, Checksums.compute(run, frame + IP, Ipv4.MIN_HEADER_LENGTH, 0));
        if (segments == 1) {
            VirtioNetHeader.writeValid(run, 0);
        } else {
            int tcpLength = ipLength - Ipv4.MIN_HEADER_LENGTH;
            int pseudo = Checksums.add(run, frame + IP + Ipv4.SRC_OFFSET, 8, Ipv4.PROTO_TCP + tcpLength);
            run.setShort(frame + TCP + Tcp.CHECKSUM_OFFSET, pseudo);
            VirtioNetHeader.writeSegmented(run, 0, headers, mss, TCP, Tcp.CHECKSUM_OFFSET);
        }
        int total = VirtioNetHeader.LENGTH + length;
        port = -1;
        return total;
    }

    /** The buffer the run is built in, header first. */
    public ByteBuf buffer() {
        return run;
    }

    /** Segments in the held run. */
    public int segments() {
        return segments;
    }

    private void start(int port, ByteBuf frame, int at, int frameLength, int segmentHeaders, int payload) {
        run.setBytes(VirtioNetHeader.LENGTH, frame, at, frameLength);
        this.port = port;
        this.segments = 1;
        this.headers = segmentHeaders;
        this.mss = payload;
        this.length = frameLength;
        this.nextSequence = frame.getInt(at + TCP + Tcp.SEQ_OFFSET) + payload;
        this.closed = false;
    }

    private boolean joins(int port, ByteBuf frame, int at, int segmentHeaders, int payload) {
        int held = VirtioNetHeader.LENGTH;
        if (closed || port != this.port || segmentHeaders != headers || payload > mss
                || length + payload - IP > MAX_IP_LENGTH
                || frame.getInt(at + TCP + Tcp.SEQ_OFFSET) != nextSequence) {
            return false;
        }
        // MACs and EtherType; IP addresses; ports; acknowledgment; data offset..flags word minus PSH; options.
        return frame.getLong(at) == run.getLong(held)
                && frame.getInt(at + 8) == run.getInt(held + 8)
                && frame.getLong(at + IP + Ipv4.SRC_OFFSET) == run.getLong(held + IP + Ipv4.SRC_OFFSET)
                && frame.getInt(at + TCP) == run.getInt(held + TCP)
                && frame.getInt(at + TCP + Tcp.ACK_OFFSET) == run.getInt(held + TCP + Tcp.ACK_OFFSET)
                && frame.getByte(at + TCP + Tcp.DATA_OFFSET_OFFSET) == run.getByte(held + TCP + Tcp.DATA_OFFSET_OFFSET)
                && frame.getByte(at + IP + Ipv4.TTL_OFFSET) == run.getByte(held + IP + Ipv4.TTL_OFFSET)
                && frame.getByte(at + IP + Ipv4.TOS_OFFSET) == run.getByte(held + IP + Ipv4.TOS_OFFSET)
                && sameOptions(frame, at, held, segmentHeaders);
    }

    private boolean sameOptions(ByteBuf frame, int at, int held, int segmentHeaders) {
        for (int i = TCP + Tcp.MIN_HEADER_LENGTH; i < segmentHeaders; i += 4) {
            if (frame.getInt(at + i) != run.getInt(held + i)) {
                return false;
            }
        }
        return true;
    }

    /** The TCP header length when the frame may take part in a run, else -1. */
    private static int eligibleTcpHeader(ByteBuf frame, int at, int length) {
        if (length <= TCP + Tcp.MIN_HEADER_LENGTH
                || frame.getUnsignedShort(at + Ethernet.TYPE_OFFSET) != Ethernet.TYPE_IPV4
                || frame.getUnsignedByte(at + IP) != 0x45
                || frame.getUnsignedByte(at + IP + Ipv4.PROTOCOL_OFFSET) != Ipv4.PROTO_TCP
                || (frame.getUnsignedShort(at + IP + Ipv4.FLAGS_FRAGMENT_OFFSET)
                        & (Ipv4.FLAG_MF | Ipv4.FRAGMENT_OFFSET_MASK)) != 0
                || frame.getUnsignedShort(at + IP + Ipv4.TOTAL_LENGTH_OFFSET) != length - IP) {
            return -1;
        }
        int flags = frame.getUnsignedByte(at + TCP + Tcp.FLAGS_OFFSET);
        if ((flags & ~Tcp.PSH) != Tcp.ACK) {
            return -1;
        }
        int tcpHeader = (frame.getUnsignedByte(at + TCP + Tcp.DATA_OFFSET_OFFSET) >>> 4) << 2;
        if (tcpHeader < Tcp.MIN_HEADER_LENGTH || TCP + tcpHeader >= length) {
            return -1;
        }
        return tcpHeader;
    }
}
