package dev.swarmnet.bench.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * The text of {@code report.md}: the machine, the headline ratios, per group its chart and a
 * table of every figure with its ratios to its baselines, the notes on method, and the exact
 * commands. Pure.
 */
public final class MarkdownReport {
    private MarkdownReport() {
    }

    /**
     * The report.
     *
     * @param title    the first heading
     * @param machine  ordered (label, value) pairs, e.g. CPU model, cores, kernel, Java, load averages
     * @param table    every figure of the run
     * @param charts   group -> the chart's file name, relative to the report
     * @param notes    Markdown placed before the groups (how the figures were measured); may be empty
     * @param commands the commands that measured the figures, verbatim; may be empty
     */
    public static String render(String title, List<Map.Entry<String, String>> machine, FigureTable table,
                                Map<String, String> charts, String notes, String commands) {
        StringBuilder md = new StringBuilder();
        md.append("# ").append(title).append("\n\n");
        md.append("## Machine\n\n| | |\n|---|---|\n");
        for (Map.Entry<String, String> e : machine) {
            md.append("| ").append(cell(e.getKey())).append(" | ").append(cell(e.getValue())).append(" |\n");
        }
        md.append("\n## Headline ratios\n\n");
        List<String> headline = headline(table);
        if (headline.isEmpty()) {
            md.append("No figure with a baseline was measured.\n");
        }
        headline.forEach(line -> md.append("- ").append(line).append('\n'));
        if (!notes.isBlank()) {
            md.append('\n').append(notes.strip()).append('\n');
        }
        for (String group : table.groups()) {
            md.append("\n## ").append(group).append("\n\n");
            String chart = charts.get(group);
            if (chart != null) {
                md.append("![").append(group).append("](").append(chart).append(")\n\n");
            }
            md.append("| metric | subject | value | unit | better | ratio to baseline |\n");
            md.append("|---|---|---:|---|---|---|\n");
            for (Figure f : table.in(group)) {
                md.append("| ").append(cell(f.metric())).append(" | ").append(cell(f.subject())).append(" | ")
                    .append(Numbers.value(f.value())).append(" | ").append(cell(f.unit())).append(" | ")
                    .append(f.better() == Better.HIGHER ? "higher" : "lower").append(" | ")
                    .append(cell(ratioCell(table, f))).append(" |\n");
            }
        }
        if (!commands.isBlank()) {
            md.append("\n## Commands\n\n```\n").append(commands.strip()).append("\n```\n");
        }
        return md.toString();
    }

    /**
     * One line per figure that has baselines, except medians and allocation (the tables have
     * them): "routing mesh: req/s, keep-alive: routing mesh 3,301 req/s = 0.93x direct to tasks,
     * 1.29x HAProxy tcp".
     */
    public static List<String> headline(FigureTable table) {
        List<String> lines = new ArrayList<>();
        for (Figure f : table.figures()) {
            if (f.baselines().isEmpty() || f.metric().contains("p50") || f.metric().endsWith(" alloc")) {
                continue;
            }
            lines.add(f.group() + ": " + f.metric() + ": " + f.subject() + " " + Numbers.value(f.value()) + " "
                + f.unit() + " = " + ratios(table, f));
        }
        return lines;
    }

    /** The ratios of a figure with baselines, "(baseline)" for a baseline, a dash for a figure compared with nothing. */
    static String ratioCell(FigureTable table, Figure f) {
        if (!f.baselines().isEmpty()) {
            return ratios(table, f);
        }
        boolean isBaseline = table.of(f.group(), f.metric()).stream().anyMatch(o -> o.baselines().contains(f.subject()));
        return isBaseline ? "(baseline)" : "-";
    }

    /** "0.93x direct to tasks, 1.29x HAProxy tcp" ("n/a" where a ratio cannot be formed). */
    static String ratios(FigureTable table, Figure f) {
        List<String> parts = new ArrayList<>();
        for (String baseline : f.baselines()) {
            OptionalDouble r = table.ratio(f, baseline);
            parts.add((r.isPresent() ? Numbers.ratio(r.getAsDouble()) : "n/a") + " " + baseline);
        }
        return String.join(", ", parts);
    }

    /** A file name for {@code group}'s chart: lower case, words joined by dashes, {@code .png}. */
    public static String chartFile(String group) {
        String slug = group.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("(^-|-$)", "");
        return (slug.isEmpty() ? "group" : slug) + ".png";
    }

    private static String cell(String text) {
        return text.replace("|", "\\|").replace("\n", " ");
    }
}
