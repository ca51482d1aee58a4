package dev.swarmnet.controlplane.standalone;

import dev.swarmnet.dataplane.programfile.EndpointSpec;
import dev.swarmnet.dataplane.programfile.NetworkSpec;

/**
 * What one local endpoint's TAP is created with.
 *
 * @param namespace the network namespace it goes in
 * @param name the interface name inside it, e.g. {@code eth0}
 * @param address IPv4 address
 * @param prefixLength the network's prefix length
 * @param mac 48-bit MAC
 * @param mtu the network's MTU
 * @param gateway the default route's next hop
 * @param offloads a virtio-net header with checksum and TCP segmentation offloads
 */
public record TapRequest(String namespace, String name, int address, int prefixLength, long mac, int mtu,
                         int gateway, boolean offloads) {

    /** The request for local endpoint {@code endpoint} of {@code network}. */
    public static TapRequest of(EndpointSpec endpoint, NetworkSpec network) {
        if (!endpoint.isLocal()) {
            throw new IllegalArgumentException(endpoint.path() + " is a remote endpoint; it has no TAP");
        }
        return new TapRequest(endpoint.namespace(), endpoint.interfaceName(), endpoint.address(),
                network.prefixLength(), endpoint.mac(), network.mtu(), network.gateway(), false);
    }

    public TapRequest withOffloads(boolean on) {
        return new TapRequest(namespace, name, address, prefixLength, mac, mtu, gateway, on);
    }

    /** The MAC as the six bytes an ioctl wants. */
    public byte[] macBytes() {
        byte[] bytes = new byte[6];
        for (int i = 0; i < 6; i++) {
            bytes[i] = (byte) (mac >>> (40 - 8 * i));
        }
        return bytes;
    }
}
