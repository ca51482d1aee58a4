package dev.swarmnet.controlplane.cluster;

import dev.swarmnet.controlplane.cluster.ClusterMessage.LogLine;
import dev.swarmnet.controlplane.logs.TaskLogFile;
import io.netty.channel.Channel;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One {@code task-logs} reply on one connection: the last lines of each task's file, then (when
 * following) lines as they are appended, in {@code log-lines} batches. Back-pressure as in
 * {@link AssignmentStream}: at most one batch is in flight, and the files are read only when the
 * last batch was written and the channel is writable, so a slow requester slows the reading and
 * nothing queues. Files are read round robin, at most {@link #BATCH_LINES} lines and about
 * {@link #BATCH_BYTES} bytes per batch (a batch stays well under the 1 MiB frame). When every
 * file has been read: without follow (each file up to its end when the request came), a
 * {@code log-end}, after which the files are released and the connection closed; with it, the
 * files are polled every {@link #POLL}, a file deleted from its directory is finished and dropped, a task whose file
 * did not exist yet is looked for again, and an empty batch goes every {@link #KEEPALIVE} so a
 * requester that vanished is noticed by a failed write. Everything runs on the server's
 * {@code task-logs} thread; {@link #stop} and {@link #release} may be called from any thread.
 */
final class TaskLogStream {
    static final Duration POLL = Duration.ofMillis(150);
    static final Duration KEEPALIVE = Duration.ofSeconds(20);
    static final int BATCH_LINES = 1000;
    static final int BATCH_BYTES = 256 * 1024;

    private static final Logger LOG = LoggerFactory.getLogger(TaskLogStream.class);

    private final TaskLogStreams streams;
    private final Channel channel;
    private final ClusterMessage.TaskLogs request;
    /** Guarded by this. */
    private final List<Open> files = new ArrayList<>();
    private final Set<String> missing = new LinkedHashSet<>();
    private int next;
    private boolean inFlight;
    private boolean ended;
    private boolean released;
    private long lastSentMillis;
    private ScheduledFuture<?> poll;
    private volatile boolean stopped;

    private record Open(String taskId, TaskLogFile file) {
    }

    TaskLogStream(TaskLogStreams streams, Channel channel, ClusterMessage.TaskLogs request) {
        this.streams = streams;
        this.channel = channel;
        this.request = request;
    }

    /** Opens the files and sends the first batch; the connection's close stops the stream. */
    void start() {
        streams.opened(this);
        channel.closeFuture().addListener(closed -> stop());
        submit(this::openFiles);
    }

    /** The channel became writable again: reading may go on. Any thread. */
    void writable() {
        submit(this::pump);
    }

    /** The requester went away: stop reading and release the files. Any thread. */
    void stop() {
        stopped = true;
        submit(this::release);
    }

    private void submit(Runnable step) {
        try {
            streams.reader().execute(step);
        } catch (RejectedExecutionException e) {
            release(); // the server is stopping
        }
    }

    private synchronized void openFiles() {
        lastSentMillis = streams.nowMillis();
        missing.addAll(request.taskIds());
        openMissing(request.tail());
        pump();
    }

    /** Opens the files of tasks not opened yet that have one now. */
    private void openMissing(int tail) {
        for (Iterator<String> it = missing.iterator(); it.hasNext(); ) {
            String taskId = it.next();
            Optional<Path> path = streams.fileOf(taskId);
            if (path.isEmpty()) {
                continue;
            }
            try {
                TaskLogFile file = TaskLogFile.open(path.get(), tail);
                if (!request.follow()) {
                    file.stopAtCurrentEnd();
                }
                files.add(new Open(taskId, file));
                it.remove();
            } catch (NoSuchFileException e) {
                // not written yet, or already removed: skipped (looked for again when following)
            } catch (IOException e) {
                LOG.warn("cannot read the log of task {} at {}: {}", taskId, path.get(), e.getMessage());
                it.remove();
            }
        }
    }

    private synchronized void pump() {
        if (stopped) {
            release();
            return;
        }
        if (released || ended || inFlight || !channel.isActive() || !channel.isWritable()) {
            return;
        }
        List<LogLine> batch;
        try {
            batch = readBatch();
        } catch (IOException | RuntimeException e) {
            LOG.warn("reading task logs for {} failed; closing the stream", channel.remoteAddress(), e);
            channel.close();
            release();
            return;
        }
        if (!batch.isEmpty()) {
            send(new ClusterMessage.LogLines(batch));
            return;
        }
        if (!request.follow()) {
            ended = true;
            send(new ClusterMessage.LogEnd());
            return;
        }
        if (streams.nowMillis() - lastSentMillis >= KEEPALIVE.toMillis()) {
            send(new ClusterMessage.LogLines(List.of()));
            return;
        }
        if (poll == null) {
            try {
                poll = streams.reader().schedule(this::polled, POLL.toMillis(), TimeUnit.MILLISECONDS);
            } catch (RejectedExecutionException e) {
                release();
            }
        }
    }

    private synchronized void polled() {
        poll = null;
        pump();
    }

    /**
     * Up to one batch of lines, visiting the files round robin from where the last batch began;
     * when following, a file that was deleted and has been read to its end is finished (its
     * partial last line included) and dropped.
     */
    private List<LogLine> readBatch() throws IOException {
        if (request.follow() && !missing.isEmpty()) {
            openMissing(0);
        }
        List<LogLine> batch = new ArrayList<>();
        List<Open> finished = new ArrayList<>();
        int bytes = 0;
        int count = files.size();
        for (int visited = 0; visited < count && batch.size() < BATCH_LINES && bytes < BATCH_BYTES; visited++) {
            Open open = files.get((next + visited) % count);
            TaskLogFile file = open.file();
            List<byte[]> lines = file.read(BATCH_LINES - batch.size(), BATCH_BYTES - bytes, !request.follow());
            if (lines.isEmpty() && request.follow() && file.caughtUp() && file.deleted()) {
                lines = file.read(BATCH_LINES - batch.size(), BATCH_BYTES - bytes, true);
                if (file.caughtUp()) {
                    finished.add(open);
                }
            }
            bytes += addAll(batch, open.taskId(), lines);
        }
        for (Open open : finished) {
            closeQuietly(open);
            files.remove(open);
        }
        next = files.isEmpty() ? 0 : (next + 1) % files.size();
        return batch;
    }

    private int addAll(List<LogLine> batch, String taskId, List<byte[]> lines) {
        long now = streams.nowMillis();
        int bytes = 0;
        for (byte[] line : lines) {
            batch.add(new LogLine(taskId, now, line));
            bytes += line.length + 1;
        }
        return bytes;
    }

    private void send(ClusterMessage message) {
        inFlight = true;
        lastSentMillis = streams.nowMillis();
        channel.writeAndFlush(message).addListener(written -> submit(() -> sent(written.isSuccess(), written.cause())));
    }

    private synchronized void sent(boolean success, Throwable cause) {
        inFlight = false;
        if (!success) {
            LOG.info("task-logs stream to {} failed: {}", channel.remoteAddress(), cause == null ? "closed" : cause.getMessage());
            channel.close();
            release();
            return;
        }
        if (ended) {
            release();
            channel.close();
            return;
        }
        pump();
    }

    /** Closes the files and forgets the stream. Idempotent; any thread. */
    synchronized void release() {
        if (released) {
            return;
        }
        released = true;
        if (poll != null) {
            poll.cancel(false);
        }
        for (Open open : files) {
            closeQuietly(open);
        }
        files.clear();
        streams.closed(this);
    }

    private static void closeQuietly(Open open) {
        try {
            open.file().close();
        } catch (IOException e) {
            LOG.debug("closing the log of task {}", open.taskId(), e);
        }
    }
}
