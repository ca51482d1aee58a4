package dev.swarmnet.controlplane.state;

import dev.swarmnet.controlplane.model.EndpointSpec;
import dev.swarmnet.controlplane.model.Ids;
import dev.swarmnet.controlplane.model.Network;
import dev.swarmnet.controlplane.model.PortConfig;
import dev.swarmnet.controlplane.model.Service;
import dev.swarmnet.controlplane.model.ServiceEndpoint;
import dev.swarmnet.controlplane.model.ServiceSpec;
import dev.swarmnet.controlplane.model.Task;
import dev.swarmnet.controlplane.model.TaskState;
import dev.swarmnet.controlplane.model.UpdateStatus;
import dev.swarmnet.controlplane.model.Version;
import dev.swarmnet.controlplane.model.VirtualIp;
import java.util.ArrayList;
import java.util.List;

/**
 * Transitions of service commands: create, update (and rollback), remove, and the orchestrator's
 * update progress. Create and update allocate the service's endpoint (VIPs and mesh ports) in
 * the same step, so a service in the state is always fully allocated. Same shape as
 * {@link NodeCommands}.
 */
final class ServiceCommands {
    static final String MANUAL_ROLLBACK = "manually requested rollback";
    private static final List<String> UPDATE_STATES = List.of(UpdateStatus.UPDATING, UpdateStatus.PAUSED,
            UpdateStatus.COMPLETED, UpdateStatus.ROLLBACK_STARTED, UpdateStatus.ROLLBACK_PAUSED,
            UpdateStatus.ROLLBACK_COMPLETED);

    private ServiceCommands() {
    }

    static Applied create(ClusterState at, Command.CreateService c, long index, long now) {
        if (!at.initialized()) {
            return refuse(at, StateErrors.notInSwarm());
        }
        if (!Ids.isValid(c.serviceId())) {
            return refuse(at, StateErrors.invalid("invalid service ID " + c.serviceId()));
        }
        if (at.services().containsKey(c.serviceId())) {
            return refuse(at, StateErrors.exists("service", c.serviceId()));
        }
        ServiceSpec spec = c.spec();
        if (spec == null) {
            return refuse(at, StateErrors.invalid("service spec must not be empty"));
        }
        String problem = ServiceSpecRules.problem(at, spec);
        if (problem != null) {
            return refuse(at, StateErrors.invalid(problem));
        }
        for (Service other : at.services().values()) {
            if (other.name().equalsIgnoreCase(spec.name())) {
                return refuse(at, Result.failure(Result.CONFLICT, "name conflicts with an existing object: service "
                        + spec.name() + " already exists"));
            }
        }
        AddressAllocator addresses = new AddressAllocator(at);
        Result<ServiceEndpoint> endpoint = endpoint(at, addresses, spec, null, null);
        if (!endpoint.succeeded()) {
            return refuse(at, endpoint);
        }
        Service service = new Service(c.serviceId(), new Version(index), now, now, spec, null, endpoint.value(), null);
        return new Applied(addresses.commit(at.withService(service), index), Result.ok(service));
    }

    static Applied update(ClusterState at, Command.UpdateService c, long index, long now) {
        Result<Service> found = find(at, c.serviceId());
        if (!found.succeeded()) {
            return refuse(at, found);
        }
        Service service = found.value();
        if (c.expectedVersion() == null) {
            return refuse(at, StateErrors.invalid("invalid service version: missing"));
        }
        if (!c.expectedVersion().equals(service.version())) {
            return refuse(at, StateErrors.outOfSequence());
        }
        ServiceSpec spec;
        UpdateStatus status;
        if (c.rollback()) {
            if (service.previousSpec() == null) {
                return refuse(at, StateErrors.invalid("service " + service.id() + " does not have a previous spec"));
            }
            spec = service.previousSpec();
            status = new UpdateStatus(UpdateStatus.ROLLBACK_STARTED, now, 0, MANUAL_ROLLBACK);
        } else {
            spec = c.spec();
            if (spec == null) {
                return refuse(at, StateErrors.invalid("service spec must not be empty"));
            }
            if (!spec.name().equals(service.name())) {
                return refuse(at, StateErrors.invalid("renaming services is not supported"));
            }
            // swarmkit's controlapi resets the status on every update, scale included: the
            // orchestrator reports "updating" once it starts replacing tasks, and the CLI, which
            // waits for convergence, would stop at once on a stale "completed".
            status = null;
        }
        if (spec.mode().global() != service.spec().mode().global()) {
            return refuse(at, StateErrors.invalid("service mode change is not allowed"));
        }
        String problem = ServiceSpecRules.problem(at, spec);
        if (problem != null) {
            return refuse(at, StateErrors.invalid(problem));
        }
        AddressAllocator addresses = new AddressAllocator(at);
        Result<ServiceEndpoint> endpoint = endpoint(at, addresses, spec, service.endpoint(), service.id());
        if (!endpoint.succeeded()) {
            return refuse(at, endpoint);
        }
        Service updated = new Service(service.id(), new Version(index), service.createdAtMillis(), now, spec,
                service.spec(), endpoint.value(), status);
        return new Applied(addresses.commit(at.withService(updated), index), Result.ok(updated));
    }

