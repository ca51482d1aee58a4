package dev.swarmnet.bench.report;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;

/**
 * All figures of a run, in the order they were measured, and the ratios between them.
 *
 * <p>The results file {@code bench/run}'s scripts append to has one figure per line, seven
 * tab-separated fields: {@code group, metric, subject, value, unit, baselines, better}, where
 * {@code baselines} is a comma-separated list of subjects (empty for a baseline) and
 * {@code better} is {@code higher} or {@code lower}; {@code nan} is a failed measurement. Blank
 * lines and lines starting with {@code #} are skipped. Immutable.
 */
public final class FigureTable {
    private static final int FIELDS = 7;

    private final List<Figure> figures;

    /** A table of {@code figures}, in their order. */
    public FigureTable(List<Figure> figures) {
        this.figures = List.copyOf(figures);
    }

    /**
     * Parses the lines of a results file.
     *
     * @throws IllegalArgumentException naming the line and what is wrong with it
     */
    public static FigureTable parse(List<String> lines) {
        List<Figure> figures = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            try {
                figures.add(parseLine(line));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("results line " + (i + 1) + ": " + e.getMessage(), e);
            }
        }
        return new FigureTable(figures);
    }

    private static Figure parseLine(String line) {
        String[] f = line.split("\t", -1);
        if (f.length != FIELDS) {
            throw new IllegalArgumentException("expected " + FIELDS + " tab-separated fields (group, metric, subject, "
                + "value, unit, baselines, better) but found " + f.length + ": '" + line + "'");
        }
        List<String> baselines = Arrays.stream(f[5].split(","))
            .map(String::strip).filter(s -> !s.isEmpty()).toList();
        return new Figure(f[0].strip(), f[1].strip(), f[2].strip(), parseValue(f[3]), f[4].strip(), baselines,
            Better.parse(f[6]));
    }

    private static double parseValue(String text) {
        String t = text.strip();
        if (t.isEmpty() || t.equalsIgnoreCase("nan") || t.equalsIgnoreCase("n/a")) {
            return Double.NaN;
        }
        try {
            return Double.parseDouble(t);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("value '" + text + "' is not a number", e);
        }
    }

    /** This table followed by {@code more}. */
    public FigureTable with(List<Figure> more) {
        List<Figure> all = new ArrayList<>(figures);
        all.addAll(more);
        return new FigureTable(all);
    }

    /** Every figure, in order. */
    public List<Figure> figures() {
        return figures;
    }

    /** The groups, in the order of their first figure. */
    public List<String> groups() {
        Set<String> groups = new LinkedHashSet<>();
        figures.forEach(f -> groups.add(f.group()));
        return List.copyOf(groups);
    }

    /** The figures of {@code group}, in order. */
    public List<Figure> in(String group) {
        return figures.stream().filter(f -> f.group().equals(group)).toList();
    }

    /** The metrics of {@code group}, in the order of their first figure. */
    public List<String> metrics(String group) {
        Set<String> metrics = new LinkedHashSet<>();
        in(group).forEach(f -> metrics.add(f.metric()));
        return List.copyOf(metrics);
    }

    /** The figures of one metric of one group, in order. */
    public List<Figure> of(String group, String metric) {
        return in(group).stream().filter(f -> f.metric().equals(metric)).toList();
    }

    /** The figure of {@code subject} for one metric of one group, if it was measured. */
    public Optional<Figure> find(String group, String metric, String subject) {
        return of(group, metric).stream().filter(f -> f.subject().equals(subject)).findFirst();
    }

    /**
     * {@code figure}'s value divided by its {@code baseline}'s (same group and metric), empty when
     * the baseline is missing, either value is not a number, or the baseline's is zero.
     */
    public OptionalDouble ratio(Figure figure, String baseline) {
        Optional<Figure> base = find(figure.group(), figure.metric(), baseline);
        if (base.isEmpty() || !figure.measured() || !base.get().measured() || base.get().value() == 0) {
            return OptionalDouble.empty();
        }
        return OptionalDouble.of(figure.value() / base.get().value());
    }
}
