package dev.swarmnet.controlplane.cli.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class GoDurationTest {

    @Test
    void parsesGoDurationsWithSeveralUnitsAndFractions() {
        assertThat(GoDuration.parse("1m30s")).isEqualTo(Duration.ofSeconds(90));
        assertThat(GoDuration.parse("500ms")).isEqualTo(Duration.ofMillis(500));
        assertThat(GoDuration.parse("1.5h")).isEqualTo(Duration.ofMinutes(90));
        assertThat(GoDuration.parse("2h45m10s")).isEqualTo(Duration.ofSeconds(2 * 3600 + 45 * 60 + 10));
        assertThat(GoDuration.parse("10us")).isEqualTo(Duration.ofNanos(10_000));
        assertThat(GoDuration.parse("0")).isEqualTo(Duration.ZERO);
    }

    @Test
    void refusesNumbersWithoutUnitsAndUnknownUnitsAsGoDoes() {
        assertThatThrownBy(() -> GoDuration.parse("10")).hasMessage("time: missing unit in duration \"10\"");
        assertThatThrownBy(() -> GoDuration.parse("3d")).hasMessage("time: unknown unit \"d\" in duration \"3d\"");
        assertThatThrownBy(() -> GoDuration.parse("s")).hasMessage("time: invalid duration \"s\"");
    }

    @Test
    void formatsAsGoDurationString() {
        assertThat(GoDuration.format(90_000_000_000L)).isEqualTo("1m30s");
        assertThat(GoDuration.format(5_000_000_000L)).isEqualTo("5s");
        assertThat(GoDuration.format(500_000_000L)).isEqualTo("500ms");
        assertThat(GoDuration.format(3_600_000_000_000L)).isEqualTo("1h0m0s");
        assertThat(GoDuration.format(1_500_000_000L)).isEqualTo("1.5s");
        assertThat(GoDuration.format(0)).isEqualTo("0s");
    }

    @Test
    void humanDurationsMatchDockersGoUnits() {
        assertThat(GoDuration.human(Duration.ofMillis(300))).isEqualTo("Less than a second");
        assertThat(GoDuration.human(Duration.ofSeconds(1))).isEqualTo("1 second");
        assertThat(GoDuration.human(Duration.ofSeconds(59))).isEqualTo("59 seconds");
        assertThat(GoDuration.human(Duration.ofSeconds(61))).isEqualTo("About a minute");
        assertThat(GoDuration.human(Duration.ofMinutes(2))).isEqualTo("2 minutes");
        assertThat(GoDuration.human(Duration.ofMinutes(61))).isEqualTo("About an hour");
        assertThat(GoDuration.human(Duration.ofHours(5))).isEqualTo("5 hours");
        assertThat(GoDuration.human(Duration.ofDays(3))).isEqualTo("3 days");
        assertThat(GoDuration.human(Duration.ofDays(365L * 292))).isEqualTo("292 years");
    }
}
