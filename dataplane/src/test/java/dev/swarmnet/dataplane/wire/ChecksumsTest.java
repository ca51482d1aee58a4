package dev.swarmnet.dataplane.wire;

import static org.assertj.core.api.Assertions.assertThat;

import dev.swarmnet.dataplane.testing.Frames;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import dev.swarmnet.dataplane.testing.Trials;
import org.junit.jupiter.api.Test;

class ChecksumsTest {

    @Test
    void shouldMatchTheWorkedExampleOfRfc1071() {
        // RFC 1071 §3: bytes 00 01 f2 03 f4 f5 f6 f7 sum to ddf2, checksum 220d.
        ByteBuf buf = Unpooled.wrappedBuffer(Frames.hex("0001f203f4f5f6f7"));
        try {
            assertThat(Checksums.add(buf, 0, 8, 0)).isEqualTo(0xddf2);
            assertThat(Checksums.compute(buf, 0, 8, 0)).isEqualTo(0x220d);
        } finally {
            buf.release();
        }
    }

    @Test
    void fullChecksumShouldEqualAPlainSixteenBitSum() {
        Trials.forAll(1000, random -> {
            byte[] bytes = Trials.bytes(random, 0, 1600);
            ByteBuf buf = Unpooled.wrappedBuffer(bytes);
            try {
                assertThat(Checksums.compute(buf, 0, bytes.length, 0)).isEqualTo(Frames.checksum(bytes, 0, bytes.length, 0));
            } finally {
                buf.release();
            }
        });
    }

    @Test
    void incrementalUpdateOfSixteenBitsShouldEqualAFullRecompute() {
        Trials.forAll(2000, random -> {
            byte[] bytes = Trials.bytes(random, 2, 64);
            int newValue = random.nextInt(0x10000);
            int index = (random.nextInt(32) * 2) % (bytes.length & ~1);
            checkUpdate16(bytes, index, newValue);
        });
        // The edge RFC 1624 exists for: a field that sums to 0xffff changes so the checksum crosses zero.
        checkUpdate16(new byte[] {(byte) 0xff, (byte) 0xff, 0, 0}, 0, 0);
        checkUpdate16(new byte[] {0, 0, 0, 0}, 0, 0xffff);
    }

    private static void checkUpdate16(byte[] bytes, int index, int newValue) {
        ByteBuf buf = Unpooled.wrappedBuffer(bytes);
        try {
            int before = Checksums.compute(buf, 0, bytes.length, 0);
            int old = buf.getUnsignedShort(index);
            buf.setShort(index, newValue);
            int after = Checksums.compute(buf, 0, bytes.length, 0);
            assertThat(equivalent(Checksums.update16(before, old, newValue), after)).isTrue();
        } finally {
            buf.release();
        }
    }

    @Test
    void incrementalUpdateOfAnAddressShouldEqualAFullRecompute() {
        Trials.forAll(2000, random -> checkUpdate32(Trials.bytes(random, 20, 20), random.nextInt()));
    }

    private static void checkUpdate32(byte[] header, int newAddress) {
        ByteBuf buf = Unpooled.wrappedBuffer(header);
        try {
            buf.setShort(10, 0);
            buf.setShort(10, Checksums.compute(buf, 0, 20, 0));
            int old = buf.getInt(16);
            int updated = Checksums.update32(buf.getUnsignedShort(10), old, newAddress);
            buf.setInt(16, newAddress);
            buf.setShort(10, 0);
            int full = Checksums.compute(buf, 0, 20, 0);
            assertThat(equivalent(updated, full)).isTrue();
        } finally {
            buf.release();
        }
    }

    /** 0x0000 and 0xffff are the same number in one's complement (RFC 1624 §3). */
    private static boolean equivalent(int a, int b) {
        return a == b || (a == 0xffff && b == 0) || (a == 0 && b == 0xffff);
    }
}
