package dev.swarmnet.dataplane.lb;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

class FlowHashTest {
    /** Meaningful width of each input, in the order of {@link FlowHash#hash}'s parameters. */
    private static final int[] WIDTHS = {24, 8, 32, 32, 16, 16};

    @Test
    void sameTupleShouldAlwaysHashToTheSameValue() {
        final int h = FlowHash.hash(4096, 6, 0x0A00_0002, 0x0A00_00FE, 51_234, 443);

        assertThat(FlowHash.hash(4096, 6, 0x0A00_0002, 0x0A00_00FE, 51_234, 443)).isEqualTo(h);
    }

    @Test
    void hashShouldBePinnedSoThatEveryNodeAndVersionAgrees() {
        // Nodes of a cluster must map a flow to the same Maglev slot: changing the mix is a
        // wire-level change and must fail this test.
        assertThat(FlowHash.hash(4096, 6, 0x0A00_0002, 0x0A00_00FE, 51_234, 443)).isEqualTo(1_162_683_727);
        assertThat(FlowHash.hash(0, 0, 0, 0, 0, 0)).isEqualTo(1_670_632_732);
    }

    @Test
    void flippingAnyOneInputBitShouldChangeAboutHalfTheOutputBits() {
        final SplittableRandom random = new SplittableRandom(0xF10E);
        final int samples = 200;
        for (int field = 0; field < WIDTHS.length; field++) {
            for (int bit = 0; bit < WIDTHS[field]; bit++) {
                long changedBits = 0;
                for (int s = 0; s < samples; s++) {
                    final int[] tuple = randomTuple(random);
                    final int before = hash(tuple);
                    tuple[field] ^= 1 << bit;
                    changedBits += Integer.bitCount(before ^ hash(tuple));
                }
                final double average = (double)changedBits / samples;
                assertThat(average).as("field %d bit %d", field, bit).isBetween(14.0, 18.0);
            }
        }
    }

    @Test
    void sequentialClientPortsShouldSpreadEvenlyOverOutputBuckets() {
        final int[] buckets = new int[16];
        final int flows = 64_000;
        for (int port = 0; port < flows; port++) {
            buckets[FlowHash.hash(1, 17, 0x0A00_0003, 0x0A00_0009, port & 0xFFFF, 53) >>> 28]++;
        }
        for (final int count : buckets) {
            assertThat(count).isBetween(flows / 16 * 95 / 100, flows / 16 * 105 / 100);
        }
    }

    private static int[] randomTuple(final SplittableRandom random) {
        final int[] tuple = new int[WIDTHS.length];
        for (int i = 0; i < tuple.length; i++) {
            tuple[i] = WIDTHS[i] == 32 ? random.nextInt() : random.nextInt(1 << WIDTHS[i]);
        }
        return tuple;
    }

    private static int hash(final int[] t) {
        return FlowHash.hash(t[0], t[1], t[2], t[3], t[4], t[5]);
    }
}
