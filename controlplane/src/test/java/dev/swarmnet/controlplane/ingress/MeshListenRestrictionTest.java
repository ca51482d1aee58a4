package dev.swarmnet.controlplane.ingress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.swarmnet.dataplane.io.Transport;
import dev.swarmnet.dataplane.lb.LbAlgorithm;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A service's {@value ListenRestriction#LABEL} on a mesh configured to listen on every address
 * (the default): the port opens only on the allowed addresses of this host. Traffic stays on
 * loopback: 127.0.0.1 and 127.0.0.2 are both this host's, and only the first is allowed.
 */
class MeshListenRestrictionTest {
    private static final InetAddress ANY = address(new byte[4]);
    private static final InetAddress LOOPBACK = address(new byte[] {127, 0, 0, 1});
    private static final InetAddress OTHER_LOOPBACK = address(new byte[] {127, 0, 0, 2});

    private MeshController mesh;
    private ServerSocket backend;

    private static InetAddress address(byte[] bytes) {
        try {
            return InetAddress.getByAddress(bytes);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @BeforeEach
    void start() throws IOException {
        mesh = new MeshController(List.of(ANY), 1, Duration.ofMillis(100), Transport.EPOLL);
        backend = new ServerSocket(0, 50, LOOPBACK);
        Thread server = new Thread(() -> {
            while (!backend.isClosed()) {
                try (Socket socket = backend.accept()) {
                    socket.getOutputStream().write("hello\n".getBytes(StandardCharsets.US_ASCII));
                } catch (IOException e) {
                    return;
                }
            }
        }, "listen-restriction-backend");
        server.setDaemon(true);
        server.start();
    }

    @AfterEach
    void stop() throws IOException {
        mesh.close();
        backend.close();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, ANY)) {
            return socket.getLocalPort();
        }
    }

    private MeshRoute route(MeshPort port, String label) {
        return new MeshRoute("svc1", "web", port, LbAlgorithm.ROUND_ROBIN, 0, false, Duration.ofMinutes(1),
                List.of(new MeshBackend("a", "127.0.0.1", backend.getLocalPort(), false)),
                ListenRestriction.ofLabel(label));
    }

    private void publish(MeshRoute route) {
        TreeMap<MeshPort, MeshRoute> routes = new TreeMap<>();
        routes.put(route.port(), route);
        mesh.apply(routes);
    }

    private static String greeting(InetAddress address, int port) throws IOException {
        try (Socket socket = new Socket(address, port)) {
            socket.setSoTimeout(5000);
            InputStream in = socket.getInputStream();
            return new String(in.readNBytes(5), StandardCharsets.US_ASCII);
        }
    }

    private MeshController.PortState state(MeshPort port) {
        return mesh.ports().stream().filter(p -> p.port().equals(port)).findFirst().orElseThrow();
    }

    @Test
    void aPortRestrictedToOneAddressListensThereAndNowhereElse() throws Exception {
        MeshPort port = new MeshPort("tcp", freePort());
        publish(route(port, "127.0.0.1"));

        assertThat(mesh.openPorts().get(port)).containsExactly(new InetSocketAddress(LOOPBACK, port.port()));
        assertThat(greeting(LOOPBACK, port.port())).isEqualTo("hello");
        assertThatThrownBy(() -> greeting(OTHER_LOOPBACK, port.port())).isInstanceOf(ConnectException.class);
    }

    @Test
    void withoutTheLabelThePortListensOnEveryAddress() throws Exception {
        MeshPort port = new MeshPort("tcp", freePort());
        publish(route(port, null));

        assertThat(mesh.openPorts().get(port)).singleElement()
                .satisfies(bound -> assertThat(bound.getAddress().isAnyLocalAddress()).as(bound + " is a wildcard").isTrue());
        assertThat(greeting(OTHER_LOOPBACK, port.port())).isEqualTo("hello");
    }

    @Test
    void aRestrictionNoAddressOfThisHostMeetsKeepsThePortClosedAndSaysWhy() throws Exception {
        MeshPort port = new MeshPort("tcp", freePort());
        // 127.0.0.2 answers on loopback, but it is no interface's address: lo has 127.0.0.1
        publish(route(port, "127.0.0.2"));

        assertThat(mesh.openPorts()).doesNotContainKey(port);
        assertThat(state(port).blockedBecause()).isEqualTo("not opened: no address of this node is in "
                + "swarmnet.ingress.listen=127.0.0.2 (this node listens on 0.0.0.0)");
        assertThat(state(port).restricted()).isTrue();
        assertThatThrownBy(() -> greeting(LOOPBACK, port.port())).isInstanceOf(ConnectException.class);
    }

    @Test
    void aLabelThatDoesNotParseOpensThePortNowhere() throws Exception {
        MeshPort port = new MeshPort("tcp", freePort());
        publish(route(port, "lo"));

        assertThat(mesh.openPorts()).doesNotContainKey(port);
        assertThat(state(port).blockedBecause()).startsWith("not opened: swarmnet.ingress.listen=lo: 'lo' is not");
        assertThat(state(port).restricted()).isTrue();
        assertThatThrownBy(() -> greeting(LOOPBACK, port.port())).isInstanceOf(ConnectException.class);
    }

    @Test
    void changingTheRestrictionReopensThePortWhereItNowAllows() throws Exception {
        MeshPort port = new MeshPort("tcp", freePort());
        publish(route(port, "127.0.0.1"));
        assertThatThrownBy(() -> greeting(OTHER_LOOPBACK, port.port())).isInstanceOf(ConnectException.class);

        publish(route(port, null));
        await().atMost(5, TimeUnit.SECONDS).until(() -> mesh.openPorts().containsKey(port));
        assertThat(mesh.openPorts().get(port)).singleElement()
                .satisfies(bound -> assertThat(bound.getAddress().isAnyLocalAddress()).as(bound + " is a wildcard").isTrue());
        assertThat(greeting(OTHER_LOOPBACK, port.port())).isEqualTo("hello");

        publish(route(port, "127.0.0.2"));
        assertThat(mesh.openPorts()).doesNotContainKey(port);
        assertThatThrownBy(() -> greeting(LOOPBACK, port.port())).isInstanceOf(ConnectException.class);
    }
}
