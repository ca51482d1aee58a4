package dev.swarmnet.controlplane.daemon;

import java.net.NetworkInterface;
import java.net.SocketException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * This host's interfaces, read through the JDK's {@link NetworkInterface}, which asks the kernel
 * about the network namespace of the process (a daemon started inside a namespace sees that
 * namespace's links). Called on the API worker that runs {@code swarm init} or {@code join}.
 */
final class HostInterfaces {
    private HostInterfaces() {
    }

    static List<HostInterface> list() {
        List<HostInterface> result = new ArrayList<>();
        try {
            for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                result.add(new HostInterface(nic.getName(), nic.isUp(), Collections.list(nic.getInetAddresses())));
            }
        } catch (SocketException e) {
            throw new IllegalStateException("cannot list this host's network interfaces: " + e.getMessage(), e);
        }
        return result;
    }
}
