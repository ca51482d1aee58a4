package dev.swarmnet.dataplane.io;

import static dev.swarmnet.dataplane.testing.Frames.ip;
import static dev.swarmnet.dataplane.testing.Frames.macOf;
import static org.assertj.core.api.Assertions.assertThat;

import dev.swarmnet.dataplane.lb.LbAlgorithm;
import dev.swarmnet.dataplane.program.Backend;
import dev.swarmnet.dataplane.program.Endpoint;
import dev.swarmnet.dataplane.program.Network;
import dev.swarmnet.dataplane.program.Program;
import dev.swarmnet.dataplane.program.ProgramDoor;
import dev.swarmnet.dataplane.program.VirtualService;
import dev.swarmnet.dataplane.stats.Counter;
import dev.swarmnet.dataplane.testing.NamespaceLab;
import dev.swarmnet.dataplane.testing.NamespaceLab.Host;
import dev.swarmnet.dataplane.testing.NamespaceLab.Result;
import dev.swarmnet.dataplane.testing.NamespaceLab.Task;
import dev.swarmnet.dataplane.wire.Ipv4;
import dev.swarmnet.linux.NetworkNamespace;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The data plane between real network namespaces, with kernel traffic (root only; CI is root).
 *
 * <pre>
 *  underlay bridge 198.18.0.0/24
 *   h1 .11  tasks: t1 10.0.1.11 (port 1, offloads), t3 10.0.1.13 (port 3), client 10.0.1.20 (port 4), big 10.0.1.21 (MTU 1500, port 5)
 *   h2 .12  tasks: t2 10.0.1.12 (port 2, offloads), t4 10.0.1.14 (port 4)
 *   kv .30  kernel VXLAN VTEP (VNI 4097) bridging kernel task kt 10.0.1.30
 *  VIP web 10.0.1.2:80 → t2:8080, t3:8080, t4:8080 (round robin)
 * </pre>
 */
