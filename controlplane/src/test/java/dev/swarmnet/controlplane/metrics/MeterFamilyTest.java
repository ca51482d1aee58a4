package dev.swarmnet.controlplane.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Tags;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MeterFamilyTest {
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);

    @Test
    void aCounterFamilyShowsEachLabelSetWithTheLastPublishedValue() {
        MeterFamily family = MeterFamily.counter(registry, "swarmnet.test.frames", "frames");

        family.publish(Map.of(Tags.of("port", "1"), 3L, Tags.of("port", "2"), 4L));
        family.publish(Map.of(Tags.of("port", "1"), 5L, Tags.of("port", "2"), 4L));

        PrometheusText text = PrometheusText.parse(registry.scrape());
        assertThat(text.type("swarmnet_test_frames_total")).isEqualTo("counter");
        assertThat(text.value("swarmnet_test_frames_total", "port", "1")).isEqualTo(5);
        assertThat(text.value("swarmnet_test_frames_total", "port", "2")).isEqualTo(4);
    }

    @Test
    void labelSetsThatDisappearLeaveTheScrape() {
        MeterFamily family = MeterFamily.gauge(registry, "swarmnet.test.flows", "flows");
        family.publish(Map.of(Tags.of("port", "1"), 3, Tags.of("port", "2"), 4));

        family.publish(Map.of(Tags.of("port", "2"), 6));

        PrometheusText text = PrometheusText.parse(registry.scrape());
        assertThat(text.find("swarmnet_test_flows", "port", "1")).isEmpty();
        assertThat(text.value("swarmnet_test_flows", "port", "2")).isEqualTo(6);
        family.clear();
        assertThat(PrometheusText.parse(registry.scrape()).hasAny("swarmnet_test_flows")).isFalse();
    }
}
