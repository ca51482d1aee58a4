package dev.swarmnet.dataplane.testing;

import java.util.SplittableRandom;
import java.util.function.Consumer;

/**
 * Property checks without a property-testing library: run a check over many inputs drawn from a
 * seeded generator, and on failure say which trial and seed reproduce it.
 *
 * <p>Runs are deterministic (seed {@value #DEFAULT_SEED}) so CI failures reproduce; set
 * {@code -Dtrials.seed=N} to explore other inputs and {@code -Dtrials.factor=K} to run K times as
 * many trials.
 */
public final class Trials {
    public static final long DEFAULT_SEED = 0x5eed_2026L;

    private Trials() {
    }

    /** Runs {@code check} {@code tries} times, each with its own reproducible random source. */
    public static void forAll(int tries, Consumer<SplittableRandom> check) {
        long seed = Long.getLong("trials.seed", DEFAULT_SEED);
        int total = tries * Integer.getInteger("trials.factor", 1);
        SplittableRandom seeds = new SplittableRandom(seed);
        for (int trial = 0; trial < total; trial++) {
            long trialSeed = seeds.nextLong();
            try {
                check.accept(new SplittableRandom(trialSeed));
            } catch (AssertionError | RuntimeException e) {
                throw new AssertionError("trial " + trial + " failed (reproduce with new SplittableRandom("
                        + trialSeed + "L)): " + e.getMessage(), e);
            }
        }
    }

    public static byte[] bytes(SplittableRandom random, int minLength, int maxLength) {
        byte[] out = new byte[minLength + random.nextInt(maxLength - minLength + 1)];
        for (int i = 0; i < out.length; i++) {
            out[i] = (byte) random.nextInt(256);
        }
        return out;
    }

    /** A value in {@code [min, max]}, inclusive. */
    public static int between(SplittableRandom random, int min, int max) {
        return min + random.nextInt(max - min + 1);
    }
}
