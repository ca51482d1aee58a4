package dev.swarmnet.controlplane.api.model;

import java.util.Map;

/**
 * What {@code service create} and {@code service update} send (Go {@code swarm.ServiceSpec}), the
 * fields swarmnet honours. The CLI posts the whole spec back on every update, so what GET returns
 * here is what the next update keeps.
 */
public record ServiceSpec(
        String name,
        Map<String, String> labels,
        TaskSpec taskTemplate,
        ServiceMode mode,
        UpdateConfig updateConfig,
        UpdateConfig rollbackConfig,
        EndpointSpec endpointSpec) {
}
