package dev.swarmnet.dataplane.programfile;

import dev.swarmnet.dataplane.lb.BackendState;
import dev.swarmnet.dataplane.lb.LbAlgorithm;
import dev.swarmnet.dataplane.program.Endpoint;
import dev.swarmnet.dataplane.program.Network;
import dev.swarmnet.dataplane.wire.Ipv4;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.snakeyaml.engine.v2.nodes.Node;

/**
 * Reads a composed program document into spec records: the file's schema (keys, types, value
 * notations, defaults) and the cross-references only the file can check (network names, local
 * interface names, endpoints that are both local and remote). Consistency of addresses, VNIs,
 * VIPs and backends is left to {@link ProgramCompiler}, which asks
 * {@link dev.swarmnet.dataplane.program.Program} itself. Single-threaded, one use.
 */
final class SpecReader {
    static final List<String> ROOT_KEYS = List.of("node", "networks", "endpoints", "services");
    static final List<String> NODE_KEYS = List.of("underlay");
    static final List<String> NETWORK_KEYS = List.of("name", "vni", "subnet", "gateway", "mtu");
    static final List<String> ENDPOINT_KEYS = List.of("network", "address", "mac", "namespace", "interface", "node");
    static final List<String> SERVICE_KEYS = List.of("name", "network", "vip", "algorithm", "affinity", "ports",
            "backends");
    static final List<String> PORT_KEYS = List.of("port", "target", "protocol");
    static final List<String> BACKEND_KEYS = List.of("address", "weight", "state");

    static final String DEFAULT_INTERFACE = "eth0";

    private static final Notation<Integer> VNI = Notation.integer(1, 0xff_ffff);
    private static final Notation<Integer> MTU = Notation.integer(576, 9000);
    private static final Notation<Integer> PORT = Notation.integer(1, 0xffff);
    private static final Notation<Integer> WEIGHT = Notation.integer(1, 0xffff);

    private final Problems problems;
    private final Map<String, NetworkSpec> networksByName = new HashMap<>();
    /** Network names declared in the file, even those whose entry is broken (no cascading errors). */
    private final List<String> declaredNetworks = new ArrayList<>();
    private final Map<String, String> interfaces = new HashMap<>();
    private final Map<String, String> serviceNames = new HashMap<>();

    SpecReader(Problems problems) {
        this.problems = problems;
    }

    /** Reads the document; the result is only meaningful when no problem was added. */
    ProgramSpec read(Node root) {
        YamlMapping doc = YamlMapping.open(root, "", ROOT_KEYS, problems);
        if (doc == null) {
            return null;
        }
        NodeSpec node = readNode(doc.requiredMapping("node", NODE_KEYS));
        List<NetworkSpec> networks = new ArrayList<>();
        List<Node> networkNodes = doc.list("networks", true);
        for (int i = 0; i < networkNodes.size(); i++) {
            YamlMapping m = YamlMapping.open(networkNodes.get(i), "networks[" + i + "]", NETWORK_KEYS, problems);
            NetworkSpec network = m == null ? null : readNetwork(m);
            if (network != null) {
                networks.add(network);
            }
        }
        List<EndpointSpec> endpoints = new ArrayList<>();
        List<Node> endpointNodes = doc.list("endpoints", false);
        for (int i = 0; i < endpointNodes.size(); i++) {
            YamlMapping m = YamlMapping.open(endpointNodes.get(i), "endpoints[" + i + "]", ENDPOINT_KEYS, problems);
            EndpointSpec endpoint = m == null ? null : readEndpoint(m, node);
            if (endpoint != null) {
                endpoints.add(endpoint);
            }
        }
        List<ServiceSpec> services = new ArrayList<>();
        List<Node> serviceNodes = doc.list("services", false);
        for (int i = 0; i < serviceNodes.size(); i++) {
            YamlMapping m = YamlMapping.open(serviceNodes.get(i), "services[" + i + "]", SERVICE_KEYS, problems);
            ServiceSpec service = m == null ? null : readService(m);
            if (service != null) {
                services.add(service);
            }
        }
        return node == null ? null : new ProgramSpec(problems.file(), node, networks, endpoints, services);
    }

    private NodeSpec readNode(YamlMapping m) {
        if (m == null) {
            return null;
        }
        Notation.HostPort underlay = m.required("underlay", Notation.HOST_PORT);
        return underlay == null ? null : new NodeSpec(underlay.address(), underlay.port(), m.line());
    }

    private NetworkSpec readNetwork(YamlMapping m) {
        String name = m.required("name", Notation.NAME);
        if (name != null) {
            if (declaredNetworks.contains(name)) {
                m.problem("name", "network '" + name + "' is declared twice");
                name = null;
            } else {
                declaredNetworks.add(name);
            }
        }
        Integer vni = m.required("vni", VNI);
        Notation.Cidr subnet = m.required("subnet", Notation.CIDR);
        Integer gateway = m.optional("gateway", Notation.IPV4, subnet == null ? null : subnet.subnet() + 1);
        Integer mtu = m.optional("mtu", MTU, Network.DEFAULT_MTU);
        if (name == null || vni == null || subnet == null || gateway == null || mtu == null) {
            return null;
        }
        if ((gateway & Network.mask(subnet.prefixLength())) != subnet.subnet()) {
            m.problem("gateway", Ipv4.format(gateway) + " is outside the subnet " + Ipv4.format(subnet.subnet()) + "/"
                    + subnet.prefixLength());
            return null;
        }
        NetworkSpec network = new NetworkSpec(name, vni, subnet.subnet(), subnet.prefixLength(), gateway, mtu,
                m.path(), m.line());
        networksByName.put(name, network);
        return network;
    }

