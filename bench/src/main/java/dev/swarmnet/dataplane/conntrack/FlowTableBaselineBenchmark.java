package dev.swarmnet.dataplane.conntrack;

import java.util.HashMap;
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
 * The baseline for {@link FlowTableBenchmark}: the same 1,000,000 flows, the same shuffled hit
 * order and the same misses, kept in the table a plain Java program would use, a
 * {@code java.util.HashMap} from a 6-field key record to the flow's backend. Method names match
 * {@link FlowTableBenchmark}'s so that {@code bench/run} reports FlowTable/HashMap ratios; the
 * key record allocated per lookup shows in {@code -prof gc} as the cost the flow table avoids.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class FlowTableBaselineBenchmark {
    private static final int FLOWS = 1_000_000;
    private static final int MISSES = 1 << 20;
    private static final int VNI = 4096;
    private static final int PROTO_TCP = 6;
    private static final int VIP = 0x0A0000FE;
    private static final int BACKEND_BASE = 0x0A010000;

    /** A flow's identity, as a straightforward Java conntrack would key it. */
    record Key(int vni, int proto, int srcIp, int dstIp, int srcPort, int dstPort) {
    }

    private HashMap<Key, Integer> table;
    private int[] hitSrcIp;
    private int[] hitSrcPort;
    private int[] missSrcIp;
    private int[] missSrcPort;
    private int hitCursor;
    private int missCursor;

    @Setup
    public void setUp() {
        table = new HashMap<>(2 * FLOWS);
        SplittableRandom random = new SplittableRandom(42);
        int[] order = new int[FLOWS];
        for (int i = 0; i < FLOWS; i++) {
            order[i] = i;
        }
        for (int i = FLOWS - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        for (int i = 0; i < FLOWS; i++) {
            table.put(new Key(VNI, PROTO_TCP, clientIp(i), VIP, clientPort(i), 80), BACKEND_BASE + (i & 0xFF));
        }
        hitSrcIp = new int[FLOWS];
        hitSrcPort = new int[FLOWS];
        for (int i = 0; i < FLOWS; i++) {
            hitSrcIp[i] = clientIp(order[i]);
            hitSrcPort[i] = clientPort(order[i]);
        }
        missSrcIp = new int[MISSES];
        missSrcPort = new int[MISSES];
        for (int i = 0; i < MISSES; i++) {
            missSrcIp[i] = 0x0B000000 | random.nextInt(1 << 24);
            missSrcPort[i] = 1024 + random.nextInt(60000);
        }
    }

    private static int clientIp(int i) {
        return 0x0A100000 | (i >>> 4);
    }

    private static int clientPort(int i) {
        return 32768 + (i & 0xF) * 1000 + (i % 997);
    }

    @Benchmark
    public Integer lookupHit() {
        int i = hitCursor;
        hitCursor = i + 1 == FLOWS ? 0 : i + 1;
        return table.get(new Key(VNI, PROTO_TCP, hitSrcIp[i], VIP, hitSrcPort[i], 80));
    }

    @Benchmark
    public Integer lookupMiss() {
        int i = missCursor;
        missCursor = (i + 1) & (MISSES - 1);
        return table.get(new Key(VNI, PROTO_TCP, missSrcIp[i], VIP, missSrcPort[i], 80));
    }

    @Benchmark
    public Integer insertThenRemove() {
        int i = missCursor;
        missCursor = (i + 1) & (MISSES - 1);
        Key key = new Key(VNI, PROTO_TCP, missSrcIp[i], VIP, missSrcPort[i], 80);
        table.put(key, BACKEND_BASE);
        return table.remove(key);
    }
}
