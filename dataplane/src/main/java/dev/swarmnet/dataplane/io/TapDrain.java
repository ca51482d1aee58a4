package dev.swarmnet.dataplane.io;

import dev.swarmnet.dataplane.capture.CaptureTap;
import dev.swarmnet.dataplane.offload.ChecksumCompletion;
import dev.swarmnet.dataplane.offload.TcpSegmentation;
import dev.swarmnet.dataplane.stats.Counter;
import dev.swarmnet.dataplane.stats.Counters;
import dev.swarmnet.dataplane.wire.VirtioNetHeader;
import dev.swarmnet.dataplane.answer.DnsResponder;
import dev.swarmnet.dataplane.answer.UdpReply;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.io.IOException;
import java.util.function.IntConsumer;

/**
 * Reads the frames a readable TAP holds, up to a batch, and hands each to the dispatcher.
 *
 * <p>Plain ports are read straight into pooled buffers at {@link DataPlane#HEADROOM}. Ports with
 * a virtio-net header are read into one reusable 64 KiB buffer; a TCP super-frame is cut into
 * segments ({@link TcpSegmentation}), a frame with a partial checksum is finished
 * ({@link ChecksumCompletion}) and copied out. Owned by the event loop.
 */
final class TapDrain implements TapPort.TapReader, TcpSegmentation.Sink {
    private static final int MAX_SUPER_FRAME = VirtioNetHeader.LENGTH + 0x10000 + 64;

    /** A frame copied out of a super-frame buffer keeps at least this much room: a full EDNS DNS answer. */
    static final int MIN_ANSWER_ROOM = UdpReply.HEADERS_LENGTH + DnsResponder.EDNS_PAYLOAD;

    private final ByteBufAllocator allocator;
    private final DataPlaneConfig config;
    private final VerdictDispatcher dispatcher;
    private final Counters counters;
    private final IntConsumer deadPort;
    private final VirtioNetHeader vnet = new VirtioNetHeader();
    private final TcpSegmentation segmentation;
    private ByteBuf superFrame;
    private int currentPort;
    private long currentNow;

    TapDrain(ByteBufAllocator allocator, DataPlaneConfig config, VerdictDispatcher dispatcher, Counters counters,
             IntConsumer deadPort) {
        this.allocator = allocator;
        this.config = config;
        this.dispatcher = dispatcher;
        this.counters = counters;
        this.deadPort = deadPort;
        this.segmentation = new TcpSegmentation(allocator, DataPlane.HEADROOM);
    }

    @Override
    public void readable(TapPort port) {
        long now = System.nanoTime();
        try {
            if (port.vnetHeader) {
                drainOffloaded(port, now);
            } else {
                drainPlain(port, now);
            }
        } catch (IOException e) {
            counters.increment(Counter.TAP_ERRORS);
            // The namespace behind the TAP is gone (EFAULT/EBADFD): stop watching it.
            deadPort.accept(port.id);
        }
        dispatcher.flush();
    }

    @Override
    public void failed(TapPort port) {
        counters.increment(Counter.TAP_ERRORS);
        deadPort.accept(port.id);
    }

    /** Releases the reusable buffer; call when the loop stops. */
    void release() {
        if (superFrame != null) {
            superFrame.release();
            superFrame = null;
        }
    }

    private void drainPlain(TapPort port, long now) throws IOException {
        int capacity = DataPlane.HEADROOM + config.maxFrame();
        for (int i = 0; i < config.readBatch(); i++) {
            ByteBuf frame = allocator.directBuffer(capacity, capacity);
            int read;
            try {
                read = port.fd().readAddress(frame.memoryAddress(), DataPlane.HEADROOM, capacity);
            } catch (IOException e) {
                frame.release();
                throw e;
            }
            if (read <= 0) {
                frame.release();
                return;
            }
            frame.setIndex(DataPlane.HEADROOM, DataPlane.HEADROOM + read);
            received(frame, port.id, read, now);
        }
    }

    private void drainOffloaded(TapPort port, long now) throws IOException {
        if (superFrame == null) {
            superFrame = allocator.directBuffer(MAX_SUPER_FRAME, MAX_SUPER_FRAME);
        }
        for (int i = 0; i < config.readBatch(); i++) {
            int read = port.fd().readAddress(superFrame.memoryAddress(), 0, MAX_SUPER_FRAME);
            if (read <= 0) {
                return;
            }
            int length = read - VirtioNetHeader.LENGTH;
            if (vnet.wrap(superFrame, 0, read) < 0 || length < 14) {
                badOffload();
                continue;
            }
            int frame = VirtioNetHeader.LENGTH;
            if ((vnet.flags() & VirtioNetHeader.F_NEEDS_CSUM) != 0 && vnet.gsoType() == VirtioNetHeader.GSO_NONE
                    && !ChecksumCompletion.complete(superFrame, frame, length, vnet.checksumStart(), vnet.checksumOffset())) {
                badOffload();
                continue;
            }
            if (vnet.gsoType() == VirtioNetHeader.GSO_TCPV4) {
                counters.increment(Counter.TAP_RX_SUPERFRAMES);
                counters.add(Counter.TAP_RX_BYTES, length);
                dispatcher.traffic.received(port.id, 0, length);
                currentPort = port.id;
                currentNow = now;
                if (segmentation.segment(superFrame, frame, length, vnet.gsoSize(), this) < 0) {
                    badOffload();
                }
            } else if (vnet.gsoType() == VirtioNetHeader.GSO_NONE) {
                // Room for the largest answer the data plane writes in place (a DNS reply).
                int capacity = DataPlane.HEADROOM + Math.max(length, MIN_ANSWER_ROOM);
                ByteBuf copy = allocator.directBuffer(capacity, capacity);
                copy.setIndex(DataPlane.HEADROOM, DataPlane.HEADROOM);
                copy.writeBytes(superFrame, frame, length);
                received(copy, port.id, length, now);
            } else {
                badOffload();
            }
        }
    }

    @Override
    public void segment(ByteBuf segment) {
        counters.increment(Counter.TAP_RX_SEGMENTS);
        counters.increment(Counter.TAP_RX_FRAMES);
        dispatcher.traffic.received(currentPort, 1, 0);
        capture(segment, currentPort, currentNow);
        dispatcher.dispatch(segment, currentPort, 0, currentNow);
    }

    private void received(ByteBuf frame, int port, int length, long now) {
        counters.increment(Counter.TAP_RX_FRAMES);
        counters.add(Counter.TAP_RX_BYTES, length);
        dispatcher.traffic.received(port, 1, length);
        capture(frame, port, now);
        dispatcher.dispatch(frame, port, 0, now);
    }

    private void capture(ByteBuf frame, int port, long now) {
        CaptureTap capture = dispatcher.capture();
        if (capture != null) {
            capture.portReceived(frame, port, now);
        }
    }

    private void badOffload() {
        counters.increment(Counter.DROPPED);
        counters.increment(Counter.DROP_BAD_OFFLOAD);
    }
}
