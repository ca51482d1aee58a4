package dev.swarmnet.controlplane.images;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.DataInputStream;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class EchoTest {
    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();

    @Test
    void echoesManyConcurrentTcpConnectionsByteForByte() throws Exception {
        try (Echo echo = Echo.start(new InetSocketAddress(LOOPBACK, 0))) {
            List<Socket> sockets = new ArrayList<>();
            try {
                for (int i = 0; i < 64; i++) {
                    Socket socket = new Socket(LOOPBACK, echo.port());
                    socket.setSoTimeout(5000);
                    sockets.add(socket);
                }
                Random random = new Random(7);
                for (int round = 0; round < 3; round++) {
                    List<byte[]> sent = new ArrayList<>();
                    for (Socket socket : sockets) {
                        byte[] data = new byte[1 + random.nextInt(40_000)];
                        random.nextBytes(data);
                        sent.add(data);
                        new Thread(() -> write(socket, data)).start();
                    }
                    for (int i = 0; i < sockets.size(); i++) {
                        byte[] back = new byte[sent.get(i).length];
                        new DataInputStream(sockets.get(i).getInputStream()).readFully(back);
                        assertThat(Arrays.equals(back, sent.get(i))).as("connection %d round %d", i, round).isTrue();
                    }
                }
            } finally {
                for (Socket socket : sockets) {
                    socket.close();
                }
            }
        }
    }

    @Test
    void echoesUdpDatagramsToTheirSender() throws Exception {
        try (Echo echo = Echo.start(new InetSocketAddress(LOOPBACK, 0));
             DatagramSocket client = new DatagramSocket(new InetSocketAddress(LOOPBACK, 0))) {
            client.setSoTimeout(5000);
            for (String text : new String[] {"one", "two, a little longer"}) {
                byte[] data = text.getBytes(StandardCharsets.UTF_8);
                client.send(new DatagramPacket(data, data.length, LOOPBACK, echo.port()));
                DatagramPacket reply = new DatagramPacket(new byte[2048], 2048);
                client.receive(reply);

                assertThat(new String(reply.getData(), 0, reply.getLength(), StandardCharsets.UTF_8)).isEqualTo(text);
                assertThat(reply.getPort()).isEqualTo(echo.port());
            }
        }
    }

    @Test
    void asAProcessItListensOnEchoPortAndExitsZeroOnSigterm(@TempDir Path dir) throws Exception {
        int port = ImageProcess.freePort();
        Process process = ImageProcess.start("swarmnet/echo", Map.of("ECHO_PORT", Integer.toString(port)),
            dir.resolve("log"));
        try {
            String answer = await().atMost(Duration.ofSeconds(20)).ignoreExceptions().until(() -> tcpRoundTrip(port, "hello"),
                "hello"::equals);
            assertThat(answer).isEqualTo("hello");

            process.destroy();

            assertThat(process.waitFor(10, TimeUnit.SECONDS)).isTrue();
            assertThat(process.exitValue()).isZero();
        } finally {
            process.destroyForcibly();
        }
    }

    private static String tcpRoundTrip(int port, String text) throws IOException {
        try (Socket socket = new Socket(LOOPBACK, port)) {
            socket.setSoTimeout(2000);
            byte[] data = text.getBytes(StandardCharsets.UTF_8);
            socket.getOutputStream().write(data);
            byte[] back = new byte[data.length];
            new DataInputStream(socket.getInputStream()).readFully(back);
            return new String(back, StandardCharsets.UTF_8);
        }
    }

    private static void write(Socket socket, byte[] data) {
        try {
            socket.getOutputStream().write(data);
        } catch (IOException e) {
            // the reader's readFully then fails the test
        }
    }
}
