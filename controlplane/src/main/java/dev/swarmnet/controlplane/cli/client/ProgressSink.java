package dev.swarmnet.controlplane.cli.client;

/**
 * Where progress messages go: Docker's {@code progress.Progress} (an ID such as
 * {@code overall progress}, {@code 2/3} or {@code verify}, an action text, and a bar position
 * {@code current/total}, {@code total == 0} meaning no bar).
 */
@FunctionalInterface
public interface ProgressSink {
    void progress(String id, String action, long current, long total);
}
