package dev.swarmnet.dataplane.lb;

import static dev.swarmnet.dataplane.lb.ClientAffinity.NONE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.LongStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class ClientAffinityTest {
    private static final int VNI = 4096;
    private static final int VIP = 0x0A00_0002;
    private static final int PORT = 443;
    private static final long BACKEND = (0x0A00_0009L << 16) | 8443;
    private static final long TIMEOUT = 10_000_000_000L;

    @Test
    void rememberedBackendShouldBeFound() {
        final ClientAffinity affinity = new ClientAffinity(16);

        assertThat(affinity.remember(VNI, VIP, PORT, 0xC0A8_0001, BACKEND, 0)).isTrue();

        assertThat(affinity.lookup(VNI, VIP, PORT, 0xC0A8_0001, TIMEOUT, 1)).isEqualTo(BACKEND);
        assertThat(affinity.lookup(VNI, VIP, PORT, 0xC0A8_0002, TIMEOUT, 1)).isEqualTo(NONE);
    }

    @Test
    void keysDifferingInAnyOneFieldShouldBeDistinct() {
        final ClientAffinity affinity = new ClientAffinity(16);
        affinity.remember(0, 0, 0, 0, 1, 0);
        affinity.remember(1, 0, 0, 0, 2, 0);
        affinity.remember(0, 1, 0, 0, 3, 0);
        affinity.remember(0, 0, 1, 0, 4, 0);
        affinity.remember(0, 0, 0, 1, 5, 0);
        affinity.remember(-1, -1, 0xFFFF, -1, 6, 0);

        assertThat(new long[] {
            affinity.lookup(0, 0, 0, 0, TIMEOUT, 0),
            affinity.lookup(1, 0, 0, 0, TIMEOUT, 0),
            affinity.lookup(0, 1, 0, 0, TIMEOUT, 0),
            affinity.lookup(0, 0, 1, 0, TIMEOUT, 0),
            affinity.lookup(0, 0, 0, 1, TIMEOUT, 0),
            affinity.lookup(-1, -1, 0xFFFF, -1, TIMEOUT, 0)}).containsExactly(1, 2, 3, 4, 5, 6);
    }

    @Test
    void entryShouldExpireOnceUnusedForTheTimeoutAndBeReclaimed() {
        final ClientAffinity affinity = new ClientAffinity(16);
        affinity.remember(VNI, VIP, PORT, 7, BACKEND, 1_000);

        assertThat(affinity.lookup(VNI, VIP, PORT, 7, TIMEOUT, 1_000 + TIMEOUT - 1)).isEqualTo(BACKEND);
        assertThat(affinity.lookup(VNI, VIP, PORT, 7, TIMEOUT, 1_000 + 2 * TIMEOUT - 2))
            .as("the previous hit refreshed the entry").isEqualTo(BACKEND);
        assertThat(affinity.lookup(VNI, VIP, PORT, 7, TIMEOUT, 1_000 + 3 * TIMEOUT - 2)).isEqualTo(NONE);
        assertThat(affinity.size()).isZero();
    }

    @Test
    void rememberShouldFailWhenFullOfLiveEntriesButStillUpdateKnownClients() {
        final ClientAffinity affinity = new ClientAffinity(4);
        for (int client = 0; client < 4; client++) {
            assertThat(affinity.remember(VNI, VIP, PORT, client, BACKEND, 0)).isTrue();
        }

        assertThat(affinity.remember(VNI, VIP, PORT, 99, BACKEND, 1)).isFalse();
        assertThat(affinity.remember(VNI, VIP, PORT, 2, BACKEND + 1, 1)).isTrue();
        assertThat(affinity.size()).isEqualTo(4);
        assertThat(affinity.lookup(VNI, VIP, PORT, 99, TIMEOUT, 1)).isEqualTo(NONE);
        assertThat(affinity.lookup(VNI, VIP, PORT, 2, TIMEOUT, 1)).isEqualTo(BACKEND + 1);
    }

    @Test
    void expiredEntriesShouldMakeRoomOnceReclaimed() {
        final ClientAffinity affinity = new ClientAffinity(4);
        for (int client = 0; client < 4; client++) {
            affinity.remember(VNI, VIP, PORT, client, BACKEND, 0);
        }
        final long later = TIMEOUT;

        assertThat(affinity.lookup(VNI, VIP, PORT, 0, TIMEOUT, later)).isEqualTo(NONE);
        assertThat(affinity.remember(VNI, VIP, PORT, 100, BACKEND, later)).isTrue();
        assertThat(affinity.expire(TIMEOUT, later, Integer.MAX_VALUE)).isEqualTo(3);
        assertThat(affinity.size()).isEqualTo(1);
        for (int client = 101; client < 104; client++) {
            assertThat(affinity.remember(VNI, VIP, PORT, client, BACKEND, later)).isTrue();
        }
        assertThat(affinity.remember(VNI, VIP, PORT, 104, BACKEND, later)).isFalse();
    }

    @Test
    void sweepShouldDoBoundedWorkPerCallAndFinishOverSeveralCalls() {
        final ClientAffinity affinity = new ClientAffinity(1024);
        for (int client = 0; client < 1024; client++) {
            affinity.remember(VNI, VIP, PORT, client, BACKEND, 0);
        }
        int calls = 0;
        int removed = 0;
        while (affinity.size() > 0) {
            final int now = affinity.expire(TIMEOUT, TIMEOUT, 256);
            assertThat(now).isLessThanOrEqualTo(256 + 256);
            removed += now;
            calls++;
        }

        assertThat(removed).isEqualTo(1024);
        assertThat(calls).isBetween(4, 8); // 2048 slots in 256-slot steps
    }

    @Test
    void capacityShouldBeValidated() {
        assertThatThrownBy(() -> new ClientAffinity(0)).isInstanceOf(IllegalArgumentException.class);
        assertThat(new ClientAffinity(1).capacity()).isEqualTo(1);
    }

    static List<Long> seeds() {
        return LongStream.range(0, 200).map(s -> s * 0x9E3779B97F4A7C15L).boxed().toList();
    }

    /**
     * Model test: random remember/lookup/forget/expire sequences over a small key space (so
     * probe chains collide, the table fills and backward shifts happen) must agree with a
     * HashMap that applies the documented rules directly.
     */
    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void shouldAgreeWithAHashMapModel(final long seed) {
        final SplittableRandom random = new SplittableRandom(seed);
        final int capacity = 1 + random.nextInt(48);
        final ClientAffinity affinity = new ClientAffinity(capacity);
        final Map<List<Integer>, long[]> model = new HashMap<>();
        final long[] timeouts = {5, 40, 200};
        long now = random.nextLong(Long.MAX_VALUE / 2) - Long.MAX_VALUE / 4;

        for (int step = 0; step < 400; step++) {
            now += random.nextInt(8);
            final int vni = random.nextInt(2);
            final int vip = 0x0A00_0000 | random.nextInt(2);
            final int port = random.nextBoolean() ? 80 : 443;
            final int client = random.nextInt(24);
            final List<Integer> key = List.of(vni, vip, port, client);
            final long timeout = timeouts[random.nextInt(timeouts.length)];
            final int op = random.nextInt(10);
            if (op < 4) {
                final long backend = random.nextInt(5);
                final boolean expected;
                if (model.containsKey(key)) {
                    model.put(key, new long[] {backend, now});
                    expected = true;
                } else if (model.size() >= capacity) {
                    expected = false;
                } else {
                    model.put(key, new long[] {backend, now});
                    expected = true;
                }
                assertThat(affinity.remember(vni, vip, port, client, backend, now)).as("step %d remember", step)
                    .isEqualTo(expected);
            } else if (op < 8) {
                final long[] entry = model.get(key);
                long expected = NONE;
                if (entry != null && now - entry[1] >= timeout) {
                    model.remove(key);
                } else if (entry != null) {
                    entry[1] = now;
                    expected = entry[0];
                }
                assertThat(affinity.lookup(vni, vip, port, client, timeout, now)).as("step %d lookup", step)
                    .isEqualTo(expected);
            } else if (op < 9) {
                assertThat(affinity.forget(vni, vip, port, client)).isEqualTo(model.remove(key) != null);
            } else {
                final long t = now;
                final int before = model.size();
                model.values().removeIf(e -> t - e[1] >= timeout);
                assertThat(affinity.expire(timeout, now, Integer.MAX_VALUE)).as("step %d expire", step)
                    .isEqualTo(before - model.size());
            }
            assertThat(affinity.size()).as("step %d size", step).isEqualTo(model.size());
        }
        for (final Map.Entry<List<Integer>, long[]> e : model.entrySet()) {
            final List<Integer> k = e.getKey();
            assertThat(affinity.lookup(k.get(0), k.get(1), k.get(2), k.get(3), Long.MAX_VALUE, now))
                .isEqualTo(e.getValue()[0]);
        }
    }
}
