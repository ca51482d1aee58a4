package dev.swarmnet.dataplane.conntrack;

import static dev.swarmnet.dataplane.conntrack.FlowState.PROTO_TCP;
import static dev.swarmnet.dataplane.conntrack.FlowState.PROTO_UDP;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class FlowExpiryTest {

    private static final long S = 1_000_000_000L;
    private static final long T0 = 1_000 * S;

    private final FlowTable table = new FlowTable(16, FlowTimeouts.defaults());

    private int udp(int srcPort, long nowNs) {
        return table.create(1, PROTO_UDP, 0x0A000001, 0x0A0000FE, srcPort, 53, 0x0A000009, 53, nowNs);
    }

    private boolean present(int srcPort) {
        return table.lookup(1, PROTO_UDP, 0x0A000001, 0x0A0000FE, srcPort, 53) != FlowTable.NOT_FOUND;
    }

    @Test
    void shouldRemoveFlowIdleLongerThanItsStateTimeout() {
        udp(1000, T0);

        assertThat(table.expire(T0 + 30 * S)).isZero();
        assertThat(present(1000)).isTrue();
        assertThat(table.expire(T0 + 32 * S)).isEqualTo(1);
        assertThat(present(1000)).isFalse();
        assertThat(table.expired()).isEqualTo(1);
        assertThat(table.size()).isZero();
    }

    @Test
    void shouldKeepFlowRefreshedByTrafficPastItsOriginalDeadline() {
        int id = udp(1000, T0);
        table.onPacket(id << 1, 0, 10, T0 + 20 * S);

        assertThat(table.expire(T0 + 40 * S)).isZero();
        assertThat(present(1000)).isTrue();
        assertThat(table.expire(T0 + 52 * S)).isEqualTo(1);
        assertThat(present(1000)).isFalse();
    }

    @Test
    void newTimeoutsApplyToFlowsAlreadyTrackedLongerOnesExtendingAndShorterOnesEndingThem() {
        udp(1000, T0);
        udp(1001, T0 + 25 * S);
        table.setTimeouts(FlowTimeouts.builder().timeout(FlowState.UDP_UNREPLIED, 60 * S).build());

        assertThat(table.expire(T0 + 40 * S)).as("the old 30 s passed, the new 60 s not").isZero();
        assertThat(present(1000)).isTrue();
        assertThat(table.expire(T0 + 62 * S)).isEqualTo(1);
        assertThat(present(1000)).isFalse();

        table.setTimeouts(FlowTimeouts.builder().timeout(FlowState.UDP_UNREPLIED, 5 * S).build());
        assertThat(table.expire(T0 + 90 * S)).as("idle 65 s, past the new 5 s").isEqualTo(1);
        assertThat(table.size()).isZero();
    }

    @Test
    void shouldUseTheTimeoutOfTheCurrentState() {
        int id = udp(1000, T0);
        table.onPacket(id << 1 | FlowTable.REPLY, 0, 10, T0 + 1 * S);

        assertThat(table.expire(T0 + 100 * S)).isZero();
        assertThat(table.expire(T0 + 122 * S)).isEqualTo(1);
    }

    @Test
    void shouldExpireFlowWhoseDeadlineIsBeyondOneWheelRevolution() {
        int id = table.create(1, PROTO_TCP, 0x0A000001, 0x0A0000FE, 1000, 80, 0x0A000009, 8080, T0);
        table.onPacket(id << 1, FlowStateMachine.TCP_SYN, 0, T0);
        table.onPacket(id << 1 | 1, FlowStateMachine.TCP_SYN | FlowStateMachine.TCP_ACK, 0, T0);
        table.onPacket(id << 1, FlowStateMachine.TCP_ACK, 0, T0);
        assertThat(table.state(id)).isEqualTo(FlowState.ESTABLISHED);

        for (long t = T0; t <= T0 + 3600 * S; t += S) {
            assertThat(table.expire(t)).as("at +%d s", (t - T0) / S).isZero();
        }
        assertThat(table.expire(T0 + 3602 * S)).isEqualTo(1);
    }

    @Test
    void shouldExpireEverythingDueAfterALongGapBetweenCalls() {
        udp(1000, T0);
        int kept = udp(1001, T0);
        table.onPacket(kept << 1 | FlowTable.REPLY, 0, 0, T0);
        udp(1002, T0 + 10 * S);

        assertThat(table.expire(T0 + 2000 * S)).isEqualTo(3);
        assertThat(table.size()).isZero();
    }

    @Test
    void shouldExpireLongLivedFlowAfterLongGapWithoutEarlierVisit() {
        table.create(1, PROTO_TCP, 0x0A000001, 0x0A0000FE, 1000, 80, 0x0A000009, 8080, T0);
        udp(2000, T0);

        assertThat(table.expire(T0 + 25 * S)).isZero();
        assertThat(table.expire(T0 + 31 * S + 1)).isEqualTo(2);
    }

    @Test
    void shouldShortenLifetimeWhenStateMovesToShorterTimeout() {
        int id = table.create(1, PROTO_TCP, 0x0A000001, 0x0A0000FE, 1000, 80, 0x0A000009, 8080, T0);
        table.onPacket(id << 1, FlowStateMachine.TCP_SYN, 0, T0);
        table.onPacket(id << 1 | 1, FlowStateMachine.TCP_SYN | FlowStateMachine.TCP_ACK, 0, T0);
        table.onPacket(id << 1, FlowStateMachine.TCP_ACK, 0, T0 + S);
        table.expire(T0 + 5 * S);
        table.onPacket(id << 1, FlowStateMachine.TCP_RST, 0, T0 + 5 * S);

        assertThat(table.expire(T0 + 14 * S)).isZero();
        assertThat(table.expire(T0 + 16 * S)).isEqualTo(1);
    }

    @Test
    void shouldDoNothingWhenCalledAgainWithinTheSameTick() {
        udp(1000, T0);
        table.expire(T0 + 10 * S);

        assertThat(table.expire(T0 + 10 * S + 1)).isZero();
        assertThat(table.expire(T0 + 10 * S + 2)).isZero();
        assertThat(table.size()).isEqualTo(1);
    }

    @Test
    void shouldHonourConfiguredTickAndWheelSize() {
        FlowTable fine = new FlowTable(4, FlowTimeouts.defaults()
            .withTimeout(FlowState.UDP_UNREPLIED, 5_000_000L), 1_000_000L, 4);
        fine.create(1, PROTO_UDP, 1, 2, 3, 4, 5, 6, 0);

        assertThat(fine.expire(5_000_000L)).isZero();
        assertThat(fine.expire(6_000_000L)).isEqualTo(1);
    }

    @Test
    void shouldTellListenerOfEachExpiryOnceWithReadableFields() {
        List<Integer> ports = new ArrayList<>();
        table.setRemovalListener(id -> ports.add(table.origSrcPort(id)));
        for (int p = 0; p < 10; p++) {
            udp(1000 + p, T0 + p * S);
        }
        int removed = 0;
        for (long t = T0; t <= T0 + 100 * S; t += S / 2) {
            removed += table.expire(t);
        }

        assertThat(removed).isEqualTo(10);
        assertThat(ports).containsExactly(1000, 1001, 1002, 1003, 1004, 1005, 1006, 1007, 1008, 1009);
        assertThat(table.expired()).isEqualTo(10);
    }

    @Test
    void shouldHandleTimeBeforeZeroAsSystemNanoTimeMayReturn() {
        long t0 = -500 * S;
        table.create(1, PROTO_UDP, 1, 2, 3, 4, 5, 6, t0);

        assertThat(table.expire(t0 + 29 * S)).isZero();
        assertThat(table.expire(t0 + 31 * S)).isEqualTo(1);
    }
}
