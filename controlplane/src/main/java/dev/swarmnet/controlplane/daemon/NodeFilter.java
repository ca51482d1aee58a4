package dev.swarmnet.controlplane.daemon;

import dev.swarmnet.controlplane.api.ApiException;
import dev.swarmnet.controlplane.api.Filters;
import dev.swarmnet.controlplane.model.Node;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The {@code GET /nodes} filters as moby and swarmkit apply them: {@code id} and {@code name}
 * are prefixes (of the ID; of the hostname or {@code Spec.Name}), {@code role} is
 * {@code manager}/{@code worker}, {@code membership} is {@code accepted}/{@code pending} (every
 * node in the state is accepted), {@code label} matches engine labels and {@code node.label}
 * the node's own, each {@code key} or {@code key=value}. Values of one key are alternatives;
 * keys must all match. Immutable, pure.
 */
record NodeFilter(Filters filters) {

    static NodeFilter of(Filters filters) {
        for (String role : filters.get("role")) {
            if (!role.equalsIgnoreCase("manager") && !role.equalsIgnoreCase("worker")) {
                throw ApiException.badRequest("Invalid role filter: '" + role + "'");
            }
        }
        for (String membership : filters.get("membership")) {
            if (!membership.equalsIgnoreCase("accepted") && !membership.equalsIgnoreCase("pending")) {
                throw ApiException.badRequest("Invalid membership filter: '" + membership + "'");
            }
        }
        return new NodeFilter(filters);
    }

    boolean matches(Node node) {
        return anyOrNone("id", value -> node.id().startsWith(value))
                && anyOrNone("name", value -> node.description().hostname().startsWith(value)
                        || (!node.spec().name().isEmpty() && node.spec().name().startsWith(value)))
                && anyOrNone("role", value -> node.spec().role().wire().equalsIgnoreCase(value))
                && anyOrNone("membership", value -> value.toLowerCase(Locale.ROOT).equals("accepted"))
                && anyOrNone("label", value -> labelMatches(node.description().engine().labels(), value))
                && anyOrNone("node.label", value -> labelMatches(node.spec().labels(), value));
    }

    private boolean anyOrNone(String key, java.util.function.Predicate<String> test) {
        Set<String> values = filters.get(key);
        if (!filters.has(key) || values.isEmpty()) {
            return true;
        }
        for (String value : values) {
            if (test.test(value)) {
                return true;
            }
        }
        return false;
    }

    private static boolean labelMatches(Map<String, String> labels, String filter) {
        int equals = filter.indexOf('=');
        if (equals < 0) {
            return labels.containsKey(filter);
        }
        return filter.substring(equals + 1).equals(labels.get(filter.substring(0, equals)));
    }
}
