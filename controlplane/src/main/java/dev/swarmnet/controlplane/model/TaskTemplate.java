package dev.swarmnet.controlplane.model;

import java.util.List;
import java.util.Objects;

/**
 * The part of a service spec every task copies (Docker's {@code TaskSpec}). A task whose copy
 * differs from its service's current template is out of date and is replaced by an update.
 *
 * @param container     what runs
 * @param restartPolicy when an ended task is replaced
 * @param constraints   placement constraints, e.g. {@code node.role==manager}, {@code node.labels.zone!=a}
 * @param networks      IDs of the overlay networks each task attaches to, in the order given
 * @param forceUpdate   a counter {@code service update --force} bumps so tasks count as out of date
 */
public record TaskTemplate(ContainerSpec container, RestartPolicy restartPolicy, List<String> constraints,
                           List<String> networks, long forceUpdate) {
    public TaskTemplate {
        Objects.requireNonNull(container, "container");
        restartPolicy = restartPolicy == null ? RestartPolicy.defaults() : restartPolicy;
        constraints = constraints == null ? List.of() : List.copyOf(constraints);
        networks = networks == null ? List.of() : List.copyOf(networks);
    }
}
