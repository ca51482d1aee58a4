package dev.swarmnet.controlplane.state;

import dev.swarmnet.controlplane.model.Ids;
import dev.swarmnet.controlplane.model.Network;
import dev.swarmnet.controlplane.model.NetworkAttachment;
import dev.swarmnet.controlplane.model.NetworkSpec;
import dev.swarmnet.controlplane.model.PortConfig;
import dev.swarmnet.controlplane.model.Service;
import dev.swarmnet.controlplane.model.Task;
import dev.swarmnet.controlplane.model.Version;
import dev.swarmnet.controlplane.model.VirtualIp;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Transitions of network commands: {@code network create} (validation, subnet, gateway, VNI and
 * MTU allocation) and {@code network rm}. Same shape as {@link NodeCommands}.
 */
final class NetworkCommands {
    /** The name of the routing-mesh network {@code swarm init} makes. */
    static final String INGRESS = "ingress";
    /** The spec of the ingress network {@code swarm init} makes. */
    static final NetworkSpec INGRESS_SPEC = new NetworkSpec(INGRESS, Map.of(), NetworkSpec.OVERLAY, false, true, "", "",
            Map.of());
    /** The MTU option keys honoured: Docker's driver option and the short form. */
    static final List<String> MTU_OPTIONS = List.of("com.docker.network.driver.mtu", "mtu");
    static final int MIN_MTU = 68;
    static final int MAX_MTU = 9000;
    /** moby's {@code restrictedNamePattern}. */
    private static final Pattern NAME = Pattern.compile("[a-zA-Z0-9][a-zA-Z0-9_.-]*");

    private NetworkCommands() {
    }

    static Applied create(ClusterState at, Command.CreateNetwork c, long index, long now) {
        if (!at.initialized()) {
            return refuse(at, StateErrors.notInSwarm());
        }
        if (!Ids.isValid(c.networkId())) {
            return refuse(at, StateErrors.invalid("invalid network ID " + c.networkId()));
        }
        if (at.networks().containsKey(c.networkId())) {
            return refuse(at, StateErrors.exists("network", c.networkId()));
        }
        NetworkSpec spec = c.spec();
        if (spec == null) {
            return refuse(at, StateErrors.invalid("network spec must not be empty"));
        }
        if (!NAME.matcher(spec.name()).matches()) {
            return refuse(at, StateErrors.invalid("invalid network name \"" + spec.name()
                    + "\": only [a-zA-Z0-9][a-zA-Z0-9_.-] are allowed"));
        }
        if (!NetworkSpec.OVERLAY.equals(spec.driver())) {
            return refuse(at, StateErrors.invalid("network driver \"" + spec.driver() + "\" is not supported in swarm "
                    + "scope: only \"overlay\" networks can be created"));
        }
        for (Network other : at.networks().values()) {
            if (other.name().equalsIgnoreCase(spec.name())) {
                return refuse(at, Result.failure(Result.CONFLICT, "network with name " + spec.name() + " already exists"));
            }
        }
        if (spec.ingress()) {
            Network present = at.ingressNetwork().orElse(null);
            if (present != null) {
                return refuse(at, Result.failure(Result.CONFLICT, "ingress network (" + present.id() + ") is already present"));
            }
        } else if (spec.name().equalsIgnoreCase(INGRESS)) {
            return refuse(at, StateErrors.invalid("network name " + INGRESS + " is reserved for the routing-mesh network"));
        }
        Result<Integer> mtu = mtu(spec.options());
        if (!mtu.succeeded()) {
            return refuse(at, mtu);
        }
        Ipv4Cidr subnet;
        if (spec.subnet().isEmpty()) {
            subnet = SubnetAllocator.next(at.cluster().defaultAddrPool(), at.cluster().subnetSize(), at.networks().values());
            if (subnet == null) {
                return refuse(at, StateErrors.invalid(SubnetAllocator.POOLS_EXHAUSTED));
            }
        } else {
            Result<Ipv4Cidr> asked = requestedSubnet(at, spec.subnet());
            if (!asked.succeeded()) {
                return refuse(at, asked);
            }
            subnet = asked.value();
        }
        Result<String> gateway = gateway(spec.gateway(), subnet);
        if (!gateway.succeeded()) {
            return refuse(at, gateway);
        }
        int vni = VniAllocator.next(at.networks().values());
        if (vni < 0) {
            return refuse(at, StateErrors.invalid("could not allocate a VXLAN ID: all VNIs from "
                    + VniAllocator.FIRST + " are in use"));
        }
        Network network = new Network(c.networkId(), new Version(index), now, now, spec, vni, subnet.toString(),
                gateway.value(), mtu.value(), "");
        ClusterState next = at.withNetwork(network);
        if (spec.ingress()) {
            next = NodeAttachments.ensureIngressAll(next, index, now);
        }
        return new Applied(next, Result.ok(next.networks().get(network.id())));
    }

