package dev.swarmnet.controlplane.api;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * A bare HTTP/1.1 client over one unix-socket connection, so tests see exactly the bytes the
 * server sends. Reads responses framed by {@code Content-Length}. Single-threaded.
 */
final class RawHttp implements AutoCloseable {

    /** One response: status, headers (lower-case names) and body text. */
    record Response(int status, Map<String, String> headers, String body) {
        String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }
    }

    private final SocketChannel channel;
    private final ByteBuffer in = ByteBuffer.allocate(1 << 20);

    private RawHttp(SocketChannel channel) {
        this.channel = channel;
        in.flip();
    }

    static RawHttp connect(Path socket) throws IOException {
        SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX);
        channel.connect(UnixDomainSocketAddress.of(socket));
        return new RawHttp(channel);
    }

    /** Sends a request without a body and reads the response. */
    Response send(String method, String path) throws IOException {
        return send(method, path, null);
    }

    /** Sends a request, with a JSON body unless {@code json} is null, and reads the response. */
    Response send(String method, String path, String json) throws IOException {
        StringBuilder request = new StringBuilder()
                .append(method).append(' ').append(path).append(" HTTP/1.1\r\n")
                .append("Host: api\r\nUser-Agent: Docker-Client/28.2.2 (linux)\r\n");
        byte[] body = json == null ? new byte[0] : json.getBytes(StandardCharsets.UTF_8);
        if (json != null) {
            request.append("Content-Type: application/json\r\nContent-Length: ").append(body.length).append("\r\n");
        }
        request.append("\r\n");
        write(request.toString().getBytes(StandardCharsets.US_ASCII));
        write(body);
        return read(method.equals("HEAD"));
    }

    /** Writes raw bytes. */
    void write(byte[] bytes) throws IOException {
        ByteBuffer out = ByteBuffer.wrap(bytes);
        while (out.hasRemaining()) {
            channel.write(out);
        }
    }

    /** Whether the server closed the connection: end of stream, or a reset when it left bytes unread. */
    boolean isClosedByServer() {
        in.compact();
        try {
            return channel.read(in) < 0;
        } catch (IOException reset) {
            return true;
        } finally {
            in.flip();
        }
    }

    /** Reads one response. */
    Response read(boolean head) throws IOException {
        String headerText = readHeaderBlock();
        String[] lines = headerText.split("\r\n");
        int status = Integer.parseInt(lines[0].split(" ")[1]);
        Map<String, String> headers = new TreeMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            headers.put(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT), lines[i].substring(colon + 1).trim());
        }
        int length = head ? 0 : Integer.parseInt(headers.getOrDefault("content-length", "0"));
        byte[] body = new byte[length];
        for (int filled = 0; filled < length; ) {
            if (!in.hasRemaining()) {
                fill();
            }
            int n = Math.min(in.remaining(), length - filled);
            in.get(body, filled, n);
            filled += n;
        }
        return new Response(status, headers, new String(body, StandardCharsets.UTF_8));
    }

    /** Reads the status line and headers of a streamed (chunked) response; the body is left unread. */
    Response readHead() throws IOException {
        String[] lines = readHeaderBlock().split("\r\n");
        Map<String, String> headers = new TreeMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            headers.put(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT), lines[i].substring(colon + 1).trim());
        }
        return new Response(Integer.parseInt(lines[0].split(" ")[1]), headers, "");
    }

    /** Reads one chunk of a chunked body; empty for the last chunk. */
    byte[] readChunk() throws IOException {
        StringBuilder size = new StringBuilder();
        while (!size.toString().endsWith("\r\n")) {
            if (!in.hasRemaining()) {
                fill();
            }
            size.append((char) in.get());
        }
        int length = Integer.parseInt(size.toString().strip(), 16);
        byte[] chunk = new byte[length + 2];
        for (int filled = 0; filled < chunk.length; ) {
            if (!in.hasRemaining()) {
                fill();
            }
            int n = Math.min(in.remaining(), chunk.length - filled);
            in.get(chunk, filled, n);
            filled += n;
        }
        return java.util.Arrays.copyOf(chunk, length);
    }

    private String readHeaderBlock() throws IOException {
        StringBuilder text = new StringBuilder();
        while (!text.toString().endsWith("\r\n\r\n")) {
            if (!in.hasRemaining()) {
                fill();
            }
            text.append((char) in.get());
        }
        return text.substring(0, text.length() - 4);
    }

    private void fill() throws IOException {
        in.clear();
        int n = channel.read(in);
        in.flip();
        if (n < 0) {
            throw new IOException("the server closed the connection");
        }
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
