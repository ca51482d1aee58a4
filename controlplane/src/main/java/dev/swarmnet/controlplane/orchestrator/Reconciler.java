package dev.swarmnet.controlplane.orchestrator;

import dev.swarmnet.controlplane.state.ClusterState;
import dev.swarmnet.controlplane.state.Command;
import dev.swarmnet.controlplane.state.Result;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs {@link Orchestrator} passes on the Raft leader and proposes what they want: the only part
 * of this package that touches time, threads and the store.
 *
 * <p>One daemon thread of its own runs a pass every {@code period} and soon after each
 * {@link #nudge()}; a pass reads the latest applied state, computes its commands and proposes
 * them one after another, waiting for each before the next, so two passes never overlap and a
 * pass never works from a state older than its own previous writes. A refused or failed
 * proposal is logged and ends the pass (the next pass starts from the state as it is). After a
 * pass that proposed something one follow-up pass runs at once, so a new task is created and
 * scheduled without waiting a full period.
 *
 * <p>Lifecycle: {@link #start()} once when this manager becomes leader, {@link #close()} when
 * it stops leading or shuts down; a closed reconciler cannot be restarted (make a new one).
 * {@link #nudge()} and {@link #close()} may be called from any thread.
 */
public final class Reconciler implements AutoCloseable {
    /** How often a pass runs without being nudged. */
    public static final Duration DEFAULT_PERIOD = Duration.ofMillis(250);
    /** How long a pass waits for one proposal before giving up on the pass. */
    static final Duration PROPOSAL_TIMEOUT = Duration.ofSeconds(10);

    private static final Logger LOG = LoggerFactory.getLogger(Reconciler.class);

    private final Supplier<ClusterState> states;
    private final Function<Command, CompletableFuture<?>> proposer;
    private final Orchestrator orchestrator;
    private final LongSupplier clockMillis;
    private final Duration period;
    private final ScheduledExecutorService executor;
    private final AtomicBoolean nudged = new AtomicBoolean();
    private final AtomicBoolean started = new AtomicBoolean();
    private volatile boolean closed;

    /**
     * @param states       the latest applied state (read once per pass)
     * @param proposer     submits a command to Raft; the future completes when it is applied, with
     *                     the command's {@link Result} (a {@link Result.Failure} ends the pass) or any value
     * @param orchestrator the pure pass
     * @param clockMillis  wall clock, epoch milliseconds
     * @param period       time between unnudged passes
     */
    public Reconciler(Supplier<ClusterState> states, Function<Command, CompletableFuture<?>> proposer,
                      Orchestrator orchestrator, LongSupplier clockMillis, Duration period) {
        this.states = Objects.requireNonNull(states, "states");
        this.proposer = Objects.requireNonNull(proposer, "proposer");
        this.orchestrator = Objects.requireNonNull(orchestrator, "orchestrator");
        this.clockMillis = Objects.requireNonNull(clockMillis, "clockMillis");
        if (period.isNegative() || period.isZero()) {
            throw new IllegalArgumentException("reconcile period must be positive: " + period);
        }
        this.period = period;
        this.executor = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "swarmnet-reconciler");
            thread.setDaemon(true);
            return thread;
        });
    }

    /** The daemon's reconciler: secure IDs, the system clock, a pass every 250 ms. */
    public static Reconciler create(Supplier<ClusterState> states, Function<Command, CompletableFuture<?>> proposer) {
        return new Reconciler(states, proposer, new Orchestrator(IdSource.secure()), System::currentTimeMillis,
                DEFAULT_PERIOD);
    }

    /** Starts the periodic passes; {@link IllegalStateException} if started before or closed. */
    public void start() {
        if (closed || !started.compareAndSet(false, true)) {
            throw new IllegalStateException("reconciler already started or closed");
        }
        executor.scheduleWithFixedDelay(() -> runPass(true), 0, period.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Asks for a pass soon (e.g. after a service or node changed); cheap, coalesced. */
    public void nudge() {
        if (started.get() && !closed && nudged.compareAndSet(false, true)) {
            try {
                executor.execute(() -> {
                    nudged.set(false);
                    runPass(true);
                });
            } catch (java.util.concurrent.RejectedExecutionException closing) {
                nudged.set(false);
            }
        }
    }

    /** Stops passes; a proposal in flight is abandoned (its pass ends). Idempotent. */
    @Override
    public void close() {
        closed = true;
        executor.shutdownNow();
    }

    private void runPass(boolean mayFollowUp) {
        if (closed) {
            return;
        }
        try {
            List<Command> commands = orchestrator.reconcile(states.get(), clockMillis.getAsLong());
            for (Command command : commands) {
                // A pass that began before close() may read a state written after it: propose nothing then.
                if (closed || !propose(command)) {
                    return;
                }
            }
            if (!commands.isEmpty() && mayFollowUp && !closed) {
                executor.execute(() -> runPass(false));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            if (!closed) {
                LOG.warn("reconcile pass failed; retrying on the next pass", e);
            }
        }
    }

    private boolean propose(Command command) throws InterruptedException {
        try {
            Object outcome = proposer.apply(command).get(PROPOSAL_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            if (outcome instanceof Result<?> result && !result.succeeded()) {
                LOG.warn("{} refused: {}", command.getClass().getSimpleName(), result);
                return false;
            }
            return true;
        } catch (ExecutionException | TimeoutException e) {
            if (!closed) {
                LOG.warn("{} not proposed: {}", command.getClass().getSimpleName(),
                        e instanceof ExecutionException ? e.getCause() : e.toString());
            }
            return false;
        }
    }
}
