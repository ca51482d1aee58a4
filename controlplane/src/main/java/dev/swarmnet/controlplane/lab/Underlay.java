package dev.swarmnet.controlplane.lab;

import dev.swarmnet.linux.NetworkNamespace;
import java.io.IOException;
import java.nio.file.Path;

/**
 * The lab's underlay: a namespace {@code NAME-u} with bridge {@code br0}; per node a namespace
 * {@code NAME-i} whose {@code u0} is a veth into the bridge with the node's address; and the
 * host's veth {@code NAME-h} into the same bridge with the subnet's last address, so the host
 * reaches every node's IP. Creation only: {@link LabTeardown} removes it. Runs on the calling
 * thread.
 */
final class Underlay {

    /** The bridge's name inside the underlay namespace. */
    static final String BRIDGE = "br0";

    /** Each node's underlay interface. */
    static final String NODE_LINK = "u0";

    private Underlay() {
    }

    /** Creates the bridge, {@code nodes} node namespaces and the host's link. */
    static void create(LabName name, LabSubnet subnet, int nodes) throws IOException {
        String underlay = name.underlay();
        String len = "/" + subnet.prefixLength();
        Shell.ok("ip", "netns", "add", underlay);
        Shell.ok("ip", "-n", underlay, "link", "set", "lo", "up");
        Shell.ok("ip", "-n", underlay, "link", "add", BRIDGE, "type", "bridge");
        Shell.ok("ip", "-n", underlay, "link", "set", BRIDGE, "up");
        for (int i = 1; i <= nodes; i++) {
            String node = name.node(i);
            Shell.ok("ip", "netns", "add", node);
            Shell.ok("ip", "-n", node, "link", "set", "lo", "up");
            Shell.ok("ip", "link", "add", NODE_LINK, "netns", node, "type", "veth", "peer", "name", "p" + i,
                    "netns", underlay);
            Shell.ok("ip", "-n", underlay, "link", "set", "p" + i, "master", BRIDGE, "up");
            Shell.ok("ip", "-n", node, "addr", "add", subnet.nodeAddress(i) + len, "dev", NODE_LINK);
            Shell.ok("ip", "-n", node, "link", "set", NODE_LINK, "up");
        }
        Shell.ok("ip", "link", "add", name.hostLink(), "type", "veth", "peer", "name", "host", "netns", underlay);
        Shell.ok("ip", "-n", underlay, "link", "set", "host", "master", BRIDGE, "up");
        Shell.ok("ip", "addr", "add", subnet.hostAddress() + len, "dev", name.hostLink());
        Shell.ok("ip", "link", "set", name.hostLink(), "up");
    }

    /** The bind-mounted namespace file {@code nsenter --net=} takes. */
    static Path namespacePath(String namespace) {
        return NetworkNamespace.RUN_DIR.resolve(namespace);
    }
}
