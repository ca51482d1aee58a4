package dev.swarmnet.controlplane.model;

import java.util.Map;
import java.util.Objects;

/**
 * What {@code service create} and {@code service update} ask for (Docker's {@code ServiceSpec}).
 *
 * @param name           unique among services
 * @param labels         service labels, sorted by key ({@code swarmnet.lb=...} and friends are read by the data plane)
 * @param taskTemplate   what each task copies
 * @param mode           replicated with a count, or global
 * @param updateConfig   how updates roll
 * @param rollbackConfig how rollbacks roll
 * @param endpointSpec   VIP or DNS round robin, and published ports
 */
public record ServiceSpec(String name, Map<String, String> labels, TaskTemplate taskTemplate, ServiceMode mode,
                          UpdateConfig updateConfig, UpdateConfig rollbackConfig, EndpointSpec endpointSpec) {
    public ServiceSpec {
        Objects.requireNonNull(name, "name");
        labels = SortedMaps.copyOf(labels);
        Objects.requireNonNull(taskTemplate, "taskTemplate");
        Objects.requireNonNull(mode, "mode");
        updateConfig = updateConfig == null ? UpdateConfig.defaults() : updateConfig;
        rollbackConfig = rollbackConfig == null ? UpdateConfig.defaults() : rollbackConfig;
        endpointSpec = endpointSpec == null ? EndpointSpec.vip() : endpointSpec;
    }

    public ServiceSpec withMode(ServiceMode newMode) {
        return new ServiceSpec(name, labels, taskTemplate, newMode, updateConfig, rollbackConfig, endpointSpec);
    }

    public ServiceSpec withTaskTemplate(TaskTemplate template) {
        return new ServiceSpec(name, labels, template, mode, updateConfig, rollbackConfig, endpointSpec);
    }
}
