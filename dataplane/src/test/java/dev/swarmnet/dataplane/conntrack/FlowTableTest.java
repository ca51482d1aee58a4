package dev.swarmnet.dataplane.conntrack;

import static dev.swarmnet.dataplane.conntrack.FlowState.PROTO_TCP;
import static dev.swarmnet.dataplane.conntrack.FlowState.PROTO_UDP;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class FlowTableTest {

    private static final int VNI = 4097;
    private static final int CLIENT = 0x0A000002;
    private static final int VIP = 0x0A0000FE;
    private static final int BACKEND = 0x0A000007;

    private final FlowTable table = new FlowTable(8, FlowTimeouts.defaults());

    @Test
    void shouldFindOriginalDirectionByOriginalKey() {
        int id = table.create(VNI, PROTO_TCP, CLIENT, VIP, 40000, 80, BACKEND, 8080, 0);

        int handle = table.lookup(VNI, PROTO_TCP, CLIENT, VIP, 40000, 80);

        assertThat(FlowTable.flowId(handle)).isEqualTo(id);
        assertThat(FlowTable.direction(handle)).isEqualTo(FlowTable.ORIGINAL);
    }

    @Test
    void shouldFindReplyDirectionByKeyFromBackendToClient() {
        int id = table.create(VNI, PROTO_TCP, CLIENT, VIP, 40000, 80, BACKEND, 8080, 0);

        int handle = table.lookup(VNI, PROTO_TCP, BACKEND, CLIENT, 8080, 40000);

        assertThat(FlowTable.flowId(handle)).isEqualTo(id);
        assertThat(FlowTable.direction(handle)).isEqualTo(FlowTable.REPLY);
    }

    @Test
    void shouldMissWhenAnyKeyFieldDiffers() {
        table.create(VNI, PROTO_TCP, CLIENT, VIP, 40000, 80, BACKEND, 8080, 0);

        assertThat(table.lookup(VNI + 1, PROTO_TCP, CLIENT, VIP, 40000, 80)).isEqualTo(FlowTable.NOT_FOUND);
        assertThat(table.lookup(VNI, PROTO_UDP, CLIENT, VIP, 40000, 80)).isEqualTo(FlowTable.NOT_FOUND);
        assertThat(table.lookup(VNI, PROTO_TCP, CLIENT + 1, VIP, 40000, 80)).isEqualTo(FlowTable.NOT_FOUND);
        assertThat(table.lookup(VNI, PROTO_TCP, CLIENT, VIP + 1, 40000, 80)).isEqualTo(FlowTable.NOT_FOUND);
        assertThat(table.lookup(VNI, PROTO_TCP, CLIENT, VIP, 40001, 80)).isEqualTo(FlowTable.NOT_FOUND);
        assertThat(table.lookup(VNI, PROTO_TCP, CLIENT, VIP, 40000, 81)).isEqualTo(FlowTable.NOT_FOUND);
    }

    @Test
    void shouldReconstructFlowFieldsFromStoredKeys() {
        int id = table.create(0xFFFFFF, PROTO_UDP, 0xC0A80001, 0xFFFFFFFE, 0xFFFF, 53, 0x80000001, 0xFFFE, 42);

        assertThat(table.vni(id)).isEqualTo(0xFFFFFF);
        assertThat(table.proto(id)).isEqualTo(PROTO_UDP);
        assertThat(table.origSrcIp(id)).isEqualTo(0xC0A80001);
        assertThat(table.origDstIp(id)).isEqualTo(0xFFFFFFFE);
        assertThat(table.origSrcPort(id)).isEqualTo(0xFFFF);
        assertThat(table.origDstPort(id)).isEqualTo(53);
        assertThat(table.replySrcIp(id)).isEqualTo(0x80000001);
        assertThat(table.replySrcPort(id)).isEqualTo(0xFFFE);
        assertThat(table.state(id)).isEqualTo(FlowState.UDP_UNREPLIED);
        assertThat(table.lastSeenNs(id)).isEqualTo(42);
    }

    @Test
    void shouldKeepOpaqueCallerSlotsPerFlowAndClearThemOnReuse() {
        int id = table.create(VNI, PROTO_TCP, CLIENT, VIP, 40000, 80, BACKEND, 8080, 0);
        table.setPeerMac(id, 0x02_42_AC_11_00_07L);
        table.setTag(id, 7);
        assertThat(table.peerMac(id)).isEqualTo(0x02_42_AC_11_00_07L);
        assertThat(table.tag(id)).isEqualTo(7);

        table.remove(id);
        int reused = table.create(VNI, PROTO_TCP, CLIENT, VIP, 40001, 80, BACKEND, 8080, 0);

        assertThat(reused).isEqualTo(id);
        assertThat(table.peerMac(reused)).isZero();
        assertThat(table.tag(reused)).isZero();
    }

    @Test
    void shouldRefuseCreateWhenFullAndCountIt() {
        List<Integer> ids = new ArrayList<>();
        for (int i = 0; i < table.capacity(); i++) {
            ids.add(table.create(VNI, PROTO_TCP, CLIENT, VIP, 1000 + i, 80, BACKEND, 8080, 0));
        }

        int refused = table.create(VNI, PROTO_TCP, CLIENT, VIP, 2000, 80, BACKEND, 8080, 0);

        assertThat(refused).isEqualTo(FlowTable.TABLE_FULL);
        assertThat(table.insertFailures()).isEqualTo(1);
        assertThat(table.inserted()).isEqualTo(table.capacity());
        assertThat(table.size()).isEqualTo(table.capacity());
        assertThat(table.lookup(VNI, PROTO_TCP, CLIENT, VIP, 2000, 80)).isEqualTo(FlowTable.NOT_FOUND);
        for (int i = 0; i < table.capacity(); i++) {
            assertThat(FlowTable.flowId(table.lookup(VNI, PROTO_TCP, CLIENT, VIP, 1000 + i, 80)))
                .isEqualTo(ids.get(i));
            assertThat(FlowTable.flowId(table.lookup(VNI, PROTO_TCP, BACKEND, CLIENT, 8080, 1000 + i)))
                .isEqualTo(ids.get(i));
        }
    }

    @Test
    void shouldRefuseCreateWhenOriginalKeyExists() {
        table.create(VNI, PROTO_TCP, CLIENT, VIP, 40000, 80, BACKEND, 8080, 0);

        int result = table.create(VNI, PROTO_TCP, CLIENT, VIP, 40000, 80, BACKEND + 1, 8080, 0);

        assertThat(result).isEqualTo(FlowTable.KEY_EXISTS);
        assertThat(table.size()).isEqualTo(1);
        assertThat(table.lookup(VNI, PROTO_TCP, BACKEND + 1, CLIENT, 8080, 40000)).isEqualTo(FlowTable.NOT_FOUND);
        assertThat(table.insertFailures()).isZero();
    }

    @Test
    void shouldRefuseCreateWhenReplyKeyExists() {
        table.create(VNI, PROTO_TCP, CLIENT, VIP, 40000, 80, BACKEND, 8080, 0);

        int result = table.create(VNI, PROTO_TCP, CLIENT, VIP + 1, 40000, 80, BACKEND, 8080, 0);

        assertThat(result).isEqualTo(FlowTable.KEY_EXISTS);
        assertThat(table.lookup(VNI, PROTO_TCP, CLIENT, VIP + 1, 40000, 80)).isEqualTo(FlowTable.NOT_FOUND);
    }

    @Test
    void shouldRefuseFlowWhoseTwoKeysCoincide() {
        assertThat(table.create(VNI, PROTO_UDP, CLIENT, CLIENT, 5, 5, CLIENT, 5, 0))
            .isEqualTo(FlowTable.KEY_EXISTS);
        assertThat(table.size()).isZero();
    }

    @Test
    void shouldForgetBothKeysWhenRemoved() {
        int id = table.create(VNI, PROTO_TCP, CLIENT, VIP, 40000, 80, BACKEND, 8080, 0);

        table.remove(id);

        assertThat(table.size()).isZero();
        assertThat(table.contains(id)).isFalse();
        assertThat(table.lookup(VNI, PROTO_TCP, CLIENT, VIP, 40000, 80)).isEqualTo(FlowTable.NOT_FOUND);
        assertThat(table.lookup(VNI, PROTO_TCP, BACKEND, CLIENT, 8080, 40000)).isEqualTo(FlowTable.NOT_FOUND);
    }

    @Test
    void shouldIgnoreRemovalOfFlowThatIsNotLive() {
        int id = table.create(VNI, PROTO_TCP, CLIENT, VIP, 40000, 80, BACKEND, 8080, 0);
        table.remove(id);

        table.remove(id);
        table.remove(-1);
        table.remove(table.capacity());

        assertThat(table.size()).isZero();
    }

    @Test
    void shouldTellListenerBeforeClearingTheFlow() {
        List<String> seen = new ArrayList<>();
        table.setRemovalListener(id -> seen.add(table.replySrcIp(id) + ":" + table.tag(id)));
        int id = table.create(VNI, PROTO_TCP, CLIENT, VIP, 40000, 80, BACKEND, 8080, 0);
        table.setTag(id, 3);

        table.remove(id);

        assertThat(seen).containsExactly(BACKEND + ":3");
    }

    @Test
    void shouldRemoveExactlyTheFlowsThePredicateSelects() {
        for (int i = 0; i < 8; i++) {
            int id = table.create(VNI, PROTO_TCP, CLIENT, VIP, 1000 + i, 80, BACKEND + (i % 2), 8080, 0);
            table.setTag(id, i);
        }
        List<Integer> removedTags = new ArrayList<>();
        table.setRemovalListener(id -> removedTags.add(table.tag(id)));

        table.removeIf(id -> table.replySrcIp(id) == BACKEND + 1);

        assertThat(removedTags).containsExactlyInAnyOrder(1, 3, 5, 7);
        assertThat(table.size()).isEqualTo(4);
        for (int i = 0; i < 8; i++) {
            boolean expectPresent = i % 2 == 0;
            assertThat(table.lookup(VNI, PROTO_TCP, CLIENT, VIP, 1000 + i, 80) != FlowTable.NOT_FOUND)
                .isEqualTo(expectPresent);
        }
    }

    @Test
    void shouldRejectInvalidCapacity() {
        assertThatThrownBy(() -> new FlowTable(0, FlowTimeouts.defaults()))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("capacity");
    }

    @Test
    void shouldRejectWheelSizeThatIsNotAPowerOfTwo() {
        assertThatThrownBy(() -> new FlowTable(4, FlowTimeouts.defaults(), 1_000_000_000L, 100))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("wheelSize");
    }
}
