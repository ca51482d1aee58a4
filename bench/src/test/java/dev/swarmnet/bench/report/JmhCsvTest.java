package dev.swarmnet.bench.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class JmhCsvTest {
    private static final String HEADER = "\"Benchmark\",\"Mode\",\"Threads\",\"Samples\",\"Score\","
        + "\"Score Error (99.9%)\",\"Unit\"";
    private static final List<String> CSV = List.of(
        HEADER,
        "\"dev.swarmnet.dataplane.conntrack.FlowTableBaselineBenchmark.lookupHit\",\"avgt\",1,3,340.5,12.0,\"ns/op\"",
        "\"dev.swarmnet.dataplane.conntrack.FlowTableBaselineBenchmark.lookupHit:gc.alloc.rate.norm\",\"avgt\",1,3,"
            + "32.004,0.1,\"B/op\"",
        "\"dev.swarmnet.dataplane.conntrack.FlowTableBenchmark.lookupHit\",\"avgt\",1,3,170.25,5.0,\"ns/op\"",
        "\"dev.swarmnet.dataplane.conntrack.FlowTableBenchmark.lookupHit:gc.alloc.rate\",\"avgt\",1,3,0.01,0.1,"
            + "\"MB/sec\"",
        "\"dev.swarmnet.dataplane.conntrack.FlowTableBenchmark.lookupHit:gc.alloc.rate.norm\",\"avgt\",1,3,0.002,0.1,"
            + "\"B/op\"",
        "\"dev.swarmnet.dataplane.lb.MaglevBenchmark.lookup\",\"avgt\",1,3,3.5,0.2,\"ns/op\"");

    @Test
    void swarmnetFiguresComeFirstAndNameTheBaselineBenchmarkOfTheSameMethod() {
        List<Figure> figures = JmhCsv.parse(CSV, "JMH");

        assertThat(figures).extracting(f -> f.metric() + " / " + f.subject()).containsExactly(
            "FlowTable.lookupHit / swarmnet",
            "FlowTable.lookupHit alloc / swarmnet",
            "Maglev.lookup / swarmnet",
            "FlowTable.lookupHit / baseline",
            "FlowTable.lookupHit alloc / baseline");
        assertThat(figures.get(0).baselines()).containsExactly(JmhCsv.BASELINE);
        assertThat(figures.get(2).baselines()).isEmpty();
        assertThat(figures.get(3).baselines()).isEmpty();
    }

    @Test
    void theRatioToTheBaselineComesOutOfTheTable() {
        FigureTable table = new FigureTable(JmhCsv.parse(CSV, "JMH"));
        Figure hit = table.find("JMH", "FlowTable.lookupHit", JmhCsv.SWARMNET).orElseThrow();

        assertThat(hit.value()).isEqualTo(170.25);
        assertThat(hit.unit()).isEqualTo("ns/op");
        assertThat(hit.better()).isEqualTo(Better.LOWER);
        assertThat(table.ratio(hit, JmhCsv.BASELINE)).hasValue(0.5);
    }

    @Test
    void allocationIsRoundedToWholeBytesAndOtherGcFiguresAreLeftOut() {
        List<Figure> figures = JmhCsv.parse(CSV, "JMH");

        assertThat(figures).extracting(Figure::unit).doesNotContain("MB/sec");
        assertThat(figures).filteredOn(f -> f.metric().endsWith(" alloc")).extracting(Figure::value)
            .containsExactly(0.0, 32.0);
    }

    @Test
    void paramsBecomePartOfTheMetricAndThroughputIsBetterHigher() {
        List<Figure> figures = JmhCsv.parse(List.of(HEADER.replace("\"Unit\"", "\"Unit\",\"Param: backends\""),
            "\"a.b.MaglevBenchmark.build\",\"thrpt\",1,3,1200,10,\"ops/s\",1000"), "JMH");

        assertThat(figures).singleElement().satisfies(f -> {
            assertThat(f.metric()).isEqualTo("Maglev.build[backends=1000]");
            assertThat(f.better()).isEqualTo(Better.HIGHER);
        });
    }

    @Test
    void aFileThatIsNotJmhCsvIsRejected() {
        assertThatThrownBy(() -> JmhCsv.parse(List.of("name,value", "x,1"), "JMH"))
            .hasMessageContaining("JMH CSV line 1: expected the columns Benchmark, Mode, Score and Unit");
    }
}