    static Applied remove(ClusterState at, Command.RemoveNetwork c, long index, long now) {
        if (!at.initialized()) {
            return refuse(at, StateErrors.notInSwarm());
        }
        Network network = at.network(c.networkId()).orElse(null);
        if (network == null) {
            return refuse(at, StateErrors.notFound("network", c.networkId()));
        }
        if (network.spec().ingress()) {
            for (Service service : at.services().values()) {
                if (publishesMeshPorts(service)) {
                    return refuse(at, StateErrors.invalid("ingress network cannot be removed because service "
                            + service.id() + " depends on it"));
                }
            }
        }
        List<String> users = new ArrayList<>();
        for (Service service : at.services().values()) {
            if (service.spec().taskTemplate().networks().contains(network.id()) || holdsVip(service, network.id())) {
                users.add(service.name());
            }
        }
        if (!users.isEmpty()) {
            return refuse(at, StateErrors.invalid("network " + network.name() + " is in use by service"
                    + (users.size() > 1 ? "s " : " ") + String.join(", ", users)));
        }
        for (Task task : at.tasks().values()) {
            if (!task.status().state().terminal() && attached(task, network.id())) {
                return refuse(at, StateErrors.invalid("network " + network.name() + " is in use by task " + task.id()));
            }
        }
        return new Applied(NodeAttachments.dropNetwork(at.withoutNetwork(network.id()), network.id(), index, now),
                Result.ok(network));
    }

    /** Whether the service publishes a port through the routing mesh (and so needs ingress). */
    static boolean publishesMeshPorts(Service service) {
        return publishesMeshPorts(service.spec().endpointSpec().ports());
    }

    static boolean publishesMeshPorts(List<PortConfig> ports) {
        for (PortConfig port : ports) {
            if (PortAllocator.isMesh(port)) {
                return true;
            }
        }
        return false;
    }

    private static boolean holdsVip(Service service, String networkId) {
        for (VirtualIp vip : service.endpoint().virtualIps()) {
            if (vip.networkId().equals(networkId)) {
                return true;
            }
        }
        return false;
    }

    private static boolean attached(Task task, String networkId) {
        for (NetworkAttachment attachment : task.networks()) {
            if (attachment.networkId().equals(networkId)) {
                return true;
            }
        }
        return false;
    }

    private static Result<Integer> mtu(Map<String, String> options) {
        int mtu = Network.DEFAULT_MTU;
        for (String key : MTU_OPTIONS) {
            String value = options.get(key);
            if (value == null) {
                continue;
            }
            int parsed;
            try {
                parsed = Integer.parseInt(value.trim());
            } catch (NumberFormatException e) {
                parsed = -1;
            }
            if (parsed < MIN_MTU || parsed > MAX_MTU) {
                return StateErrors.invalid("invalid " + key + " option " + value + ": the MTU must be between "
                        + MIN_MTU + " and " + MAX_MTU);
            }
            mtu = parsed;
        }
        return Result.ok(mtu);
    }

    private static Result<Ipv4Cidr> requestedSubnet(ClusterState at, String text) {
        if (AddressSyntax.ipv4PrefixLength(text) < 0) {
            return StateErrors.invalid("invalid subnet " + text + ": want an IPv4 CIDR block such as 10.1.0.0/24");
        }
        Ipv4Cidr subnet = Ipv4Cidr.parseOrNull(text);
        if (subnet == null) {
            return StateErrors.invalid("invalid subnet " + text + ": host bits are set");
        }
        if (subnet.prefix() < SubnetAllocator.MIN_PREFIX || subnet.prefix() > SubnetAllocator.MAX_PREFIX) {
            return StateErrors.invalid("invalid subnet " + text + ": the prefix length must be between "
                    + SubnetAllocator.MIN_PREFIX + " and " + SubnetAllocator.MAX_PREFIX);
        }
        Network clash = SubnetAllocator.overlapping(subnet, at.networks().values());
        if (clash != null) {
            return StateErrors.invalid("invalid pool request: Pool overlaps with other one on this address space ("
                    + text + " overlaps " + clash.subnet() + " of network " + clash.name() + ")");
        }
        return Result.ok(subnet);
    }

    private static Result<String> gateway(String text, Ipv4Cidr subnet) {
        if (text.isEmpty()) {
            return Result.ok(Ipv4Cidr.format(subnet.network() + 1));
        }
        if (!AddressSyntax.isIpv4(text)) {
            return StateErrors.invalid("invalid gateway " + text + ": want an IPv4 address");
        }
        int address = Ipv4Cidr.parseAddress(text);
        if (!subnet.contains(address) || address == subnet.network() || address == subnet.broadcast()) {
            return StateErrors.invalid("invalid gateway " + text + ": not a host address of subnet " + subnet);
        }
        return Result.ok(text);
    }

    private static Applied refuse(ClusterState at, Result<?> failure) {
        return new Applied(at, failure);
    }
}
