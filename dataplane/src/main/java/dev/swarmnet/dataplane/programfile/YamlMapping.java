package dev.swarmnet.dataplane.programfile;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;
import org.snakeyaml.engine.v2.nodes.Tag;

/**
 * One mapping of a program file seen through its schema: opening it checks that every key is
 * known and given once; its getters read typed values by {@link Notation}. Every mistake is
 * added to the file's {@link Problems} with the line it is on, and the getter returns
 * {@code null} (or the default) so that reading goes on and finds the next one.
 * Single-threaded.
 */
final class YamlMapping {
    private final MappingNode node;
    private final String path;
    private final Problems problems;
    private final Map<String, NodeTuple> entries = new LinkedHashMap<>();

    private YamlMapping(MappingNode node, String path, Problems problems) {
        this.node = node;
        this.path = path;
        this.problems = problems;
    }

    /**
     * Opens {@code node} as a mapping with the keys {@code known}.
     *
     * @param path where the node is, e.g. {@code networks[0]}; empty for the document
     * @return the mapping, or null (a problem is added) when the node is not a mapping
     */
    static YamlMapping open(Node node, String path, List<String> known, Problems problems) {
        if (!(node instanceof MappingNode)) {
            problems.add(node, path, "expected a mapping with keys " + String.join(", ", known) + ", got " + kind(node));
            return null;
        }
        YamlMapping mapping = new YamlMapping((MappingNode) node, path, problems);
        for (NodeTuple tuple : mapping.node.getValue()) {
            Node keyNode = tuple.getKeyNode();
            if (!(keyNode instanceof ScalarNode)) {
                problems.add(keyNode, path, "a key must be a plain word, not " + kind(keyNode));
                continue;
            }
            String key = ((ScalarNode) keyNode).getValue();
            NodeTuple first = mapping.entries.get(key);
            if (first != null) {
                problems.add(keyNode, mapping.key(key), "given twice (first on line "
                        + Problems.lineOf(first.getKeyNode()) + ")");
            } else if (!known.contains(key)) {
                problems.add(keyNode, mapping.key(key), "unknown key (known: " + String.join(", ", known) + ")");
            } else {
                mapping.entries.put(key, tuple);
            }
        }
        return mapping;
    }

    /** Where this mapping is in the document. */
    String path() {
        return path;
    }

    /** The line this mapping starts on. */
    int line() {
        return Problems.lineOf(node);
    }

    /** The path of {@code key} in this mapping. */
    String key(String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    boolean has(String key) {
        return entries.containsKey(key);
    }

    /** The line of {@code key}'s value, or this mapping's line when it is absent. */
    int line(String key) {
        NodeTuple tuple = entries.get(key);
        return tuple == null ? line() : Problems.lineOf(tuple.getValueNode());
    }

    /** Reports a problem with {@code key}'s value (or with the mapping, when the key is absent). */
    void problem(String key, String message) {
        problems.add(line(key), key(key), message);
    }

    /** Reports a problem with the mapping as a whole, at its first line. */
    void problem(String message) {
        problems.add(line(), path, message);
    }

    /** The value of a key that must be given, or null (and a problem) when it is absent or wrong. */
    <T> T required(String key, Notation<T> notation) {
        if (!entries.containsKey(key)) {
            problems.add(node, key(key), "required key is missing (" + notation.description() + ")");
            return null;
        }
        return optional(key, notation, null);
    }

    /** The value of a key that may be left out, {@code absent} when it is, null when it is wrong. */
    <T> T optional(String key, Notation<T> notation, T absent) {
        NodeTuple tuple = entries.get(key);
        if (tuple == null) {
            return absent;
        }
        Node value = tuple.getValueNode();
        if (!(value instanceof ScalarNode) || value.getTag().equals(Tag.NULL)) {
            problems.add(value, key(key), "expected " + notation.description() + ", got " + kind(value));
            return null;
        }
        try {
            return notation.parse(((ScalarNode) value).getValue().strip());
        } catch (IllegalArgumentException e) {
            problems.add(value, key(key), e.getMessage());
            return null;
        }
    }

    /** The items of a list-valued key; empty when absent (and a problem if {@code required}) or wrong. */
    List<Node> list(String key, boolean required) {
        NodeTuple tuple = entries.get(key);
        if (tuple == null) {
            if (required) {
                problems.add(node, key(key), "required key is missing (a list)");
            }
            return List.of();
        }
        Node value = tuple.getValueNode();
        if (!(value instanceof SequenceNode)) {
            problems.add(value, key(key), "expected a list, got " + kind(value));
            return List.of();
        }
        return ((SequenceNode) value).getValue();
    }

    /** The mapping under {@code key}, or null (and a problem) when it is absent or not a mapping. */
    YamlMapping requiredMapping(String key, List<String> known) {
        NodeTuple tuple = entries.get(key);
        if (tuple == null) {
            problems.add(node, key(key), "required key is missing (a mapping with keys " + String.join(", ", known) + ")");
            return null;
        }
        return open(tuple.getValueNode(), key(key), known, problems);
    }

    private static String kind(Node node) {
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
}
