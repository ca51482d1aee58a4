package dev.swarmnet.dataplane.io;

import dev.swarmnet.dataplane.capture.CaptureTap;
import dev.swarmnet.dataplane.offload.TcpCoalescing;
import dev.swarmnet.dataplane.pipeline.FrameProcessor;
import dev.swarmnet.dataplane.pipeline.Verdict;
import dev.swarmnet.dataplane.stats.Counter;
import dev.swarmnet.dataplane.stats.Counters;
import dev.swarmnet.dataplane.stats.PortTraffic;
import dev.swarmnet.dataplane.wire.VirtioNetHeader;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.socket.DatagramPacket;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import org.agrona.collections.Int2ObjectHashMap;

/**
 * Runs the processor on one frame and carries out its verdict: write to a TAP, send to a remote
 * VTEP through the underlay channel, or drop. Takes ownership of every buffer it is given.
 *
 * <p>Owned by the data-plane event loop.
 */
final class VerdictDispatcher {
    private final FrameProcessor processor;
    private final Counters counters;
    /** Frames and bytes per attached port; the TAP drain counts what it reads here too. */
    final PortTraffic traffic = new PortTraffic();
    private final Int2ObjectHashMap<InetSocketAddress> vteps = new Int2ObjectHashMap<>();
    private final int underlayPort;
    private TapPort[] ports = new TapPort[16];
    /**
     * Two iovecs (a virtio-net header, then the frame) for writes to TAPs with offloads. The header
     * marks the frame's checksums valid: frames from local TAPs were completed here, frames from
     * peers were completed by the peer's data plane and kept valid by incremental NAT updates.
     */
    private final ByteBuf iovecs = Unpooled.directBuffer(32, 32);
    private final ByteBuf plainHeader = Unpooled.directBuffer(VirtioNetHeader.LENGTH, VirtioNetHeader.LENGTH);
    private final ByteBuf runBuffer = Unpooled.directBuffer(RUN_CAPACITY, RUN_CAPACITY);
    private final TcpCoalescing coalescing = new TcpCoalescing(runBuffer);
    private static final int RUN_CAPACITY = VirtioNetHeader.LENGTH + 0x10000 + 64;
    private Channel underlay;
    /** Datagrams written but not flushed; a flush every {@link #FLUSH_EVERY} keeps bursts within socket buffers. */
    private int underlayPending;
    private static final int FLUSH_EVERY = 64;
    private CaptureTap capture;

    VerdictDispatcher(FrameProcessor processor, int underlayPort) {
        this.processor = processor;
        this.counters = processor.counters();
        this.underlayPort = underlayPort;
        VirtioNetHeader.writeValid(plainHeader, 0);
        iovecs.setLongLE(0, plainHeader.memoryAddress());
        iovecs.setLongLE(8, VirtioNetHeader.LENGTH);
    }

    /** Frees the loop's own native buffers; call once the loop has stopped using this dispatcher. */
    void release() {
        runBuffer.release();
        iovecs.release();
        plainHeader.release();
    }

    void underlay(Channel channel) {
        this.underlay = channel;
    }

    void attach(TapPort port) {
        if (port.id >= ports.length) {
            TapPort[] grown = new TapPort[Math.max(port.id + 1, ports.length * 2)];
            System.arraycopy(ports, 0, grown, 0, ports.length);
            ports = grown;
        }
        ports[port.id] = port;
        traffic.attached(port.id);
    }

    TapPort port(int id) {
        return id >= 0 && id < ports.length ? ports[id] : null;
    }

    TapPort detach(int id) {
        if (id < 0 || id >= ports.length) {
            return null;
        }
        TapPort port = ports[id];
        ports[id] = null;
        traffic.detached(id);
        return port;
    }

    TapPort[] ports() {
        return ports;
    }

    /** Installs the running capture's tap, or removes it with null; one capture at a time. */
    void capture(CaptureTap tap) {
        if (tap != null && capture != null) {
            throw new IllegalStateException("a capture is already running (" + capture.filter() + ")");
        }
        capture = tap;
    }

    /** The running capture's tap, or null: what the I/O hooks check once per frame. */
    CaptureTap capture() {
        return capture;
    }

