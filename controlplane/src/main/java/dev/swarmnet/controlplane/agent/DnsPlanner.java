package dev.swarmnet.controlplane.agent;

import dev.swarmnet.controlplane.model.EndpointSpec;
import dev.swarmnet.controlplane.model.Network;
import dev.swarmnet.controlplane.model.NetworkAttachment;
import dev.swarmnet.controlplane.model.TaskState;
import dev.swarmnet.controlplane.model.VirtualIp;
import dev.swarmnet.dataplane.program.DnsTable;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Builds the {@link DnsTable} a node's tasks on one network resolve through their gateway
 * (pure), as Docker's embedded DNS answers them:
 * <ul>
 *   <li>{@code <service>} and {@code <service>.<network>}: the service's VIP on that network
 *       (vip mode), or the addresses of its running tasks there, rotated per answer (dnsrr);</li>
 *   <li>{@code tasks.<service>} and {@code tasks.<service>.<network>}: the addresses of its
 *       running tasks there, rotated per answer;</li>
 *   <li>task names {@code <service>.<slot>.<task id>} (global services: {@code
 *       <service>.<node id>.<task id>}) and their {@code .<network>} form: the task's address;</li>
 *   <li>PTR: a task's address → {@code <task name>.<network>}, a VIP → {@code <service>.<network>};</li>
 *   <li>zone: the network's name, so unknown names under it (and unknown single-label names)
 *       are NXDOMAIN; everything else is forwarded to the host's resolvers.</li>
 * </ul>
 * A task counts while it is observed RUNNING and still desired RUNNING: one being stopped leaves
 * the answers with the next program, together with its VIP backend entry. A service without
 * running tasks (or without a VIP on the network) is still known: NOERROR, no address. Names
 * that are not valid DNS names are left out; when two names collide the first service in id
 * order wins for PTR, and addresses are merged.
 */
public final class DnsPlanner {
    private DnsPlanner() {
    }

    /** The table of network {@code networkId} of {@code assignment} ({@link DnsTable#EMPTY} if it is not served). */
    public static DnsTable table(NodeAssignment assignment, String networkId) {
        Objects.requireNonNull(assignment, "assignment");
        Network network = assignment.networks().get(networkId);
        if (network == null) {
            return DnsTable.EMPTY;
        }
        String suffix = "." + network.name();
        DnsTable.Builder table = DnsTable.builder();
        guarded(() -> table.zone(network.name()));
        for (AssignedService service : assignment.services().values()) {
            int vip = vip(service, networkId);
            if (!service.networkIds().contains(networkId) && vip == 0) {
                continue;
            }
            List<Integer> running = new ArrayList<>();
            for (AssignedEndpoint endpoint : assignment.endpoints().values()) {
                int address = address(endpoint, networkId);
                if (endpoint.serviceId().equals(service.id()) && address != 0 && running(endpoint)) {
                    running.add(address);
                }
            }
            String name = service.name();
            guarded(() -> {
                for (String form : List.of(name, name + suffix)) {
                    table.known(form).known("tasks." + form);
                    for (int address : running) {
                        table.address("tasks." + form, address, true);
                    }
                    if (EndpointSpec.VIP.equals(service.endpointMode())) {
                        if (vip != 0) {
                            table.address(form, vip, false);
                        }
                    } else {
                        for (int address : running) {
                            table.address(form, address, true);
                        }
                    }
                }
                if (vip != 0 && EndpointSpec.VIP.equals(service.endpointMode())) {
                    table.pointer(vip, name + suffix);
                }
            });
        }
        for (AssignedEndpoint endpoint : assignment.endpoints().values()) {
            int address = address(endpoint, networkId);
            if (address == 0 || !running(endpoint) || endpoint.serviceName().isEmpty()) {
                continue;
            }
            String task = endpoint.serviceName() + "." + (endpoint.slot() > 0 ? Integer.toString(endpoint.slot())
                    : endpoint.nodeId()) + "." + endpoint.taskId();
            guarded(() -> table.address(task, address, false).address(task + suffix, address, false)
                    .pointer(address, task + suffix));
        }
        return table.build();
    }

    /** Observed RUNNING and not being stopped. */
    static boolean running(AssignedEndpoint endpoint) {
        return endpoint.state() == TaskState.RUNNING && endpoint.desiredState().compareTo(TaskState.RUNNING) <= 0;
    }

    private static int vip(AssignedService service, String networkId) {
        for (VirtualIp vip : service.virtualIps()) {
            if (vip.networkId().equals(networkId)) {
                return ProgramPlanner.address(vip.address());
            }
        }
        return 0;
    }

    private static int address(AssignedEndpoint endpoint, String networkId) {
        for (NetworkAttachment attachment : endpoint.attachments()) {
            if (attachment.networkId().equals(networkId)) {
                return ProgramPlanner.address(attachment.address());
            }
        }
        return 0;
    }

    /** Runs an addition, leaving out a name that is not a valid DNS name. */
    private static void guarded(Runnable addition) {
        try {
            addition.run();
        } catch (IllegalArgumentException e) {
            // a service, network or task name DNS cannot carry: it simply does not resolve
        }
    }
}
