package dev.swarmnet.controlplane.api;

import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;

/**
 * Turns an {@link ApiResponse} into a Netty response with the headers the Docker daemon's
 * version middleware puts on every response (docker-api.md §1.3). Pure; any thread.
 */
final class ResponseEncoder {

    static final String SERVER = "Docker/" + ApiVersions.ENGINE + " (linux)";

    private ResponseEncoder() {
    }

    /**
     * @param head      a HEAD request: headers (with the GET body's length) but no body
     * @param keepAlive whether the connection stays open; otherwise {@code Connection: close}
     */
    static FullHttpResponse encode(ApiResponse response, HttpVersion version, boolean head, boolean keepAlive) {
        FullHttpResponse http = new DefaultFullHttpResponse(version, HttpResponseStatus.valueOf(response.status()),
                head || response.body().length == 0 ? Unpooled.EMPTY_BUFFER : Unpooled.wrappedBuffer(response.body()));
        HttpHeaders headers = http.headers();
        common(headers, response);
        headers.setInt(HttpHeaderNames.CONTENT_LENGTH, response.body().length);
        if (!keepAlive) {
            headers.set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        } else if (version.equals(HttpVersion.HTTP_1_0)) {
            headers.set(HttpHeaderNames.CONNECTION, HttpHeaderValues.KEEP_ALIVE);
        }
        return http;
    }

    /**
     * The head of a streamed response: the common headers and {@code Transfer-Encoding: chunked};
     * the body follows as {@code HttpContent}s.
     */
    static HttpResponse encodeStreamingHead(ApiResponse response, HttpVersion version) {
        HttpResponse http = new DefaultHttpResponse(version, HttpResponseStatus.valueOf(response.status()));
        common(http.headers(), response);
        http.headers().set(HttpHeaderNames.TRANSFER_ENCODING, HttpHeaderValues.CHUNKED);
        return http;
    }

    private static void common(HttpHeaders headers, ApiResponse response) {
        headers.set("Api-Version", ApiVersions.CURRENT)
                .set("Ostype", "linux")
                .set("Docker-Experimental", "false")
                .set(HttpHeaderNames.SERVER, SERVER);
        if (response.contentType() != null) {
            headers.set(HttpHeaderNames.CONTENT_TYPE, response.contentType());
        }
        response.headers().forEach(headers::set);
    }
}
