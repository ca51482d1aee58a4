package dev.swarmnet.controlplane.ingress;

import dev.swarmnet.dataplane.io.Transport;
import dev.swarmnet.dataplane.lb.LbAlgorithm;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** The mesh's TCP and UDP relays on loopback, with local echo servers as backends (no namespaces). */
class MeshControllerTest {
    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();

    private MeshController mesh;
    private final List<AutoCloseable> closing = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() {
        mesh = new MeshController(List.of(LOOPBACK), 1, Duration.ofMillis(200), transport());
    }

    /** The transport the mesh runs on; a subclass runs every case on another. */
    Transport transport() {
        return Transport.EPOLL;
    }

    @AfterEach
    void stop() throws Exception {
        mesh.close();
        for (AutoCloseable closeable : closing) {
            closeable.close();
        }
    }

    /** A TCP backend that sends its name, then echoes; with {@code proxyHeader} it first reads 28 bytes into it. */
    private int tcpBackend(String name, List<byte[]> proxyHeaders) throws IOException {
        ServerSocket server = new ServerSocket(0, 50, LOOPBACK);
        closing.add(server);
        daemon(() -> {
            while (!server.isClosed()) {
                try {
                    Socket socket = server.accept();
                    closing.add(socket);
                    daemon(() -> serve(socket, name, proxyHeaders));
                } catch (IOException e) {
                    return;
                }
            }
        });
        return server.getLocalPort();
    }

    private static void serve(Socket socket, String name, List<byte[]> proxyHeaders) {
        try (socket) {
            InputStream in = socket.getInputStream();
            if (proxyHeaders != null) {
                byte[] header = new byte[28];
                new DataInputStream(in).readFully(header);
                proxyHeaders.add(header);
            }
            OutputStream out = socket.getOutputStream();
            out.write((name + "\n").getBytes(StandardCharsets.US_ASCII));
            in.transferTo(out);
        } catch (IOException ignored) {
            // the flow ended
        }
    }

