package dev.swarmnet.controlplane.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.swarmnet.dataplane.stats.Counter;
import io.micrometer.core.instrument.Tags;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CounterSeriesTest {
    @Test
    void everyDataPlaneCounterHasItsOwnSeries() {
        Set<String> seen = new HashSet<>();
        for (int id = 0; id < Counter.COUNT; id++) {
            CounterSeries.Series series = CounterSeries.of(id);
            assertThat(series).as(Counter.name(id)).isNotNull();
            assertThat(seen.add(series.metric() + series.tags())).as("%s is the only counter at %s %s",
                    Counter.name(id), series.metric(), series.tags()).isTrue();
        }
    }

    @Test
    void dropReasonsAreLabelledWithTheCounterNameWithoutItsPrefix() {
        assertThat(CounterSeries.of(Counter.DROP_MALFORMED_VXLAN).metric()).isEqualTo(CounterSeries.DROPS);
        assertThat(CounterSeries.of(Counter.DROP_MALFORMED_VXLAN).tags()).isEqualTo(Tags.of("reason", "malformed_vxlan"));
        assertThat(CounterSeries.of(Counter.DROP_ARP_UNKNOWN_TARGET).tags())
                .isEqualTo(Tags.of("reason", "arp_unknown_target"));
    }

    @Test
    void dnsQueriesAreGroupedByResult() {
        long[] values = new long[Counter.COUNT];
        values[Counter.DNS_ANSWERED] = 5;
        values[Counter.DNS_NXDOMAIN] = 2;
        values[Counter.DROP_UNKNOWN_PEER] = 7;

        Map<String, Map<Tags, Long>> grouped = CounterSeries.group(values);

        assertThat(grouped.get(CounterSeries.DNS_QUERIES)).containsEntry(Tags.of("result", "answered"), 5L)
                .containsEntry(Tags.of("result", "nxdomain"), 2L).containsEntry(Tags.of("result", "formerr"), 0L);
        assertThat(grouped.get(CounterSeries.DROPS)).containsEntry(Tags.of("reason", "unknown_peer"), 7L);
    }
}
