package dev.swarmnet.bench.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code java -cp bench/target/benchmarks.jar dev.swarmnet.bench.report.ReportMain --out DIR
 * [--results FILE] [--jmh FILE] [--machine FILE] [--notes FILE] [--commands FILE] [--title TEXT]}:
 * reads a run's figures and writes {@code DIR/report.md} and one PNG per group, then prints the
 * headline ratios. {@code --machine} holds {@code label: value} lines. Exits 2 on bad arguments
 * or input, with a message naming the problem.
 */
public final class ReportMain {
    /** The group JMH's figures go in. */
    public static final String JMH_GROUP = "JMH hot path";

    private ReportMain() {
    }

    public static void main(String[] args) {
        System.setProperty("java.awt.headless", "true");
        try {
            run(args);
        } catch (IllegalArgumentException | IOException e) {
            System.err.println("report: " + e.getMessage());
            System.exit(2);
        }
    }

    /** Does the work of {@link #main}; returns the report's path. */
    public static Path run(String[] args) throws IOException {
        Map<String, String> options = options(args);
        Path out = Path.of(require(options, "--out"));
        Files.createDirectories(out);
        FigureTable table = options.containsKey("--results")
            ? FigureTable.parse(read(options.get("--results"))) : new FigureTable(List.of());
        if (options.containsKey("--jmh")) {
            table = table.with(JmhCsv.parse(read(options.get("--jmh")), JMH_GROUP));
        }
        List<Map.Entry<String, String>> machine = new ArrayList<>();
        if (options.containsKey("--machine")) {
            for (String line : read(options.get("--machine"))) {
                int colon = line.indexOf(':');
                if (colon > 0) {
                    machine.add(Map.entry(line.substring(0, colon).strip(), line.substring(colon + 1).strip()));
                }
            }
        }
        Map<String, String> charts = new LinkedHashMap<>();
        for (String group : table.groups()) {
            String file = MarkdownReport.chartFile(group);
            Files.write(out.resolve(file), PanelChart.png(PanelChart.render(table, group, group)));
            charts.put(group, file);
        }
        String notes = options.containsKey("--notes") ? String.join("\n", read(options.get("--notes"))) : "";
        String commands = options.containsKey("--commands") ? String.join("\n", read(options.get("--commands"))) : "";
        String title = options.getOrDefault("--title", "swarmnet benchmark report");
        Path report = out.resolve("report.md");
        Files.writeString(report, MarkdownReport.render(title, machine, table, charts, notes, commands),
            StandardCharsets.UTF_8);
        MarkdownReport.headline(table).forEach(System.out::println);
        return report;
    }

    private static Map<String, String> options(String[] args) {
        List<String> known = List.of("--out", "--results", "--jmh", "--machine", "--notes", "--commands", "--title");
        Map<String, String> options = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (!known.contains(args[i])) {
                throw new IllegalArgumentException("unknown argument '" + args[i] + "'; expected one of " + known);
            }
            if (i + 1 == args.length) {
                throw new IllegalArgumentException(args[i] + " needs a value");
            }
            options.put(args[i], args[++i]);
        }
        return options;
    }

    private static String require(Map<String, String> options, String name) {
        String value = options.get(name);
        if (value == null) {
            throw new IllegalArgumentException(name + " is required");
        }
        return value;
    }

    private static List<String> read(String file) throws IOException {
        Path path = Path.of(file);
        if (!Files.isRegularFile(path)) {
            throw new IllegalArgumentException("no such file: " + file);
        }
        return Files.readAllLines(path, StandardCharsets.UTF_8);
    }
}