    private EndpointSpec readEndpoint(YamlMapping m, NodeSpec self) {
        String network = knownNetwork(m);
        Integer address = m.required("address", Notation.IPV4);
        Long mac = m.optional("mac", Notation.MAC, address == null ? null : Endpoint.macFor(address));
        String namespace = m.optional("namespace", Notation.NAMESPACE, null);
        String interfaceName = m.optional("interface", Notation.INTERFACE, null);
        Integer node = m.optional("node", Notation.IPV4, null);
        boolean local = m.has("namespace");
        boolean remote = m.has("node");
        if (local && remote) {
            m.problem("node", "an endpoint is local (namespace) or remote (node), not both");
            return null;
        }
        if (!local && !remote) {
            m.problem("needs a namespace (a local endpoint, on this node) or a node (a remote endpoint's underlay "
                    + "address)");
            return null;
        }
        if (remote && m.has("interface")) {
            m.problem("interface", "only a local endpoint (one with a namespace) has an interface");
            return null;
        }
        if (node != null && self != null && node == self.underlay()) {
            m.problem("node", Ipv4.format(node) + " is this node's underlay address; give a local endpoint a "
                    + "namespace instead");
            return null;
        }
        if (network == null || address == null || mac == null || (local && namespace == null)
                || (remote && node == null) || (m.has("interface") && interfaceName == null)) {
            return null;
        }
        if (local) {
            interfaceName = interfaceName == null ? DEFAULT_INTERFACE : interfaceName;
            String previous = interfaces.putIfAbsent(namespace + "/" + interfaceName, m.path());
            if (previous != null) {
                m.problem("interface", "namespace " + namespace + " already has " + interfaceName + " (" + previous
                        + ")");
                return null;
            }
        }
        return new EndpointSpec(network, address, mac, local ? namespace : null, interfaceName,
                local ? 0 : node, m.path(), m.line());
    }

    private ServiceSpec readService(YamlMapping m) {
        String name = m.required("name", Notation.NAME);
        if (name != null) {
            String previous = serviceNames.putIfAbsent(name, m.path());
            if (previous != null) {
                m.problem("name", "service '" + name + "' is already declared (" + previous + ")");
                name = null;
            }
        }
        String network = knownNetwork(m);
        Integer vip = m.required("vip", Notation.IPV4);
        Integer algorithm = m.optional("algorithm", Notation.ALGORITHM, LbAlgorithm.ROUND_ROBIN);
        Long affinity = m.optional("affinity", Notation.DURATION, 0L);
        List<ServiceSpec.Port> ports = new ArrayList<>();
        List<Node> portNodes = m.list("ports", true);
        if (m.has("ports") && portNodes.isEmpty()) {
            m.problem("ports", "a service publishes at least one port");
        }
        boolean complete = true;
        for (int i = 0; i < portNodes.size(); i++) {
            YamlMapping p = YamlMapping.open(portNodes.get(i), m.key("ports") + "[" + i + "]", PORT_KEYS, problems);
            ServiceSpec.Port port = p == null ? null : readPort(p);
            complete &= port != null;
            if (port != null) {
                ports.add(port);
            }
        }
        List<BackendSpec> backends = new ArrayList<>();
        List<Node> backendNodes = m.list("backends", false);
        for (int i = 0; i < backendNodes.size(); i++) {
            YamlMapping b = YamlMapping.open(backendNodes.get(i), m.key("backends") + "[" + i + "]", BACKEND_KEYS,
                    problems);
            BackendSpec backend = b == null ? null : readBackend(b);
            complete &= backend != null;
            if (backend != null) {
                backends.add(backend);
            }
        }
        if (!complete || ports.isEmpty() || name == null || network == null || vip == null || algorithm == null
                || affinity == null) {
            return null;
        }
        return new ServiceSpec(name, network, vip, algorithm, affinity, ports, backends, m.path(), m.line());
    }

    private ServiceSpec.Port readPort(YamlMapping p) {
        Integer port = p.required("port", PORT);
        Integer target = p.optional("target", PORT, port);
        Integer protocol = p.optional("protocol", Notation.PROTOCOL, Ipv4.PROTO_TCP);
        return port == null || target == null || protocol == null ? null
                : new ServiceSpec.Port(port, target, protocol, p.line());
    }

    private BackendSpec readBackend(YamlMapping b) {
        Integer address = b.required("address", Notation.IPV4);
        Integer weight = b.optional("weight", WEIGHT, 1);
        Integer state = b.optional("state", Notation.BACKEND_STATE, BackendState.ACTIVE);
        return address == null || weight == null || state == null ? null
                : new BackendSpec(address, weight, state, b.line());
    }

    /** The {@code network} key's value when it names a network of the file, else null (and a problem). */
    private String knownNetwork(YamlMapping m) {
        String name = m.required("network", Notation.NAME);
        if (name == null || declaredNetworks.contains(name)) {
            return networksByName.containsKey(name) ? name : null;
        }
        m.problem("network", "'" + name + "' is not a network of this file (networks: "
                + (declaredNetworks.isEmpty() ? "none" : String.join(", ", declaredNetworks)) + ")");
        return null;
    }
}
