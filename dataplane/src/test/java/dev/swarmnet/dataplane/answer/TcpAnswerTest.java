package dev.swarmnet.dataplane.answer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.swarmnet.dataplane.testing.Frames;
import dev.swarmnet.dataplane.wire.Tcp;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** A DNS answer over TCP cut into segments: what each segment carries, and that they add up to the stream. */
class TcpAnswerTest {
    private static final int GATEWAY = Frames.ip("10.0.1.1");
    private static final int CLIENT = Frames.ip("10.0.1.5");
    private static final int SEQUENCE = 0xfffff000; // wraps around 2^32 within the answer
    private static final int ACK = 0x01020304;

    /** Writes every segment of {@code message} at {@code mss}; checks each and returns the stream they carry. */
    private static byte[] segmentsOf(byte[] message, int mss) {
        int count = TcpAnswer.segments(message.length, mss);
        ByteArrayOutputStream stream = new ByteArrayOutputStream();
        ByteBuf source = Unpooled.wrappedBuffer(Frames.concat(new byte[5], message)); // not at offset 0
        for (int i = 0; i < count; i++) {
            int payload = TcpAnswer.payloadLength(message.length, mss, i);
            ByteBuf frame = Unpooled.buffer(16 + TcpReply.HEADERS_LENGTH + payload);
            TcpAnswer.write(frame, 16, source, 5, message.length, mss, i, Frames.macOf(GATEWAY), Frames.macOf(CLIENT),
                    GATEWAY, CLIENT, 53, 40000, SEQUENCE, ACK);
            byte[] bytes = Frames.readable(frame);
            ByteBuffer b = ByteBuffer.wrap(bytes);
            assertThat(bytes.length).isEqualTo(TcpReply.HEADERS_LENGTH + payload);
            assertThat(payload).as("segment %d", i).isBetween(1, mss);
            assertThat(Frames.checksum(bytes, 14, 20, 0)).isZero();
            int pseudo = (GATEWAY >>> 16) + (GATEWAY & 0xffff) + (CLIENT >>> 16) + (CLIENT & 0xffff) + 6 + 20 + payload;
            assertThat(Frames.checksum(bytes, 34, 20 + payload, pseudo)).as("TCP checksum").isZero();
            assertThat(b.getInt(38)).as("sequence of segment %d", i).isEqualTo(SEQUENCE + i * mss);
            assertThat(b.getInt(42)).isEqualTo(ACK);
            int flags = bytes[34 + 13] & 0xff;
            assertThat(flags).isEqualTo(i == count - 1 ? Tcp.ACK | Tcp.PSH | Tcp.FIN : Tcp.ACK);
            stream.writeBytes(Frames.slice(bytes, TcpReply.HEADERS_LENGTH, bytes.length));
        }
        return stream.toByteArray();
    }

    @Test
    void theSegmentsCarryTheLengthAndTheMessageInOrderWithFinOnTheLastOnly() {
        SplittableRandom random = new SplittableRandom(7);
        int[][] cases = {
            // message length, segment size
            {12, 1410}, {1408, 1410}, {1409, 1410}, {2818, 1410}, {3069, 1410}, {65535, 1410}, {100, 3}, {101, 9000},
        };
        for (int[] c : cases) {
            byte[] message = new byte[c[0]];
            random.nextBytes(message);
            byte[] stream = segmentsOf(message, c[1]);
            assertThat(stream.length).as("case %d/%d", c[0], c[1]).isEqualTo(2 + c[0]);
            assertThat(((stream[0] & 0xff) << 8) | (stream[1] & 0xff)).isEqualTo(c[0]);
            assertThat(Frames.slice(stream, 2, stream.length)).isEqualTo(message);
        }
    }

    @Test
    void segmentCountsFollowTheStreamLengthPrefixIncluded() {
        assertThat(TcpAnswer.segments(1408, 1410)).as("exactly one full segment").isEqualTo(1);
        assertThat(TcpAnswer.segments(1409, 1410)).as("one octet over").isEqualTo(2);
        assertThat(TcpAnswer.segments(65535, 1410)).isEqualTo(47);
        assertThat(TcpAnswer.fits(998, 1000)).isTrue();
        assertThat(TcpAnswer.fits(999, 1000)).isFalse();
    }

    @Test
    void aSegmentSizeTooSmallOrASegmentOutOfRangeIsRefusedByName() {
        ByteBuf frame = Unpooled.buffer(200);
        assertThatThrownBy(() -> TcpAnswer.segments(100, 2)).hasMessageContaining("segment size 2");
        assertThatThrownBy(() -> TcpAnswer.write(frame, 0, Unpooled.buffer(100), 0, 100, 1410, 1, 0, 0, 0, 0, 53, 1,
                0, 0)).hasMessageContaining("segment 1 of 1");
    }
}
