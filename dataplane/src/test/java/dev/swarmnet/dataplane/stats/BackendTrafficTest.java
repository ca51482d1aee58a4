package dev.swarmnet.dataplane.stats;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class BackendTrafficTest {
    private static final long A = BackendTraffic.key(4097, 0x0a00_0105);
    private static final long B = BackendTraffic.key(4097, 0xc0a8_0001);

    private final BackendTraffic traffic = new BackendTraffic(4);

    @Test
    void countsNewFlowsAndBytesPerBackend() {
        traffic.flowOpened(A);
        traffic.packet(A, 60);
        traffic.packet(A, 1500);
        traffic.flowOpened(B);

        assertThat(traffic.flows(A)).isEqualTo(1);
        assertThat(traffic.bytes(A)).isEqualTo(1560);
        assertThat(traffic.flows(B)).isEqualTo(1);
        assertThat(traffic.bytes(B)).isZero();
    }

    @Test
    void theKeyKeepsTheVniAndTheWholeUnsignedAddress() {
        assertThat(B).isEqualTo(0x0000_1001_c0a8_0001L);
    }

    @Test
    void backendsANewProgramDropsAreForgotten() {
        traffic.flowOpened(A);
        traffic.flowOpened(B);
        traffic.packet(B, 10);

        traffic.retainOnly(key -> key == A);

        assertThat(traffic.flows(A)).isEqualTo(1);
        assertThat(traffic.flows(B)).isZero();
        assertThat(traffic.bytes(B)).isZero();
    }
}
