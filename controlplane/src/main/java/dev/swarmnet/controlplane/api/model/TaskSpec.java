package dev.swarmnet.controlplane.api.model;

import java.util.List;

/**
 * What each task of a service runs (Go {@code swarm.TaskSpec}): {@code Spec.TaskTemplate} of a
 * service and {@code Spec} of a task. {@code ContainerSpec} must be present in answers: the CLI
 * dereferences it without a check.
 */
public record TaskSpec(
        ContainerSpec containerSpec,
        RestartPolicy restartPolicy,
        Placement placement,
        List<NetworkAttachmentConfig> networks,
        long forceUpdate) {
}
