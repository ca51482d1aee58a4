package dev.swarmnet.controlplane.api;

import static dev.swarmnet.controlplane.api.SupportedFields.any;
import static dev.swarmnet.controlplane.api.SupportedFields.object;

import dev.swarmnet.controlplane.api.model.Ipam;
import dev.swarmnet.controlplane.api.model.IpamConfig;
import dev.swarmnet.controlplane.api.model.NetworkCreateRequest;
import dev.swarmnet.controlplane.model.Network;
import dev.swarmnet.controlplane.model.NetworkSpec;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * A network both ways: the body of {@code network create} to the model's {@link NetworkSpec},
 * validated, and the model's {@link Network} to Docker's inspect JSON. Pure; any thread.
 */
public final class NetworkJson {

    /** The overlay driver option that carries the VNI, as Docker's overlay driver shows it. */
    public static final String VXLANID_OPTION = "com.docker.network.driver.overlay.vxlanid_list";

    /** The fields swarmnet honours in a create request; any other field with a value is a 501. */
    static final SupportedFields SUPPORTED = object("Name", any(), "Driver", any(), "Scope", any(),
            "EnableIPv4", any(), "EnableIPv6", any(), "IPAM", object("Driver", any(), "Options", object(),
                    "Config", object("Subnet", any(), "Gateway", any())),
            "Internal", any(), "Attachable", any(), "Ingress", any(), "ConfigOnly", any(), "ConfigFrom", any(),
            "Options", any(), "Labels", any(), "CheckDuplicate", any());

    private static final Pattern NAME = Pattern.compile("[a-zA-Z0-9][a-zA-Z0-9_.-]*");
    private static final Pattern IPV4_CIDR = Pattern.compile("(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})/(\\d{1,2})");
    private static final Pattern IPV4 = Pattern.compile("(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})");

    private NetworkJson() {
    }

    /**
     * The spec a create request asks for.
     *
     * @throws ApiException 400 naming the field of an invalid value; 501 for what swarmnet does not
     *                      do (drivers other than overlay, IPv6, internal or config-only networks, a
     *                      second ingress network, several subnets)
     */
    public static NetworkSpec toModel(NetworkCreateRequest request) {
        String name = request.name() == null ? "" : request.name();
        if (name.isEmpty()) {
            throw ApiException.badRequest("invalid Name: a network needs a name");
        }
        if (!NAME.matcher(name).matches()) {
            throw ApiException.badRequest("invalid Name \"" + name + "\": use letters, digits, '_', '.' and '-', "
                    + "starting with a letter or digit");
        }
        String driver = request.driver() == null || request.driver().isEmpty() ? NetworkSpec.OVERLAY : request.driver();
        if (!driver.equals(NetworkSpec.OVERLAY)) {
            throw ApiException.notImplemented("swarmnet creates only overlay networks, not " + driver
                    + " (use --driver overlay)");
        }
        String scope = request.scope() == null ? "" : request.scope();
        if (!scope.isEmpty() && !scope.equals("swarm")) {
            throw ApiException.badRequest("invalid Scope \"" + scope + "\": overlay networks are swarm-scoped");
        }
        refuse(Boolean.TRUE.equals(request.enableIpv6()), "IPv6 (EnableIPv6, --ipv6)");
        refuse(Boolean.FALSE.equals(request.enableIpv4()), "networks without IPv4 (EnableIPv4=false)");
        refuse(request.internal(), "internal networks (Internal, --internal)");
        refuse(request.configOnly(), "config-only networks (ConfigOnly, --config-only)");
        refuse(!SupportedFields.isEmpty(request.configFrom()), "networks made from a config (ConfigFrom, --config-from)");
        refuse(request.ingress(), "creating an ingress network (Ingress, --ingress): swarm init creates 'ingress'");
        String subnet = "";
        String gateway = "";
        Ipam ipam = request.ipam();
        if (ipam != null) {
            if (ipam.driver() != null && !ipam.driver().isEmpty() && !ipam.driver().equals("default")) {
                throw ApiException.notImplemented("swarmnet has only the default IPAM driver, not " + ipam.driver()
                        + " (IPAM.Driver, --ipam-driver)");
            }
            List<IpamConfig> configs = ipam.config() == null ? List.of() : ipam.config();
            if (configs.size() > 1) {
                throw ApiException.notImplemented("swarmnet gives a network one subnet, not " + configs.size()
                        + " (IPAM.Config)");
            }
            if (configs.size() == 1) {
                subnet = configs.get(0).subnet() == null ? "" : configs.get(0).subnet();
                gateway = configs.get(0).gateway() == null ? "" : configs.get(0).gateway();
                if (!subnet.isEmpty() && !validCidr(subnet)) {
                    throw ApiException.badRequest("invalid IPAM.Config.Subnet \"" + subnet
                            + "\": expected an IPv4 CIDR such as 10.0.9.0/24");
                }
                if (!gateway.isEmpty() && (subnet.isEmpty() || !validAddress(gateway))) {
                    throw ApiException.badRequest("invalid IPAM.Config.Gateway \"" + gateway
                            + "\": expected an IPv4 address inside the Subnet, which must be given too");
                }
            }
        }
        return new NetworkSpec(name, request.labels(), driver, request.attachable(), false, subnet, gateway,
                request.options());
    }

