package dev.swarmnet.controlplane.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import picocli.CommandLine;

class DurationConverterTest {
    private final DurationConverter converter = new DurationConverter();

    @ParameterizedTest(name = "{0}")
    @CsvSource({"500ms, PT0.5S", "10s, PT10S", "10, PT10S", "2m, PT2M", "1h, PT1H", "PT1M30S, PT1M30S"})
    void shouldReadTheWaysPeopleWriteADuration(String text, String expected) {
        assertThat(converter.convert(text)).isEqualTo(Duration.parse(expected));
    }

    @Test
    void shouldSayWhatItExpectsForAnythingElse() {
        assertThatThrownBy(() -> converter.convert("soon"))
                .isInstanceOf(CommandLine.TypeConversionException.class)
                .hasMessage("'soon' is not a duration: expected e.g. 500ms, 10s, 2m, 1h or PT1M30S");
    }
}
