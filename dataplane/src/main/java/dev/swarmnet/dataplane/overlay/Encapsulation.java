package dev.swarmnet.dataplane.overlay;

import dev.swarmnet.dataplane.wire.Vxlan;
import io.netty.buffer.ByteBuf;

/** Puts a VXLAN header in front of an inner frame, in its headroom. Stateless. */
public final class Encapsulation {
    private Encapsulation() {
    }

    /**
     * Writes the VXLAN header for {@code vni} just before the reader index and moves the reader
     * index onto it.
     *
     * @return false when there is no headroom (nothing is written)
     */
    public static boolean encapsulate(ByteBuf frame, int vni) {
        int start = frame.readerIndex() - Vxlan.HEADER_LENGTH;
        if (start < 0) {
            return false;
        }
        Vxlan.write(frame, start, vni);
        frame.readerIndex(start);
        return true;
    }
}
