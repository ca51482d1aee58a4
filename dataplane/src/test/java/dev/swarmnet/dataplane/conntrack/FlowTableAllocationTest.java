package dev.swarmnet.dataplane.conntrack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import dev.swarmnet.dataplane.testing.WarmAllocations;
import org.junit.jupiter.api.Test;

/** The per-packet operations allocate nothing, measured with HotSpot's per-thread allocation counter. */
class FlowTableAllocationTest {

    private static final long S = 1_000_000_000L;

    @Test
    void shouldNotAllocateOnLookupCreatePacketRemoveOrExpire() {
        assumeThat(WarmAllocations.measurable()).as("needs HotSpot's per-thread allocation counter").isTrue();
        FlowTable table = new FlowTable(1024, FlowTimeouts.defaults(), S, 64);
        long[] now = {0};

        // Measured once compiled: warm-up runs until quiet, as the compiler may lag under load.
        long allocated = WarmAllocations.afterWarmUp(() -> now[0] = churn(table, now[0]), 1);

        assertThat(allocated).isZero();
    }

    private static long churn(FlowTable table, long now) {
        for (int round = 0; round < 200; round++) {
            for (int i = 0; i < 1000; i++) {
                int id = table.create(1, FlowState.PROTO_TCP, 0x0A000001 + i, 0x0A0000FE, 1000 + round, 80,
                    0x0A000200, 8080, now);
                if (id >= 0) {
                    table.onPacket(id << 1, FlowStateMachine.TCP_SYN, 0, now);
                }
                int handle = table.lookup(1, FlowState.PROTO_TCP, 0x0A000200, 0x0A000001 + i, 8080, 1000 + round);
                if (handle >= 0) {
                    table.onPacket(handle, FlowStateMachine.TCP_SYN | FlowStateMachine.TCP_ACK, 0, now);
                    if ((i & 3) == 0) {
                        table.remove(FlowTable.flowId(handle));
                    }
                }
            }
            now += 7 * S;
            table.expire(now);
        }
        return now;
    }
}
