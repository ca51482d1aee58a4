package dev.swarmnet.dataplane.capture;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A pcap file read back by a reader written apart from {@link PcapWriter}: it only reads
 * nanosecond little-endian files, which is what the capture writes.
 */
record PcapFile(int magic, int snaplen, int linkType, List<Record> records) {

    record Record(long seconds, long nanos, int capturedLength, int originalLength, byte[] bytes) {
        long epochNanos() {
            return seconds * 1_000_000_000L + nanos;
        }
    }

    static PcapFile read(Path file) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
        int magic = b.getInt();
        b.getShort();
        b.getShort();
        b.getInt();
        b.getInt();
        int snaplen = b.getInt();
        int linkType = b.getInt();
        List<Record> records = new ArrayList<>();
        while (b.hasRemaining()) {
            long seconds = b.getInt() & 0xffff_ffffL;
            long nanos = b.getInt() & 0xffff_ffffL;
            int captured = b.getInt();
            int original = b.getInt();
            byte[] bytes = new byte[captured];
            b.get(bytes);
            records.add(new Record(seconds, nanos, captured, original, bytes));
        }
        return new PcapFile(magic, snaplen, linkType, records);
    }
}
