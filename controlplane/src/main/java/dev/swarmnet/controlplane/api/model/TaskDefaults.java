package dev.swarmnet.controlplane.api.model;

/** Defaults for every task of the swarm ({@code Spec.TaskDefaults}). */
public record TaskDefaults(LogDriver logDriver) {
}
