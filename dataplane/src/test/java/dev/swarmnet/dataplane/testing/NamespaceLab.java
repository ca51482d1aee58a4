package dev.swarmnet.dataplane.testing;

import dev.swarmnet.dataplane.io.DataPlane;
import dev.swarmnet.dataplane.io.DataPlaneConfig;
import dev.swarmnet.dataplane.io.Transport;
import dev.swarmnet.dataplane.program.ProgramDoor;
import dev.swarmnet.dataplane.wire.Ipv4;
import dev.swarmnet.linux.NetworkNamespace;
import dev.swarmnet.linux.TapConfig;
import dev.swarmnet.linux.TapDevice;
import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Real hosts and tasks on this machine, for tests that need the kernel: every host is a network
 * namespace with a veth on an underlay bridge (itself in a namespace of its own, at
 * 198.18.0.1, so the root namespace is never touched) and a {@link DataPlane} running in it; every task is a namespace
 * with a TAP {@code eth0} that its host's data plane reads.
 *
 * <p>Names carry a per-run prefix ({@code swn<pid>x<n>-}); {@link #close()} deletes everything
 * the lab made, and a shutdown hook does the same if the JVM dies first. Namespaces left by a
 * run whose process is gone are removed when the next lab starts.
 */
public final class NamespaceLab implements AutoCloseable {
    public static final String UNDERLAY_SUBNET = "198.18.0.";
    private static final String BASE = "swn";
    private static int labs;

    private final String prefix;
    private final List<String> namespaces = Collections.synchronizedList(new ArrayList<>());
    private final List<DataPlane> planes = Collections.synchronizedList(new ArrayList<>());
    private final List<Task> tasks = Collections.synchronizedList(new ArrayList<>());
    private final Thread cleanup = new Thread(this::close, "namespace-lab-cleanup");
    private final NetworkNamespace underlay;
    private boolean closed;

    public NamespaceLab() throws IOException {
        removeStale();
        synchronized (NamespaceLab.class) {
            prefix = BASE + ProcessHandle.current().pid() + "x" + (labs++) + "-";
        }
        Runtime.getRuntime().addShutdownHook(cleanup);
        underlay = namespace("u");
        ip("-n", underlay.name(), "link", "add", "br0", "type", "bridge");
        ip("-n", underlay.name(), "addr", "add", UNDERLAY_SUBNET + "1/24", "dev", "br0");
        ip("-n", underlay.name(), "link", "set", "br0", "up");
    }

    /** True when this process may build namespaces (tests skip otherwise; CI runs as root). */
    public static boolean canRun() {
        return "root".equals(System.getProperty("user.name")) && new java.io.File("/dev/net/tun").exists();
    }

    public String prefix() {
        return prefix;
    }

    public NetworkNamespace underlay() {
        return underlay;
    }

    /** A host: a namespace with {@code u0} at {@code 198.18.0.<octet>/24} on the underlay bridge. */
    public Host host(String name, int octet) throws IOException {
        NetworkNamespace ns = namespace(name);
        String bridgePort = "p-" + name;
        ip("link", "add", "u0", "netns", ns.name(), "type", "veth", "peer", "name", bridgePort, "netns", underlay.name());
        ip("-n", underlay.name(), "link", "set", bridgePort, "master", "br0", "up");
        ip("-n", ns.name(), "addr", "add", UNDERLAY_SUBNET + octet + "/24", "dev", "u0");
        ip("-n", ns.name(), "link", "set", "u0", "up");
        return new Host(ns, UNDERLAY_SUBNET + octet);
    }

    /**
     * A task namespace with a TAP {@code eth0} (address/24, MAC, MTU, default route via the
     * gateway). The TAP can be handed to a data plane ({@link Host#attach}), which reads its own
     * duplicate of the descriptor; the lab closes the TAP and the namespace's descriptor.
     */
    public Task task(String name, int address, long mac, int gateway, int mtu) throws IOException {
        return task(name, address, mac, gateway, mtu, false);
    }

    /**
     * As {@link #task(String, int, long, int, int)}; with {@code offloads} the TAP carries a
     * virtio-net header and lets the task's kernel hand over partial checksums and TCP
     * super-frames (TSO).
     */
    public Task task(String name, int address, long mac, int gateway, int mtu, boolean offloads) throws IOException {
        NetworkNamespace ns = namespace(name);
        byte[] macBytes = new byte[6];
        for (int i = 0; i < 6; i++) {
            macBytes[i] = (byte) (mac >>> (40 - 8 * i));
        }
        TapDevice tap = TapDevice.create(ns,
                TapConfig.named("eth0").withMtu(mtu).withMac(macBytes).withVnetHeader(offloads));
        if (offloads) {
            tap.setOffloads(TapDevice.TUN_F_CSUM | TapDevice.TUN_F_TSO4);
        }
        tap.assignIpv4(inet(address), 24);
        ns.replaceDefaultRoute(inet(gateway), "eth0");
        Task task = new Task(ns, tap, address);
        tasks.add(task);
        return task;
    }

    /** Creates a namespace of this lab with {@code lo} up. */
    public NetworkNamespace namespace(String name) throws IOException {
        String full = prefix + name;
        NetworkNamespace ns = NetworkNamespace.create(full);
        namespaces.add(full);
        ip("-n", full, "link", "set", "lo", "up");
        return ns;
    }

    /** Runs {@code ip ARGS...}, failing with its output when it fails. */
    public static String ip(String... args) throws IOException {
        List<String> command = new ArrayList<>();
        command.add("ip");
        Collections.addAll(command, args);
        Result r = run(command, 20);
        if (r.exit() != 0) {
            throw new IOException(String.join(" ", command) + " failed (" + r.exit() + "): " + r.output());
        }
        return r.output();
    }

    /** Runs a command inside a namespace ({@code ip netns exec}). */
    public static Result exec(NetworkNamespace ns, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of("ip", "netns", "exec", ns.name()));
        Collections.addAll(command, args);
        return run(command, 60);
    }

    public static Result run(List<String> command, int timeoutSeconds) throws IOException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        try {
            if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IOException(String.join(" ", command) + " did not finish in " + timeoutSeconds + " s");
            }
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted: " + command, e);
        }
        return new Result(p.exitValue(), new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
    }

    public static Inet4Address inet(int address) {
        try {
            return (Inet4Address) InetAddress.getByName(Ipv4.format(address));
        } catch (IOException e) {
            throw new IllegalArgumentException(e);
        }
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        for (DataPlane plane : planes) {
            plane.close();
        }
        for (Task task : tasks) {
            try {
                task.tap.close();
                task.ns.close();
            } catch (IOException | RuntimeException e) {
                System.err.println("namespace lab: could not close " + task.tap + ": " + e);
            }
        }
        List<String> names = new ArrayList<>(namespaces);
        Collections.reverse(names);
        for (String name : names) {
            try {
                NetworkNamespace.delete(name);
            } catch (IOException | RuntimeException e) {
                System.err.println("namespace lab: could not delete " + name + ": " + e);
            }
        }
        if (Thread.currentThread() != cleanup) {
            try {
                Runtime.getRuntime().removeShutdownHook(cleanup);
            } catch (IllegalStateException shuttingDown) {
                // the hook is running or about to: nothing to remove
            }
        }
    }

    /** Removes namespaces of earlier labs whose process no longer exists. */
    private static void removeStale() throws IOException {
        for (String name : NetworkNamespace.list()) {
            if (!name.startsWith(BASE)) {
                continue;
            }
            int x = name.indexOf('x', BASE.length());
            if (x < 0) {
                continue;
            }
            try {
                long pid = Long.parseLong(name.substring(BASE.length(), x));
                if (ProcessHandle.of(pid).isEmpty()) {
                    NetworkNamespace.delete(name);
                }
            } catch (NumberFormatException ignored) {
                // not one of ours
            }
        }
    }

    /** Output and exit code of a command. */
    public record Result(int exit, String output) {
    }

    /** A host namespace and the data plane running in it. */
    public final class Host {
        public final NetworkNamespace ns;
        public final String underlayAddress;
        public DataPlane plane;

        Host(NetworkNamespace ns, String underlayAddress) {
            this.ns = ns;
            this.underlayAddress = underlayAddress;
        }

        public int underlay() {
            return Ipv4.parse(underlayAddress);
        }

        /** Starts this host's data plane inside its namespace, bound to its underlay address. */
        public DataPlane start(ProgramDoor door) throws Exception {
            return start(door, Transport.EPOLL);
        }

        /** As {@link #start(ProgramDoor)}, on {@code transport} (or its fallback where it cannot load). */
        public DataPlane start(ProgramDoor door, Transport transport) throws Exception {
            DataPlaneConfig config = DataPlaneConfig.defaults().withUnderlay(underlayAddress, 4789).withTransport(transport);
            plane = ns.call(() -> DataPlane.start(config, door));
            planes.add(plane);
            return plane;
        }

        /** Hands a task's TAP to this host's data plane as local port {@code port}. */
        public void attach(Task task, int port) throws IOException {
            plane.attachPort(port, task.tap.fd(), task.tap.vnetHeader());
        }
    }

    /** A task namespace and its TAP. */
    public static final class Task {
        public final NetworkNamespace ns;
        public final TapDevice tap;
        public final int address;

        public Task(NetworkNamespace ns, TapDevice tap, int address) {
            this.ns = ns;
            this.tap = tap;
            this.address = address;
        }

        public String ip() {
            return Ipv4.format(address);
        }
    }
}
