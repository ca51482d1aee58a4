package dev.swarmnet.controlplane.dispatcher;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The dispatcher's one scheduler: a daemon thread ({@code dispatcher-sweep}) that sweeps once a
 * heartbeat period while this manager leads, and resets last-seen times each time it becomes
 * leader. Owns that thread; {@link #close} stops it.
 */
public final class DispatcherLoop implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(DispatcherLoop.class);

    private final Dispatcher dispatcher;
    private final BooleanSupplier isLeader;
    private final LongSupplier nanoClock;
    private final ScheduledExecutorService executor;
    /** Read and written only on the sweep thread. */
    private boolean wasLeader;

    private DispatcherLoop(Dispatcher dispatcher, BooleanSupplier isLeader, LongSupplier nanoClock) {
        this.dispatcher = dispatcher;
        this.isLeader = isLeader;
        this.nanoClock = nanoClock;
        this.executor = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "dispatcher-sweep");
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Starts sweeping {@code dispatcher} with {@code System::nanoTime} ({@code RaftStore::isLeader} as the guard). */
    public static DispatcherLoop start(Dispatcher dispatcher, BooleanSupplier isLeader) {
        return start(dispatcher, isLeader, System::nanoTime);
    }

    /** Starts sweeping {@code dispatcher} once a period, reading time from {@code nanoClock}. */
    public static DispatcherLoop start(Dispatcher dispatcher, BooleanSupplier isLeader, LongSupplier nanoClock) {
        DispatcherLoop loop = new DispatcherLoop(dispatcher, isLeader, nanoClock);
        long periodNanos = dispatcher.config().period().toNanos();
        loop.executor.scheduleWithFixedDelay(loop::tick, periodNanos, periodNanos, TimeUnit.NANOSECONDS);
        return loop;
    }

    private void tick() {
        try {
            boolean leader = isLeader.getAsBoolean();
            long now = nanoClock.getAsLong();
            if (leader && !wasLeader) {
                dispatcher.reset(now);
            }
            wasLeader = leader;
            if (leader) {
                dispatcher.sweep(now);
            }
        } catch (RuntimeException e) {
            LOG.warn("dispatcher sweep failed", e);
        }
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
