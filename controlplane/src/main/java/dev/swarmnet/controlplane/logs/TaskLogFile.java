package dev.swarmnet.controlplane.logs;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * A reader of one task's log file (stdout and stderr appended to one file, no timestamps): it
 * starts at the last {@code tail} lines, found by scanning backwards from the end in blocks, so a
 * huge file costs no more memory than a block and the lines asked for; then each {@link #read}
 * returns the complete lines appended since. A last line without its newline stays pending
 * until it is completed, or until the caller says the input has ended ({@link #read} with
 * {@code atEnd}). A line longer than {@link #MAX_LINE_BYTES} is cut into pieces of that size.
 * A file that shrinks below what was read was truncated: reading starts again at its beginning.
 * Lines are bytes without their newline (a trailing {@code \r} is kept: the file's bytes, raw).
 * Not thread-safe: one thread at a time.
 */
public final class TaskLogFile implements AutoCloseable {
    /** Longest line delivered in one piece (Docker's loggers cut at 16 KiB; we allow more). */
    public static final int MAX_LINE_BYTES = 64 * 1024;
    static final int BLOCK_BYTES = 64 * 1024;

    private final Path path;
    private final FileChannel channel;
    private final ByteBuffer block = ByteBuffer.allocate(BLOCK_BYTES);
    private final ByteArrayOutputStream pending = new ByteArrayOutputStream();
    private long position;
    private long end = Long.MAX_VALUE;

    private TaskLogFile(Path path, FileChannel channel, long position) {
        this.path = path;
        this.channel = channel;
        this.position = position;
    }

    /**
     * Opens {@code path} positioned at the start of its last {@code tail} lines ({@code tail < 0}:
     * the whole file; {@code 0}: its end, so only lines appended later are read).
     *
     * @throws NoSuchFileException when there is no such file
     */
    public static TaskLogFile open(Path path, int tail) throws IOException {
        FileChannel channel = FileChannel.open(path, StandardOpenOption.READ);
        try {
            long size = channel.size();
            long start = tail < 0 ? 0 : startOfLast(channel, size, tail);
            return new TaskLogFile(path, channel, start);
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    /** The offset where the last {@code lines} lines of the first {@code size} bytes begin. */
    static long startOfLast(FileChannel channel, long size, int lines) throws IOException {
        if (lines == 0 || size == 0) {
            return size;
        }
        ByteBuffer buffer = ByteBuffer.allocate(BLOCK_BYTES);
        // A newline as the very last byte ends the last line; it does not start another one.
        long end = size;
        int found = 0;
        boolean last = true;
        while (end > 0) {
            long from = Math.max(0, end - BLOCK_BYTES);
            buffer.clear().limit((int) (end - from));
            readFully(channel, buffer, from);
            for (int i = buffer.limit() - 1; i >= 0; i--) {
                long offset = from + i;
                if (buffer.get(i) == '\n') {
                    if (last && offset == size - 1) {
                        continue;
                    }
                    if (++found == lines) {
                        return offset + 1;
                    }
                }
            }
            last = false;
            end = from;
        }
        return 0;
    }

    private static void readFully(FileChannel channel, ByteBuffer buffer, long at) throws IOException {
        long offset = at;
        while (buffer.hasRemaining()) {
            int n = channel.read(buffer, offset);
            if (n < 0) {
                throw new IOException("the log file shrank while its tail was being read");
            }
            offset += n;
        }
    }

    /**
     * The complete lines written since the last call, at most {@code maxLines} of them and about
     * {@code maxBytes} (a line is never split to honour it; lines past either limit are returned by
     * the next call). With {@code atEnd}, a pending last line without newline is returned too,
     * once everything else has been read.
     */
    public List<byte[]> read(int maxLines, int maxBytes, boolean atEnd) throws IOException {
        List<byte[]> lines = new ArrayList<>();
        long actual = channel.size();
        if (actual < position) {
            position = 0;
            pending.reset();
            end = Math.min(end, actual);
        }
        long size = Math.min(actual, end);
        int bytes = 0;
        while (lines.size() < maxLines && bytes < maxBytes && position < size) {
            block.clear().limit((int) Math.min(BLOCK_BYTES, size - position));
            int n = channel.read(block, position);
            if (n <= 0) {
                break;
            }
            int consumed = 0;
            for (int i = 0; i < n && lines.size() < maxLines && bytes < maxBytes; i++) {
                byte b = block.get(i);
                consumed = i + 1;
                if (b == '\n') {
                    byte[] line = pending.toByteArray();
                    pending.reset();
                    lines.add(line);
                    bytes += line.length + 1;
                } else {
                    pending.write(b);
                    if (pending.size() == MAX_LINE_BYTES) {
                        lines.add(pending.toByteArray());
                        pending.reset();
                        bytes += MAX_LINE_BYTES;
                    }
                }
            }
            position += consumed;
        }
        if (atEnd && position >= size && pending.size() > 0 && lines.size() < maxLines) {
            lines.add(pending.toByteArray());
            pending.reset();
        }
        return lines;
    }

    /** Whether everything in the file now has been read (a pending partial line aside). */
    public boolean caughtUp() throws IOException {
        return position >= Math.min(channel.size(), end);
    }

    /**
     * Reads no further than the file's end now: what is appended later is ignored, so a reader
     * that does not follow finishes even while the task keeps writing.
     */
    public void stopAtCurrentEnd() throws IOException {
        end = channel.size();
    }

    /** Whether the file was removed from its directory (the task's log is gone: stop following it). */
    public boolean deleted() {
        return !Files.exists(path);
    }

    public Path path() {
        return path;
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