@Tag("netns")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OverlayNamespacesTest {
    private static final int VNI = 4097;
    private static final int GATEWAY = ip("10.0.1.1");
    private static final int VIP = ip("10.0.1.2");
    private static final int MTU = 1450;

    private NamespaceLab lab;
    private Host h1;
    private Host h2;
    private Task t1;
    private Task t2;
    private Task t3;
    private Task t4;
    private Task client;
    private Task big;
    private NetworkNamespace kernelTask;

    /** The transport both hosts' data planes run on; {@link OverlayNamespacesIoUringTest} runs it all on io_uring. */
    Transport transport() {
        return Transport.EPOLL;
    }

    @BeforeAll
    void buildLab() throws Exception {
        Assumptions.assumeTrue(NamespaceLab.canRun(), "needs root and /dev/net/tun");
        Assumptions.assumeTrue(transport().unavailability() == null, () -> transport().unavailability());
        lab = new NamespaceLab();
        h1 = lab.host("h1", 11);
        h2 = lab.host("h2", 12);
        // t1 and t2 hand their data plane TCP super-frames (checksum and segmentation offloads).
        t1 = lab.task("t1", ip("10.0.1.11"), macOf(ip("10.0.1.11")), GATEWAY, MTU, true);
        t2 = lab.task("t2", ip("10.0.1.12"), macOf(ip("10.0.1.12")), GATEWAY, MTU, true);
        t3 = lab.task("t3", ip("10.0.1.13"), macOf(ip("10.0.1.13")), GATEWAY, MTU);
        t4 = lab.task("t4", ip("10.0.1.14"), macOf(ip("10.0.1.14")), GATEWAY, MTU);
        client = lab.task("c", ip("10.0.1.20"), macOf(ip("10.0.1.20")), GATEWAY, MTU);
        big = lab.task("big", ip("10.0.1.21"), macOf(ip("10.0.1.21")), GATEWAY, 1500);
        kernelTask = kernelVtep();

        h1.start(new ProgramDoor(program(h1, Map.of(t1, 1, t3, 3, client, 4, big, 5))), transport());
        h2.start(new ProgramDoor(program(h2, Map.of(t2, 2, t4, 4))), transport());
        assertThat(List.of(h1.plane.transport(), h2.plane.transport())).containsOnly(transport());
        h1.attach(t1, 1);
        h1.attach(t3, 3);
        h1.attach(client, 4);
        h1.attach(big, 5);
        h2.attach(t2, 2);
        h2.attach(t4, 4);
    }

    @AfterAll
    void removeLab() {
        if (lab != null) {
            lab.close();
        }
    }

    /** Each host's view: its own tasks are local ports, everyone else's are behind their node. */
    private Program program(Host self, Map<Task, Integer> localPorts) {
        Program.Builder b = Program.builder().network(Network.of("blue", VNI, "10.0.1.0/24"));
        Map<Task, Host> placement = new HashMap<>();
        for (Task t : List.of(t1, t3, client, big)) {
            placement.put(t, h1);
        }
        for (Task t : List.of(t2, t4)) {
            placement.put(t, h2);
        }
        placement.forEach((task, host) -> b.endpoint(host == self
                ? Endpoint.local(VNI, task.address, macOf(task.address), localPorts.get(task))
                : Endpoint.remote(VNI, task.address, macOf(task.address), host.underlay())));
        b.endpoint(Endpoint.remote(VNI, ip("10.0.1.30"), macOf(ip("10.0.1.30")), ip(NamespaceLab.UNDERLAY_SUBNET + "30")));
        b.service(VirtualService.tcp("web", VNI, VIP, 80, LbAlgorithm.ROUND_ROBIN, List.of(
                Backend.active(t2.address, 8080), Backend.active(t3.address, 8080), Backend.active(t4.address, 8080))));
        return b.build();
    }

    /** A Linux VXLAN VTEP on the underlay, bridging a kernel "task" namespace, FDB pointing at h1. */
    private NetworkNamespace kernelVtep() throws Exception {
        Host kv = lab.host("kv", 30);
        NetworkNamespace kt = lab.namespace("kt");
        String kvName = kv.ns.name();
        NamespaceLab.ip("-n", kvName, "link", "add", "vx0", "type", "vxlan", "id", String.valueOf(VNI), "dstport", "4789",
                "local", kv.underlayAddress, "dev", "u0", "nolearning");
        NamespaceLab.ip("-n", kvName, "link", "add", "br0", "type", "bridge");
        NamespaceLab.ip("link", "add", "eth0", "netns", kt.name(), "type", "veth", "peer", "name", "kt", "netns", kvName);
        NamespaceLab.ip("-n", kvName, "link", "set", "vx0", "master", "br0", "up");
        NamespaceLab.ip("-n", kvName, "link", "set", "kt", "master", "br0", "up");
        NamespaceLab.ip("-n", kvName, "link", "set", "br0", "up");
        NamespaceLab.ip("-n", kt.name(), "link", "set", "eth0", "address", "02:42:0a:00:01:1e", "mtu", String.valueOf(MTU), "up");
        NamespaceLab.ip("-n", kt.name(), "addr", "add", "10.0.1.30/24", "dev", "eth0");
        // A veth hands the VTEP TCP segments whose checksum is left for "hardware" to fill in; the
        // kernel VTEP then sends them with the inner checksum unfinished, which no peer can use.
        // A real NIC finishes it; here the kernel task computes it itself.
        run("ip", "netns", "exec", kt.name(), "ethtool", "-K", "eth0", "tx", "off");
        String h1Address = NamespaceLab.UNDERLAY_SUBNET + "11";
        run("bridge", "-n", kvName, "fdb", "append", "00:00:00:00:00:00", "dev", "vx0", "dst", h1Address);
        for (String mac : List.of("02:42:0a:00:01:0b", "02:42:0a:00:01:0d", "02:42:0a:00:01:14", "02:42:0a:00:01:02")) {
            run("bridge", "-n", kvName, "fdb", "append", mac, "dev", "vx0", "dst", h1Address);
        }
        return kt;
    }

    @Test
    void tasksOnDifferentHostsShouldPingBothWaysAndMoveOneHundredMegabytesIntact() throws Exception {
        assertPings(t1.ns, t2.ip());
        assertPings(t2.ns, t1.ip());
        assertTransfer(t1.ns, t2, 100 << 20);
        assertThat(h1.plane.counters()[Counter.TAP_RX_SUPERFRAMES]).as("super-frames cut by h1").isPositive();
    }

    @Test
    void tasksOnTheSameHostShouldTalkWithoutTouchingTheUnderlay() throws Exception {
        long sentBefore = h1.plane.counters()[Counter.UNDERLAY_TX_DATAGRAMS];
        assertPings(t1.ns, t3.ip());
        assertTransfer(t1.ns, t3, 1 << 20);
        assertThat(h1.plane.counters()[Counter.UNDERLAY_TX_DATAGRAMS]).isEqualTo(sentBefore);
    }

    @Test
    void aVipShouldSpreadThreeHundredConnectionsOverThreeBackendsAndOnlyEverShowTheVip() throws Exception {
        List<Task> backends = List.of(t2, t3, t4);
        List<ServerSocket> servers = new java.util.ArrayList<>();
        AtomicBoolean serving = new AtomicBoolean(true);
        for (Task backend : backends) {
            ServerSocket server = backend.ns.call(() -> new ServerSocket(8080, 50, NamespaceLab.inet(backend.address)));
            servers.add(server);
            Thread acceptor = new Thread(() -> answerWithName(server, backend.ip(), serving), "backend-" + backend.ip());
            acceptor.setDaemon(true);
            acceptor.start();
        }
        try {
            Map<String, Integer> answers = client.ns.call(() -> {
                Map<String, Integer> counts = new HashMap<>();
                for (int i = 0; i < 300; i++) {
                    try (Socket s = new Socket()) {
                        s.connect(new InetSocketAddress(NamespaceLab.inet(VIP), 80), 5000);
                        s.setSoTimeout(5000);
                        assertThat(s.getRemoteSocketAddress()).isEqualTo(new InetSocketAddress(NamespaceLab.inet(VIP), 80));
                        String name = new String(s.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
                        counts.merge(name, 1, Integer::sum);
                    }
                }
                return counts;
            });
            assertThat(answers.keySet()).containsExactlyInAnyOrder(t2.ip(), t3.ip(), t4.ip());
            answers.values().forEach(n -> assertThat(n).isBetween(85, 115));
            assertThat(h1.plane.counters()[Counter.VIP_NEW_FLOWS]).isGreaterThanOrEqualTo(300);
        } finally {
            serving.set(false);
            for (ServerSocket server : servers) {
                server.close();
            }
        }
    }

    @Test
    void aKernelVxlanVtepShouldExchangePingAndTcpWithASwarmnetTaskBothWays() throws Exception {
        assertPings(kernelTask, t1.ip());
        assertPings(t1.ns, "10.0.1.30");
        Task kernel = new Task(kernelTask, null, ip("10.0.1.30"));
        assertTransfer(t1.ns, kernel, 4 << 20);
        assertTransfer(kernelTask, t1, 4 << 20);
    }

    @Test
    void pathMtuDiscoveryShouldGetFragmentationNeededInsteadOfSilence() throws Exception {
        Result fits = NamespaceLab.exec(big.ns, "ping", "-c", "2", "-W", "2", "-M", "do", "-s", "1372", t2.ip());
        assertThat(fits.exit()).as(fits.output()).isZero();
        Result tooBig = NamespaceLab.exec(big.ns, "ping", "-c", "2", "-W", "2", "-M", "do", "-s", "1472", t2.ip());
        assertThat(tooBig.output()).contains("mtu = 1450");
        assertThat(h1.plane.counters()[Counter.FRAGMENTATION_NEEDED]).isPositive();
    }

    @Test
    void garbageOnTheUnderlayShouldBeDroppedAndCountedWhileATransferCompletes() throws Exception {
        long[] before = h2.plane.counters();
        AtomicBoolean spraying = new AtomicBoolean(true);
        CompletableFuture<Integer> garbage = CompletableFuture.supplyAsync(() -> {
            try {
                return h1.ns.call(() -> spray(spraying));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        try {
            assertTransfer(t1.ns, t2, 20 << 20);
        } finally {
            spraying.set(false);
        }
        int sent = garbage.get(30, TimeUnit.SECONDS);
        assertThat(sent).isPositive();
        // Sent is not yet read: the last datagrams may still wait in h2's socket when the spray ends.
        org.awaitility.Awaitility.await().untilAsserted(() -> {
            long[] after = h2.plane.counters();
            assertThat(after[Counter.DROP_MALFORMED_VXLAN] - before[Counter.DROP_MALFORMED_VXLAN]).isPositive();
            assertThat(after[Counter.DROP_VXLAN_NO_VNI_FLAG] - before[Counter.DROP_VXLAN_NO_VNI_FLAG]).isPositive();
            assertThat(after[Counter.DROP_UNKNOWN_VNI] - before[Counter.DROP_UNKNOWN_VNI]).isPositive();
        });
        try (DatagramSocket stranger = lab.underlay().call(DatagramSocket::new)) {
            byte[] datagram = new byte[64];
            stranger.send(new DatagramPacket(datagram, datagram.length,
                    new InetSocketAddress(NamespaceLab.UNDERLAY_SUBNET + "12", 4789)));
        }
        org.awaitility.Awaitility.await().until(() -> h2.plane.counters()[Counter.DROP_UNKNOWN_PEER] > before[Counter.DROP_UNKNOWN_PEER]);
    }

    /**
     * Sends truncated, flagless, wrong-VNI and random datagrams to h2's VXLAN port until told to
     * stop, from h1's address (h2 drops datagrams from addresses that are not its peers before
     * reading them, which would hide the other checks).
     */
    private static Integer spray(AtomicBoolean spraying) throws Exception {
        SplittableRandom random = new SplittableRandom(7);
        int sent = 0;
        try (DatagramSocket socket = new DatagramSocket()) {
            InetSocketAddress h2 = new InetSocketAddress(NamespaceLab.UNDERLAY_SUBNET + "12", 4789);
            while ((spraying.get() || sent < 30) && sent < 200_000) {
                byte[] datagram;
                switch (sent % 4) {
                    case 0: datagram = new byte[1 + random.nextInt(7)]; break;
                    case 1: datagram = new byte[64]; break;
                    case 2:
                        datagram = new byte[64];
                        datagram[0] = 0x08;
                        datagram[6] = 0x77;
                        break;
                    default:
                        datagram = new byte[random.nextInt(1400)];
                        random.nextBytes(datagram);
                        break;
                }
                socket.send(new DatagramPacket(datagram, datagram.length, h2));
                sent++;
                if (sent % 64 == 0) {
                    Thread.sleep(1); // a steady drizzle, not a flood that starves the transfer
                }
            }
        }
        return sent;
    }

    private static void answerWithName(ServerSocket server, String name, AtomicBoolean serving) {
        while (serving.get()) {
            try (Socket s = server.accept()) {
                s.getOutputStream().write(name.getBytes(StandardCharsets.US_ASCII));
            } catch (java.io.IOException e) {
                if (!serving.get() || server.isClosed()) {
                    return;
                }
            }
        }
    }

    private static void assertPings(NetworkNamespace from, String to) throws Exception {
        Result r = NamespaceLab.exec(from, "ping", "-c", "3", "-i", "0.2", "-W", "2", to);
        assertThat(r.exit()).as("ping %s from %s:%n%s", to, from.name(), r.output()).isZero();
    }

    /** Streams {@code bytes} of seeded random data from {@code from} to a server in {@code to}; compares SHA-256. */
    private static void assertTransfer(NetworkNamespace from, Task to, int bytes) throws Exception {
        ServerSocket server = to.ns.call(() -> new ServerSocket(9000, 1, NamespaceLab.inet(to.address)));
        try {
            CompletableFuture<String> received = CompletableFuture.supplyAsync(() -> {
                try (Socket s = server.accept(); InputStream in = s.getInputStream()) {
                    MessageDigest sha = MessageDigest.getInstance("SHA-256");
                    byte[] buf = new byte[64 << 10];
                    for (int n; (n = in.read(buf)) > 0; ) {
                        sha.update(buf, 0, n);
                    }
                    return HexFormat.of().formatHex(sha.digest());
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            String sent = from.call(() -> {
                MessageDigest sha = MessageDigest.getInstance("SHA-256");
                SplittableRandom random = new SplittableRandom(bytes);
                byte[] chunk = new byte[64 << 10];
                try (Socket s = new Socket()) {
                    s.connect(new InetSocketAddress(NamespaceLab.inet(to.address), 9000), 5000);
                    OutputStream out = s.getOutputStream();
                    for (int left = bytes; left > 0; left -= chunk.length) {
                        random.nextBytes(chunk);
                        int n = Math.min(left, chunk.length);
                        sha.update(chunk, 0, n);
                        out.write(chunk, 0, n);
                    }
                }
                return HexFormat.of().formatHex(sha.digest());
            });
            assertThat(received.get(120, TimeUnit.SECONDS)).isEqualTo(sent);
        } finally {
            server.close();
        }
    }

    private static void run(String... command) throws Exception {
        Result r = NamespaceLab.run(List.of(command), 20);
        assertThat(r.exit()).as(String.join(" ", command) + ": " + r.output()).isZero();
    }
}
