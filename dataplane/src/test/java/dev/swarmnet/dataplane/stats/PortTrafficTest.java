package dev.swarmnet.dataplane.stats;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PortTrafficTest {
    private final PortTraffic traffic = new PortTraffic();

    @Test
    void countsFramesAndBytesPerAttachedPortAndDirection() {
        traffic.attached(3);
        traffic.received(3, 1, 60);
        traffic.received(3, 1, 100);
        traffic.sent(3, 1, 42);

        long[][] rows = traffic.snapshot();

        assertThat(rows[3]).containsExactly(2, 160, 1, 42);
        assertThat(rows[0]).as("never attached").isNull();
    }

    @Test
    void portsBeyondTheFirstArraysGrowItAndKeepEarlierCounts() {
        traffic.attached(1);
        traffic.received(1, 1, 10);

        traffic.attached(40);
        traffic.sent(40, 2, 20);

        long[][] rows = traffic.snapshot();
        assertThat(rows[1]).containsExactly(1, 10, 0, 0);
        assertThat(rows[40]).containsExactly(0, 0, 2, 20);
    }

    @Test
    void aDetachedPortIsNotReportedAndAReusedIdStartsFromZero() {
        traffic.attached(2);
        traffic.received(2, 1, 10);
        traffic.detached(2);
        traffic.received(2, 1, 10);

        assertThat(traffic.snapshot()[2]).isNull();
        traffic.attached(2);
        assertThat(traffic.snapshot()[2]).containsExactly(0, 0, 0, 0);
    }

    @Test
    void framesForPortsNeverAttachedAreIgnored() {
        traffic.received(500, 1, 10);
        traffic.sent(-1, 1, 10);

        assertThat(java.util.Arrays.stream(traffic.snapshot())).allMatch(row -> row == null);
    }
}