    static Applied remove(ClusterState at, Command.RemoveService c, long index, long now) {
        Result<Service> found = find(at, c.serviceId());
        if (!found.succeeded()) {
            return refuse(at, found);
        }
        Service service = found.value();
        List<Task> removing = new ArrayList<>();
        for (Task task : at.tasksOf(service.id())) {
            if (task.desiredState().compareTo(TaskState.REMOVE) < 0) {
                removing.add(TaskCommands.changed(task, task.nodeId(), TaskState.REMOVE, task.status(), index, now));
            }
        }
        return new Applied(at.withoutService(service.id()).withTasks(removing, List.of()), Result.ok(service));
    }

    static Applied setUpdateStatus(ClusterState at, Command.SetUpdateStatus c, long index, long now) {
        Result<Service> found = find(at, c.serviceId());
        if (!found.succeeded()) {
            return refuse(at, found);
        }
        Service service = found.value();
        UpdateStatus status = c.status();
        if (status == null || !UPDATE_STATES.contains(status.state())) {
            return refuse(at, StateErrors.invalid("invalid update state " + (status == null ? "(missing)" : status.state())
                    + ": want one of " + String.join(", ", UPDATE_STATES)));
        }
        if (status.equals(service.updateStatus())) {
            return new Applied(at, Result.ok(service));
        }
        Service updated = new Service(service.id(), new Version(index), service.createdAtMillis(), now, service.spec(),
                service.previousSpec(), service.endpoint(), status);
        return new Applied(at.withService(updated), Result.ok(updated));
    }

    /**
     * The endpoint {@code spec} needs: mesh ports (keeping {@code previous}'s dynamic ones), and in
     * {@code vip} mode one VIP on ingress (when ports go through the mesh) and on each template
     * network, keeping {@code previous}'s VIP where the network stays.
     */
    private static Result<ServiceEndpoint> endpoint(ClusterState at, AddressAllocator addresses, ServiceSpec spec,
                                                    ServiceEndpoint previous, String serviceId) {
        EndpointSpec endpointSpec = spec.endpointSpec();
        Result<List<PortConfig>> ports = new PortAllocator(at, serviceId)
                .allocate(endpointSpec.ports(), previous == null ? List.of() : previous.ports());
        if (!ports.succeeded()) {
            return ports.map(p -> null);
        }
        List<VirtualIp> vips = new ArrayList<>();
        if (EndpointSpec.VIP.equals(endpointSpec.mode())) {
            for (Network network : attachedNetworks(at, spec)) {
                VirtualIp kept = previous == null ? null : vipOn(previous, network.id());
                if (kept != null) {
                    vips.add(kept);
                    continue;
                }
                String address = addresses.allocate(network);
                if (address == null) {
                    return StateErrors.invalid("could not allocate a VIP on network " + AddressAllocator.describe(network)
                            + ": no addresses left");
                }
                vips.add(new VirtualIp(network.id(), address));
            }
        }
        return Result.ok(new ServiceEndpoint(endpointSpec, ports.value(), vips));
    }

    /**
     * The networks a service's tasks (and VIPs) live on, in order: ingress first when the spec
     * publishes ports through the mesh, then the template's networks as given. Networks missing
     * from the state are left out.
     */
    static List<Network> attachedNetworks(ClusterState at, ServiceSpec spec) {
        List<Network> networks = new ArrayList<>();
        if (NetworkCommands.publishesMeshPorts(spec.endpointSpec().ports())) {
            at.ingressNetwork().ifPresent(networks::add);
        }
        for (String id : spec.taskTemplate().networks()) {
            at.network(id).filter(n -> !networks.contains(n)).ifPresent(networks::add);
        }
        return networks;
    }

    private static VirtualIp vipOn(ServiceEndpoint endpoint, String networkId) {
        for (VirtualIp vip : endpoint.virtualIps()) {
            if (vip.networkId().equals(networkId)) {
                return vip;
            }
        }
        return null;
    }

    private static Result<Service> find(ClusterState at, String id) {
        if (!at.initialized()) {
            return StateErrors.notInSwarm();
        }
        return at.service(id).map(Result::ok).orElseGet(() -> StateErrors.notFound("service", id));
    }

    private static Applied refuse(ClusterState at, Result<?> failure) {
        return new Applied(at, failure);
    }
}
