package dev.swarmnet.dataplane.capture;

import org.agrona.BitUtil;

/**
 * How a capture buffers and truncates.
 *
 * @param ringCapacity bytes of the ring between the event loop and the writer thread, a power of
 *     two; a record takes its captured bytes plus 32 bytes, and one record may use at most an
 *     eighth of the ring
 * @param snaplen most bytes kept of one frame (synthesized underlay headers included), 64..262144
 */
public record CaptureOptions(int ringCapacity, int snaplen) {
    public static final int MIN_SNAPLEN = 64;

    public CaptureOptions {
        if (!BitUtil.isPowerOfTwo(ringCapacity)) {
            throw new IllegalArgumentException("capture ring capacity " + ringCapacity + " is not a power of two");
        }
        if (snaplen < MIN_SNAPLEN || snaplen > PcapWriter.MAX_SNAPLEN) {
            throw new IllegalArgumentException("snap length " + snaplen + " is outside " + MIN_SNAPLEN + ".."
                    + PcapWriter.MAX_SNAPLEN);
        }
    }

    /** A 4 MiB ring (a few thousand full-size frames) and whole frames up to 65535 bytes. */
    public static CaptureOptions defaults() {
        return new CaptureOptions(1 << 22, 0xffff);
    }
}
