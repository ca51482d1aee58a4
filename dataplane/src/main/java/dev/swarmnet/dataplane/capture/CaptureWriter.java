package dev.swarmnet.dataplane.capture;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.io.IOException;
import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.IdleStrategy;
import org.agrona.concurrent.MessageHandler;
import org.agrona.concurrent.ringbuffer.OneToOneRingBuffer;

/**
 * The capture thread's work: drains the capture ring into a {@link PcapWriter}, turning monotonic
 * timestamps into wall-clock ones and putting synthesized outer headers ({@link OuterHeaders})
 * in front of underlay datagrams.
 *
 * <p>Owned by the capture's writer thread (the ring's single consumer), except {@link #stop()},
 * which any thread may call. Once writing fails it keeps draining, discarding, so that the loop
 * still never finds the ring full because of a dead disk; the first failure is kept for the
 * summary.
 */
final class CaptureWriter implements Runnable, MessageHandler {
    private static final int BATCH = 256;

    private final OneToOneRingBuffer ring;
    private final PcapWriter pcap;
    private final long epochOffsetNs;
    private final int localAddress;
    private final int localPort;
    private final IdleStrategy idle;
    private final byte[] scratch;
    private final ByteBuf frame;
    private volatile boolean running = true;
    private long written;
    private long discarded;
    private IOException failure;

    /**
     * @param epochOffsetNs added to a record's monotonic timestamp to get nanoseconds since the epoch
     * @param localAddress the underlay socket's IPv4 address (0 when bound to all addresses)
     * @param localPort the underlay socket's UDP port
     */
    CaptureWriter(OneToOneRingBuffer ring, PcapWriter pcap, long epochOffsetNs, int localAddress, int localPort,
                  IdleStrategy idle) {
        this.ring = ring;
        this.pcap = pcap;
        this.epochOffsetNs = epochOffsetNs;
        this.localAddress = localAddress;
        this.localPort = localPort;
        this.idle = idle;
        this.scratch = new byte[pcap.snaplen()];
        this.frame = Unpooled.wrappedBuffer(scratch);
    }

    /** Drains until {@link #stop()}, then drains what is left and closes the file. */
    @Override
    public void run() {
        try {
            while (running) {
                if (drain() == 0) {
                    flush();
                    idle.idle();
                } else {
                    idle.reset();
                }
            }
            // Everything the loop committed before the tap was removed. A read that meets the
            // padding at the ring's end returns 0 with records still behind it: go by size.
            while (ring.size() > 0) {
                drain();
            }
        } finally {
            close();
        }
    }

    /** Asks the thread to finish: records already in the ring are still written. */
    void stop() {
        running = false;
    }

    /** Writes up to one batch of records. @return records taken from the ring */
    int drain() {
        return ring.read(this, BATCH);
    }

    @Override
    public void onMessage(int point, MutableDirectBuffer buffer, int index, int length) {
        if (failure != null) {
            discarded++;
            return;
        }
        long timestamp = buffer.getLong(index + CaptureRecord.TIMESTAMP_OFFSET) + epochOffsetNs;
        int original = buffer.getInt(index + CaptureRecord.ORIGINAL_LENGTH_OFFSET);
        int captured = length - CaptureRecord.HEADER_LENGTH;
        int at = 0;
        if (CapturePoint.isUnderlay(point)) {
            int peer = buffer.getInt(index + CaptureRecord.PEER_ADDRESS_OFFSET);
            int peerPort = buffer.getInt(index + CaptureRecord.PEER_PORT_OFFSET);
            if (point == CapturePoint.UNDERLAY_RX) {
                OuterHeaders.write(frame, 0, peer, peerPort, localAddress, localPort, original);
            } else {
                OuterHeaders.write(frame, 0, localAddress, localPort, peer, peerPort, original);
            }
            at = OuterHeaders.LENGTH;
            original += OuterHeaders.LENGTH;
        }
        buffer.getBytes(index + CaptureRecord.HEADER_LENGTH, scratch, at, captured);
        frame.setIndex(0, at + captured);
        try {
            pcap.write(timestamp, original, frame);
            written++;
        } catch (IOException e) {
            failure = e;
            discarded++;
        }
    }

    void flush() {
        if (failure != null) {
            return;
        }
        try {
            pcap.flush();
        } catch (IOException e) {
            failure = e;
        }
    }

    void close() {
        frame.release();
        try {
            pcap.close();
        } catch (IOException e) {
            if (failure == null) {
                failure = e;
            }
        }
    }

    /** Records written to the file; read after the thread ended. */
    long written() {
        return written;
    }

    /** Records drained but not written because writing had failed; read after the thread ended. */
    long discarded() {
        return discarded;
    }

    /** The first write failure, or null; read after the thread ended. */
    IOException failure() {
        return failure;
    }
}
