package dev.swarmnet.controlplane.metrics;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A strict reader of the Prometheus text exposition format 0.0.4, for tests: every line must be a
 * {@code # HELP}, a {@code # TYPE} or a sample whose family was typed before it, label values
 * must be quoted and escaped, values must be numbers. Throws naming the first bad line.
 */
public final class PrometheusText {
    private static final String NAME = "[a-zA-Z_:][a-zA-Z0-9_:]*";
    private static final Pattern HELP = Pattern.compile("# HELP (" + NAME + ") (.*)");
    private static final Pattern TYPE = Pattern.compile("# TYPE (" + NAME + ") (counter|gauge|histogram|summary|untyped)");
    private static final Pattern SAMPLE = Pattern.compile(
            "(" + NAME + ")(\\{(.*)\\})? ([-+]?(?:[0-9]*\\.?[0-9]+(?:[eE][-+]?[0-9]+)?|NaN|Inf))( -?[0-9]+)?");
    private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\\\n]|\\\\[\\\\\"n])*)\"(,|$)");

    /** One sample: metric name, labels, value. */
    public record Sample(String name, Map<String, String> labels, double value) {
    }

    private final List<Sample> samples;
    private final Map<String, String> types;

    private PrometheusText(List<Sample> samples, Map<String, String> types) {
        this.samples = samples;
        this.types = types;
    }

    /** Parses {@code text}, failing on the first line that is not valid 0.0.4. */
    public static PrometheusText parse(String text) {
        List<Sample> samples = new ArrayList<>();
        Map<String, String> types = new HashMap<>();
        Set<String> helped = new HashSet<>();
        int number = 0;
        for (String line : text.split("\n", -1)) {
            number++;
            if (line.isEmpty()) {
                continue;
            }
            Matcher m;
            if ((m = HELP.matcher(line)).matches()) {
                helped.add(m.group(1));
            } else if ((m = TYPE.matcher(line)).matches()) {
                if (types.put(m.group(1), m.group(2)) != null) {
                    throw new IllegalArgumentException("line " + number + ": second TYPE for " + m.group(1));
                }
            } else if ((m = SAMPLE.matcher(line)).matches()) {
                String name = m.group(1);
                if (family(name, types) == null) {
                    throw new IllegalArgumentException("line " + number + ": sample of an untyped family: " + line);
                }
                Map<String, String> labels = new TreeMap<>();
                String body = m.group(3) == null ? "" : m.group(3);
                Matcher l = LABEL.matcher(body);
                int at = 0;
                while (at < body.length()) {
                    if (!l.find(at) || l.start() != at) {
                        throw new IllegalArgumentException("line " + number + ": bad labels: " + line);
                    }
                    labels.put(l.group(1), l.group(2).replace("\\\"", "\"").replace("\\n", "\n").replace("\\\\", "\\"));
                    at = l.end();
                }
                String value = m.group(4);
                double parsed = value.endsWith("Inf") ? (value.startsWith("-") ? Double.NEGATIVE_INFINITY
                        : Double.POSITIVE_INFINITY) : Double.parseDouble(value);
                samples.add(new Sample(name, labels, parsed));
            } else if (!line.startsWith("#")) {
                throw new IllegalArgumentException("line " + number + " is not Prometheus text format: " + line);
            }
        }
        return new PrometheusText(samples, types);
    }

    private static String family(String sample, Map<String, String> types) {
        if (types.containsKey(sample)) {
            return sample;
        }
        for (String suffix : new String[] {"_total", "_count", "_sum", "_bucket", "_created"}) {
            if (sample.endsWith(suffix) && types.containsKey(sample.substring(0, sample.length() - suffix.length()))) {
                return sample.substring(0, sample.length() - suffix.length());
            }
        }
        return null;
    }

    public List<Sample> samples() {
        return samples;
    }

    /** The declared type of family {@code name}, or null. */
    public String type(String name) {
        return types.get(name);
    }

    /** Samples named {@code name} whose labels include all of {@code labels} (name, value, name, value...). */
    public List<Sample> find(String name, String... labels) {
        List<Sample> found = new ArrayList<>();
        for (Sample sample : samples) {
            if (!sample.name().equals(name)) {
                continue;
            }
            boolean all = true;
            for (int i = 0; i + 1 < labels.length; i += 2) {
                all &= labels[i + 1].equals(sample.labels().get(labels[i]));
            }
            if (all) {
                found.add(sample);
            }
        }
        return found;
    }

    /** The one sample's value, failing unless exactly one matches. */
    public double value(String name, String... labels) {
        List<Sample> found = find(name, labels);
        if (found.size() != 1) {
            throw new AssertionError("expected one sample " + name + " " + String.join(",", labels) + ", found "
                    + found);
        }
        return found.get(0).value();
    }

    /** The sum of every matching sample (0 when none). */
    public double sum(String name, String... labels) {
        return find(name, labels).stream().mapToDouble(Sample::value).sum();
    }

    /** Whether any sample's name starts with {@code prefix}. */
    public boolean hasAny(String prefix) {
        return samples.stream().anyMatch(s -> s.name().startsWith(prefix));
    }
}
