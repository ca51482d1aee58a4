package dev.swarmnet.controlplane.api;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The fields of a request body that swarmnet honours, as a tree; anything else must be empty.
 * Docker clients send many fields at their zero values ({@code "Init":false}, {@code "DNSConfig":{}},
 * {@code "Resources":{"Limits":{},"Reservations":{}}}); those are accepted, while a field that
 * carries a value swarmnet would silently ignore is refused with 501 naming its path, e.g.
 * {@code TaskTemplate.Resources.Limits.NanoCPUs}. Names match case-insensitively, as Go's decoder
 * does. Immutable; any thread.
 */
final class SupportedFields {

    private final Map<String, SupportedFields> children;

    private SupportedFields(Map<String, SupportedFields> children) {
        this.children = children;
    }

    /** A field whose value, whatever it is, is honoured. */
    static SupportedFields any() {
        return new SupportedFields(null);
    }

    /**
     * An object (or each object of an array) with these fields.
     *
     * @param namesAndFields alternating field name and {@link SupportedFields}
     */
    static SupportedFields object(Object... namesAndFields) {
        Map<String, SupportedFields> children = new TreeMap<>();
        for (int i = 0; i < namesAndFields.length; i += 2) {
            children.put(((String) namesAndFields[i]).toLowerCase(Locale.ROOT), (SupportedFields) namesAndFields[i + 1]);
        }
        return new SupportedFields(children);
    }

    /**
     * Checks a decoded body.
     *
     * @param what the request, for the message: {@code service spec}
     * @throws ApiException 501 naming the first unsupported field that has a value
     */
    void check(JsonNode body, String what) {
        check(body, "", what);
    }

    private void check(JsonNode node, String path, String what) {
        if (children == null || node == null) {
            return;
        }
        if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                check(node.get(i), path + "[" + i + "]", what);
            }
            return;
        }
        if (!node.isObject()) {
            return;
        }
        var fields = node.fields();
        while (fields.hasNext()) {
            var field = fields.next();
            String fieldPath = path.isEmpty() ? field.getKey() : path + "." + field.getKey();
            SupportedFields child = children.get(field.getKey().toLowerCase(Locale.ROOT));
            if (child != null) {
                child.check(field.getValue(), fieldPath, what);
            } else if (!isEmpty(field.getValue())) {
                throw ApiException.notImplemented("swarmnet does not support " + valuePath(field.getValue(), fieldPath)
                        + " in a " + what
                        + " (it would be ignored): remove the option that sets it");
            }
        }
    }

    /** The path of the first value inside a non-empty node: {@code Resources.Limits.NanoCPUs}. */
    private static String valuePath(JsonNode node, String path) {
        if (node.isObject()) {
            var fields = node.fields();
            while (fields.hasNext()) {
                var field = fields.next();
                if (!isEmpty(field.getValue())) {
                    return valuePath(field.getValue(), path + "." + field.getKey());
                }
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                if (!isEmpty(node.get(i))) {
                    return valuePath(node.get(i), path + "[" + i + "]");
                }
            }
        }
        return path;
    }

    /** Go's zero values: null, false, 0, "", and arrays and objects of nothing but zero values. */
    static boolean isEmpty(JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return true;
        }
        if (node.isBoolean()) {
            return !node.booleanValue();
        }
        if (node.isNumber()) {
            return node.doubleValue() == 0;
        }
        if (node.isTextual()) {
            return node.textValue().isEmpty();
        }
        if (node.isContainerNode()) {
            for (JsonNode child : node) {
                if (!isEmpty(child)) {
                    return false;
                }
            }
            return true;
        }
        return false;
    }
}
