package dev.swarmnet.controlplane.state;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.function.Function;

/**
 * Docker's name-or-ID resolution ({@code getNode}/{@code getService} in moby's cluster helpers):
 * the full ID, else the exact name (case-insensitive), else a unique ID prefix. Several matches
 * give "X is ambiguous (N matches found)"; none gives "X not found".
 */
final class NameLookup {
    private NameLookup() {
    }

    /** Resolves {@code ref} among {@code objects}, which must be in a deterministic order. */
    static <T> Result<T> resolve(String kind, String ref, Collection<T> objects, Function<T, String> id,
                                 Function<T, String> name) {
        if (ref == null || ref.isEmpty()) {
            return StateErrors.notFound(kind, ref == null ? "" : ref);
        }
        for (T object : objects) {
            if (id.apply(object).equals(ref)) {
                return Result.ok(object);
            }
        }
        List<T> matches = new ArrayList<>();
        for (T object : objects) {
            if (name.apply(object).equalsIgnoreCase(ref)) {
                matches.add(object);
            }
        }
        if (matches.isEmpty()) {
            for (T object : objects) {
                if (id.apply(object).startsWith(ref)) {
                    matches.add(object);
                }
            }
        }
        if (matches.isEmpty()) {
            return StateErrors.notFound(kind, ref);
        }
        if (matches.size() > 1) {
            return StateErrors.ambiguous(kind, ref, matches.size());
        }
        return Result.ok(matches.get(0));
    }
}
