package dev.swarmnet.dataplane.programfile;

/**
 * One entry of {@code endpoints:}: a local endpoint (a TAP {@code interfaceName} created in
 * network namespace {@code namespace}) or a remote one (behind the VTEP at {@code node}).
 *
 * @param network the name of a {@link NetworkSpec} of the same file
 * @param mac the given MAC, or Docker's {@code 02:42} + address when none was given
 * @param namespace the namespace of a local endpoint, null for a remote one
 * @param interfaceName the TAP's name inside the namespace ({@code eth0} unless given); null when remote
 * @param node the remote node's underlay IPv4 address, 0 when local
 * @param path where the entry is, e.g. {@code endpoints[1]}
 * @param line the line the entry starts on
 */
public record EndpointSpec(String network, int address, long mac, String namespace, String interfaceName, int node,
                           String path, int line) {

    public boolean isLocal() {
        return namespace != null;
    }
}
