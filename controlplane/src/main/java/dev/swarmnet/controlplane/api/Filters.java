package dev.swarmnet.controlplane.api;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.Collections;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The {@code filters} query parameter of list endpoints (docker-api.md §1.5): a JSON map from
 * key to a set of values, e.g. {@code {"role":{"manager":true}}}; the legacy list form
 * {@code {"role":["manager"]}} is accepted too. Immutable.
 *
 * @param values key → values; a key with several values matches any of them
 */
public record Filters(Map<String, Set<String>> values) {

    /** No filtering. */
    public static final Filters NONE = new Filters(Map.of());

    public Filters {
        TreeMap<String, Set<String>> copy = new TreeMap<>();
        values.forEach((key, set) -> copy.put(key, Collections.unmodifiableSet(new TreeSet<>(set))));
        values = Collections.unmodifiableMap(copy);
    }

    /**
     * Decodes the query parameter; {@code null} or empty means no filters.
     *
     * @throws ApiException 400 when the text is not a map of sets or lists of strings
     */
    public static Filters parse(String json) {
        if (json == null || json.isEmpty()) {
            return NONE;
        }
        JsonNode root;
        try {
            root = DockerJson.mapper().readTree(json);
        } catch (IOException e) {
            throw ApiException.badRequest("invalid filters " + json + ": not JSON");
        }
        if (root == null || !root.isObject()) {
            throw ApiException.badRequest("invalid filters " + json + ": expected a JSON object");
        }
        TreeMap<String, Set<String>> values = new TreeMap<>();
        var fields = root.fields();
        while (fields.hasNext()) {
            var field = fields.next();
            TreeSet<String> set = new TreeSet<>();
            JsonNode value = field.getValue();
            if (value.isObject()) {
                value.fieldNames().forEachRemaining(set::add);
            } else if (value.isArray() && allText(value)) {
                value.forEach(item -> set.add(item.asText()));
            } else {
                throw ApiException.badRequest("invalid filters " + json + ": the value of '" + field.getKey()
                        + "' must be a map of values to true");
            }
            values.put(field.getKey(), set);
        }
        return new Filters(values);
    }

    /**
     * Checks that only the given keys are used.
     *
     * @throws ApiException 400 {@code invalid filter 'KEY'}, in moby's words
     */
    public Filters requireKeys(Set<String> accepted) {
        for (String key : values.keySet()) {
            if (!accepted.contains(key)) {
                throw ApiException.badRequest("invalid filter '" + key + "'");
            }
        }
        return this;
    }

    /** The values of a key; empty when the key is absent. */
    public Set<String> get(String key) {
        return values.getOrDefault(key, Set.of());
    }

    /** Whether the key is present. */
    public boolean has(String key) {
        return values.containsKey(key);
    }

    private static boolean allText(JsonNode array) {
        for (JsonNode item : array) {
            if (!item.isTextual()) {
                return false;
            }
        }
        return true;
    }

    /**
     * moby's label test: every value of {@code key} is {@code NAME} (the label is present) or
     * {@code NAME=VALUE} (it has that value), and all must hold. True when the key is absent.
     */
    public boolean matchesLabels(String key, Map<String, String> labels) {
        for (String wanted : get(key)) {
            int eq = wanted.indexOf('=');
            String name = eq < 0 ? wanted : wanted.substring(0, eq);
            String actual = labels == null ? null : labels.get(name);
            if (actual == null || eq >= 0 && !actual.equals(wanted.substring(eq + 1))) {
                return false;
            }
        }
        return true;
    }

    /** True when the key is absent or {@code value} starts with one of its values. */
    public boolean matchesPrefix(String key, String value) {
        return !has(key) || value != null && get(key).stream().anyMatch(value::startsWith);
    }
}
