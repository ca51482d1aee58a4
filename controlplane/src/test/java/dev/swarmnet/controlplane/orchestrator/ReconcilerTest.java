package dev.swarmnet.controlplane.orchestrator;

import static dev.swarmnet.controlplane.orchestrator.TestCluster.replicated;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.swarmnet.controlplane.model.Task;
import dev.swarmnet.controlplane.model.TaskState;
import dev.swarmnet.controlplane.state.ClusterState;
import dev.swarmnet.controlplane.state.Command;
import dev.swarmnet.controlplane.state.Result;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ReconcilerTest {
    private final TestCluster cluster = new TestCluster().workers("a", "b");
    private final List<Command> proposed = new CopyOnWriteArrayList<>();
    private final AtomicInteger reads = new AtomicInteger();
    private Reconciler reconciler;

    @AfterEach
    void close() {
        if (reconciler != null) {
            reconciler.close();
        }
    }

    private ClusterState state() {
        reads.incrementAndGet();
        synchronized (cluster) {
            return cluster.state();
        }
    }

    private CompletableFuture<?> applied(Command command) {
        synchronized (cluster) {
            proposed.add(command);
            cluster.apply(command);
        }
        return CompletableFuture.completedFuture(Result.ok(null));
    }

    private Reconciler start(Function<Command, CompletableFuture<?>> proposer, Duration period) {
        reconciler = new Reconciler(this::state, proposer, cluster.orchestrator, () -> cluster.now, period);
        reconciler.start();
        return reconciler;
    }

    private List<Task> assigned() {
        synchronized (cluster) {
            return cluster.tasksOf("web", t -> !t.nodeId().isEmpty() && t.status().state() == TaskState.ASSIGNED);
        }
    }

    @Test
    void aServiceIsCreatedAndScheduledByProposedWrites() {
        synchronized (cluster) {
            cluster.create(replicated("web", 2));
        }

        start(this::applied, Duration.ofMillis(50));

        await().atMost(Duration.ofSeconds(5)).until(() -> assigned().size() == 2);
        assertThat(proposed).hasSizeGreaterThanOrEqualTo(2).allMatch(c -> c instanceof Command.WriteTasks);
    }

    @Test
    void aFailedProposalIsRetriedByALaterPass() {
        synchronized (cluster) {
            cluster.create(replicated("web", 1));
        }
        AtomicInteger calls = new AtomicInteger();

        start(command -> calls.incrementAndGet() == 1
                ? CompletableFuture.failedFuture(new IllegalStateException("not leader"))
                : applied(command), Duration.ofMillis(50));

        await().atMost(Duration.ofSeconds(5)).until(() -> assigned().size() == 1);
        assertThat(calls.get()).isGreaterThanOrEqualTo(3);
    }

    @Test
    void aRefusedProposalEndsThePassWithoutTheCommandsAfterIt() {
        synchronized (cluster) {
            cluster.create(replicated("web", 1));
        }
        AtomicInteger calls = new AtomicInteger();

        start(command -> {
            calls.incrementAndGet();
            return CompletableFuture.completedFuture(Result.failure(Result.CONFLICT, "update out of sequence"));
        }, Duration.ofMillis(20));

        await().atMost(Duration.ofSeconds(5)).until(() -> calls.get() >= 3);
        assertThat(proposed).isEmpty();
    }

    @Test
    void aNudgeRunsAPassWithoutWaitingForThePeriod() {
        start(this::applied, Duration.ofHours(1));
        await().atMost(Duration.ofSeconds(5)).until(() -> reads.get() >= 1);
        synchronized (cluster) {
            cluster.create(replicated("web", 1));
        }

        reconciler.nudge();

        await().atMost(Duration.ofSeconds(5)).until(() -> assigned().size() == 1);
    }

    @Test
    void aClosedReconcilerProposesNothingMore() {
        start(this::applied, Duration.ofMillis(20));
        reconciler.close();
        synchronized (cluster) {
            cluster.create(replicated("web", 1));
        }

        reconciler.nudge();

        await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(5)).until(proposed::isEmpty);
        org.assertj.core.api.Assertions.assertThatThrownBy(reconciler::start)
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aPassUnderWayWhenClosedProposesNothingFromAStateWrittenAfterTheClose() throws Exception {
        CountDownLatch reading = new CountDownLatch(1);
        CountDownLatch closedAndChanged = new CountDownLatch(1);
        AtomicReference<Thread> passThread = new AtomicReference<>();
        reconciler = new Reconciler(() -> {
            passThread.set(Thread.currentThread());
            reading.countDown();
            awaitIgnoringInterrupts(closedAndChanged); // close() interrupts the pass; the read goes on
            return state();
        }, this::applied, cluster.orchestrator, () -> cluster.now, Duration.ofHours(1));
        reconciler.start();
        assertThat(reading.await(10, TimeUnit.SECONDS)).as("the first pass is reading").isTrue();

        reconciler.close();
        synchronized (cluster) {
            cluster.create(replicated("web", 1));
        }
        closedAndChanged.countDown();

        passThread.get().join(TimeUnit.SECONDS.toMillis(10)); // the closed executor's thread ends with the pass
        assertThat(passThread.get().isAlive()).as("the pass ended").isFalse();
        assertThat(proposed).isEmpty();
    }

    private static void awaitIgnoringInterrupts(CountDownLatch latch) {
        boolean interrupted = false;
        while (true) {
            try {
                if (latch.await(10, TimeUnit.SECONDS)) {
                    break;
                }
                throw new IllegalStateException("the test never released the pass");
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