    /** Processes one frame and applies the verdict; the buffer is consumed either way. */
    void dispatch(ByteBuf frame, int inPort, int sourceVtep, long nowNs) {
        int verdict = processor.process(frame, inPort, sourceVtep, nowNs);
        switch (verdict) {
            case Verdict.FORWARD_LOCAL:
            case Verdict.ANSWER_LOCAL:
                writeTap(processor.outputPort(), frame, nowNs);
                frame.release();
                break;
            case Verdict.FORWARD_REMOTE:
            case Verdict.ANSWER_REMOTE:
                sendRemote(processor.remoteVtep(), frame, nowNs);
                break;
            default:
                frame.release();
                break;
        }
    }

    /** Sends a frame the data plane built itself (a relayed DNS reply) to local port {@code id}; consumes it. */
    void send(int id, ByteBuf frame) {
        writeTap(id, frame, System.nanoTime());
        frame.release();
        flush();
    }

    /**
     * Ends a batch: writes the held run of coalesced segments, and flushes the underlay so
     * pending datagrams leave with one sendmmsg.
     */
    void flush() {
        if (coalescing.holding()) {
            writeRun();
        }
        if (underlayPending > 0) {
            underlayPending = 0;
            underlay.flush();
        }
    }

    private void writeTap(int id, ByteBuf frame, long nowNs) {
        TapPort port = id >= 0 && id < ports.length ? ports[id] : null;
        if (port == null) {
            counters.increment(Counter.TAP_TX_DROPS);
            return;
        }
        int length = frame.readableBytes();
        if (port.vnetHeader) {
            if (coalescing.offer(id, frame)) {
                sentToPort(frame, id, length, nowNs);
                return;
            }
            if (coalescing.holding()) {
                writeRun();
                if (coalescing.offer(id, frame)) {
                    sentToPort(frame, id, length, nowNs);
                    return;
                }
            }
        }
        try {
            long written;
            if (port.vnetHeader) {
                iovecs.setLongLE(16, frame.memoryAddress() + frame.readerIndex());
                iovecs.setLongLE(24, length);
                written = port.fd().writevAddresses(iovecs.memoryAddress(), 2);
            } else {
                written = port.fd().writeAddress(frame.memoryAddress(), frame.readerIndex(), frame.writerIndex());
            }
            if (written <= 0) {
                counters.increment(Counter.TAP_TX_DROPS);
                return;
            }
            sentToPort(frame, id, length, nowNs);
        } catch (IOException e) {
            counters.increment(Counter.TAP_ERRORS);
        }
    }

    private void sentToPort(ByteBuf frame, int id, int length, long nowNs) {
        counters.increment(Counter.TAP_TX_FRAMES);
        counters.add(Counter.TAP_TX_BYTES, length);
        traffic.sent(id, 1, length);
        if (capture != null) {
            capture.portSent(frame, id, nowNs);
        }
    }

    /** Writes the held run to its port as one (super-)frame. */
    private void writeRun() {
        int id = coalescing.port();
        int segments = coalescing.segments();
        int length = coalescing.headerAndFrame();
        TapPort port = port(id);
        if (port == null) {
            counters.add(Counter.TAP_TX_DROPS, segments);
            return;
        }
        try {
            if (port.fd().writeAddress(runBuffer.memoryAddress(), 0, length) <= 0) {
                counters.add(Counter.TAP_TX_DROPS, segments);
            } else if (segments > 1) {
                counters.increment(Counter.TAP_TX_SUPERFRAMES);
            }
        } catch (IOException e) {
            counters.increment(Counter.TAP_ERRORS);
        }
    }

    private void sendRemote(int vtep, ByteBuf datagram, long nowNs) {
        Channel channel = underlay;
        if (channel == null || !channel.isActive()) {
            counters.increment(Counter.UNDERLAY_TX_ERRORS);
            datagram.release();
            return;
        }
        counters.increment(Counter.UNDERLAY_TX_DATAGRAMS);
        counters.add(Counter.UNDERLAY_TX_BYTES, datagram.readableBytes());
        if (capture != null) {
            capture.underlaySent(datagram, vtep, underlayPort, nowNs);
        }
        channel.write(new DatagramPacket(datagram, address(vtep)), channel.voidPromise());
        if (++underlayPending >= FLUSH_EVERY) {
            flush();
        }
    }

    private InetSocketAddress address(int vtep) {
        InetSocketAddress address = vteps.get(vtep);
        if (address == null) {
            address = new InetSocketAddress(toInet(vtep), underlayPort);
            vteps.put(vtep, address);
        }
        return address;
    }

    private static InetAddress toInet(int address) {
        try {
            return InetAddress.getByAddress(new byte[] {
                (byte) (address >>> 24), (byte) (address >>> 16), (byte) (address >>> 8), (byte) address});
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }
}
