package dev.swarmnet.bench.report;

import java.util.ArrayList;
import java.util.List;

/**
 * Figures from JMH's CSV result file ({@code -rf csv}), with {@code -prof gc}'s normalised
 * allocation rate.
 *
 * <p>Each primary score becomes a figure {@code Class.method} (params appended as
 * {@code [name=value]}) of subject {@value #SWARMNET}, and its {@code gc.alloc.rate.norm} a figure
 * {@code Class.method alloc} in B/op, rounded to whole bytes; the other secondary results are left out. A benchmark class
 * named {@code XBaselineBenchmark} measures the baseline of {@code XBenchmark}: its methods are
 * subject {@value #BASELINE} of the same metrics, and the swarmnet figures that have one name it
 * as their baseline, so the report shows the ratio. The swarmnet figures come first. Pure.
 */
public final class JmhCsv {
    /** The subject of swarmnet's own benchmarks. */
    public static final String SWARMNET = "swarmnet";
    /** The subject of a {@code XBaselineBenchmark}. */
    public static final String BASELINE = "baseline";
    private static final String ALLOC = "gc.alloc.rate.norm";

    private JmhCsv() {
    }

    /**
     * The figures of a JMH CSV result file, in group {@code group}.
     *
     * @throws IllegalArgumentException naming the line when the file is not JMH's CSV
     */
    public static List<Figure> parse(List<String> lines, String group) {
        if (lines.isEmpty()) {
            return List.of();
        }
        List<String> header = fields(lines.get(0));
        int benchmark = header.indexOf("Benchmark");
        int mode = header.indexOf("Mode");
        int score = header.indexOf("Score");
        int unit = header.indexOf("Unit");
        if (benchmark < 0 || mode < 0 || score < 0 || unit < 0) {
            throw new IllegalArgumentException("JMH CSV line 1: expected the columns Benchmark, Mode, Score and Unit "
                + "but found " + header);
        }
        List<Row> rows = new ArrayList<>();
        for (int i = 1; i < lines.size(); i++) {
            if (lines.get(i).isBlank()) {
                continue;
            }
            List<String> f = fields(lines.get(i));
            if (f.size() != header.size()) {
                throw new IllegalArgumentException("JMH CSV line " + (i + 1) + ": expected " + header.size()
                    + " fields but found " + f.size());
            }
            StringBuilder params = new StringBuilder();
            for (int c = 0; c < header.size(); c++) {
                if (header.get(c).startsWith("Param: ") && !f.get(c).isEmpty()) {
                    params.append('[').append(header.get(c).substring(7)).append('=').append(f.get(c)).append(']');
                }
            }
            Row row = Row.of(f.get(benchmark), params.toString(), f.get(mode), number(f.get(score)), f.get(unit));
            if (row != null) {
                rows.add(row);
            }
        }
        List<Figure> figures = new ArrayList<>();
        List<Row> ordered = new ArrayList<>(rows.stream().filter(r -> !r.baseline).toList());
        ordered.addAll(rows.stream().filter(r -> r.baseline).toList());
        for (Row row : ordered) {
            boolean baselined = !row.baseline && rows.stream()
                .anyMatch(other -> other.baseline && other.metric.equals(row.metric));
            figures.add(new Figure(group, row.metric, row.baseline ? BASELINE : SWARMNET, row.value, row.unit,
                baselined ? List.of(BASELINE) : List.of(), row.better));
        }
        return figures;
    }

    private static double number(String text) {
        try {
            return Double.parseDouble(text.strip());
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }

    /** One CSV line's fields, with JMH's double quotes removed. */
    static List<String> fields(String line) {
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '"') {
                if (quoted && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    field.append('"');
                    i++;
                } else {
                    quoted = !quoted;
                }
            } else if (c == ',' && !quoted) {
                fields.add(field.toString());
                field.setLength(0);
            } else {
                field.append(c);
            }
        }
        fields.add(field.toString());
        return fields;
    }

    /** A kept row: its metric name, whether it is a baseline's, value, unit and direction. */
    private record Row(String metric, boolean baseline, double value, String unit, Better better) {
        /** The row of one CSV line, or null for a secondary result the report leaves out. */
        static Row of(String benchmark, String params, String mode, double value, String unit) {
            String secondary = null;
            int colon = benchmark.indexOf(':');
            if (colon >= 0) {
                secondary = benchmark.substring(colon + 1).replace("\u00b7", "");
                benchmark = benchmark.substring(0, colon);
                if (!secondary.equals(ALLOC)) {
                    return null;
                }
            }
            int dot = benchmark.lastIndexOf('.');
            String method = benchmark.substring(dot + 1);
            String type = benchmark.substring(benchmark.lastIndexOf('.', dot - 1) + 1, dot);
            String base = type.endsWith("Benchmark") ? type.substring(0, type.length() - "Benchmark".length()) : type;
            boolean baseline = base.endsWith("Baseline");
            if (baseline) {
                base = base.substring(0, base.length() - "Baseline".length());
            }
            String metric = base + "." + method + params + (secondary == null ? "" : " alloc");
            Better better = secondary == null && mode.equals("thrpt") ? Better.HIGHER : Better.LOWER;
            // JMH's normalised allocation of an allocation-free path is a few thousandths of a byte
            // (its own bookkeeping); whole bytes are what the figure means.
            double shown = secondary == null || Double.isNaN(value) ? value : Math.rint(value);
            return new Row(metric, baseline, shown, unit, better);
        }
    }
}
