package dev.swarmnet.dataplane.capture;

import io.netty.buffer.ByteBuf;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Writes a classic libpcap file of Ethernet frames
 * (https://wiki.wireshark.org/Development/LibpcapFileFormat): a 24-byte global header, then per
 * frame a 16-byte record header and the captured bytes.
 *
 * <pre>
 * global header                      record header
 * +---------------------------+      +---------------------------+
 * | magic       a1b23c4d (ns) |      | ts_sec                    |
 * |             a1b2c3d4 (us) |      | ts_frac (ns or us)        |
 * | version 2   | version 4   |      | incl_len (<= snaplen)     |
 * | thiszone 0                |      | orig_len                  |
 * | sigfigs 0                 |      +---------------------------+
 * | snaplen                   |
 * | network 1 (LINKTYPE_ETHERNET) |
 * +---------------------------+
 * </pre>
 *
 * <p>Fields are little-endian, as libpcap writes them on x86; readers recognise the order from
 * the magic. Records are gathered in a buffer and written when it fills, on {@link #flush()} and
 * on {@link #close()}. Owned by one thread (the capture's writer thread): not thread-safe.
 */
public final class PcapWriter implements Closeable {
    public static final int MAGIC_MICROSECONDS = 0xa1b2_c3d4;
    public static final int MAGIC_NANOSECONDS = 0xa1b2_3c4d;
    public static final int VERSION_MAJOR = 0x0002;
    public static final int VERSION_MINOR = 0x0004;
    public static final int LINKTYPE_ETHERNET = 0x0001;
    public static final int GLOBAL_HEADER_LENGTH = 24;
    public static final int RECORD_HEADER_LENGTH = 16;
    /** The largest snap length current readers accept (libpcap's MAXIMUM_SNAPLEN). */
    public static final int MAX_SNAPLEN = 0x4_0000;

    private static final int BUFFER_SIZE = 1 << 16;
    private static final long NANOS_PER_SECOND = 1_000_000_000L;

    /** Timestamp resolution of the file. */
    public enum Resolution { NANOSECONDS, MICROSECONDS }

    private final WritableByteChannel channel;
    private final int snaplen;
    private final Resolution resolution;
    private final ByteBuffer buffer;
    private long records;
    private boolean closed;

    /**
     * Starts a file on {@code channel} and writes its global header at once, so that even an
     * empty capture is a valid file. The writer closes the channel on {@link #close()}.
     */
    public PcapWriter(WritableByteChannel channel, int snaplen, Resolution resolution) throws IOException {
        if (snaplen < 1 || snaplen > MAX_SNAPLEN) {
            throw new IllegalArgumentException("snap length " + snaplen + " is outside 1.." + MAX_SNAPLEN);
        }
        this.channel = channel;
        this.snaplen = snaplen;
        this.resolution = resolution;
        this.buffer = ByteBuffer.allocate(Math.max(BUFFER_SIZE, RECORD_HEADER_LENGTH + snaplen))
                .order(ByteOrder.LITTLE_ENDIAN);
        buffer.putInt(resolution == Resolution.NANOSECONDS ? MAGIC_NANOSECONDS : MAGIC_MICROSECONDS)
                .putShort((short) VERSION_MAJOR)
                .putShort((short) VERSION_MINOR)
                .putInt(0)
                .putInt(0)
                .putInt(snaplen)
                .putInt(LINKTYPE_ETHERNET);
        flush();
    }

    /** A nanosecond-resolution file created (or truncated) at {@code file}. */
    public static PcapWriter create(Path file, int snaplen) throws IOException {
        FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING);
        try {
            return new PcapWriter(channel, snaplen, Resolution.NANOSECONDS);
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    /** A nanosecond-resolution file written to {@code out}, which the writer closes. */
    public static PcapWriter create(OutputStream out, int snaplen) throws IOException {
        return new PcapWriter(Channels.newChannel(out), snaplen, Resolution.NANOSECONDS);
    }

    /**
     * Appends one record: the readable bytes of {@code frame} up to the snap length. The buffer's
     * indexes are left as they were; the caller keeps ownership.
     *
     * @param epochNanos time since the Unix epoch, in nanoseconds
     * @param originalLength the frame's length on the wire (at least the captured length)
     */
    public void write(long epochNanos, int originalLength, ByteBuf frame) throws IOException {
        int captured = Math.min(frame.readableBytes(), snaplen);
        if (buffer.remaining() < RECORD_HEADER_LENGTH + captured) {
            flush();
        }
        long seconds = Math.floorDiv(epochNanos, NANOS_PER_SECOND);
        long fraction = Math.floorMod(epochNanos, NANOS_PER_SECOND);
        buffer.putInt((int) seconds)
                .putInt((int) (resolution == Resolution.NANOSECONDS ? fraction : fraction / 1_000))
                .putInt(captured)
                .putInt(Math.max(originalLength, captured));
        int limit = buffer.limit();
        buffer.limit(buffer.position() + captured);
        frame.getBytes(frame.readerIndex(), buffer);
        buffer.limit(limit);
        records++;
    }

    /** Writes what is buffered to the channel. */
    public void flush() throws IOException {
        buffer.flip();
        try {
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
        } finally {
            buffer.compact();
        }
    }

    public int snaplen() {
        return snaplen;
    }

    /** Records written so far. */
    public long records() {
        return records;
    }

    /** Flushes and closes the channel; later calls do nothing. */
    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        try {
            flush();
        } finally {
            channel.close();
        }
    }
}
