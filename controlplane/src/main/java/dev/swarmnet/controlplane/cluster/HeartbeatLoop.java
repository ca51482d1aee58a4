package dev.swarmnet.controlplane.cluster;

import io.netty.handler.ssl.SslContext;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An agent's heartbeats: one every period to the current manager, over mutual TLS. The period
 * is the one the manager last acknowledged. When a heartbeat fails, the next manager in the
 * list becomes current (round robin) and is tried after {@link #RETRY_DELAY} (or the period, if
 * shorter), so a node survives a manager's loss well within the grace period. An ack that names
 * the managers (leader first) replaces the list, so a node learns of managers that joined after
 * it, and the next heartbeat goes to the leader directly. Owns one daemon
 * thread ({@code heartbeat}); the manager list may be replaced from any thread.
 */
public final class HeartbeatLoop implements AutoCloseable {
    static final Duration RETRY_DELAY = Duration.ofSeconds(1);

    private static final Logger LOG = LoggerFactory.getLogger(HeartbeatLoop.class);

    private final ClusterPortClient client;
    private final SslContext tls;
    private final ScheduledExecutorService executor;
    private volatile List<String> managers;
    private final Consumer<List<String>> onManagers;
    private final Consumer<String> onRole;
    /** Confined to the heartbeat thread and the client's callbacks, which run one at a time. */
    private int current;
    private long periodMillis;

    private HeartbeatLoop(ClusterPortClient client, SslContext tls, List<String> managers, Duration period,
                          Consumer<List<String>> onManagers, Consumer<String> onRole) {
        this.client = client;
        this.onManagers = onManagers;
        this.onRole = onRole;
        this.tls = tls;
        this.managers = List.copyOf(managers);
        this.periodMillis = period.toMillis();
        this.executor = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "heartbeat");
            thread.setDaemon(true);
            return thread;
        });
    }

    /**
     * Starts heartbeating now to {@code managers} (cluster-port addresses, tried in order) with
     * {@code tls} from {@code TlsContexts.client(identity)}, every {@code period} until a
     * manager says otherwise.
     */
    public static HeartbeatLoop start(ClusterPortClient client, SslContext tls, List<String> managers, Duration period) {
        return start(client, tls, managers, period, known -> { });
    }

    /**
     * As {@link #start(ClusterPortClient, SslContext, List, Duration)}, and tells
     * {@code onManagers} (on the heartbeat thread, never the client's I/O thread) each time an ack changes the manager list.
     */
    public static HeartbeatLoop start(ClusterPortClient client, SslContext tls, List<String> managers, Duration period,
                                      Consumer<List<String>> onManagers) {
        return start(client, tls, managers, period, onManagers, role -> { });
    }

    /**
     * As {@link #start(ClusterPortClient, SslContext, List, Duration, Consumer)}, and tells
     * {@code onRole} (on the heartbeat thread) the role each ack names for this node, when it names one.
     */
    public static HeartbeatLoop start(ClusterPortClient client, SslContext tls, List<String> managers, Duration period,
                                      Consumer<List<String>> onManagers, Consumer<String> onRole) {
        if (managers.isEmpty()) {
            throw new IllegalArgumentException("no manager to heartbeat to");
        }
        HeartbeatLoop loop = new HeartbeatLoop(client, tls, managers, period, onManagers, onRole);
        loop.executor.execute(loop::beat);
        return loop;
    }

    /** Replaces the managers to heartbeat to (e.g. after a manager joined or left). */
    public void managers(List<String> addresses) {
        if (addresses.isEmpty()) {
            throw new IllegalArgumentException("no manager to heartbeat to");
        }
        managers = List.copyOf(addresses);
    }

    private void beat() {
        List<String> known = managers;
        String target = known.get(Math.floorMod(current, known.size()));
        client.heartbeat(target, tls).whenComplete((ack, failure) -> {
            if (failure == null) {
                periodMillis = ack.periodMillis();
                if (!ack.managers().isEmpty() && !ack.managers().equals(managers)) {
                    managers = ack.managers();
                    current = 0;
                    tell(ack.managers());
                }
                if (ack.role() != null) {
                    run(() -> onRole.accept(ack.role()), "act on the role " + ack.role());
                }
                schedule(periodMillis);
            } else {
                current = Math.floorMod(current + 1, known.size());
                LOG.info("heartbeat to {} failed ({}); next: {}", target, failure.getMessage(),
                        known.get(current));
                schedule(Math.min(periodMillis, RETRY_DELAY.toMillis()));
            }
        });
    }

    /** Runs {@code onManagers} on the heartbeat thread, never on the client's I/O thread. */
    private void tell(List<String> known) {
        run(() -> onManagers.accept(known), "record the managers " + known);
    }

    private void run(Runnable task, String what) {
        try {
            executor.execute(() -> {
                try {
                    task.run();
                } catch (RuntimeException e) {
                    LOG.warn("could not {}", what, e);
                }
            });
        } catch (java.util.concurrent.RejectedExecutionException e) {
            // closed meanwhile
        }
    }

    private void schedule(long delayMillis) {
        if (!executor.isShutdown()) {
            try {
                executor.schedule(this::beat, delayMillis, TimeUnit.MILLISECONDS);
            } catch (java.util.concurrent.RejectedExecutionException e) {
                // closed meanwhile
            }
        }
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
