package dev.swarmnet.controlplane.cli.client;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ReadableByteChannel;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reads HTTP/1.1 responses from a blocking channel (RFC 9112): the status line, the header
 * block, and a body framed by {@code Transfer-Encoding: chunked}, by {@code Content-Length}, or
 * by the end of the stream, in that order of precedence (RFC 9112 §6.3). Keeps the bytes it read
 * ahead for the next response. Single-threaded.
 */
public final class HttpResponseReader {

    /** A longer status line or header block is refused rather than buffered without end. */
    static final int MAX_HEADER_BYTES = 64 * 1024;

    private final ReadableByteChannel channel;
    private final ByteBuffer in = ByteBuffer.allocate(16 * 1024);

    public HttpResponseReader(ReadableByteChannel channel) {
        this.channel = channel;
        in.flip();
    }

    /**
     * Reads one response.
     *
     * @param head whether it answers a HEAD request, which has no body whatever its headers say
     * @throws IOException when the stream ends early or the response is malformed
     */
    public HttpResponse read(boolean head) throws IOException {
        String statusLine = line();
        String[] parts = statusLine.split(" ", 3);
        if (parts.length < 2 || !parts[0].startsWith("HTTP/1.")) {
            throw new IOException("malformed HTTP status line: " + statusLine);
        }
        int status;
        try {
            status = Integer.parseInt(parts[1]);
        } catch (NumberFormatException e) {
            throw new IOException("malformed HTTP status line: " + statusLine);
        }
        Map<String, String> headers = new TreeMap<>();
        int headerBytes = statusLine.length();
        for (String line = line(); !line.isEmpty(); line = line()) {
            headerBytes += line.length();
            if (headerBytes > MAX_HEADER_BYTES) {
                throw new IOException("HTTP header block longer than " + MAX_HEADER_BYTES + " bytes");
            }
            int colon = line.indexOf(':');
            if (colon <= 0) {
                throw new IOException("malformed HTTP header line: " + line);
            }
            headers.put(line.substring(0, colon).trim().toLowerCase(Locale.ROOT), line.substring(colon + 1).trim());
        }
        String reason = parts.length > 2 ? parts[2] : "";
        byte[] body;
        if (head || status / 100 == 1 || status == 204 || status == 304) {
            body = new byte[0];
        } else if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
            body = chunked();
        } else if (headers.containsKey("content-length")) {
            long length;
            try {
                length = Long.parseLong(headers.get("content-length"));
            } catch (NumberFormatException e) {
                throw new IOException("malformed Content-Length: " + headers.get("content-length"));
            }
            if (length < 0 || length > Integer.MAX_VALUE - 8) {
                throw new IOException("unusable Content-Length: " + length);
            }
            body = exactly((int) length);
        } else {
            body = untilEnd();
            headers.put("connection", "close");
        }
        return new HttpResponse(status, reason, headers, body);
    }

    private byte[] chunked() throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        while (true) {
            String sizeLine = line();
            int semicolon = sizeLine.indexOf(';');
            String hex = (semicolon < 0 ? sizeLine : sizeLine.substring(0, semicolon)).trim();
            int size;
            try {
                size = Integer.parseInt(hex, 16);
            } catch (NumberFormatException e) {
                throw new IOException("malformed chunk size: " + sizeLine);
            }
            if (size < 0) {
                throw new IOException("malformed chunk size: " + sizeLine);
            }
            if (size == 0) {
                while (!line().isEmpty()) {
                    // trailer fields are not used
                }
                return body.toByteArray();
            }
            body.writeBytes(exactly(size));
            if (!line().isEmpty()) {
                throw new IOException("chunk data not followed by CRLF");
            }
        }
    }

    private byte[] exactly(int length) throws IOException {
        byte[] bytes = new byte[length];
        for (int filled = 0; filled < length; ) {
            if (!in.hasRemaining()) {
                fill();
            }
            int n = Math.min(in.remaining(), length - filled);
            in.get(bytes, filled, n);
            filled += n;
        }
        return bytes;
    }

    private byte[] untilEnd() throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        while (true) {
            body.write(in.array(), in.arrayOffset() + in.position(), in.remaining());
            in.position(in.limit());
            in.clear();
            int n = channel.read(in);
            in.flip();
            if (n < 0) {
                return body.toByteArray();
            }
        }
    }

    /** One line without its CRLF (a bare LF is accepted, as RFC 9112 §2.2 allows). */
    private String line() throws IOException {
        ByteArrayOutputStream text = new ByteArrayOutputStream();
        while (true) {
            if (!in.hasRemaining()) {
                fill();
            }
            byte b = in.get();
            if (b == '\n') {
                byte[] bytes = text.toByteArray();
                int end = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
                return new String(bytes, 0, end, StandardCharsets.ISO_8859_1);
            }
            if (text.size() >= MAX_HEADER_BYTES) {
                throw new IOException("HTTP line longer than " + MAX_HEADER_BYTES + " bytes");
            }
            text.write(b);
        }
    }

    private void fill() throws IOException {
        in.clear();
        int n;
        do {
            n = channel.read(in);
        } while (n == 0);
        in.flip();
        if (n < 0) {
            throw new EOFException("the daemon closed the connection in the middle of a response");
        }
    }
}
