package dev.swarmnet.controlplane.cluster;

import dev.swarmnet.controlplane.agent.AssignmentChange;
import dev.swarmnet.controlplane.agent.AssignmentView;
import dev.swarmnet.controlplane.agent.NodeAssignment;
import io.netty.channel.Channel;
import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One node's assignment stream on one connection: a full {@code assignments} message first,
 * then the diff between what the node was last sent and what it sees now, each time the local
 * state changes. Coalescing, no queue: at most one message is in flight (written but not yet
 * flushed to the socket); changes that arrive meanwhile, or while the channel is not writable,
 * only mark the stream dirty, and the next message is the diff to the latest state. A keepalive
 * (an empty change) goes every {@link #KEEPALIVE} so a dead peer is noticed and the agent's read
 * timeout does not fire. Confined to the channel's event loop, except {@link #changed}.
 */
final class AssignmentStream {
    static final Duration KEEPALIVE = Duration.ofSeconds(20);

    private static final Logger LOG = LoggerFactory.getLogger(AssignmentStream.class);

    private final AssignmentFeed feed;
    private final Channel channel;
    private final String nodeId;
    private NodeAssignment sent;
    private boolean inFlight;
    private boolean dirty;
    private ScheduledFuture<?> keepalive;

    AssignmentStream(AssignmentFeed feed, Channel channel, String nodeId) {
        this.feed = feed;
        this.channel = channel;
        this.nodeId = nodeId;
    }

    /** Registers with the feed and sends the first, full message. Event loop only. */
    void start() {
        feed.add(this);
        channel.closeFuture().addListener(closed -> {
            feed.remove(this);
            if (keepalive != null) {
                keepalive.cancel(false);
            }
        });
        keepalive = channel.eventLoop().scheduleAtFixedRate(this::keepalive,
                KEEPALIVE.toMillis(), KEEPALIVE.toMillis(), TimeUnit.MILLISECONDS);
        dirty = true;
        pump();
    }

    /** The local state changed: any thread. */
    void changed() {
        try {
            channel.eventLoop().execute(() -> {
                dirty = true;
                pump();
            });
        } catch (java.util.concurrent.RejectedExecutionException e) {
            // the server is stopping; the connection goes with it
        }
    }

    /** Sends the diff to the latest state if one is due and the channel can take it. Event loop only. */
    void pump() {
        if (inFlight || !dirty || !channel.isActive() || !channel.isWritable()) {
            return;
        }
        dirty = false;
        NodeAssignment target;
        try {
            target = AssignmentView.of(feed.current(), nodeId);
        } catch (RuntimeException e) {
            LOG.warn("could not compute the assignments of node {}; closing its stream", nodeId, e);
            channel.close();
            return;
        }
        AssignmentChange change = sent == null ? AssignmentChange.full(target) : AssignmentChange.between(sent, target);
        sent = target;
        if (!change.isEmpty()) {
            send(change);
        }
    }

    private void keepalive() {
        if (!inFlight && sent != null && channel.isActive()) {
            send(AssignmentChange.between(sent, sent));
        }
    }

    private void send(AssignmentChange change) {
        inFlight = true;
        channel.writeAndFlush(new ClusterMessage.Assignments(change)).addListener(written -> {
            inFlight = false;
            if (!written.isSuccess()) {
                LOG.info("assignment stream of node {} to {} failed: {}", nodeId, channel.remoteAddress(),
                        written.cause() == null ? "closed" : written.cause().getMessage());
                channel.close();
            } else {
                pump();
            }
        });
    }
}
