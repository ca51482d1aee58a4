package dev.swarmnet.controlplane.images;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class WhoamiTest {
    private static final Map<String, String> ENV = Map.of("HOSTNAME", "abcdefghijkl",
        "SWARMNET_TASK_NAME", "web.1.abcdefghijklmnopqrstuvwxy", "SWARMNET_TASK_ID", "abcdefghijklmnopqrstuvwxy");

    @Test
    void answersEveryRequestOnOneKeptAliveConnectionWithWhoItIsAndWhatItGot() throws Exception {
        try (Whoami whoami = Whoami.start(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), ENV);
             Socket socket = new Socket(InetAddress.getLoopbackAddress(), whoami.port())) {
            socket.setSoTimeout(5000);
            OutputStream out = socket.getOutputStream();
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));

            for (String path : new String[] {"/first", "/second?x=1"}) {
                out.write(("GET " + path + " HTTP/1.1\r\nHost: web\r\nX-Probe: " + path + "\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
                out.flush();
                String body = readResponse(in);

                assertThat(body).startsWith("Hostname: abcdefghijkl\n")
                    .contains("Task: web.1.abcdefghijklmnopqrstuvwxy\n", "TaskID: abcdefghijklmnopqrstuvwxy\n",
                        "RemoteAddr: 127.0.0.1:" + socket.getLocalPort() + "\n", "GET " + path + " HTTP/1.1\n",
                        "Host: web\n", "X-probe: " + path + "\n");
            }
        }
    }

    @Test
    void listsEveryNonLoopbackAddressOfTheHost() throws Exception {
        try (Whoami whoami = Whoami.start(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), ENV)) {
            String body = get(whoami.port(), "/");

            for (String ip : Whoami.addresses()) {
                assertThat(body).contains("IP: " + ip + "\n");
            }
            assertThat(body).doesNotContain("IP: 127.0.0.1\n");
        }
    }

    @Test
    void healthAnswersOk() throws Exception {
        try (Whoami whoami = Whoami.start(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), ENV)) {
            assertThat(get(whoami.port(), "/health")).isEqualTo("ok\n");
        }
    }

    @Test
    void asAProcessItListensOnPortFromTheEnvironmentAndExitsZeroOnSigterm(@TempDir Path dir) throws Exception {
        int port = ImageProcess.freePort();
        Map<String, String> env = new java.util.HashMap<>(ENV);
        env.put("PORT", Integer.toString(port));
        Process process = ImageProcess.start("swarmnet/whoami", env, dir.resolve("log"));
        try {
            String body = await().atMost(Duration.ofSeconds(20)).ignoreExceptions().until(() -> get(port, "/"),
                b -> b.contains("Task: web.1.abcdefghijklmnopqrstuvwxy"));
            assertThat(body).startsWith("Hostname: abcdefghijkl");

            process.destroy();

            assertThat(process.waitFor(10, TimeUnit.SECONDS)).isTrue();
            assertThat(process.exitValue()).isZero();
        } finally {
            process.destroyForcibly();
        }
    }

    static String get(int port, String path) throws IOException, InterruptedException {
        HttpResponse<String> response = HttpClient.newHttpClient().send(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).timeout(Duration.ofSeconds(5)).build(),
            HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        return response.body();
    }

    /** Reads one response with a Content-Length body and returns the body. */
    private static String readResponse(BufferedReader in) throws IOException {
        String status = in.readLine();
        assertThat(status).isEqualTo("HTTP/1.1 200 OK");
        int length = -1;
        for (String line = in.readLine(); !line.isEmpty(); line = in.readLine()) {
            if (line.toLowerCase().startsWith("content-length:")) {
                length = Integer.parseInt(line.substring("content-length:".length()).strip());
            }
        }
        assertThat(length).isPositive();
        char[] body = new char[length];
        int read = 0;
        while (read < length) {
            read += in.read(body, read, length - read);
        }
        return new String(body);
    }
}
