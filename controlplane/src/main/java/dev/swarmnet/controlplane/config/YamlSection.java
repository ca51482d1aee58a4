package dev.swarmnet.controlplane.config;

import dev.swarmnet.controlplane.cli.client.GoDuration;
import dev.swarmnet.dataplane.programfile.Problem;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;
import org.snakeyaml.engine.v2.nodes.Tag;

/**
 * One mapping of the configuration file, read strictly: each key is looked up once with its
 * type, range and default; keys nobody asked for are reported by {@link #finish()} as unknown
 * (with a "did you mean" when one known key is close). Every problem is added to a shared list,
 * located as {@code file:line: section.key: message}; a value with a problem reads as its
 * default so that reading goes on and all problems are reported at once. Single-threaded, one use.
 */
final class YamlSection {
    private final String label;
    private final String prefix;
    private final List<Problem> problems;
    private final Map<String, NodeTuple> entries = new LinkedHashMap<>();
    private final List<String> known = new ArrayList<>();
    private final Map<String, String> moved;

    /**
     * @param moved keys that were valid once, mapped to the message saying where they went
     */
    YamlSection(String label, String prefix, Node mapping, List<Problem> problems, Map<String, String> moved) {
        this.label = label;
        this.prefix = prefix;
        this.problems = problems;
        this.moved = moved;
        if (mapping == null) {
            return;
        }
        if (!(mapping instanceof MappingNode map)) {
            add(mapping, prefix.isEmpty() ? "" : prefix.substring(0, prefix.length() - 1),
                    "expected a mapping of keys, got " + kind(mapping));
            return;
        }
        for (NodeTuple tuple : map.getValue()) {
            if (!(tuple.getKeyNode() instanceof ScalarNode key)) {
                add(tuple.getKeyNode(), prefix, "a key must be a plain word, not " + kind(tuple.getKeyNode()));
                continue;
            }
            NodeTuple first = entries.putIfAbsent(key.getValue(), tuple);
            if (first != null) {
                add(key, prefix + key.getValue(), "given twice (first on line " + lineOf(first.getKeyNode()) + ")");
            }
        }
    }

    /** A nested section, {@code key:}; absent reads as empty (all defaults). */
    YamlSection section(String key) {
        return new YamlSection(label, prefix + key + ".", value(key), problems, Map.of());
    }

    /** Reports keys of this section that were never asked for. Call after every lookup. */
    void finish() {
        entries.forEach((key, tuple) -> {
            if (known.contains(key)) {
                return;
            }
            String message = moved.get(key);
            if (message == null) {
                String near = nearest(key);
                message = "unknown key" + (near == null ? "" : " (did you mean " + near + "?)")
                        + "; known keys here: " + String.join(", ", known);
            }
            add(tuple.getKeyNode(), prefix + key, message);
        });
    }

    String text(String key, String what, String otherwise) {
        Node value = value(key);
        if (value == null) {
            return otherwise;
        }
        String text = scalar(value, key, what);
        if (text == null) {
            return otherwise;
        }
        if (text.isBlank()) {
            add(value, prefix + key, "expected " + what + ", got an empty string");
            return otherwise;
        }
        return text;
    }

    /** A value that {@code parse} turns into a T or refuses with a message (naming the allowed values). */
    <T> T parsed(String key, String what, T otherwise, Function<String, T> parse) {
        Node value = value(key);
        String text = value == null ? null : scalar(value, key, what);
        if (text == null) {
            return otherwise;
        }
        try {
            return parse.apply(text);
        } catch (IllegalArgumentException e) {
            add(value, prefix + key, "'" + text + "': " + e.getMessage());
            return otherwise;
        }
    }

    int integer(String key, int min, int max, int otherwise) {
        return parsed(key, "an integer in " + min + ".." + max, otherwise, text -> {
            long n;
            try {
                n = Long.parseLong(text);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("expected an integer in " + min + ".." + max);
            }
            if (n < min || n > max) {
                throw new IllegalArgumentException("outside the allowed range " + min + ".." + max);
            }
            return (int) n;
        });
    }

