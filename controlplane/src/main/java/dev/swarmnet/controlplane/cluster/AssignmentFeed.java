package dev.swarmnet.controlplane.cluster;

import dev.swarmnet.controlplane.state.ClusterState;
import io.netty.channel.EventLoopGroup;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * The server's source of local states for assignment streams: it keeps the latest state the
 * backend applied and wakes every open {@link AssignmentStream} when it changes. The backend
 * pushes states ({@link ClusterPortBackend#watchState}); one that cannot is polled every
 * {@link #POLL} on an I/O thread (a reference comparison, cheap). Thread-safe.
 */
final class AssignmentFeed implements AutoCloseable {
    static final Duration POLL = Duration.ofMillis(100);

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(AssignmentFeed.class);

    private final ClusterPortBackend backend;
    private final Set<AssignmentStream> streams = ConcurrentHashMap.newKeySet();
    private final ScheduledFuture<?> poll;
    private volatile ClusterState current;

    AssignmentFeed(ClusterPortBackend backend, EventLoopGroup io) {
        this.backend = backend;
        this.current = backend.currentState();
        this.poll = backend.watchState(this::stateChanged) ? null
                : io.next().scheduleWithFixedDelay(this::poll, POLL.toMillis(), POLL.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void poll() {
        try {
            stateChanged(backend.currentState());
        } catch (RuntimeException e) {
            LOG.warn("could not read the local state for assignment streams", e);
        }
    }

    /** The latest local state. */
    ClusterState current() {
        ClusterState state = current;
        return state != null ? state : backend.currentState();
    }

    /** Records {@code state} and wakes the streams, unless it is the state already known. */
    void stateChanged(ClusterState state) {
        if (state == null || state == current) {
            return;
        }
        current = state;
        for (AssignmentStream stream : streams) {
            stream.changed();
        }
    }

    void add(AssignmentStream stream) {
        streams.add(stream);
    }

    void remove(AssignmentStream stream) {
        streams.remove(stream);
    }

    @Override
    public void close() {
        if (poll != null) {
            poll.cancel(false);
        }
        streams.clear();
    }
}
