package dev.swarmnet.controlplane.cluster;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.InvalidTypeIdException;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufInputStream;
import io.netty.buffer.ByteBufOutputStream;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.CorruptedFrameException;
import io.netty.handler.codec.LengthFieldBasedFrameDecoder;
import io.netty.handler.codec.LengthFieldPrepender;
import io.netty.handler.codec.MessageToMessageCodec;
import java.io.IOException;
import java.util.List;

/**
 * JSON ↔ {@link ClusterMessage} for one length-delimited frame. On the wire a message is a
 * 4-byte big-endian length followed by that many bytes of UTF-8 JSON:
 * <pre>
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                 length of the JSON (≤ 0x100000)               |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |          {"type":"heartbeat"} ...  (length bytes)             |
 * </pre>
 * {@link #addTo} installs the framing ({@link LengthFieldBasedFrameDecoder}, fail-fast at
 * {@link #MAX_FRAME_BYTES}) and this codec. A frame that is not a known message raises a
 * {@link CorruptedFrameException} whose message is safe to send back. Consumes (releases)
 * inbound frames; stateless, but one instance per channel. Owned by the channel's event loop.
 */
public final class ClusterMessageCodec extends MessageToMessageCodec<ByteBuf, ClusterMessage> {
    /** Largest JSON body accepted: 1 MiB. */
    public static final int MAX_FRAME_BYTES = 0x10_0000;
    /** Largest assignment-stream message an agent reads: 64 MiB (a full assignment of a large cluster). */
    static final int MAX_STREAM_FRAME_BYTES = 64 * 0x10_0000;
    static final int LENGTH_FIELD_BYTES = 4;

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Adds framing and this codec to the end of {@code pipeline}. */
    public static void addTo(ChannelPipeline pipeline) {
        addTo(pipeline, MAX_FRAME_BYTES);
    }

    /**
     * As {@link #addTo(ChannelPipeline)}, reading frames of up to {@code maxFrameBytes}: an agent's
     * assignment stream, whose full message grows with the cluster, reads {@link #MAX_STREAM_FRAME_BYTES}.
     */
    static void addTo(ChannelPipeline pipeline, int maxFrameBytes) {
        pipeline.addLast("frame-decoder", new LengthFieldBasedFrameDecoder(
                maxFrameBytes + LENGTH_FIELD_BYTES, 0, LENGTH_FIELD_BYTES, 0, LENGTH_FIELD_BYTES));
        pipeline.addLast("frame-encoder", new LengthFieldPrepender(LENGTH_FIELD_BYTES));
        pipeline.addLast("json", new ClusterMessageCodec());
    }

    /** {@code message} as its JSON text (tests, logs of refusals). */
    public static String toJson(ClusterMessage message) {
        try {
            return JSON.writeValueAsString(message);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot encode " + message.getClass().getSimpleName(), e);
        }
    }

    /** The message in {@code json}; a {@link CorruptedFrameException} says what is wrong. */
    public static ClusterMessage fromJson(byte[] json) {
        try {
            return JSON.readValue(json, ClusterMessage.class);
        } catch (IOException e) {
            throw malformed(e);
        }
    }

    @Override
    protected void encode(ChannelHandlerContext ctx, ClusterMessage message, List<Object> out) throws IOException {
        ByteBuf buf = ctx.alloc().buffer();
        try (ByteBufOutputStream stream = new ByteBufOutputStream(buf)) {
            JSON.writeValue((java.io.OutputStream) stream, message);
        } catch (IOException | RuntimeException e) {
            buf.release();
            throw e;
        }
        out.add(buf);
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf frame, List<Object> out) {
        try (ByteBufInputStream stream = new ByteBufInputStream(frame)) {
            out.add(JSON.readValue((java.io.InputStream) stream, ClusterMessage.class));
        } catch (IOException e) {
            throw malformed(e);
        }
    }

    private static CorruptedFrameException malformed(IOException e) {
        if (e instanceof InvalidTypeIdException type) {
            return new CorruptedFrameException(type.getTypeId() == null
                    ? "malformed message: no \"type\" field"
                    : "unknown message type '" + type.getTypeId() + "'");
        }
        if (e instanceof JsonProcessingException json) {
            return new CorruptedFrameException("malformed message: " + json.getOriginalMessage());
        }
        return new CorruptedFrameException("malformed message: " + e.getMessage());
    }
}
