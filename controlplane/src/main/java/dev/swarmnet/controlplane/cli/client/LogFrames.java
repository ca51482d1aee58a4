package dev.swarmnet.controlplane.cli.client;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;

/**
 * Splits Docker's multiplexed log stream ({@code application/vnd.docker.multiplexed-stream},
 * docker-api.md §6) into frames. Each frame is an 8-byte header and a payload:
 * <pre>
 *  0      1  2  3  4                 8
 * +------+--+--+--+-----------------+------------ ... -+
 * |stream| 0| 0| 0| length (BE u32) | payload (length) |
 * +------+--+--+--+-----------------+------------ ... -+
 * </pre>
 * Stream 1 is stdout, 2 stderr (0 stdin, 3 a system error). Bytes may arrive in any pieces;
 * a frame is handed on once it is complete. Single-threaded.
 */
public final class LogFrames {

    /** Receives each complete frame. */
    @FunctionalInterface
    public interface Handler {
        void frame(int stream, byte[] payload);
    }

    static final int HEADER_LENGTH = 8;
    static final int STDOUT = 1;
    static final int STDERR = 2;
    static final int SYSTEM_ERROR = 3;

    private final Handler handler;
    private final ByteArrayOutputStream pending = new ByteArrayOutputStream();

    public LogFrames(Handler handler) {
        this.handler = handler;
    }

    /**
     * Takes the next bytes of the stream.
     *
     * @throws IllegalArgumentException for a header naming a stream other than 0 to 3
     */
    public void feed(byte[] bytes, int offset, int length) {
        pending.write(bytes, offset, length);
        byte[] buffer = pending.toByteArray();
        int position = 0;
        while (buffer.length - position >= HEADER_LENGTH) {
            int stream = buffer[position] & 0xff;
            if (stream > SYSTEM_ERROR) {
                throw new IllegalArgumentException("Unrecognized input header: " + stream);
            }
            long size = ((buffer[position + 4] & 0xffL) << 24) | ((buffer[position + 5] & 0xff) << 16)
                    | ((buffer[position + 6] & 0xff) << 8) | (buffer[position + 7] & 0xff);
            if (buffer.length - position - HEADER_LENGTH < size) {
                break;
            }
            int start = position + HEADER_LENGTH;
            handler.frame(stream, Arrays.copyOfRange(buffer, start, start + (int) size));
            position = start + (int) size;
        }
        pending.reset();
        pending.write(buffer, position, buffer.length - position);
    }

    /** Whether bytes of an incomplete frame are left over. */
    public boolean hasPartialFrame() {
        return pending.size() > 0;
    }
}
