package dev.swarmnet.dataplane.wire.dns;

import io.netty.buffer.ByteBuf;

/**
 * Walks a possibly compressed domain name inside a message (RFC 1035 §3.1, §4.1.4): the one place
 * that follows compression pointers. Stateless and allocation-free; any thread.
 *
 * <p>{@link #scan} validates; the other methods assume the name was scanned successfully against
 * the same message bounds and do no checking of their own.
 *
 * <p>Pointer rule: a pointer's target must lie in {@code [message + 0x0c, runStart)}, where
 * {@code runStart} is where the current run of labels began (the name itself, or the previous
 * pointer's target). Targets therefore strictly decrease, which excludes cycles by construction.
 */
final class DnsNameWalker {
    static final int LABEL_TYPE_MASK = 0xc0;
    static final int LABEL_TYPE_NORMAL = 0x00;
    static final int LABEL_TYPE_POINTER = 0xc0;
    static final int POINTER_OFFSET_MASK = 0x3fff;
    static final int MAX_LABEL_LENGTH = 0x3f;
    /** Longest uncompressed name, length octets and root included (RFC 1035 §2.3.4). */
    static final int MAX_NAME_LENGTH = 0xff;

    private DnsNameWalker() {
    }

    /**
     * Validates the name at absolute index {@code nameIndex} of the message
     * {@code [messageStart, messageEnd)}.
     *
     * @return a negative {@link DnsReadStatus} error, or {@code wireLength << 16 | encodedLength}
     *     where {@code encodedLength} is the octets the name occupies at {@code nameIndex} (up to
     *     and including its terminating zero or first pointer) and {@code wireLength} the length
     *     of its uncompressed form
     */
    static int scan(ByteBuf buf, int messageStart, int messageEnd, int nameIndex, int maxJumps) {
        int position = nameIndex;
        int runStart = nameIndex;
        int encodedEnd = -1;
        int wireLength = 1;
        int jumps = 0;
        while (true) {
            if (position >= messageEnd) {
                return DnsReadStatus.TRUNCATED;
            }
            int length = buf.getUnsignedByte(position);
            if (length == 0) {
                if (encodedEnd < 0) {
                    encodedEnd = position + 1;
                }
                return wireLength << 16 | (encodedEnd - nameIndex);
            }
            int labelType = length & LABEL_TYPE_MASK;
            if (labelType == LABEL_TYPE_POINTER) {
                if (position + 1 >= messageEnd) {
                    return DnsReadStatus.TRUNCATED;
                }
                if (encodedEnd < 0) {
                    encodedEnd = position + 2;
                }
                int target = messageStart + (buf.getUnsignedShort(position) & POINTER_OFFSET_MASK);
                if (target >= messageEnd || target < messageStart + DnsHeader.LENGTH) {
                    return DnsReadStatus.POINTER_OUT_OF_BOUNDS;
                }
                if (target >= position) {
                    return DnsReadStatus.FORWARD_POINTER;
                }
                if (target >= runStart) {
                    return DnsReadStatus.POINTER_LOOP;
                }
                if (++jumps > maxJumps) {
                    return DnsReadStatus.TOO_MANY_POINTERS;
                }
                position = target;
                runStart = target;
            } else if (labelType == LABEL_TYPE_NORMAL) {
                wireLength += 1 + length;
                if (wireLength > MAX_NAME_LENGTH) {
                    return DnsReadStatus.NAME_TOO_LONG;
                }
                position += 1 + length;
            } else {
                return DnsReadStatus.BAD_LABEL;
            }
        }
    }

    static int encodedLength(int scanResult) {
        return scanResult & 0xffff;
    }

    static int wireLength(int scanResult) {
        return scanResult >>> 16;
    }

    /** Case-insensitive {@link DnsNameHash} of a scanned name. */
    static long hash(ByteBuf buf, int messageStart, int nameIndex) {
        long hash = DnsNameHash.SEED;
        int position = nameIndex;
        while (true) {
            int length = buf.getUnsignedByte(position);
            if (length == 0) {
                return DnsNameHash.finish(DnsNameHash.step(hash, 0));
            }
            if ((length & LABEL_TYPE_MASK) == LABEL_TYPE_POINTER) {
                position = messageStart + (buf.getUnsignedShort(position) & POINTER_OFFSET_MASK);
                continue;
            }
            hash = DnsNameHash.step(hash, length);
            int end = position + 1 + length;
            for (int i = position + 1; i < end; i++) {
                hash = DnsNameHash.step(hash, buf.getByte(i));
            }
            position = end;
        }
    }

    /** Whether a scanned name equals {@code lowerCaseWireName} ignoring ASCII case. */
    static boolean equalsLowerCase(ByteBuf buf, int messageStart, int nameIndex, byte[] lowerCaseWireName) {
        int position = nameIndex;
        int target = 0;
        while (true) {
            int length = buf.getUnsignedByte(position);
            if ((length & LABEL_TYPE_MASK) == LABEL_TYPE_POINTER) {
                position = messageStart + (buf.getUnsignedShort(position) & POINTER_OFFSET_MASK);
                continue;
            }
            if (target + length >= lowerCaseWireName.length || lowerCaseWireName[target] != length) {
                return false;
            }
            if (length == 0) {
                return target + 1 == lowerCaseWireName.length;
            }
            for (int i = 1; i <= length; i++) {
                if (DnsNameHash.toLowerCase(buf.getUnsignedByte(position + i)) != (lowerCaseWireName[target + i] & 0xff)) {
                    return false;
                }
            }
            position += 1 + length;
            target += 1 + length;
        }
    }

    /** Copies a scanned name, uncompressed, into {@code dst}; returns the octets written. */
    static int copy(ByteBuf buf, int messageStart, int nameIndex, byte[] dst, boolean lowerCase) {
        int position = nameIndex;
        int written = 0;
        while (true) {
            int length = buf.getUnsignedByte(position);
            if ((length & LABEL_TYPE_MASK) == LABEL_TYPE_POINTER) {
                position = messageStart + (buf.getUnsignedShort(position) & POINTER_OFFSET_MASK);
                continue;
            }
            dst[written++] = (byte) length;
            if (length == 0) {
                return written;
            }
            for (int i = 1; i <= length; i++) {
                int octet = buf.getUnsignedByte(position + i);
                dst[written++] = (byte) (lowerCase ? DnsNameHash.toLowerCase(octet) : octet);
            }
            position += 1 + length;
        }
    }

    /** Copies a scanned name, uncompressed and case preserved, to {@code dst} at {@code dstIndex}. */
    static int copy(ByteBuf buf, int messageStart, int nameIndex, ByteBuf dst, int dstIndex) {
        int position = nameIndex;
        int written = 0;
        while (true) {
            int length = buf.getUnsignedByte(position);
            if ((length & LABEL_TYPE_MASK) == LABEL_TYPE_POINTER) {
                position = messageStart + (buf.getUnsignedShort(position) & POINTER_OFFSET_MASK);
                continue;
            }
            dst.setBytes(dstIndex + written, buf, position, 1 + length);
            written += 1 + length;
            if (length == 0) {
                return written;
            }
            position += 1 + length;
        }
    }
}
