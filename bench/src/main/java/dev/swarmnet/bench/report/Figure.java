package dev.swarmnet.bench.report;

import java.util.List;
import java.util.Objects;

/**
 * One measured number: in {@code group} (a chart and a table of the report), the {@code metric}
 * (e.g. "req/s, keep-alive") of the {@code subject} (e.g. "routing mesh"), {@code value} in
 * {@code unit}, compared with the figures of the same group and metric whose subjects are named
 * in {@code baselines} (empty for a baseline itself).
 */
public record Figure(String group, String metric, String subject, double value, String unit,
                     List<String> baselines, Better better) {
    public Figure {
        requireText(group, "group");
        requireText(metric, "metric");
        requireText(subject, "subject");
        Objects.requireNonNull(unit, "unit");
        baselines = List.copyOf(baselines);
        Objects.requireNonNull(better, "better");
        if (baselines.contains(subject)) {
            throw new IllegalArgumentException("figure '" + metric + "' of '" + subject + "' names itself as its baseline");
        }
    }

    private static void requireText(String value, String what) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("a figure's " + what + " is empty");
        }
    }

    /** Whether the value is a number (a failed measurement is recorded as NaN). */
    public boolean measured() {
        return !Double.isNaN(value) && !Double.isInfinite(value);
    }
}
