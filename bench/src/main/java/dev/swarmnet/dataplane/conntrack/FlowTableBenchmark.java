package dev.swarmnet.dataplane.conntrack;

import static dev.swarmnet.dataplane.conntrack.FlowWorkload.BACKEND_BASE;
import static dev.swarmnet.dataplane.conntrack.FlowWorkload.FLOWS;
import static dev.swarmnet.dataplane.conntrack.FlowWorkload.MISSES;
import static dev.swarmnet.dataplane.conntrack.FlowWorkload.VIP;
import static dev.swarmnet.dataplane.conntrack.FlowWorkload.VNI;

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
 * packets of many concurrent flows would ({@link FlowWorkload}). Single-threaded, like the event
 * loop that owns a table.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class FlowTableBenchmark {

    private static final int CAPACITY = 1_200_000;
    private static final long NOW_NS = 1_000_000_000_000L;

    private FlowTable table;
    private FlowWorkload flows;
    private int hitCursor;
    private int missCursor;

    @Setup
    public void setUp() {
        table = new FlowTable(CAPACITY, FlowTimeouts.defaults());
        flows = new FlowWorkload();
        for (int i = 0; i < FLOWS; i++) {
            int id = table.create(VNI, FlowState.PROTO_TCP, FlowWorkload.clientIp(i), VIP, FlowWorkload.clientPort(i),
                80, FlowWorkload.backend(i), 8080, NOW_NS);
            if (id < 0) {
                throw new IllegalStateException("prefill failed at " + i + ": " + id);
            }
        }
    }

    @Benchmark
    public int lookupHit() {
        int i = hitCursor;
        hitCursor = i + 1 == FLOWS ? 0 : i + 1;
        return table.lookup(VNI, FlowState.PROTO_TCP, flows.hitSrcIp[i], VIP, flows.hitSrcPort[i], 80);
    }

    @Benchmark
    public int lookupMiss() {
        int i = missCursor;
        missCursor = (i + 1) & (MISSES - 1);
        return table.lookup(VNI, FlowState.PROTO_TCP, flows.missSrcIp[i], VIP, flows.missSrcPort[i], 80);
    }

    @Benchmark
    public int insertThenRemove() {
        int i = missCursor;
        missCursor = (i + 1) & (MISSES - 1);
        int id = table.create(VNI, FlowState.PROTO_TCP, flows.missSrcIp[i], VIP, flows.missSrcPort[i], 80,
            BACKEND_BASE, 8080, NOW_NS);
        table.remove(id);
        return id;
    }
}
