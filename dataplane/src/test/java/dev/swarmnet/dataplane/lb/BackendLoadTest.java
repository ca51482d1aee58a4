package dev.swarmnet.dataplane.lb;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

class BackendLoadTest {
    private static long key(final int vni, final int backendIp) {
        return ((long)vni << 32) | (backendIp & 0xFFFF_FFFFL);
    }

    @Test
    void shouldCountIncrementsAndDecrements() {
        final BackendLoad load = new BackendLoad(4);
        final long a = key(4096, 0x0A00_0005);

        load.increment(a);
        load.increment(a);
        load.increment(a);
        load.decrement(a);

        assertThat(load.get(a)).isEqualTo(2);
        assertThat(load.get(key(4096, 0x0A00_0006))).isZero();
    }

    @Test
    void shouldNeverGoBelowZeroAndShouldForgetKeysAtZero() {
        final BackendLoad load = new BackendLoad(4);
        final long a = key(1, 0xC0A8_0001);

        load.decrement(a);
        load.increment(a);
        load.decrement(a);
        load.decrement(a);

        assertThat(load.get(a)).isZero();
        assertThat(load.backends()).isZero();
    }

    @Test
    void shouldNotGrowWhileWithinItsPreSize() {
        final BackendLoad load = new BackendLoad(100);
        final int capacity = load.capacity();
        for (int i = 0; i < 100; i++) {
            load.increment(key(7, i));
        }

        assertThat(load.capacity()).isEqualTo(capacity);
        assertThat(load.backends()).isEqualTo(100);
    }

    @Test
    void shouldAgreeWithAMapModelUnderRandomTraffic() {
        final SplittableRandom random = new SplittableRandom(0x10AD);
        final BackendLoad load = new BackendLoad(8);
        final Map<Long, Integer> model = new HashMap<>();
        for (int step = 0; step < 20_000; step++) {
            final long k = key(random.nextInt(3), random.nextInt(20));
            if (random.nextBoolean()) {
                load.increment(k);
                model.merge(k, 1, Integer::sum);
            } else {
                load.decrement(k);
                model.computeIfPresent(k, (ignored, v) -> v > 1 ? v - 1 : null);
            }
            assertThat(load.get(k)).isEqualTo(model.getOrDefault(k, 0)).isNotNegative();
        }
        assertThat(load.backends()).isEqualTo(model.size());
    }
}
