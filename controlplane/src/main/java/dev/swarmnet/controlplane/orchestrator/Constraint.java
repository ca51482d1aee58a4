package dev.swarmnet.controlplane.orchestrator;

import dev.swarmnet.controlplane.model.Node;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * One placement constraint, Docker's {@code key==value} or {@code key!=value}.
 *
 * <p>Keys: {@code node.id}, {@code node.hostname}, {@code node.role}, {@code node.ip},
 * {@code node.platform.os}, {@code node.platform.arch}, {@code node.labels.<label>},
 * {@code engine.labels.<label>}. As in swarmkit, keys are case-insensitive, built-in values
 * compare case-insensitively and label values exactly; a missing label never equals a value
 * (so {@code node.labels.zone!=a} holds on a node without the label). Immutable.
 *
 * @param key      the lower-cased key as written, e.g. {@code node.labels.zone}
 * @param equal    {@code true} for {@code ==}, {@code false} for {@code !=}
 * @param expected the value after the operator
 */
public record Constraint(String key, boolean equal, String expected) {
    private static final Pattern KEY = Pattern.compile("[a-z0-9._-]+");
    private static final Pattern VALUE = Pattern.compile("[^=!\\s]+");
    private static final String NODE_LABELS = "node.labels.";
    private static final String ENGINE_LABELS = "engine.labels.";

    /**
     * Parses one constraint; {@link IllegalArgumentException} naming the constraint and the
     * problem when it is malformed or its key is unknown.
     */
    public static Constraint parse(String text) {
        if (text == null) {
            throw new IllegalArgumentException("constraint must not be null");
        }
        int eq = text.indexOf("==");
        int ne = text.indexOf("!=");
        int at = eq < 0 ? ne : ne < 0 ? eq : Math.min(eq, ne);
        if (at < 0) {
            throw new IllegalArgumentException("invalid constraint \"" + text + "\": expected key==value or key!=value");
        }
        String key = text.substring(0, at).trim().toLowerCase(Locale.ROOT);
        String value = text.substring(at + 2).trim();
        if (!KEY.matcher(key).matches()) {
            throw new IllegalArgumentException("invalid constraint \"" + text + "\": key \"" + key + "\" is invalid");
        }
        if (!VALUE.matcher(value).matches()) {
            throw new IllegalArgumentException("invalid constraint \"" + text + "\": value \"" + value + "\" is invalid");
        }
        if (!knownKey(key)) {
            throw new IllegalArgumentException("invalid constraint \"" + text + "\": unknown key " + key);
        }
        return new Constraint(key, text.startsWith("==", at), value);
    }

    /** Parses every constraint of a task template, failing on the first malformed one. */
    public static List<Constraint> parseAll(List<String> texts) {
        List<Constraint> constraints = new ArrayList<>(texts.size());
        for (String text : texts) {
            constraints.add(parse(text));
        }
        return List.copyOf(constraints);
    }

    /** Whether every constraint holds on {@code node}. */
    public static boolean allMatch(List<Constraint> constraints, Node node) {
        for (Constraint constraint : constraints) {
            if (!constraint.matches(node)) {
                return false;
            }
        }
        return true;
    }

    /** Whether this constraint holds on {@code node}. */
    public boolean matches(Node node) {
        String actual;
        boolean exact = false;
        if (key.startsWith(NODE_LABELS)) {
            actual = labelOf(node.spec().labels(), key.substring(NODE_LABELS.length()));
            exact = true;
        } else if (key.startsWith(ENGINE_LABELS)) {
            actual = labelOf(node.description().engine().labels(), key.substring(ENGINE_LABELS.length()));
            exact = true;
        } else {
            actual = switch (key) {
                case "node.id" -> node.id();
                case "node.hostname" -> node.description().hostname();
                case "node.role" -> node.spec().role().wire();
                case "node.ip" -> node.statusAddr();
                case "node.platform.os" -> node.description().platform().os();
                case "node.platform.arch" -> node.description().platform().architecture();
                default -> throw new IllegalStateException("unknown key " + key);
            };
        }
        boolean same = actual != null && (exact ? actual.equals(expected) : actual.equalsIgnoreCase(expected));
        return equal == same;
    }

    private static String labelOf(java.util.Map<String, String> labels, String lowerName) {
        for (var entry : labels.entrySet()) {
            if (entry.getKey().toLowerCase(Locale.ROOT).equals(lowerName)) {
                return entry.getValue();
            }
        }
        return null;
    }

    private static boolean knownKey(String key) {
        return switch (key) {
            case "node.id", "node.hostname", "node.role", "node.ip", "node.platform.os", "node.platform.arch" -> true;
            default -> key.startsWith(NODE_LABELS) && key.length() > NODE_LABELS.length()
                    || key.startsWith(ENGINE_LABELS) && key.length() > ENGINE_LABELS.length();
        };
    }

    @Override
    public String toString() {
        return key + (equal ? "==" : "!=") + expected;
    }
}
