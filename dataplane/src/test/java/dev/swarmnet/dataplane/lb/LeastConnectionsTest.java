package dev.swarmnet.dataplane.lb;

import static dev.swarmnet.dataplane.lb.BackendState.ACTIVE;
import static dev.swarmnet.dataplane.lb.BackendState.DOWN;
import static dev.swarmnet.dataplane.lb.BackendState.DRAINING;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LeastConnectionsTest {
    private static final long[] KEYS = {11, 12, 13, 14};

    private static BackendLoad loadOf(final int... flows) {
        final BackendLoad load = new BackendLoad(KEYS.length);
        for (int i = 0; i < flows.length; i++) {
            for (int f = 0; f < flows[i]; f++) {
                load.increment(KEYS[i]);
            }
        }
        return load;
    }

    @Test
    void shouldPickTheLeastLoadedActiveBackend() {
        final BackendLoad load = loadOf(5, 2, 7, 3);

        assertThat(LeastConnections.choose(KEYS, new int[] {ACTIVE, ACTIVE, ACTIVE, ACTIVE}, new int[] {1, 1, 1, 1}, load, 0))
            .isEqualTo(1);
    }

    @Test
    void shouldIgnoreDrainingDownAndZeroWeightBackendsEvenWhenIdle() {
        final BackendLoad load = loadOf(0, 0, 0, 9);

        assertThat(LeastConnections.choose(KEYS, new int[] {DRAINING, DOWN, ACTIVE, ACTIVE}, new int[] {1, 1, 0, 1}, load, 0))
            .isEqualTo(3);
    }

    @Test
    void shouldCompareLoadPerUnitOfWeight() {
        // 6/3 = 2 beats 3/1 = 3 and 5/2 = 2.5.
        final BackendLoad load = loadOf(3, 6, 5, 100);

        assertThat(LeastConnections.choose(KEYS, new int[] {ACTIVE, ACTIVE, ACTIVE, DOWN}, new int[] {1, 3, 2, 1}, load, 0))
            .isEqualTo(1);
    }

    @Test
    void shouldRotateTiesByTheTieBreak() {
        final BackendLoad load = loadOf(1, 1, 1, 1);
        final int[] states = {ACTIVE, ACTIVE, ACTIVE, ACTIVE};
        final int[] weights = {1, 1, 1, 1};

        assertThat(LeastConnections.choose(KEYS, states, weights, load, 0)).isZero();
        assertThat(LeastConnections.choose(KEYS, states, weights, load, 2)).isEqualTo(2);
        assertThat(LeastConnections.choose(KEYS, states, weights, load, 7)).isEqualTo(3);
        assertThat(LeastConnections.choose(KEYS, states, weights, load, -1)).isEqualTo(Integer.remainderUnsigned(-1, 4));
    }

    @Test
    void shouldSpreadNewFlowsInProportionToWeightWhenEveryFlowStays() {
        final long[] keys = {1, 2, 3};
        final int[] states = {ACTIVE, ACTIVE, ACTIVE};
        final int[] weights = {1, 2, 3};
        final BackendLoad load = new BackendLoad(3);
        for (int flow = 0; flow < 600; flow++) {
            load.increment(keys[LeastConnections.choose(keys, states, weights, load, flow)]);
        }

        assertThat(load.get(1)).isEqualTo(100);
        assertThat(load.get(2)).isEqualTo(200);
        assertThat(load.get(3)).isEqualTo(300);
    }

    @Test
    void shouldReturnMinusOneWhenNoBackendIsActive() {
        assertThat(LeastConnections.choose(KEYS, new int[] {DOWN, DOWN, DRAINING, DOWN}, new int[] {1, 1, 1, 1}, loadOf(), 0))
            .isEqualTo(-1);
        assertThat(LeastConnections.choose(new long[0], new int[0], new int[0], loadOf(), 0)).isEqualTo(-1);
    }
}
