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
 * @param healthcheck          how the task's health is checked, or {@code null} for no check
 */
public record ContainerSpec(String image, List<String> command, List<String> args, List<String> env,
                            Map<String, String> labels, long stopGracePeriodNanos, HealthCheck healthcheck) {
    public static final long DEFAULT_STOP_GRACE_NANOS = 10_000_000_000L;

    public ContainerSpec {
        Objects.requireNonNull(image, "image");
        command = command == null ? List.of() : List.copyOf(command);
        args = args == null ? List.of() : List.copyOf(args);
        env = env == null ? List.of() : List.copyOf(env);
        labels = SortedMaps.copyOf(labels);
    }

    /** A spec without a health check. */
    public ContainerSpec(String image, List<String> command, List<String> args, List<String> env,
                         Map<String, String> labels, long stopGracePeriodNanos) {
        this(image, command, args, env, labels, stopGracePeriodNanos, null);
    }

    public static ContainerSpec of(String image) {
        return new ContainerSpec(image, List.of(), List.of(), List.of(), Map.of(), DEFAULT_STOP_GRACE_NANOS);
    }

    /** This spec with another health check ({@code null}: none). */
    public ContainerSpec withHealthcheck(HealthCheck check) {
        return new ContainerSpec(image, command, args, env, labels, stopGracePeriodNanos, check);
    }

    /** The check that probes, or {@code null} when there is none or it is {@code NONE}. */
    public HealthCheck probingHealthcheck() {
        return healthcheck != null && healthcheck.probes() ? healthcheck : null;
    }
}