    /** Docker's inspect JSON of a network; {@code network inspect} prints it as is. */
    public static dev.swarmnet.controlplane.api.model.Network toApi(Network network) {
        NetworkSpec spec = network.spec();
        Map<String, String> options = new TreeMap<>(spec.options());
        options.put(VXLANID_OPTION, Integer.toString(network.vni()));
        return new dev.swarmnet.controlplane.api.model.Network(spec.name(), network.id(),
                Instant.ofEpochMilli(network.createdAtMillis()), "swarm", spec.driver(), true, false,
                new Ipam("default", null, List.of(new IpamConfig(network.subnet(), network.gateway()))),
                false, spec.attachable(), spec.ingress(),
                new dev.swarmnet.controlplane.api.model.Network.ConfigReference(""), false, Map.of(), options,
                spec.labels());
    }

    /**
     * {@code network inspect --verbose}: the network's inspect JSON plus Docker's {@code Services}
     * (this node's own data-plane view of the network's VIPs: each service's VIP and tasks) and
     * swarmnet's {@code Nodes} (every node's view: backends, states and flows, or why the node did
     * not answer), as {@link DataPlaneJson} describes.
     */
    public static com.fasterxml.jackson.databind.node.ObjectNode verbose(
            dev.swarmnet.controlplane.api.model.Network network, dev.swarmnet.controlplane.inspect.ClusterDataPlane planes) {
        var mapper = DockerJson.mapper();
        com.fasterxml.jackson.databind.node.ObjectNode json = mapper.valueToTree(network);
        json.set("Services", mapper.valueToTree(DataPlaneJson.dockerServices(planes.local().orElse(null), network.id())));
        json.set("Nodes", mapper.valueToTree(DataPlaneJson.networkNodes(planes, network.id())));
        return json;
    }

    private static void refuse(boolean asked, String what) {
        if (asked) {
            throw ApiException.notImplemented("swarmnet does not support " + what);
        }
    }

    private static boolean validCidr(String text) {
        var m = IPV4_CIDR.matcher(text);
        return m.matches() && octets(m) && Integer.parseInt(m.group(5)) <= 32;
    }

    private static boolean validAddress(String text) {
        var m = IPV4.matcher(text);
        return m.matches() && octets(m);
    }

    private static boolean octets(java.util.regex.Matcher m) {
        for (int i = 1; i <= 4; i++) {
            if (Integer.parseInt(m.group(i)) > 255) {
                return false;
            }
        }
        return true;
    }
}
