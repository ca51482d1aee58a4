package dev.swarmnet.dataplane.wire;

import io.netty.buffer.ByteBuf;

/**
 * The Internet checksum: full computation (RFC 1071) and incremental update (RFC 1624).
 *
 * <p>Sums are carried as 16-bit one's complement values in an {@code int} (0..0xffff); a
 * checksum is the complement of the folded sum. Stateless and allocation-free.
 */
public final class Checksums {
    private Checksums() {
    }

    /**
     * Adds {@code length} bytes at {@code index} to a one's complement sum.
     *
     * @param sum a previous sum (0..0xffff), or any non-negative seed below 2^31 such as a
     *     protocol number plus a length
     * @return the folded sum, 0..0xffff
     */
    public static int add(ByteBuf buf, int index, int length, int sum) {
        long acc = sum & 0xffff_ffffL;
        int i = index;
        int end = index + length;
        while (end - i >= 4) {
            acc += buf.getUnsignedInt(i);
            i += 4;
        }
        if (end - i >= 2) {
            acc += buf.getUnsignedShort(i);
            i += 2;
        }
        if (i < end) {
            acc += buf.getUnsignedByte(i) << 8;
        }
        return fold(acc);
    }

    /** The checksum (complemented folded sum) of {@code length} bytes plus a seed sum. */
    public static int compute(ByteBuf buf, int index, int length, int seed) {
        return ~add(buf, index, length, seed) & 0xffff;
    }

    /** Folds a wide accumulator into a 16-bit one's complement sum. */
    public static int fold(long acc) {
        acc = (acc & 0xffff_ffffL) + (acc >>> 32);
        acc = (acc & 0xffff) + (acc >>> 16);
        acc = (acc & 0xffff) + (acc >>> 16);
        acc = (acc & 0xffff) + (acc >>> 16);
        return (int) acc;
    }

    /**
     * RFC 1624 equation 3: the checksum after one 16-bit field changed from {@code oldValue} to
     * {@code newValue}: {@code HC' = ~(~HC + ~m + m')}.
     */
    public static int update16(int checksum, int oldValue, int newValue) {
        long acc = (~checksum & 0xffff) + (~oldValue & 0xffff) + (newValue & 0xffff);
        return ~fold(acc) & 0xffff;
    }

    /** RFC 1624 for a 32-bit field (an IPv4 address): both halves at once. */
    public static int update32(int checksum, int oldValue, int newValue) {
        long acc = (~checksum & 0xffff)
                + (~oldValue >>> 16 & 0xffff) + (~oldValue & 0xffff)
                + (newValue >>> 16 & 0xffff) + (newValue & 0xffff);
        return ~fold(acc) & 0xffff;
    }
}
