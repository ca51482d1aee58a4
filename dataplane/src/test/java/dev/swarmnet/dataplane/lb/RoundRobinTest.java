package dev.swarmnet.dataplane.lb;

import static dev.swarmnet.dataplane.lb.BackendState.ACTIVE;
import static dev.swarmnet.dataplane.lb.BackendState.DOWN;
import static dev.swarmnet.dataplane.lb.BackendState.DRAINING;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RoundRobinTest {
    @Test
    void shouldCycleThroughActiveBackendsInOrder() {
        final RoundRobin rr = new RoundRobin(1);
        final int[] states = {ACTIVE, ACTIVE, ACTIVE};
        final int[] weights = {1, 1, 1};

        final int[] picks = new int[7];
        for (int k = 0; k < picks.length; k++) {
            picks[k] = rr.next(0, states, weights);
        }

        assertThat(picks).containsExactly(0, 1, 2, 0, 1, 2, 0);
    }

    @Test
    void shouldSkipDrainingDownAndZeroWeightBackends() {
        final RoundRobin rr = new RoundRobin(1);
        final int[] states = {DRAINING, ACTIVE, DOWN, ACTIVE, ACTIVE};
        final int[] weights = {1, 1, 1, 0, 5};

        final int[] picks = new int[4];
        for (int k = 0; k < picks.length; k++) {
            picks[k] = rr.next(0, states, weights);
        }

        assertThat(picks).containsExactly(1, 4, 1, 4);
    }

    @Test
    void shouldGiveEveryActiveBackendAnEqualShare() {
        final RoundRobin rr = new RoundRobin(1);
        final int n = 10;
        final int[] states = new int[n];
        final int[] weights = new int[n];
        for (int i = 0; i < n; i++) {
            states[i] = i % 3 == 0 ? DOWN : ACTIVE;
            weights[i] = 1;
        }
        final int[] counts = new int[n];
        for (int k = 0; k < 6 * 1000; k++) {
            counts[rr.next(0, states, weights)]++;
        }

        for (int i = 0; i < n; i++) {
            assertThat(counts[i]).isEqualTo(states[i] == ACTIVE ? 1000 : 0);
        }
    }

    @Test
    void shouldReturnMinusOneWhenNoBackendIsActive() {
        final RoundRobin rr = new RoundRobin(1);

        assertThat(rr.next(0, new int[] {DOWN, DRAINING}, new int[] {1, 1})).isEqualTo(-1);
        assertThat(rr.next(0, new int[0], new int[0])).isEqualTo(-1);
    }

    @Test
    void servicesShouldRotateIndependently() {
        final RoundRobin rr = new RoundRobin(2);
        final int[] states = {ACTIVE, ACTIVE, ACTIVE};
        final int[] weights = {1, 1, 1};

        rr.next(0, states, weights);
        rr.next(0, states, weights);

        assertThat(rr.next(1, states, weights)).isZero();
        assertThat(rr.next(0, states, weights)).isEqualTo(2);
    }

    @Test
    void shouldKeepWorkingWhenTheBackendListShrinksUnderTheCursor() {
        final RoundRobin rr = new RoundRobin(1);
        final int[] five = {ACTIVE, ACTIVE, ACTIVE, ACTIVE, ACTIVE};
        final int[] ones = {1, 1, 1, 1, 1};
        for (int k = 0; k < 4; k++) {
            rr.next(0, five, ones);
        }

        assertThat(rr.next(0, new int[] {ACTIVE, ACTIVE}, new int[] {1, 1})).isZero();
    }
}
