package dev.swarmnet.dataplane.offload;

import dev.swarmnet.dataplane.wire.Checksums;
import dev.swarmnet.dataplane.wire.Udp;
import io.netty.buffer.ByteBuf;

/**
 * Finishes a transport checksum the kernel only started ({@code VIRTIO_NET_HDR_F_NEEDS_CSUM}):
 * the field already holds the pseudo-header sum, so the checksum is the complement of the sum of
 * everything from {@code csum_start} to the end of the frame (Linux {@code skb_checksum_help}).
 * Stateless.
 */
public final class ChecksumCompletion {
    private ChecksumCompletion() {
    }

    /**
     * @param frame the frame's first byte in {@code buf}
     * @return false when the checksum position lies outside the frame (nothing is written)
     */
    public static boolean complete(ByteBuf buf, int frame, int length, int checksumStart, int checksumOffset) {
        int field = checksumStart + checksumOffset;
        if (checksumStart >= length || field + 2 > length) {
            return false;
        }
        int checksum = Checksums.compute(buf, frame + checksumStart, length - checksumStart, 0);
        if (checksum == 0 && checksumOffset == Udp.CHECKSUM_OFFSET) {
            checksum = 0xffff; // zero means "no checksum" in UDP
        }
        buf.setShort(frame + field, checksum);
        return true;
    }
}
