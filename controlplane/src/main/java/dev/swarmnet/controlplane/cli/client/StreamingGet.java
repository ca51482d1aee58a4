package dev.swarmnet.controlplane.cli.client;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * One {@code GET} whose body is handed on as it arrives rather than read whole: what
 * {@code service logs --follow} needs, since the daemon keeps that response open. Uses its own
 * connection (the {@link ApiClient}'s stays usable for name lookups in between) and the API
 * version the client negotiated. Decodes chunked bodies (RFC 9112 §7.1), honours
 * {@code Content-Length}, else reads to the end of the stream. Single-threaded.
 */
public final class StreamingGet {

    /** Receives body bytes as they arrive. */
    @FunctionalInterface
    public interface BodyConsumer {
        void accept(byte[] bytes, int offset, int length);
    }

    private StreamingGet() {
    }

    /**
     * Sends {@code GET /v<version><path>} and streams the body into {@code body} until it ends.
     *
     * @throws DaemonException            for a status of 400 or more, worded as Docker's client words it
     * @throws DaemonUnreachableException when the connection fails
     */
    public static void run(ApiClient client, String path, BodyConsumer body) {
        String versioned = "/v" + client.version() + path;
        DaemonAddress address = client.address();
        try (SocketChannel channel = SocketChannel.open(address.family())) {
            channel.connect(address.socket());
            String request = "GET " + versioned + " HTTP/1.1\r\nHost: " + address.hostHeader()
                    + "\r\nUser-Agent: swarmnet\r\nContent-Length: 0\r\n\r\n";
            ByteBuffer out = ByteBuffer.wrap(request.getBytes(StandardCharsets.ISO_8859_1));
            while (out.hasRemaining()) {
                channel.write(out);
            }
            InputStream in = new BufferedInputStream(Channels.newInputStream(channel));
            String statusLine = line(in);
            String[] parts = statusLine.split(" ", 3);
            if (parts.length < 2 || !parts[0].startsWith("HTTP/1.")) {
                throw new IOException("malformed HTTP status line: " + statusLine);
            }
            int status = Integer.parseInt(parts[1]);
            Map<String, String> headers = new TreeMap<>();
            for (String header = line(in); !header.isEmpty(); header = line(in)) {
                int colon = header.indexOf(':');
                if (colon > 0) {
                    headers.put(header.substring(0, colon).trim().toLowerCase(Locale.ROOT),
                            header.substring(colon + 1).trim());
                }
            }
            if (status >= 400) {
                ByteArrayOutputStream error = new ByteArrayOutputStream();
                copy(in, headers, error::write);
                HttpResponse response = new HttpResponse(status, parts.length > 2 ? parts[2] : "", headers,
                        error.toByteArray());
                throw new DaemonException(status, "Error response from daemon: "
                        + ApiClient.errorMessage(response, versioned));
            }
            copy(in, headers, body);
        } catch (IOException | NumberFormatException e) {
            throw new DaemonUnreachableException("error during connect to the swarmnet daemon at " + address + ": GET "
                    + versioned + ": " + e.getMessage(), e);
        }
    }

    private static void copy(InputStream in, Map<String, String> headers, BodyConsumer body) throws IOException {
        byte[] buffer = new byte[16 * 1024];
        if ("chunked".equalsIgnoreCase(headers.getOrDefault("transfer-encoding", ""))) {
            while (true) {
                String sizeLine = line(in);
                int semicolon = sizeLine.indexOf(';');
                long size = Long.parseLong((semicolon < 0 ? sizeLine : sizeLine.substring(0, semicolon)).trim(), 16);
                if (size == 0) {
                    return;
                }
                readExactly(in, size, buffer, body);
                line(in);
            }
        }
        String length = headers.get("content-length");
        if (length != null) {
            readExactly(in, Long.parseLong(length.trim()), buffer, body);
            return;
        }
        for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
            body.accept(buffer, 0, n);
        }
    }

    private static void readExactly(InputStream in, long size, byte[] buffer, BodyConsumer body) throws IOException {
        long left = size;
        while (left > 0) {
            int n = in.read(buffer, 0, (int) Math.min(buffer.length, left));
            if (n < 0) {
                throw new IOException("the daemon closed the stream in the middle of a chunk");
            }
            body.accept(buffer, 0, n);
            left -= n;
        }
    }

    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int b = in.read(); b != '\n'; b = in.read()) {
            if (b < 0) {
                throw new IOException("the daemon closed the stream");
            }
            line.write(b);
        }
        String text = line.toString(StandardCharsets.ISO_8859_1);
        return text.endsWith("\r") ? text.substring(0, text.length() - 1) : text;
    }
}
