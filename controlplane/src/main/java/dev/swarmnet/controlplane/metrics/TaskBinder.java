package dev.swarmnet.controlplane.metrics;

import dev.swarmnet.controlplane.model.Node;
import dev.swarmnet.controlplane.model.Task;
import dev.swarmnet.controlplane.model.TaskState;
import dev.swarmnet.controlplane.state.ClusterState;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Tasks by state: this node's (as its supervisor last reported them) and, on managers, the
 * cluster's by desired and current state from the local copy of the replicated state, with the
 * cluster's nodes by role and state.
 */
final class TaskBinder implements ScrapeBinder {
    private final MeterFamily local;
    private final MeterFamily cluster;
    private final MeterFamily nodes;

    TaskBinder(MeterRegistry registry) {
        local = MeterFamily.gauge(registry, "swarmnet.node.tasks", "tasks on this node by their last reported state");
        cluster = MeterFamily.gauge(registry, "swarmnet.cluster.tasks",
                "tasks in the cluster by desired and current state (managers only)");
        nodes = MeterFamily.gauge(registry, "swarmnet.cluster.nodes",
                "nodes in the cluster by role and state (managers only)");
    }

    @Override
    public void refresh(MetricsSources sources) {
        Map<Tags, Integer> here = new HashMap<>();
        sources.localTaskStates().forEach((state, count) -> here.put(Tags.of("state", state.wire()), count));
        local.publish(here);
        Optional<ClusterState> state = sources.clusterState();
        Map<Tags, Integer> tasks = new HashMap<>();
        Map<Tags, Integer> members = new HashMap<>();
        if (state.isPresent()) {
            for (Task task : state.get().tasks().values()) {
                TaskState desired = task.desiredState();
                tasks.merge(Tags.of("desired_state", desired.wire(), "state", task.status().state().wire()), 1,
                        Integer::sum);
            }
            for (Node node : state.get().nodes().values()) {
                members.merge(Tags.of("role", node.manager() ? "manager" : "worker",
                        "state", node.status().state().wire()), 1, Integer::sum);
            }
        }
        cluster.publish(tasks);
        nodes.publish(members);
    }
}
