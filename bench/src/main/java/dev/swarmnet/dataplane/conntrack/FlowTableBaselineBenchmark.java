package dev.swarmnet.dataplane.conntrack;

import static dev.swarmnet.dataplane.conntrack.FlowWorkload.BACKEND_BASE;
import static dev.swarmnet.dataplane.conntrack.FlowWorkload.FLOWS;
import static dev.swarmnet.dataplane.conntrack.FlowWorkload.MISSES;
import static dev.swarmnet.dataplane.conntrack.FlowWorkload.VIP;
import static dev.swarmnet.dataplane.conntrack.FlowWorkload.VNI;

import java.util.HashMap;
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
 * order and the same misses ({@link FlowWorkload}), kept in the table a plain Java program would
 * use, a {@code java.util.HashMap} from a 6-field key record to the flow's backend. Method names
 * match {@link FlowTableBenchmark}'s so that {@code bench/run} reports FlowTable/HashMap ratios;
 * the key record allocated per lookup shows in {@code -prof gc} as the cost the flow table avoids.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class FlowTableBaselineBenchmark {
    private static final int PROTO_TCP = 6;

    /** A flow's identity, as a straightforward Java conntrack would key it. */
    record Key(int vni, int proto, int srcIp, int dstIp, int srcPort, int dstPort) {
    }

    private HashMap<Key, Integer> table;
    private FlowWorkload flows;
    private int hitCursor;
    private int missCursor;

    @Setup
    public void setUp() {
        table = new HashMap<>(2 * FLOWS);
        flows = new FlowWorkload();
        for (int i = 0; i < FLOWS; i++) {
            table.put(new Key(VNI, PROTO_TCP, FlowWorkload.clientIp(i), VIP, FlowWorkload.clientPort(i), 80),
                    FlowWorkload.backend(i));
        }
    }

    @Benchmark
    public Integer lookupHit() {
        int i = hitCursor;
        hitCursor = i + 1 == FLOWS ? 0 : i + 1;
        return table.get(new Key(VNI, PROTO_TCP, flows.hitSrcIp[i], VIP, flows.hitSrcPort[i], 80));
    }

    @Benchmark
    public Integer lookupMiss() {
        int i = missCursor;
        missCursor = (i + 1) & (MISSES - 1);
        return table.get(new Key(VNI, PROTO_TCP, flows.missSrcIp[i], VIP, flows.missSrcPort[i], 80));
    }

    @Benchmark
    public Integer insertThenRemove() {
        int i = missCursor;
        missCursor = (i + 1) & (MISSES - 1);
        Key key = new Key(VNI, PROTO_TCP, flows.missSrcIp[i], VIP, flows.missSrcPort[i], 80);
        table.put(key, BACKEND_BASE);
        return table.remove(key);
    }
}
