package dev.swarmnet.controlplane.api;

/**
 * A service's log lines on their way to one client: what {@link SwarmBackend#serviceLogs} returns.
 * The API calls {@link #start} once, on an API worker thread, after the response headers are out;
 * the stream delivers the lines there are (the last {@code tail} of each task), and then either
 * calls {@link Sink#end} or, when following, keeps delivering new lines from any thread of the
 * backend's until {@link #close}. {@code start} must not wait for new lines itself.
 *
 * <p>{@link #close} is called when the client goes away or the stream has ended; it is idempotent,
 * and after it returns the stream should stop calling the sink (late calls are ignored).
 */
public interface LogStream extends AutoCloseable {

    /** Where the lines go. Thread-safe; calls must not overlap for one sink. */
    interface Sink {
        /**
         * One line; sent as one frame. Blocks while the client reads slower than lines come
         * (back-pressure), so deliver a followed stream from a thread that may wait, never from a
         * thread shared with other work that must not stall.
         */
        void entry(LogEntry entry);

        /** No more lines: the response ends. Idempotent. */
        void end();
    }

    /** Starts delivering to {@code sink}. */
    void start(Sink sink);

    /** Stops delivering and releases what the stream holds (file handles, subscriptions). */
    @Override
    void close();
}
