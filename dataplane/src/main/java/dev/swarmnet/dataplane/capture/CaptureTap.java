package dev.swarmnet.dataplane.capture;

import dev.swarmnet.dataplane.wire.Vxlan;
import io.netty.buffer.ByteBuf;
import java.nio.ByteBuffer;
import java.util.function.IntUnaryOperator;
import org.agrona.concurrent.AtomicBuffer;
import org.agrona.concurrent.ringbuffer.OneToOneRingBuffer;

/**
 * The event loop's end of a capture: the I/O hooks hand it every frame they see, it keeps those
 * its filter selects by copying them into the capture ring, and moves on. The ring's other end is
 * drained by the {@link CaptureWriter} on the capture's own thread.
 *
 * <p>Owned by the data-plane event loop (the ring's single producer). Per frame it allocates
 * nothing, never blocks and never throws: when the ring is full the frame is counted as lost.
 * The buffers it is shown stay the caller's; their indexes are not moved.
 */
public final class CaptureTap {
    private final CaptureFilter filter;
    private final OneToOneRingBuffer ring;
    private final AtomicBuffer records;
    private final ByteBuffer view;
    private final IntUnaryOperator portVni;
    private final int snaplen;
    private long lost;

    /**
     * @param ring a ring over a direct {@link ByteBuffer} wrapped from its start
     * @param snaplen most bytes kept of a frame, synthesized underlay headers included
     * @param portVni the VNI of a local port's network, or -1; read only for network filters
     */
    CaptureTap(CaptureFilter filter, OneToOneRingBuffer ring, int snaplen, IntUnaryOperator portVni) {
        if (CaptureRecord.HEADER_LENGTH + snaplen > ring.maxMsgLength()) {
            throw new IllegalArgumentException("a ring of " + ring.capacity() + " bytes holds records of at most "
                    + ring.maxMsgLength() + " bytes, too few for a snap length of " + snaplen);
        }
        if (snaplen <= OuterHeaders.LENGTH) {
            throw new IllegalArgumentException("snap length " + snaplen + " leaves no room after the "
                    + OuterHeaders.LENGTH + " bytes of underlay headers");
        }
        this.filter = filter;
        this.ring = ring;
        this.records = ring.buffer();
        ByteBuffer backing = records.byteBuffer();
        if (backing == null || !backing.isDirect() || records.wrapAdjustment() != 0) {
            throw new IllegalArgumentException("the capture ring must wrap a whole direct ByteBuffer");
        }
        this.view = backing.duplicate();
        this.snaplen = snaplen;
        this.portVni = portVni;
    }

    public CaptureFilter filter() {
        return filter;
    }

    /** A frame read from local port {@code port}'s TAP, before processing. */
    public void portReceived(ByteBuf frame, int port, long nowNs) {
        if (filter.selectsPort(CapturePoint.PORT_RX, port, portVni)) {
            record(CapturePoint.PORT_RX, frame, port, 0, 0, snaplen, nowNs);
        }
    }

    /** A frame written to local port {@code port}'s TAP. */
    public void portSent(ByteBuf frame, int port, long nowNs) {
        if (filter.selectsPort(CapturePoint.PORT_TX, port, portVni)) {
            record(CapturePoint.PORT_TX, frame, port, 0, 0, snaplen, nowNs);
        }
    }

    /** A datagram (VXLAN header first) received from the underlay peer {@code peerAddress:peerPort}. */
    public void underlayReceived(ByteBuf datagram, int peerAddress, int peerPort, long nowNs) {
        if (filter.selectsUnderlay(CapturePoint.UNDERLAY_RX, vni(datagram))) {
            record(CapturePoint.UNDERLAY_RX, datagram, -1, peerAddress, peerPort, snaplen - OuterHeaders.LENGTH, nowNs);
        }
    }

    /** A datagram (VXLAN header first) sent to the underlay peer {@code peerAddress:peerPort}. */
    public void underlaySent(ByteBuf datagram, int peerAddress, int peerPort, long nowNs) {
        if (filter.selectsUnderlay(CapturePoint.UNDERLAY_TX, vni(datagram))) {
            record(CapturePoint.UNDERLAY_TX, datagram, -1, peerAddress, peerPort, snaplen - OuterHeaders.LENGTH, nowNs);
        }
    }

    /** Frames selected but not recorded because the ring was full; read it after detaching the tap. */
    public long lost() {
        return lost;
    }

    private void record(int point, ByteBuf frame, int port, int peerAddress, int peerPort, int limit, long nowNs) {
        int length = frame.readableBytes();
        int captured = Math.min(length, limit);
        int index = ring.tryClaim(point, CaptureRecord.HEADER_LENGTH + captured);
        if (index < 0) {
            lost++;
            return;
        }
        try {
            records.putLong(index + CaptureRecord.TIMESTAMP_OFFSET, nowNs);
            records.putInt(index + CaptureRecord.ORIGINAL_LENGTH_OFFSET, length);
            records.putInt(index + CaptureRecord.PORT_OFFSET, port);
            records.putInt(index + CaptureRecord.PEER_ADDRESS_OFFSET, peerAddress);
            records.putInt(index + CaptureRecord.PEER_PORT_OFFSET, peerPort);
            int data = index + CaptureRecord.HEADER_LENGTH;
            view.clear().position(data).limit(data + captured);
            frame.getBytes(frame.readerIndex(), view);
            ring.commit(index);
        } catch (RuntimeException e) {
            // A buffer that cannot be read must not stall the ring nor break the loop's frame.
            ring.abort(index);
            lost++;
        }
    }

    /** The VNI of a VXLAN datagram (RFC 7348 §5), or -1 when it is too short to carry one. */
    private static int vni(ByteBuf datagram) {
        return datagram.readableBytes() < Vxlan.HEADER_LENGTH
                ? -1 : datagram.getInt(datagram.readerIndex() + Vxlan.VNI_OFFSET) >>> 8;
    }
}
