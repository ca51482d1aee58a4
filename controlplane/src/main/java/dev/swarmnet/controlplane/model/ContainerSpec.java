package dev.swarmnet.controlplane.model;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What a task runs (Docker's {@code ContainerSpec}, the parts swarmnet honours).
 *
 * @param image                an image reference; mapped to a command by the agent's config ({@code images:})
 * @param command              replaces the image's entry point when not empty
 * @param args                 arguments after the command
 * @param env                  {@code KEY=VALUE} entries
 * @param labels               container labels
 * @param stopGracePeriodNanos SIGTERM to SIGKILL (Docker: 10 s)
 */
public record ContainerSpec(String image, List<String> command, List<String> args, List<String> env,
                            Map<String, String> labels, long stopGracePeriodNanos) {
    public static final long DEFAULT_STOP_GRACE_NANOS = 10_000_000_000L;

    public ContainerSpec {
        Objects.requireNonNull(image, "image");
        command = command == null ? List.of() : List.copyOf(command);
        args = args == null ? List.of() : List.copyOf(args);
        env = env == null ? List.of() : List.copyOf(env);
        labels = SortedMaps.copyOf(labels);
    }

    public static ContainerSpec of(String image) {
        return new ContainerSpec(image, List.of(), List.of(), List.of(), Map.of(), DEFAULT_STOP_GRACE_NANOS);
    }
}
