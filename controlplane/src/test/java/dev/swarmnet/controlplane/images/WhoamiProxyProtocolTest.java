package dev.swarmnet.controlplane.images;

import dev.swarmnet.controlplane.ingress.ProxyProtocolV2;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class WhoamiProxyProtocolTest {
    private static final Map<String, String> ENV = Map.of("HOSTNAME", "abcdefghijkl", Whoami.PROXY_ENV, "v2");

    private static String exchange(int port, byte[] header) throws IOException {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            socket.setSoTimeout(5000);
            OutputStream out = socket.getOutputStream();
            out.write(header);
            out.write("GET / HTTP/1.0\r\nHost: web\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void reportsTheClientNamedByAProxyV2HeaderAsRemoteAddr() throws Exception {
        try (Whoami whoami = Whoami.start(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), ENV)) {
            byte[] header = ProxyProtocolV2.header(new InetSocketAddress("198.18.11.200", 51234),
                    new InetSocketAddress("198.18.11.3", 8080), false);
            String response = exchange(whoami.port(), header);
            assertThat(response).startsWith("HTTP/1.1 200").contains("RemoteAddr: 198.18.11.200:51234\n", "Host: web\n");
        }
    }

    @Test
    void servesAConnectionWithoutAHeaderAsItsPeer() throws Exception {
        try (Whoami whoami = Whoami.start(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), ENV)) {
            String response = exchange(whoami.port(), new byte[0]);
            assertThat(response).startsWith("HTTP/1.1 200").contains("RemoteAddr: 127.0.0.1:");
        }
    }
}
