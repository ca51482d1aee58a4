package dev.swarmnet.controlplane.api;

import java.util.List;

/**
 * Re-reads the daemon's configuration file and applies what can change while it runs; behind
 * {@code POST /swarmnet/config/reload} ({@link ConfigEndpoints}). Implementations are thread-safe.
 */
@FunctionalInterface
public interface ConfigReloads {

    /**
     * What one reload did.
     *
     * @param file         the file re-read
     * @param changed      keys ({@code section.key}) whose values differ from those in effect
     * @param applied      the changed keys now in effect
     * @param needsRestart the changed keys that take effect only when the daemon restarts
     * @param problems     why the file was refused ({@code file:line: key: message}); when not
     *                     empty, nothing changed and the other lists are empty
     */
    record Outcome(String file, List<String> changed, List<String> applied, List<String> needsRestart,
                   List<String> problems) {
        public Outcome {
            changed = List.copyOf(changed);
            applied = List.copyOf(applied);
            needsRestart = List.copyOf(needsRestart);
            problems = List.copyOf(problems);
        }
    }

    /** Re-reads the file; never throws for a bad file (its problems are in the outcome). */
    Outcome reload();
}
