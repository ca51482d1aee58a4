package dev.swarmnet.dataplane.conntrack;

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
 * Conntrack lookup and insert with 1,000,000 live flows in a table of capacity 1,200,000.
 * Keys are visited in a shuffled order so lookups hit random index slots and flow slots, as
 * packets of many concurrent flows would. Single-threaded, like the event loop that owns a
 * table.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class FlowTableBenchmark {

    private static final int CAPACITY = 1_200_000;
    private static final int FLOWS = 1_000_000;
    private static final int MISSES = 1 << 20;
    private static final int VNI = 4096;
    private static final int VIP = 0x0A0000FE;
    private static final int BACKEND_BASE = 0x0A010000;
    private static final long NOW_NS = 1_000_000_000_000L;

    private FlowTable table;
    private int[] hitSrcIp;
    private int[] hitSrcPort;
    private int[] missSrcIp;
    private int[] missSrcPort;
    private int hitCursor;
    private int missCursor;

    @Setup
    public void setUp() {
        table = new FlowTable(CAPACITY, FlowTimeouts.defaults());
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
        hitSrcIp = new int[FLOWS];
        hitSrcPort = new int[FLOWS];
        for (int i = 0; i < FLOWS; i++) {
            int srcIp = clientIp(i);
            int srcPort = clientPort(i);
            int id = table.create(VNI, FlowState.PROTO_TCP, srcIp, VIP, srcPort, 80,
                BACKEND_BASE + (i & 0xFF), 8080, NOW_NS);
            if (id < 0) {
                throw new IllegalStateException("prefill failed at " + i + ": " + id);
            }
        }
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
    public int lookupHit() {
        int i = hitCursor;
        hitCursor = i + 1 == FLOWS ? 0 : i + 1;
        return table.lookup(VNI, FlowState.PROTO_TCP, hitSrcIp[i], VIP, hitSrcPort[i], 80);
    }

    @Benchmark
    public int lookupMiss() {
        int i = missCursor;
        missCursor = (i + 1) & (MISSES - 1);
        return table.lookup(VNI, FlowState.PROTO_TCP, missSrcIp[i], VIP, missSrcPort[i], 80);
    }

    @Benchmark
    public int insertThenRemove() {
        int i = missCursor;
        missCursor = (i + 1) & (MISSES - 1);
        int id = table.create(VNI, FlowState.PROTO_TCP, missSrcIp[i], VIP, missSrcPort[i], 80,
            BACKEND_BASE, 8080, NOW_NS);
        table.remove(id);
        return id;
    }
}
