package dev.swarmnet.controlplane.api;

/**
 * A response body sent as it is produced, in HTTP chunks: the connection stays busy until the
 * body ends or the client goes away. See {@link ApiResponse#streaming}.
 */
public interface StreamingBody extends AutoCloseable {

    /** Receives the body. Thread-safe; calls must not overlap. */
    interface Sink {
        /** One chunk, flushed at once; blocks while the client is not keeping up (off the event loop). */
        void chunk(byte[] bytes);

        /** The body is complete. Idempotent. */
        void end();
    }

    /** Starts producing; called once on an API worker thread after the headers are written. */
    void start(Sink sink);

    /** The client went away or the body ended: stop and release. Idempotent. */
    @Override
    void close();
}
