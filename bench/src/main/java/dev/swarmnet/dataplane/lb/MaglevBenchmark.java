package dev.swarmnet.dataplane.lb;

import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Cost of building a {@link MaglevTable} for 1,000 equal-weight backends (off-loop, control
 * plane) and of one {@link MaglevTable#lookup(int)} (per new flow, event loop).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
public class MaglevBenchmark {
    private static final int BACKENDS = 1000;
    private static final int HASHES = 1 << 16;

    private long[] backendIds;
    private int[] weights;
    private int[] states;
    private MaglevTable table;
    private int[] flowHashes;
    private int next;

    @Setup
    public void setUp() {
        backendIds = new long[BACKENDS];
        for (int i = 0; i < BACKENDS; i++) {
            backendIds[i] = ((0x0A00_0000L + i) << 16) | 8080;
        }
        weights = new int[BACKENDS];
        Arrays.fill(weights, 1);
        states = new int[BACKENDS];
        Arrays.fill(states, BackendState.ACTIVE);
        table = MaglevTable.build(backendIds, weights, states);

        final SplittableRandom random = new SplittableRandom(42);
        flowHashes = new int[HASHES];
        for (int i = 0; i < HASHES; i++) {
            flowHashes[i] = FlowHash.hash(4096, 6, random.nextInt(), 0x0A00_0002, random.nextInt(0x10000), 443);
        }
    }

    @Benchmark
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public MaglevTable build1000Backends() {
        return MaglevTable.build(backendIds, weights, states);
    }

    @Benchmark
    @OutputTimeUnit(TimeUnit.NANOSECONDS)
    public int lookup() {
        final int i = next;
        next = (i + 1) & (HASHES - 1);
        return table.lookup(flowHashes[i]);
    }
}
