package dev.swarmnet.controlplane.standalone;

import dev.swarmnet.linux.LinuxSupport;
import dev.swarmnet.linux.NetworkNamespace;
import dev.swarmnet.linux.TapConfig;
import dev.swarmnet.linux.TapDevice;
import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.HashMap;
import java.util.Map;

/**
 * {@link PortFactory} on the native module: named namespaces as {@code ip netns} keeps them, TAPs
 * created inside them. Used by one thread (the runner's).
 */
public final class LinuxPortFactory implements PortFactory {
    private final Map<String, NetworkNamespace> open = new HashMap<>();

    @Override
    public String unavailabilityCause() {
        Throwable cause = LinuxSupport.unavailabilityCause();
        return cause == null ? null : cause.getMessage();
    }

    @Override
    public boolean ensureNamespace(String name) throws IOException {
        if (open.containsKey(name)) {
            return false;
        }
        boolean create = !NetworkNamespace.exists(name);
        if (create && privateMountNamespace()) {
            throw new IOException("cannot create network namespace " + name + ": this process runs in a private mount "
                    + "namespace (e.g. under 'ip netns exec'), so other processes would never see it; create it first "
                    + "with 'ip netns add " + name + "', or run swarmnet in the host's mount namespace and use --netns");
        }
        open.put(name, create ? NetworkNamespace.create(name) : NetworkNamespace.open(name));
        return create;
    }

    @Override
    public void deleteNamespace(String name) throws IOException {
        NetworkNamespace namespace = open.remove(name);
        if (namespace != null) {
            namespace.delete();
        } else {
            NetworkNamespace.delete(name);
        }
    }

    @Override
    public Tap createTap(TapRequest request) throws IOException {
        NetworkNamespace namespace = open.get(request.namespace());
        if (namespace == null) {
            throw new IllegalStateException("namespace " + request.namespace() + " was not ensured first");
        }
        TapDevice tap = TapDevice.create(namespace, TapConfig.named(request.name()).withMtu(request.mtu())
                .withMac(request.macBytes()).withVnetHeader(request.offloads()));
        try {
            if (request.offloads()) {
                tap.setOffloads(TapDevice.TUN_F_CSUM | TapDevice.TUN_F_TSO4);
            }
            tap.assignIpv4(ipv4(request.address()), request.prefixLength());
            namespace.replaceDefaultRoute(ipv4(request.gateway()), tap.name());
        } catch (IOException | RuntimeException e) {
            try {
                tap.close();
            } catch (IOException closing) {
                e.addSuppressed(closing);
            }
            throw e;
        }
        return new Tap() {
            @Override
            public int fd() {
                return tap.fd();
            }

            @Override
            public boolean vnetHeader() {
                return tap.vnetHeader();
            }

            @Override
            public void close() throws IOException {
                tap.close();
            }
        };
    }

    @Override
    public <T> T inNamespace(String namespace, java.util.concurrent.Callable<T> task) throws Exception {
        if (namespace == null) {
            return task.call();
        }
        try (NetworkNamespace ns = NetworkNamespace.open(namespace)) {
            return ns.call(task::call);
        }
    }

    @Override
    public void release() {
        for (NetworkNamespace namespace : open.values()) {
            try {
                namespace.close();
            } catch (IOException ignored) {
                // closing an fd we own cannot usefully fail; nothing else holds it
            }
        }
        open.clear();
    }

    /** True when this process does not share init's mount namespace (its namespace mounts would not show). */
    private static boolean privateMountNamespace() {
        try {
            return !java.nio.file.Files.readSymbolicLink(java.nio.file.Path.of("/proc/self/ns/mnt"))
                    .equals(java.nio.file.Files.readSymbolicLink(java.nio.file.Path.of("/proc/1/ns/mnt")));
        } catch (IOException | SecurityException e) {
            return false; // cannot tell (e.g. no access to init's): assume the common case
        }
    }

    private static Inet4Address ipv4(int address) throws IOException {
        return (Inet4Address) InetAddress.getByAddress(new byte[] {
            (byte) (address >>> 24), (byte) (address >>> 16), (byte) (address >>> 8), (byte) address});
    }
}
