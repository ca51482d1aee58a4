package dev.swarmnet.bench.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class FigureTableTest {
    private static final List<String> RESULTS = List.of(
        "# a comment",
        "routing mesh\treq/s, keep-alive\tdirect to tasks\t1000\treq/s\t\thigher",
        "routing mesh\treq/s, keep-alive\trouting mesh\t900\treq/s\tdirect to tasks,HAProxy tcp\thigher",
        "routing mesh\treq/s, keep-alive\tHAProxy tcp\t750\treq/s\tdirect to tasks\thigher",
        "",
        "overlay\tping RTT\tswarmnet overlay\tnan\tus\tkernel VXLAN\tlower",
        "overlay\tping RTT\tkernel VXLAN\t100\tus\t\tlower");

    @Test
    void parsesEveryFigureWithItsBaselinesInOrder() {
        FigureTable table = FigureTable.parse(RESULTS);

        assertThat(table.groups()).containsExactly("routing mesh", "overlay");
        assertThat(table.in("routing mesh")).extracting(Figure::subject)
            .containsExactly("direct to tasks", "routing mesh", "HAProxy tcp");
        Figure mesh = table.find("routing mesh", "req/s, keep-alive", "routing mesh").orElseThrow();
        assertThat(mesh.baselines()).containsExactly("direct to tasks", "HAProxy tcp");
        assertThat(mesh.better()).isEqualTo(Better.HIGHER);
    }

    @Test
    void aRatioIsTheFigureOverItsBaselineOfTheSameMetric() {
        FigureTable table = FigureTable.parse(RESULTS);
        Figure mesh = table.find("routing mesh", "req/s, keep-alive", "routing mesh").orElseThrow();

        assertThat(table.ratio(mesh, "direct to tasks")).hasValue(0.9);
        assertThat(table.ratio(mesh, "HAProxy tcp")).hasValue(1.2);
    }

    @Test
    void aFailedMeasurementOrAMissingBaselineHasNoRatio() {
        FigureTable table = FigureTable.parse(RESULTS);
        Figure overlay = table.find("overlay", "ping RTT", "swarmnet overlay").orElseThrow();
        Figure haproxy = table.find("routing mesh", "req/s, keep-alive", "HAProxy tcp").orElseThrow();

        assertThat(overlay.measured()).isFalse();
        assertThat(table.ratio(overlay, "kernel VXLAN")).isEmpty();
        assertThat(table.ratio(haproxy, "nginx")).isEmpty();
    }

    @Test
    void aLineWithTheWrongNumberOfFieldsIsRejectedByLineNumber() {
        assertThatThrownBy(() -> FigureTable.parse(List.of("# header", "overlay\tping RTT\t12")))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("results line 2")
            .hasMessageContaining("expected 7 tab-separated fields");
    }

    @Test
    void aValueThatIsNotANumberIsRejectedByName() {
        assertThatThrownBy(() -> FigureTable.parse(List.of("g\tm\ts\tfast\tus\t\tlower")))
            .hasMessageContaining("results line 1: value 'fast' is not a number");
    }

    @Test
    void aDirectionOtherThanHigherOrLowerIsRejected() {
        assertThatThrownBy(() -> FigureTable.parse(List.of("g\tm\ts\t1\tus\t\tbigger")))
            .hasMessageContaining("'bigger' is not 'higher' or 'lower'");
    }

    @Test
    void aFigureCannotBeItsOwnBaseline() {
        assertThatThrownBy(() -> FigureTable.parse(List.of("g\tm\ts\t1\tus\ts\tlower")))
            .hasMessageContaining("names itself as its baseline");
    }
}
