package dev.swarmnet.controlplane.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.CorruptedFrameException;
import io.netty.handler.codec.TooLongFrameException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Framing and JSON of cluster-port messages, byte for byte, with every buffer released. */
class ClusterMessageCodecTest {

    @Test
    void shouldWriteALengthPrefixedJsonObjectNamedByItsType() {
        EmbeddedChannel channel = channel();

        channel.writeOutbound(new ClusterMessage.HeartbeatAck(5_000));

        assertThat(drain(channel)).isEqualTo(frame("{\"type\":\"heartbeat-ack\",\"periodMillis\":5000}"));
        assertThat(channel.finish()).isFalse();
    }

    @Test
    void anAckShouldNameTheManagersAndCaKeyMessagesShouldRoundTrip() {
        EmbeddedChannel channel = channel();

        channel.writeOutbound(new ClusterMessage.HeartbeatAck(200, java.util.List.of("10.0.0.1:2377", "10.0.0.2:2377")));
        assertThat(drain(channel)).isEqualTo(frame("{\"type\":\"heartbeat-ack\",\"periodMillis\":200,"
                + "\"managers\":[\"10.0.0.1:2377\",\"10.0.0.2:2377\"]}"));

        channel.writeInbound(Unpooled.wrappedBuffer(frame("{\"type\":\"ca-key\"}")));
        assertThat((Object) channel.readInbound()).isEqualTo(new ClusterMessage.CaKeyRequest());
        channel.writeInbound(Unpooled.wrappedBuffer(frame("{\"type\":\"ca-key-reply\",\"caKeyPem\":\"PEM\"}")));
        ClusterMessage.CaKey key = channel.readInbound();
        assertThat(key.caKeyPem()).isEqualTo("PEM");
        assertThat(key.toString()).doesNotContain("PEM");
        assertThat(channel.finish()).isFalse();
    }

    @Test
    void shouldReadAMessageSplitAcrossReads() {
        EmbeddedChannel channel = channel();
        byte[] bytes = frame("{\"type\":\"raft-add-me\",\"raftAddress\":\"10.0.0.2:2378\"}");

        channel.writeInbound(Unpooled.wrappedBuffer(bytes, 0, 3));
        assertThat((Object) channel.readInbound()).isNull();
        channel.writeInbound(Unpooled.wrappedBuffer(bytes, 3, bytes.length - 3));

        assertThat((Object) channel.readInbound()).isEqualTo(new ClusterMessage.RaftAddMe("10.0.0.2:2378"));
        assertThat(channel.finish()).isFalse();
    }

    @Test
    void shouldRoundTripEveryMessage() {
        List<ClusterMessage> messages = List.of(
                new ClusterMessage.JoinRequest("SWMTKN-1-x-y", "csr", OneManagerCluster.description("h"), "10.0.0.2:2377"),
                new ClusterMessage.JoinAccepted("n", "worker", "c", "cert", "ca",
                        List.of(new ClusterMessage.ManagerEndpoint("m", "10.0.0.1:2377", "10.0.0.1:2378")), 5_000),
                new ClusterMessage.Heartbeat(), new ClusterMessage.HeartbeatAck(5_000),
                new ClusterMessage.RaftAddMe("10.0.0.2:2378"), new ClusterMessage.RaftAdded(List.of("a", "b")),
                new ClusterMessage.Redirect("10.0.0.1:2377"), new ClusterMessage.Failure(403, "no"));
        for (ClusterMessage message : messages) {
            String json = ClusterMessageCodec.toJson(message);
            assertThat(ClusterMessageCodec.fromJson(json.getBytes(StandardCharsets.UTF_8))).as(json).isEqualTo(message);
        }
    }

    @Test
    void shouldNameAnUnknownTypeAndAMissingOne() {
        assertThatThrownBy(() -> ClusterMessageCodec.fromJson("{\"type\":\"bogus\"}".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(CorruptedFrameException.class).hasMessage("unknown message type 'bogus'");
        assertThatThrownBy(() -> ClusterMessageCodec.fromJson("{}".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(CorruptedFrameException.class).hasMessage("malformed message: no \"type\" field");
    }

    @Test
    void shouldRefuseAFrameLongerThanOneMebibyteAsSoonAsItsLengthArrives() {
        EmbeddedChannel channel = channel();

        assertThatThrownBy(() -> channel.writeInbound(Unpooled.wrappedBuffer(new byte[] {0x00, 0x10, 0x00, 0x01})))
                .isInstanceOf(TooLongFrameException.class);
        channel.finishAndReleaseAll();
    }

    private static EmbeddedChannel channel() {
        EmbeddedChannel channel = new EmbeddedChannel();
        ClusterMessageCodec.addTo(channel.pipeline());
        return channel;
    }

    private static byte[] frame(String json) {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        ByteBuf buf = Unpooled.buffer(4 + body.length).writeInt(body.length).writeBytes(body);
        byte[] bytes = new byte[buf.readableBytes()];
        buf.readBytes(bytes);
        buf.release();
        return bytes;
    }

    private static byte[] drain(EmbeddedChannel channel) {
        ByteBuf out = Unpooled.buffer();
        for (ByteBuf part; (part = channel.readOutbound()) != null; ) {
            out.writeBytes(part);
            part.release();
        }
        byte[] bytes = new byte[out.readableBytes()];
        out.readBytes(bytes);
        out.release();
        return bytes;
    }
}
