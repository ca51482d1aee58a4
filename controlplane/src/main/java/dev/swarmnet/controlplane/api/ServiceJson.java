package dev.swarmnet.controlplane.api;

import dev.swarmnet.controlplane.api.model.Endpoint;
import dev.swarmnet.controlplane.api.model.ServiceStatus;
import dev.swarmnet.controlplane.api.model.UpdateStatus;
import dev.swarmnet.controlplane.api.model.Version;
import dev.swarmnet.controlplane.model.Service;
import dev.swarmnet.controlplane.model.Task;
import dev.swarmnet.controlplane.model.TaskState;
import java.time.Instant;
import java.util.Collection;

/**
 * A service of the cluster model as Docker's JSON ({@code GET /services}), and the task counts
 * {@code service ls} shows. Pure; any thread.
 */
public final class ServiceJson {

    private ServiceJson() {
    }

    /** The service without task counts (add them with {@link #status} for {@code status=true}). */
    public static dev.swarmnet.controlplane.api.model.Service toApi(Service service) {
        var endpoint = new Endpoint(ServiceSpecJson.endpointSpec(service.endpoint().spec()),
                emptyToNull(ServiceSpecJson.ports(service.endpoint().ports())),
                emptyToNull(service.endpoint().virtualIps().stream()
                        .map(vip -> new Endpoint.VirtualIp(vip.networkId(), vip.address())).toList()));
        return new dev.swarmnet.controlplane.api.model.Service(service.id(), new Version(service.version().index()),
                Instant.ofEpochMilli(service.createdAtMillis()), Instant.ofEpochMilli(service.updatedAtMillis()),
                ServiceSpecJson.toApi(service.spec()),
                service.previousSpec() == null ? null : ServiceSpecJson.toApi(service.previousSpec()),
                endpoint, updateStatus(service.updateStatus()), null);
    }

    /**
     * swarmkit's task counts for {@code service ls}: running = tasks observed {@code running};
     * desired = the replica count of a replicated service, or the tasks desired running of a global
     * one; completed = tasks observed {@code complete}.
     *
     * @param tasks the service's tasks (others are ignored)
     */
    public static ServiceStatus status(Service service, Collection<Task> tasks) {
        long running = 0;
        long desiredRunning = 0;
        long completed = 0;
        for (Task task : tasks) {
            if (!task.serviceId().equals(service.id())) {
                continue;
            }
            if (task.status().state() == TaskState.RUNNING) {
                running++;
            }
            if (task.status().state() == TaskState.COMPLETE) {
                completed++;
            }
            if (task.desiredState() == TaskState.RUNNING) {
                desiredRunning++;
            }
        }
        long desired = service.spec().mode().global() ? desiredRunning : service.spec().mode().replicas();
        return new ServiceStatus(running, desired, completed);
    }

    /**
     * {@code service inspect --backends}: the service's JSON plus {@code SwarmnetBackends}, every
     * node's data-plane view of the service's VIPs (backends, states and flows, or why the node did
     * not answer), as {@link DataPlaneJson} describes. Docker's fields are unchanged.
     */
    public static com.fasterxml.jackson.databind.node.ObjectNode withBackends(
            dev.swarmnet.controlplane.api.model.Service service, dev.swarmnet.controlplane.inspect.ClusterDataPlane planes) {
        var mapper = DockerJson.mapper();
        com.fasterxml.jackson.databind.node.ObjectNode json = mapper.valueToTree(service);
        json.set("SwarmnetBackends", mapper.valueToTree(DataPlaneJson.serviceNodes(planes, service.id())));
        return json;
    }

    private static UpdateStatus updateStatus(dev.swarmnet.controlplane.model.UpdateStatus status) {
        if (status == null || status.state().isEmpty()) {
            return null;
        }
        return new UpdateStatus(status.state(), Instant.ofEpochMilli(status.startedAtMillis()),
                status.completedAtMillis() == 0 ? null : Instant.ofEpochMilli(status.completedAtMillis()),
                status.message().isEmpty() ? null : status.message());
    }

    private static <T> java.util.List<T> emptyToNull(java.util.List<T> list) {
        return list == null || list.isEmpty() ? null : list;
    }
}
