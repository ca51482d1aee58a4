package dev.swarmnet.controlplane.cli.client;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Docker's {@code filters} query parameter: {@code --filter k=v} flags as a JSON map of sets with
 * sorted keys (docker-api.md §1.5), e.g. {@code {"service":{"<id>":true}}}. Immutable; pure.
 */
public final class Filters {

    private final Map<String, Set<String>> byKey = new TreeMap<>();

    /** No filter. */
    public Filters() {
    }

    /**
     * The filters typed as {@code key=value} flags.
     *
     * @throws IllegalArgumentException for a flag with no {@code =}, worded as Docker's
     */
    public static Filters parse(List<String> flags) {
        Filters filters = new Filters();
        for (String flag : flags == null ? List.<String>of() : flags) {
            int equals = flag.indexOf('=');
            if (equals <= 0) {
                throw new IllegalArgumentException("bad format of filter (expected name=value)");
            }
            filters = filters.with(flag.substring(0, equals).trim().toLowerCase(Locale.ROOT),
                    flag.substring(equals + 1).trim());
        }
        return filters;
    }

    /** These filters and one more value for {@code key}. */
    public Filters with(String key, String value) {
        Filters copy = new Filters();
        byKey.forEach((k, v) -> copy.byKey.put(k, new TreeSet<>(v)));
        copy.byKey.computeIfAbsent(key, k -> new TreeSet<>()).add(value);
        return copy;
    }

    /** The values given for {@code key}. */
    public Set<String> values(String key) {
        return byKey.getOrDefault(key, Set.of());
    }

    /** Whether no filter was given. */
    public boolean isEmpty() {
        return byKey.isEmpty();
    }

    /** The JSON text, keys sorted, as Docker's client encodes it. */
    public String json() {
        ObjectNode json = ApiClient.json().createObjectNode();
        byKey.forEach((key, values) -> {
            ObjectNode set = json.putObject(key);
            values.forEach(value -> set.put(value, true));
        });
        return GoJson.compact(json);
    }

    /** {@code ?filters=...} (or {@code &filters=...} with {@code separator '&'}), empty when there is none. */
    public String query(char separator) {
        return isEmpty() ? "" : separator + "filters=" + ApiClient.escape(json());
    }
}
