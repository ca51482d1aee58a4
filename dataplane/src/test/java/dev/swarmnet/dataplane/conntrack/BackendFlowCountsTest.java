package dev.swarmnet.dataplane.conntrack;

import static dev.swarmnet.dataplane.conntrack.FlowState.PROTO_TCP;
import static dev.swarmnet.dataplane.conntrack.FlowState.PROTO_UDP;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class BackendFlowCountsTest {
    private static final int VNI = 4097;
    private static final int VIP = 0x0A0001FE;
    private static final int CLIENT = 0x0A000102;
    private static final int BACKEND_A = 0x0A000107;
    private static final int BACKEND_B = 0x0A000108;

    private final FlowTable table = new FlowTable(16, FlowTimeouts.defaults());

    @Test
    void countsOpenFlowsPerBackendAndProtocol() {
        table.create(VNI, PROTO_TCP, CLIENT, VIP, 40000, 80, BACKEND_A, 80, 0);
        table.create(VNI, PROTO_TCP, CLIENT, VIP, 40001, 80, BACKEND_A, 80, 0);
        table.create(VNI, PROTO_TCP, CLIENT, VIP, 40002, 443, BACKEND_B, 443, 0);
        table.create(VNI, PROTO_UDP, CLIENT, VIP, 40003, 53, BACKEND_A, 53, 0);

        BackendFlowCounts counts = BackendFlowCounts.count(table);

        assertThat(counts.active(VNI, PROTO_TCP, VIP, BACKEND_A)).isEqualTo(2);
        assertThat(counts.active(VNI, PROTO_TCP, VIP, BACKEND_B)).isEqualTo(1);
        assertThat(counts.active(VNI, PROTO_UDP, VIP, BACKEND_A)).isEqualTo(1);
        assertThat(counts.active(VNI, PROTO_UDP, VIP, BACKEND_B)).isZero();
        assertThat(counts.active(VNI + 1, PROTO_TCP, VIP, BACKEND_A)).as("another network").isZero();
        assertThat(counts.closing(VNI, PROTO_TCP, VIP, BACKEND_A)).isZero();
    }

    @Test
    void countsResetFlowsAsClosingNotOpen() {
        int id = table.create(VNI, PROTO_TCP, CLIENT, VIP, 40000, 80, BACKEND_A, 80, 0);
        table.create(VNI, PROTO_TCP, CLIENT, VIP, 40001, 80, BACKEND_A, 80, 0);
        table.onPacket(id << 1, FlowStateMachine.TCP_RST, 0, 1);

        BackendFlowCounts counts = BackendFlowCounts.count(table);

        assertThat(counts.active(VNI, PROTO_TCP, VIP, BACKEND_A)).isEqualTo(1);
        assertThat(counts.closing(VNI, PROTO_TCP, VIP, BACKEND_A)).isEqualTo(1);
    }

    @Test
    void removedFlowsAreNotCounted() {
        int id = table.create(VNI, PROTO_TCP, CLIENT, VIP, 40000, 80, BACKEND_A, 80, 0);
        table.remove(id);

        assertThat(BackendFlowCounts.count(table).active(VNI, PROTO_TCP, VIP, BACKEND_A)).isZero();
    }
}
