package dev.swarmnet.controlplane.api.model;

import java.util.List;
import java.util.Map;

/**
 * What a task runs (Go {@code swarm.ContainerSpec}), the fields swarmnet honours.
 *
 * @param command         the entry point ({@code --entrypoint}); arguments from the command line go to {@code args}
 * @param stopGracePeriod nanoseconds from SIGTERM to SIGKILL, {@code null} for Docker's 10 s
 * @param healthcheck     Go {@code container.HealthConfig}, {@code null} for none
 */
public record ContainerSpec(
        String image,
        Map<String, String> labels,
        List<String> command,
        List<String> args,
        List<String> env,
        Long stopGracePeriod,
        HealthConfig healthcheck) {

    /** Without a health check. */
    public ContainerSpec(String image, Map<String, String> labels, List<String> command, List<String> args,
                         List<String> env, Long stopGracePeriod) {
        this(image, labels, command, args, env, stopGracePeriod, null);
    }
}
