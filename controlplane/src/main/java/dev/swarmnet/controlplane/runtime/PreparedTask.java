package dev.swarmnet.controlplane.runtime;

import java.util.List;
import java.util.Objects;

/**
 * A task whose namespace and interfaces exist: what {@link TaskRuntime#prepare} and
 * {@link TaskRuntime#reattach} return.
 *
 * @param launch the task
 * @param ports  one TAP per attachment, in attachment order
 */
public record PreparedTask(TaskLaunch launch, List<TapPort> ports) {
    public PreparedTask {
        Objects.requireNonNull(launch, "launch");
        ports = List.copyOf(ports);
    }
}