    boolean bool(String key, boolean otherwise) {
        return parsed(key, "true or false", otherwise, text -> switch (text) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new IllegalArgumentException("expected true or false");
        });
    }

    /** A Go duration ({@code 30s}, {@code 5m}, {@code 1h30m}, {@code 500ms}) within {@code min..max}. */
    Duration duration(String key, Duration min, Duration max, Duration otherwise) {
        String range = GoDuration.format(min.toNanos()) + ".." + GoDuration.format(max.toNanos());
        return parsed(key, "a duration in " + range, otherwise, text -> {
            Duration d;
            try {
                d = GoDuration.parse(text);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("expected a duration such as 500ms, 30s, 5m or 1h30m, in " + range);
            }
            if (d.compareTo(min) < 0 || d.compareTo(max) > 0) {
                throw new IllegalArgumentException("outside the allowed range " + range);
            }
            return d;
        });
    }

    /** One of {@code allowed} (as written in the file). */
    String choice(String key, List<String> allowed, String otherwise) {
        return parsed(key, "one of " + String.join(", ", allowed), otherwise, text -> {
            if (!allowed.contains(text)) {
                throw new IllegalArgumentException("not one of the allowed values " + String.join(", ", allowed));
            }
            return text;
        });
    }

    /**
     * A list of scalars each parsed by {@code parse}, or a single scalar word given by
     * {@code word} (such as {@code none}), which reads as {@code whenWord}.
     */
    <T> List<T> list(String key, String what, String word, List<T> whenWord, List<T> otherwise,
                     Function<String, T> parse) {
        Node value = value(key);
        if (value == null) {
            return otherwise;
        }
        if (word != null && value instanceof ScalarNode s && s.getValue().strip().equals(word)) {
            return whenWord;
        }
        if (!(value instanceof SequenceNode sequence)) {
            add(value, prefix + key, "expected a list of " + what + (word == null ? "" : " or " + word)
                    + ", got " + kind(value));
            return otherwise;
        }
        List<T> items = new ArrayList<>();
        int index = 0;
        for (Node item : sequence.getValue()) {
            String itemKey = key + "[" + index++ + "]";
            String text = scalar(item, itemKey, what);
            if (text == null) {
                continue;
            }
            try {
                items.add(parse.apply(text));
            } catch (IllegalArgumentException e) {
                add(item, prefix + itemKey, "'" + text + "': " + e.getMessage());
            }
        }
        return items;
    }

    /** Reads the value of one entry of a {@link #names} mapping, or adds a problem and returns null. */
    interface EntryReader<V> {
        V read(Node value, String key);
    }

    /**
     * A mapping whose keys are names the user chooses, {@code key: {name: value, ...}}, such as
     * loggers or images: a name that {@code nameProblem} refuses (it returns the message, or null
     * when the name is fine), or that is given twice, is reported at the name; each value is read
     * by {@code entry} under the key {@code key.name}. Entries with a problem are left out; an
     * absent key reads as empty.
     *
     * @param expected what the key holds, for the message when it is not a mapping
     */
    <V> Map<String, V> names(String key, String expected, Function<String, String> nameProblem, EntryReader<V> entry) {
        Node value = value(key);
        Map<String, V> read = new LinkedHashMap<>();
        if (value == null) {
            return read;
        }
        String path = prefix + key;
        if (!(value instanceof MappingNode mapping)) {
            add(value, path, "expected " + expected + ", got " + kind(value));
            return read;
        }
        for (NodeTuple tuple : mapping.getValue()) {
            if (!(tuple.getKeyNode() instanceof ScalarNode scalar)) {
                add(tuple.getKeyNode(), path, "a name must be plain text, not " + kind(tuple.getKeyNode()));
                continue;
            }
            String name = scalar.getValue().strip();
            String problem = nameProblem.apply(name);
            if (problem != null) {
                add(scalar, path, problem);
                continue;
            }
            if (read.containsKey(name)) {
                add(scalar, path + "." + name, "given twice");
                continue;
            }
            V v = entry.read(tuple.getValueNode(), path + "." + name);
            if (v != null) {
                read.put(name, v);
            }
        }
        return read;
    }

    /** The raw node of {@code key}, or null; marks the key known. */
    Node value(String key) {
        known.add(key);
        NodeTuple tuple = entries.get(key);
        return tuple == null ? null : tuple.getValueNode();
    }

    String prefix() {
        return prefix;
    }

    /** The stripped text of a scalar, or null (and a problem) when it is not one. */
    String scalar(Node value, String key, String what) {
        if (!(value instanceof ScalarNode) || value.getTag().equals(Tag.NULL)) {
            add(value, prefix + key, "expected " + what + ", got " + kind(value));
            return null;
        }
        return ((ScalarNode) value).getValue().strip();
    }

    void add(Node at, String key, String message) {
        problems.add(new Problem(label, lineOf(at), key, message));
    }

    static int lineOf(Node node) {
        return node.getStartMark().map(mark -> mark.getLine() + 1).orElse(0);
    }

    static String kind(Node node) {
        if (node instanceof MappingNode) {
            return "a mapping";
        }
        if (node instanceof SequenceNode) {
            return "a list";
        }
        if (node.getTag().equals(Tag.NULL)) {
            return "nothing";
        }
        return "'" + ((ScalarNode) node).getValue() + "'";
    }

    /** An IP literal, never a name lookup. */
    static InetAddress ip(String text) {
        if (!text.matches("[0-9.]+|[0-9a-fA-F:.]*:[0-9a-fA-F:.]*")) {
            throw new IllegalArgumentException("expected an IP address such as 0.0.0.0 or 127.0.0.1");
        }
        try {
            return InetAddress.getByName(text);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("expected an IP address such as 0.0.0.0 or 127.0.0.1");
        }
    }

    /** {@code IP:PORT} ({@code [IPv6]:PORT}), port {@code minPort..65535}; an IP literal only. */
    static InetSocketAddress socketAddress(String text, int minPort) {
        String example = "expected IP:PORT, e.g. 127.0.0.1:" + (minPort == 0 ? "0" : "2375");
        int colon = text.lastIndexOf(':');
        if (colon <= 0) {
            throw new IllegalArgumentException(example);
        }
        String host = text.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        } else if (host.indexOf(':') >= 0) {
            throw new IllegalArgumentException(example + " (IPv6 in brackets)");
        }
        int port;
        try {
            port = Integer.parseInt(text.substring(colon + 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(example + "; the port is not a number");
        }
        if (port < minPort || port > 0xffff) {
            throw new IllegalArgumentException("the port " + port + " is outside " + minPort + "..65535");
        }
        return new InetSocketAddress(ip(host), port);
    }

    /** The known key nearest to {@code key} by edit distance (at most 2, or a case difference), or null. */
    private String nearest(String key) {
        String best = null;
        int bestDistance = 3;
        for (String candidate : known) {
            int d = candidate.equalsIgnoreCase(key) ? 0 : distance(key.toLowerCase(), candidate.toLowerCase());
            if (d < bestDistance) {
                best = candidate;
                bestDistance = d;
            }
        }
        return best;
    }

    private static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                current[j] = Math.min(Math.min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
