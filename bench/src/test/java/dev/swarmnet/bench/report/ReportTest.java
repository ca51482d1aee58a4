package dev.swarmnet.bench.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportTest {
    private static final List<String> RESULTS = List.of(
        "routing mesh\treq/s, keep-alive\tdirect to tasks\t1000\treq/s\t\thigher",
        "routing mesh\treq/s, keep-alive\trouting mesh\t900\treq/s\tdirect to tasks,HAProxy tcp\thigher",
        "routing mesh\treq/s, keep-alive\tHAProxy tcp\t750\treq/s\tdirect to tasks\thigher",
        "routing mesh\tp50 latency, keep-alive\tdirect to tasks\t2\tms\t\tlower",
        "routing mesh\tp50 latency, keep-alive\trouting mesh\t3\tms\tdirect to tasks\tlower",
        "overlay\tping RTT\tkernel VXLAN\t100\tus\t\tlower",
        "overlay\tping RTT\tswarmnet overlay\t250\tus\tkernel VXLAN\tlower",
        "overlay\tTCP 4 streams\tswarmnet overlay\t2.5\tGb/s\t\thigher");

    @BeforeAll
    static void headless() {
        System.setProperty("java.awt.headless", "true");
    }

    @Test
    void theHeadlineGivesEveryRatioButMediansAndAllocation() {
        List<String> headline = MarkdownReport.headline(FigureTable.parse(RESULTS));

        assertThat(headline).containsExactly(
            "routing mesh: req/s, keep-alive: routing mesh 900 req/s = 0.90x direct to tasks, 1.20x HAProxy tcp",
            "routing mesh: req/s, keep-alive: HAProxy tcp 750 req/s = 0.75x direct to tasks",
            "overlay: ping RTT: swarmnet overlay 250 us = 2.50x kernel VXLAN");
    }

    @Test
    void theReportHasTheMachineATablePerGroupWithRatiosTheChartsAndTheCommands() {
        FigureTable table = FigureTable.parse(RESULTS);
        String md = MarkdownReport.render("report", List.of(Map.entry("CPU", "AMD EPYC"), Map.entry("Load average "
            + "before (1, 5, 15 min)", "0.50 0.40 0.30")), table, Map.of("overlay", "overlay.png"), "notes here",
            "wrk -t 3 http://x/");

        assertThat(md).contains("| CPU | AMD EPYC |", "| Load average before (1, 5, 15 min) | 0.50 0.40 0.30 |")
            .contains("## routing mesh", "## overlay", "![overlay](overlay.png)", "notes here")
            .contains("| req/s, keep-alive | routing mesh | 900 | req/s | higher | 0.90x direct to tasks, 1.20x HAProxy tcp |")
            .contains("| ping RTT | kernel VXLAN | 100 | us | lower | (baseline) |")
            .contains("| TCP 4 streams | swarmnet overlay | 2.50 | Gb/s | higher | - |")
            .contains("```\nwrk -t 3 http://x/\n```");
        assertThat(md.indexOf("## routing mesh")).isLessThan(md.indexOf("## overlay"));
    }

    @Test
    void aChartHasOnePanelPerMetricAndColoursTheBarsBySubject() throws IOException {
        FigureTable table = FigureTable.parse(RESULTS);
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(
            PanelChart.png(PanelChart.render(table, "routing mesh", "routing mesh"))));

        assertThat(image.getWidth()).isEqualTo(2 * PanelChart.PANEL_WIDTH);
        assertThat(image.getHeight()).isEqualTo(PanelChart.HEADER + PanelChart.PANEL_HEIGHT);
        // the first panel's bars stand on its axis in their subjects' colours
        int bottom = PanelChart.HEADER + PanelChart.PANEL_HEIGHT - 25;
        int firstBarCentre = 20 + (PanelChart.PANEL_WIDTH - 40) / 3 / 2;
        assertThat(image.getRGB(firstBarCentre, bottom) & 0xFFFFFF).isEqualTo(PanelChart.colour(0).getRGB() & 0xFFFFFF);
        int thirdBarCentre = 20 + (PanelChart.PANEL_WIDTH - 40) / 3 * 2 + (PanelChart.PANEL_WIDTH - 40) / 3 / 2;
        assertThat(image.getRGB(thirdBarCentre, bottom) & 0xFFFFFF).isEqualTo(PanelChart.colour(2).getRGB() & 0xFFFFFF);
        // the first bar (1000, the panel's maximum) reaches the top of the plot, the third (750) does not
        int top = PanelChart.HEADER + PanelChart.PLOT_TOP + 2;
        assertThat(image.getRGB(firstBarCentre, top) & 0xFFFFFF).isEqualTo(PanelChart.colour(0).getRGB() & 0xFFFFFF);
        assertThat(image.getRGB(thirdBarCentre, top) & 0xFFFFFF).isEqualTo(0xFFFFFF);
    }

    @Test
    void chartFilesAreNamedAfterTheirGroup() {
        assertThat(MarkdownReport.chartFile("JMH hot path")).isEqualTo("jmh-hot-path.png");
        assertThat(MarkdownReport.chartFile("routing mesh")).isEqualTo("routing-mesh.png");
    }

    @Test
    void theMainWritesTheReportAndAChartPerGroup(@TempDir Path dir) throws IOException {
        Path results = Files.write(dir.resolve("results.tsv"), RESULTS);
        Path machine = Files.write(dir.resolve("machine.txt"), List.of("CPU: AMD EPYC", "Cores: 2"));

        Path report = ReportMain.run(new String[] {"--out", dir.resolve("out").toString(), "--results",
            results.toString(), "--machine", machine.toString()});

        assertThat(Files.readString(report)).contains("| Cores | 2 |", "![routing mesh](routing-mesh.png)");
        assertThat(dir.resolve("out/routing-mesh.png")).isNotEmptyFile();
        assertThat(dir.resolve("out/overlay.png")).isNotEmptyFile();
    }
}
