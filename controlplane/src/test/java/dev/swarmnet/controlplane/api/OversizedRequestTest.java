package dev.swarmnet.controlplane.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.netty.channel.epoll.Epoll;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A client that sends a body far larger than the limit (and than the socket's buffers) gets to
 * send all of it and then reads the 413: the server answers as soon as the headers announce too
 * much, but keeps draining until the client is done instead of closing under its writes.
 */
class OversizedRequestTest {
    @TempDir
    Path dir;

    private ApiServer server;

    @AfterEach
    void stop() throws IOException {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void aClientStillWritingAHugeBodyCanFinishAndThenReadsThe413() throws IOException {
        assumeTrue(Epoll.isAvailable(), "the unix socket needs Netty's epoll transport");
        Path socket = dir.resolve("api.sock");
        server = ApiServer.start(ApiServerConfig.unixSocket(socket).withMaxRequestBytes(4096),
                new InMemorySwarm("mgr1"));
        try (RawHttp http = RawHttp.connect(socket)) {
            // 4 MiB: without the lingering close the client's writes fail with a broken pipe
            RawHttp.Response tooBig = http.send("POST", "/v1.50/swarm/init",
                    "{\"x\":\"" + "a".repeat(4 << 20) + "\"}");

            assertThat(tooBig.status()).isEqualTo(413);
            assertThat(tooBig.body()).isEqualTo(
                    "{\"message\":\"request body too large: swarmnet accepts at most 4096 bytes\"}");
            assertThat(tooBig.header("Connection")).isEqualTo("close");
            assertThat(http.isClosedByServer()).as("the server's side is shut once it has answered").isTrue();
        }
    }
}
