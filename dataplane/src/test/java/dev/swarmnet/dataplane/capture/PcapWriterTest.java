package dev.swarmnet.dataplane.capture;

import static dev.swarmnet.dataplane.testing.Frames.concat;
import static dev.swarmnet.dataplane.testing.Frames.hex;
import static dev.swarmnet.dataplane.testing.Frames.macOf;
import static dev.swarmnet.dataplane.testing.Frames.slice;
import static dev.swarmnet.dataplane.testing.Frames.udpFrame;
import static dev.swarmnet.dataplane.testing.Lab.A;
import static dev.swarmnet.dataplane.testing.Lab.B;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.swarmnet.dataplane.testing.Frames;
import io.netty.buffer.ByteBuf;
import java.io.ByteArrayOutputStream;
import java.nio.channels.Channels;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PcapWriterTest {
    private static final byte[] FRAME = udpFrame(macOf(B), macOf(A), A, B, 40000, 53, "hello".getBytes());
    /** 2023-11-14T22:13:20.123456789Z */
    private static final long TIME = 1_700_000_000_123_456_789L;
    private static final String GLOBAL_HEADER = "4d3cb2a1 0200 0400 00000000 00000000 ffff0000 01000000";

    @TempDir
    Path dir;

    @Test
    void shouldWriteTheGlobalHeaderAndOneRecordByteExactly() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteBuf frame = Frames.buffer(FRAME);
        try (PcapWriter pcap = PcapWriter.create(out, 0xffff)) {
            pcap.write(TIME, FRAME.length, frame);
        } finally {
            frame.release();
        }

        assertThat(hex(out.toByteArray())).isEqualTo(hex(concat(
                hex(GLOBAL_HEADER),
                hex("00f15365 15cd5b07 2f000000 2f000000"),
                FRAME)));
    }

    @Test
    void shouldLeaveTheFramesIndexesAlone() throws Exception {
        ByteBuf frame = Frames.buffer(FRAME);
        int reader = frame.readerIndex();
        try (PcapWriter pcap = PcapWriter.create(new ByteArrayOutputStream(), 0xffff)) {
            pcap.write(TIME, FRAME.length, frame);
            assertThat(frame.readerIndex()).isEqualTo(reader);
            assertThat(frame.readableBytes()).isEqualTo(FRAME.length);
        } finally {
            frame.release();
        }
    }

    @Test
    void shouldWriteAValidEmptyFileBeforeAnyFrame() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (PcapWriter pcap = PcapWriter.create(out, 0xffff)) {
            assertThat(hex(out.toByteArray())).isEqualTo(hex(hex(GLOBAL_HEADER)));
        }
    }

    @Test
    void shouldCutFramesAtTheSnapLengthAndKeepTheirOriginalLength() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteBuf frame = Frames.buffer(FRAME);
        try (PcapWriter pcap = PcapWriter.create(out, 20)) {
            pcap.write(TIME, FRAME.length, frame);
        } finally {
            frame.release();
        }

        assertThat(hex(slice(out.toByteArray(), 16, 20))).isEqualTo("14000000");
        assertThat(hex(slice(out.toByteArray(), 24, out.size()))).isEqualTo(hex(concat(
                hex("00f15365 15cd5b07 14000000 2f000000"),
                slice(FRAME, 0, 20))));
    }

    @Test
    void shouldWriteMicrosecondsUnderTheClassicMagic() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteBuf frame = Frames.buffer(FRAME);
        try (PcapWriter pcap = new PcapWriter(Channels.newChannel(out), 0xffff, PcapWriter.Resolution.MICROSECONDS)) {
            pcap.write(TIME, FRAME.length, frame);
        } finally {
            frame.release();
        }

        assertThat(hex(slice(out.toByteArray(), 0, 4))).isEqualTo("d4c3b2a1");
        // 123456 us = 0x0001e240
        assertThat(hex(slice(out.toByteArray(), 24, 32))).isEqualTo("00f1536540e20100");
    }

    @Test
    void shouldGatherMoreRecordsThanItsBufferHolds() throws Exception {
        Path file = dir.resolve("many.pcap");
        ByteBuf frame = Frames.buffer(FRAME);
        try (PcapWriter pcap = PcapWriter.create(file, 0xffff)) {
            for (int i = 0; i < 3000; i++) {
                pcap.write(TIME + i, FRAME.length, frame);
            }
            assertThat(pcap.records()).isEqualTo(3000);
        } finally {
            frame.release();
        }

        PcapFile read = PcapFile.read(file);
        assertThat(read.records()).hasSize(3000);
        assertThat(read.records().get(2999).epochNanos()).isEqualTo(TIME + 2999);
        assertThat(read.records().get(2999).bytes()).isEqualTo(FRAME);
    }

    @Test
    void shouldRefuseASnapLengthReadersWouldReject() {
        assertThatThrownBy(() -> PcapWriter.create(new ByteArrayOutputStream(), PcapWriter.MAX_SNAPLEN + 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("snap length 262145");
    }

    @Test
    void shouldBeReadBackByTshark() throws Exception {
        Tshark.assumeInstalled();
        Path file = dir.resolve("one.pcap");
        ByteBuf frame = Frames.buffer(FRAME);
        try (PcapWriter pcap = PcapWriter.create(file, 0xffff)) {
            pcap.write(TIME, FRAME.length, frame);
        } finally {
            frame.release();
        }
        assertThat(Files.size(file)).isEqualTo(24 + 16 + FRAME.length);

        assertThat(Tshark.fields(file, "frame.len", "frame.time_epoch", "eth.type", "ip.src", "ip.dst", "udp.dstport"))
                .containsExactly("47\t1700000000.123456789\t0x0800\t10.0.1.5\t10.0.1.6\t53");
    }
}
