package dev.swarmnet.controlplane.dispatcher;

import static dev.swarmnet.controlplane.dispatcher.InMemoryStore.MANAGER;
import static dev.swarmnet.controlplane.dispatcher.InMemoryStore.WORKER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.swarmnet.controlplane.model.NodeState;
import dev.swarmnet.controlplane.state.Command;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The dispatcher's verdicts, driven by a fake monotonic clock and an in-memory store. */
class DispatcherTest {
    private static final long T0 = 1_000_000_000_000L;
    private static final DispatcherConfig CONFIG = new DispatcherConfig(Duration.ofSeconds(5), 3);
    private static final long GRACE = Duration.ofSeconds(15).toNanos();

    private final InMemoryStore store = InMemoryStore.withManagerAndWorker();
    private final Dispatcher dispatcher = new Dispatcher(CONFIG, store::state, store);

    @Test
    void shouldDefaultToFiveSecondHeartbeatsAndFifteenSecondsOfGrace() {
        assertThat(DispatcherConfig.DEFAULT.period()).isEqualTo(Duration.ofSeconds(5));
        assertThat(DispatcherConfig.DEFAULT.grace()).isEqualTo(Duration.ofSeconds(15));
        assertThatThrownBy(() -> new DispatcherConfig(Duration.ZERO, 3)).hasMessageContaining("must be positive");
    }

    @Test
    void shouldMarkAJoinedNodeReadyOnItsFirstHeartbeat() {
        assertThat(store.stateOf(WORKER)).isEqualTo(NodeState.UNKNOWN);

        assertThat(dispatcher.heartbeat(WORKER, T0)).isTrue();

        assertThat(store.stateOf(WORKER)).isEqualTo(NodeState.READY);
        assertThat(store.submitted()).containsExactly(new Command.MarkNodeState(WORKER, NodeState.READY, ""));
    }

    @Test
    void shouldWriteNothingForHeartbeatsFromAReadyNode() {
        dispatcher.heartbeat(WORKER, T0);
        dispatcher.heartbeat(WORKER, T0 + 1);
        dispatcher.heartbeat(MANAGER, T0 + 2);

        assertThat(store.submitted()).hasSize(1);
    }

    @Test
    void shouldMarkANodeDownOnlyOnceItIsSilentForLongerThanTheGracePeriod() {
        dispatcher.heartbeat(WORKER, T0);
        dispatcher.heartbeat(MANAGER, T0 + GRACE);

        dispatcher.sweep(T0 + GRACE);
        assertThat(store.stateOf(WORKER)).as("exactly the grace period").isEqualTo(NodeState.READY);

        dispatcher.sweep(T0 + GRACE + 1);
        assertThat(store.stateOf(WORKER)).isEqualTo(NodeState.DOWN);
        assertThat(store.messageOf(WORKER)).isEqualTo("heartbeat failure");
        assertThat(store.stateOf(MANAGER)).as("heard from recently").isEqualTo(NodeState.READY);
    }

    @Test
    void shouldMarkADownNodeReadyOnItsNextHeartbeat() {
        dispatcher.heartbeat(WORKER, T0);
        dispatcher.sweep(T0 + GRACE + 1);
        assertThat(store.stateOf(WORKER)).isEqualTo(NodeState.DOWN);

        dispatcher.heartbeat(WORKER, T0 + GRACE + 2);

        assertThat(store.stateOf(WORKER)).isEqualTo(NodeState.READY);
        assertThat(store.messageOf(WORKER)).isEmpty();
        dispatcher.sweep(T0 + GRACE + 3);
        assertThat(store.stateOf(WORKER)).as("the new heartbeat restarts the grace period").isEqualTo(NodeState.READY);
    }

    @Test
    void shouldGiveANodeNeverHeardFromOneGracePeriodFromTheFirstSweepThatSawIt() {
        dispatcher.sweep(T0);
        assertThat(store.submitted()).isEmpty();

        dispatcher.sweep(T0 + GRACE + 1);

        assertThat(store.stateOf(WORKER)).isEqualTo(NodeState.DOWN);
        assertThat(store.stateOf(MANAGER)).isEqualTo(NodeState.DOWN);
    }

    @Test
    void shouldNotMarkADownNodeDownAgain() {
        dispatcher.sweep(T0);
        dispatcher.sweep(T0 + GRACE + 1);
        int after = store.submitted().size();

        dispatcher.sweep(T0 + 2 * GRACE);

        assertThat(store.submitted()).hasSize(after);
    }

    @Test
    void shouldRefuseAHeartbeatFromANodeTheStoreDoesNotKnow() {
        assertThat(dispatcher.heartbeat("nosuchnodeaaaaaaaaaaaaaaa", T0)).isFalse();

        assertThat(store.submitted()).isEmpty();
    }

    @Test
    void shouldSubmitAVerdictOnceWhileItIsInFlightAndRetryItAfterAFailure() {
        dispatcher.heartbeat(MANAGER, T0 + GRACE + 1);
        dispatcher.heartbeat(WORKER, T0);
        store.hold();

        dispatcher.sweep(T0 + GRACE + 1);
        dispatcher.sweep(T0 + GRACE + 2);
        assertThat(store.submitted()).filteredOn(c -> c instanceof Command.MarkNodeState m && m.state() == NodeState.DOWN)
                .hasSize(1);

        store.failHeld();
        dispatcher.sweep(T0 + GRACE + 3);

        assertThat(store.stateOf(WORKER)).isEqualTo(NodeState.DOWN);
    }

    @Test
    void shouldGiveEveryNodeAFreshGracePeriodWhenThisManagerBecomesLeader() {
        dispatcher.heartbeat(WORKER, T0);
        dispatcher.heartbeat(MANAGER, T0);
        long elected = T0 + GRACE;

        dispatcher.reset(elected);
        dispatcher.sweep(elected + GRACE);

        assertThat(store.stateOf(WORKER)).isEqualTo(NodeState.READY);
        dispatcher.sweep(elected + GRACE + 1);
        assertThat(store.stateOf(WORKER)).isEqualTo(NodeState.DOWN);
    }

    @Test
    void shouldForgetNodesRemovedFromTheStore() {
        dispatcher.heartbeat(WORKER, T0);
        store.submit(new Command.RemoveNode(WORKER, true));

        dispatcher.sweep(T0 + GRACE + 1);

        assertThat(store.state().node(WORKER)).isEmpty();
        assertThat(store.submitted()).noneMatch(c -> c instanceof Command.MarkNodeState m && m.nodeId().equals(WORKER)
                && m.state() == NodeState.DOWN);
    }
}
