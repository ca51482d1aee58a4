package dev.swarmnet.dataplane.conntrack;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Drives the index with chosen hashes so every key collides on purpose. */
class FlowIndexTest {

    private static final int SIZE = 16;
    private static final int HANDLES = 8;

    private final long[] keys = new long[HANDLES * 2];
    private final int[] hashes = new int[HANDLES];
    private final FlowIndex index = new FlowIndex(SIZE, keys);

    private void put(int handle, int hash) {
        keys[handle * 2] = 0x1000L + handle;
        keys[handle * 2 + 1] = 0x2000L + handle;
        hashes[handle] = hash;
        index.insert(handle, hash);
    }

    private int find(int handle) {
        return index.find(0x1000L + handle, 0x2000L + handle, hashes[handle]);
    }

    @Test
    void shouldFindEveryKeyOfOneProbeRun() {
        for (int h = 0; h < HANDLES; h++) {
            put(h, 3);
        }

        for (int h = 0; h < HANDLES; h++) {
            assertThat(find(h)).isEqualTo(h);
        }
    }

    @Test
    void shouldKeepEveryOtherKeyFindableWhenDeletingFromAnyPositionOfACollisionRun() {
        for (int victim = 0; victim < HANDLES; victim++) {
            FlowIndex fresh = new FlowIndex(SIZE, keys);
            for (int h = 0; h < HANDLES; h++) {
                keys[h * 2] = 0x1000L + h;
                keys[h * 2 + 1] = 0x2000L + h;
                hashes[h] = 3;
                fresh.insert(h, 3);
            }

            fresh.delete(victim, 3);

            assertThat(fresh.find(0x1000L + victim, 0x2000L + victim, 3)).isEqualTo(FlowIndex.NOT_FOUND);
            for (int h = 0; h < HANDLES; h++) {
                if (h != victim) {
                    assertThat(fresh.find(0x1000L + h, 0x2000L + h, 3)).as("handle %d after deleting %d", h, victim)
                        .isEqualTo(h);
                }
            }
        }
    }

    @Test
    void shouldShiftBackAcrossTheEndOfTheArray() {
        put(0, 14);
        put(1, 14);
        put(2, 15);
        put(3, 0);
        put(4, 14);
        put(5, 1);

        index.delete(0, 14);
        index.delete(2, 15);

        assertThat(find(0)).isEqualTo(FlowIndex.NOT_FOUND);
        assertThat(find(2)).isEqualTo(FlowIndex.NOT_FOUND);
        assertThat(find(1)).isEqualTo(1);
        assertThat(find(3)).isEqualTo(3);
        assertThat(find(4)).isEqualTo(4);
        assertThat(find(5)).isEqualTo(5);
    }

    @Test
    void shouldNotMoveEntryAboveItsHomeSlot() {
        put(0, 5);
        put(1, 6);
        put(2, 5);

        index.delete(0, 5);

        assertThat(find(1)).isEqualTo(1);
        assertThat(find(2)).isEqualTo(2);
        index.delete(2, 5);
        assertThat(find(1)).isEqualTo(1);
    }

    @Test
    void shouldTellKeysWithEqualHashApartByKey() {
        put(0, 9);
        put(1, 9);

        assertThat(index.find(0x1000L, 0x2001L, 9)).isEqualTo(FlowIndex.NOT_FOUND);
    }
}
