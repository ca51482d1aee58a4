package dev.swarmnet.controlplane.api;

import dev.swarmnet.controlplane.api.model.Version;
import dev.swarmnet.controlplane.model.Network;
import dev.swarmnet.controlplane.model.NetworkAttachment;
import dev.swarmnet.controlplane.model.Task;
import dev.swarmnet.controlplane.model.TaskStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/** A task of the cluster model as Docker's JSON ({@code GET /tasks}). Pure; any thread. */
public final class TaskJson {

    private TaskJson() {
    }

    /**
     * @param networks looks a network up by ID for {@code NetworksAttachments}; {@code null} when it is
     *                 gone, and the attachment then carries only the network's ID
     */
    public static dev.swarmnet.controlplane.api.model.Task toApi(Task task, Function<String, Network> networks) {
        List<dev.swarmnet.controlplane.api.model.Task.NetworkAttachment> attachments = new ArrayList<>();
        for (NetworkAttachment attachment : task.networks()) {
            Network network = networks.apply(attachment.networkId());
            var json = network != null ? NetworkJson.toApi(network)
                    : new dev.swarmnet.controlplane.api.model.Network(null, attachment.networkId(), null, null, null,
                    true, false, null, false, false, false, null, false, null, null, null);
            attachments.add(new dev.swarmnet.controlplane.api.model.Task.NetworkAttachment(json,
                    List.of(attachment.address())));
        }
        return new dev.swarmnet.controlplane.api.model.Task(task.id(), new Version(task.version().index()),
                Instant.ofEpochMilli(task.createdAtMillis()), Instant.ofEpochMilli(task.updatedAtMillis()), null,
                ServiceSpecJson.taskSpec(task.spec()), task.serviceId(), task.slot(),
                task.nodeId().isEmpty() ? null : task.nodeId(), status(task.status()), task.desiredState().wire(),
                attachments.isEmpty() ? null : attachments);
    }

    private static dev.swarmnet.controlplane.api.model.Task.TaskStatus status(TaskStatus status) {
        boolean ran = status.pid() != 0 || status.state().terminal();
        return new dev.swarmnet.controlplane.api.model.Task.TaskStatus(Instant.ofEpochMilli(status.timestampMillis()),
                status.state().wire(), status.message(), status.err().isEmpty() ? null : status.err(),
                ran ? new dev.swarmnet.controlplane.api.model.Task.ContainerStatus(null, status.pid(),
                        status.exitCode()) : null);
    }
}