    private static Thread daemon(Runnable body) {
        Thread thread = new Thread(body, "mesh-test");
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, LOOPBACK)) {
            return socket.getLocalPort();
        }
    }

    private static MeshRoute route(MeshPort port, boolean proxy, Duration idle, MeshBackend... backends) {
        return new MeshRoute("svc1", "web", port, LbAlgorithm.ROUND_ROBIN, 0, proxy, idle, List.of(backends));
    }

    private void publish(MeshRoute route) {
        TreeMap<MeshPort, MeshRoute> routes = new TreeMap<>();
        routes.put(route.port(), route);
        mesh.apply(routes);
    }

    private static String firstLine(Socket socket) throws IOException {
        StringBuilder line = new StringBuilder();
        InputStream in = socket.getInputStream();
        for (int b = in.read(); b != '\n'; b = in.read()) {
            if (b < 0) {
                throw new IOException("closed before a line");
            }
            line.append((char) b);
        }
        return line.toString();
    }

    @Test
    @DisplayName("TCP flows reach the backends in turn and echo both ways")
    void tcpFlowsReachTheBackendsInTurnAndEcho() throws Exception {
        MeshPort port = new MeshPort("tcp", freePort());
        publish(route(port, false, Duration.ofMinutes(1),
                new MeshBackend("a", "127.0.0.1", tcpBackend("a", null), false),
                new MeshBackend("b", "127.0.0.1", tcpBackend("b", null), false)));
        Map<String, Integer> seen = new HashMap<>();
        for (int i = 0; i < 10; i++) {
            try (Socket socket = new Socket(LOOPBACK, port.port())) {
                socket.setSoTimeout(5000);
                seen.merge(firstLine(socket), 1, Integer::sum);
                byte[] payload = new byte[200_000];
                new java.util.Random(i).nextBytes(payload);
                Thread writer = daemon(() -> {
                    try {
                        socket.getOutputStream().write(payload);
                        socket.shutdownOutput();
                    } catch (IOException ignored) {
                        // the read side fails the test
                    }
                });
                byte[] echoed = socket.getInputStream().readAllBytes();
                assertThat(echoed.length).isEqualTo(payload.length);
                assertThat(java.util.Arrays.equals(echoed, payload)).as("echoed bytes equal the sent ones").isTrue();
                writer.join();
            }
        }
        assertThat(seen).containsOnly(Map.entry("a", 5), Map.entry("b", 5));
        await().atMost(5, TimeUnit.SECONDS).until(() -> mesh.openFlows(port) == 0);
    }

    @Test
    @DisplayName("a route with PROXY v2 sends the client's address before any data")
    void proxyV2HeaderCarriesTheClientAddress() throws Exception {
        MeshPort port = new MeshPort("tcp", freePort());
        List<byte[]> headers = new CopyOnWriteArrayList<>();
        publish(route(port, true, Duration.ofMinutes(1), new MeshBackend("a", "127.0.0.1", tcpBackend("a", headers), false)));
        try (Socket socket = new Socket(LOOPBACK, port.port())) {
            socket.setSoTimeout(5000);
            assertThat(firstLine(socket)).isEqualTo("a");
            byte[] expected = ProxyProtocolV2.header((InetSocketAddress) socket.getLocalSocketAddress(),
                    (InetSocketAddress) socket.getRemoteSocketAddress(), false);
            assertThat(headers).singleElement().isEqualTo(expected);
        }
    }

    @Test
    @DisplayName("a port without backends resets new connections")
    void noBackendResets() throws Exception {
        MeshPort port = new MeshPort("tcp", freePort());
        publish(route(port, false, Duration.ofMinutes(1)));
        try (Socket socket = new Socket(LOOPBACK, port.port())) {
            socket.setSoTimeout(5000);
            assertThatThrownBy(() -> socket.getInputStream().read()).isInstanceOf(SocketException.class)
                    .hasMessageContaining("reset");
        }
    }

    @Test
    @DisplayName("an idle flow is reset when its idle timeout expires")
    void idleFlowIsReset() throws Exception {
        MeshPort port = new MeshPort("tcp", freePort());
        publish(route(port, false, Duration.ofMillis(300), new MeshBackend("a", "127.0.0.1", tcpBackend("a", null), false)));
        try (Socket socket = new Socket(LOOPBACK, port.port())) {
            socket.setSoTimeout(5000);
            assertThat(firstLine(socket)).isEqualTo("a");
            assertThatThrownBy(() -> socket.getInputStream().read()).isInstanceOf(SocketException.class)
                    .hasMessageContaining("reset");
        }
    }

    @Test
    @DisplayName("a draining backend keeps its flow; a backend whose task ended has its flows ended")
    void drainingKeepsFlowsEndedTasksLoseThem() throws Exception {
        MeshPort port = new MeshPort("tcp", freePort());
        int a = tcpBackend("a", null);
        publish(route(port, false, Duration.ofMinutes(1), new MeshBackend("a", "127.0.0.1", a, false)));
        try (Socket socket = new Socket(LOOPBACK, port.port())) {
            socket.setSoTimeout(5000);
            assertThat(firstLine(socket)).isEqualTo("a");
            publish(route(port, false, Duration.ofMinutes(1), new MeshBackend("a", "127.0.0.1", a, true)));
            socket.getOutputStream().write("still\n".getBytes(StandardCharsets.US_ASCII));
            assertThat(firstLine(socket)).isEqualTo("still");
            try (Socket refused = new Socket(LOOPBACK, port.port())) {
                refused.setSoTimeout(5000);
                assertThatThrownBy(() -> refused.getInputStream().read()).isInstanceOf(SocketException.class);
            }
            publish(route(port, false, Duration.ofMinutes(1)));
            assertThatThrownBy(() -> socket.getInputStream().read()).isInstanceOf(SocketException.class)
                    .hasMessageContaining("reset");
        }
    }

    @Test
    @DisplayName("UDP datagrams reach a backend and its replies come back from the published port")
    void udpRelay() throws Exception {
        DatagramSocket backend = new DatagramSocket(new InetSocketAddress(LOOPBACK, 0));
        closing.add(backend);
        daemon(() -> {
            byte[] buffer = new byte[2048];
            while (!backend.isClosed()) {
                try {
                    DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
                    backend.receive(packet);
                    String reply = "echo:" + new String(packet.getData(), 0, packet.getLength(), StandardCharsets.US_ASCII);
                    byte[] bytes = reply.getBytes(StandardCharsets.US_ASCII);
                    backend.send(new DatagramPacket(bytes, bytes.length, packet.getSocketAddress()));
                } catch (IOException e) {
                    return;
                }
            }
        });
        MeshPort port = new MeshPort("udp", freePort());
        publish(route(port, false, Duration.ofSeconds(30), new MeshBackend("a", "127.0.0.1", backend.getLocalPort(), false)));
        assertThat(mesh.openPorts()).containsKey(port);
        try (DatagramSocket client = new DatagramSocket(new InetSocketAddress(LOOPBACK, 0))) {
            client.setSoTimeout(5000);
            for (int i = 0; i < 3; i++) {
                byte[] bytes = ("ping" + i).getBytes(StandardCharsets.US_ASCII);
                client.send(new DatagramPacket(bytes, bytes.length, new InetSocketAddress(LOOPBACK, port.port())));
                DatagramPacket reply = new DatagramPacket(new byte[100], 100);
                client.receive(reply);
                assertThat(new String(reply.getData(), 0, reply.getLength(), StandardCharsets.US_ASCII)).isEqualTo("echo:ping" + i);
                assertThat(reply.getPort()).isEqualTo(port.port());
            }
        }
        assertThat(mesh.openFlows(port)).isEqualTo(1);
    }

    @Test
    @DisplayName("a port used by another program is reported blocked and opens once it is free")
    void blockedPortIsRetried() throws Exception {
        ServerSocket squatter = new ServerSocket(0, 1, LOOPBACK);
        MeshPort port = new MeshPort("tcp", squatter.getLocalPort());
        publish(route(port, false, Duration.ofMinutes(1), new MeshBackend("a", "127.0.0.1", tcpBackend("a", null), false)));
        assertThat(mesh.blockedPorts()).containsKey(port);
        assertThat(mesh.openPorts()).doesNotContainKey(port);
        squatter.close();
        await().atMost(5, TimeUnit.SECONDS).until(() -> mesh.openPorts().containsKey(port));
        try (Socket socket = new Socket(LOOPBACK, port.port())) {
            socket.setSoTimeout(5000);
            assertThat(firstLine(socket)).isEqualTo("a");
        }
        mesh.apply(new TreeMap<>());
        assertThat(mesh.openPorts()).isEmpty();
        assertThatThrownBy(() -> new Socket(LOOPBACK, port.port()).close()).isInstanceOf(IOException.class);
        assertThat(new ArrayList<>(mesh.blockedPorts().keySet())).isEmpty();
    }
}
