package dev.swarmnet.controlplane.cli.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.channels.Channels;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class HttpResponseReaderTest {

    private static HttpResponseReader reader(String wire) {
        return new HttpResponseReader(Channels.newChannel(new ByteArrayInputStream(
                wire.getBytes(StandardCharsets.ISO_8859_1))));
    }

    @Test
    void shouldReadTwoKeptAliveResponsesFramedByContentLength() throws IOException {
        HttpResponseReader reader = reader("HTTP/1.1 200 OK\r\nContent-Length: 2\r\nApi-Version: 1.50\r\n\r\nOK"
                + "HTTP/1.1 404 Not Found\r\nContent-Type: application/json\r\nContent-Length: 13\r\n\r\n{\"message\":1}");

        HttpResponse first = reader.read(false);
        HttpResponse second = reader.read(false);

        assertThat(first.text()).isEqualTo("OK");
        assertThat(first.header("api-version")).isEqualTo("1.50");
        assertThat(second.status()).isEqualTo(404);
        assertThat(second.reason()).isEqualTo("Not Found");
        assertThat(second.text()).isEqualTo("{\"message\":1}");
    }

    @Test
    void shouldJoinChunksAndSkipExtensionsAndTrailers() throws IOException {
        HttpResponse response = reader("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
                + "5;ext=1\r\nhello\r\n1\r\n \r\n5\r\nworld\r\n0\r\nTrailer: x\r\n\r\n").read(false);

        assertThat(response.text()).isEqualTo("hello world");
    }

    @Test
    void shouldReadABodyWithoutLengthUntilTheEndAndThenClose() throws IOException {
        HttpResponse response = reader("HTTP/1.0 200 OK\r\n\r\nall of it").read(false);

        assertThat(response.text()).isEqualTo("all of it");
        assertThat(response.closesConnection()).isTrue();
    }

    @Test
    void shouldReadNoBodyForHeadWhateverTheLengthSays() throws IOException {
        HttpResponseReader reader = reader("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\n"
                + "HTTP/1.1 204 No Content\r\n\r\n");

        assertThat(reader.read(true).body()).isEmpty();
        assertThat(reader.read(false).status()).isEqualTo(204);
    }

    @Test
    void shouldFailOnAResponseCutShort() {
        assertThatThrownBy(() -> reader("HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nshort").read(false))
                .isInstanceOf(EOFException.class);
        assertThatThrownBy(() -> reader("SSH-2.0-OpenSSH\r\n\r\n").read(false))
                .hasMessageContaining("malformed HTTP status line");
    }
}
