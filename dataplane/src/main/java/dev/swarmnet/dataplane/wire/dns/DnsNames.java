package dev.swarmnet.dataplane.wire.dns;

import io.netty.buffer.ByteBuf;
import java.util.Arrays;

/**
 * Off-loop conversions between dotted names and uncompressed wire names (RFC 1035 §3.1), used by
 * the control plane to precompute resolver tables and by tests and diagnostics. These methods
 * allocate and throw; the per-packet path uses {@link DnsMessageReader} and {@link
 * DnsMessageWriter} instead. Stateless; any thread.
 */
public final class DnsNames {
    /** Longest uncompressed wire name (RFC 1035 §2.3.4); a scratch array of this size always suffices. */
    public static final int MAX_WIRE_LENGTH = DnsNameWalker.MAX_NAME_LENGTH;
    public static final int MAX_LABEL_LENGTH = DnsNameWalker.MAX_LABEL_LENGTH;

    private static final byte[] IN_ADDR_ARPA = {
        0x07, 'i', 'n', '-', 'a', 'd', 'd', 'r', 0x04, 'a', 'r', 'p', 'a', 0x00,
    };

    private DnsNames() {
    }

    /**
     * Encodes a dotted name ("whoami.swarmnet" or "whoami.swarmnet.") as a lower-case wire name.
     * "" and "." give the root name. Labels may hold printable ASCII other than '.' (so SRV
     * labels such as "_http" are accepted); escapes are not supported.
     *
     * @throws IllegalArgumentException naming the offending label if a label is empty, longer than
     *     63 octets, or holds other characters, or if the whole name exceeds 255 octets
     */
    public static byte[] encode(String dottedName) {
        String name = dottedName.endsWith(".") ? dottedName.substring(0, dottedName.length() - 1) : dottedName;
        if (name.isEmpty()) {
            return new byte[] {0};
        }
        byte[] wire = new byte[name.length() + 2];
        int written = 0;
        int labelStart = 0;
        while (labelStart <= name.length()) {
            int dot = name.indexOf('.', labelStart);
            int labelEnd = dot < 0 ? name.length() : dot;
            String label = name.substring(labelStart, labelEnd);
            if (label.isEmpty()) {
                throw new IllegalArgumentException("empty label at index " + labelStart + " in '" + dottedName + "'");
            }
            if (label.length() > MAX_LABEL_LENGTH) {
                throw new IllegalArgumentException("label '" + label + "' is " + label.length()
                    + " octets, longer than 63, in '" + dottedName + "'");
            }
            wire[written++] = (byte) label.length();
            for (int i = 0; i < label.length(); i++) {
                char c = label.charAt(i);
                if (c <= 0x20 || c >= 0x7f) {
                    throw new IllegalArgumentException("label '" + label + "' holds character U+"
                        + String.format("%04X", (int) c) + " in '" + dottedName + "'");
                }
                wire[written++] = (byte) DnsNameHash.toLowerCase(c);
            }
            labelStart = labelEnd + 1;
        }
        wire[written] = 0;
        if (wire.length > MAX_WIRE_LENGTH) {
            throw new IllegalArgumentException("name '" + dottedName + "' is " + wire.length
                + " octets in wire form, longer than 255");
        }
        return wire;
    }

    /**
     * Decodes the possibly compressed name at absolute index {@code nameIndex}, treating the
     * buffer's readable bytes as the message (pointers are relative to its reader index).
     */
    public static String decode(ByteBuf buf, int nameIndex) {
        return decode(buf, buf.readerIndex(), buf.readableBytes(), nameIndex);
    }

    /**
     * Decodes the possibly compressed name at absolute index {@code nameIndex} of the message
     * {@code buf[messageOffset, messageOffset + messageLength)} as "a.b.c." ("." for the root).
     * Octets outside printable ASCII, '.', and '\' are escaped as in master files (RFC 1035 §5.1).
     *
     * @throws IllegalArgumentException with the {@link DnsReadStatus} name if the name is invalid
     */
    public static String decode(ByteBuf buf, int messageOffset, int messageLength, int nameIndex) {
        int scan = DnsNameWalker.scan(buf, messageOffset, messageOffset + messageLength, nameIndex,
            DnsMessageReader.MAX_POINTER_JUMPS);
        if (scan < 0) {
            throw new IllegalArgumentException("invalid name at index " + nameIndex + ": " + DnsReadStatus.describe(scan));
        }
        byte[] wire = new byte[DnsNameWalker.wireLength(scan)];
        DnsNameWalker.copy(buf, messageOffset, nameIndex, wire, false);
        return toDotted(wire);
    }

    /** The dotted form of an uncompressed wire name, as {@link #decode} prints it. */
    public static String toDotted(byte[] wireName) {
        validateWire(wireName);
        if (wireName.length == 1) {
            return ".";
        }
        StringBuilder out = new StringBuilder(wireName.length + 4);
        int position = 0;
        while (wireName[position] != 0) {
            int length = wireName[position];
            for (int i = position + 1; i <= position + length; i++) {
                int c = wireName[i] & 0xff;
                if (c == '.' || c == '\\') {
                    out.append('\\').append((char) c);
                } else if (c <= 0x20 || c >= 0x7f) {
                    out.append('\\').append(String.format("%03d", c));
                } else {
                    out.append((char) c);
                }
            }
            out.append('.');
            position += 1 + length;
        }
        return out.toString();
    }

    /** The case-insensitive {@link DnsNameHash} of an uncompressed wire name; equals {@link DnsMessageReader#questionNameHash()} for the same name. */
    public static long hash(byte[] wireName) {
        validateWire(wireName);
        long hash = DnsNameHash.SEED;
        for (byte octet : wireName) {
            hash = DnsNameHash.step(hash, octet);
        }
        return DnsNameHash.finish(hash);
    }

    /** The reverse-mapping name "d.c.b.a.in-addr.arpa" (RFC 1035 §3.5) for an IPv4 address a.b.c.d in host order. */
    public static byte[] reverseName(int ipv4) {
        byte[] wire = new byte[4 * 4 + IN_ADDR_ARPA.length];
        int written = 0;
        for (int shift = 0; shift < 32; shift += 8) {
            String octet = Integer.toString((ipv4 >>> shift) & 0xff);
            wire[written++] = (byte) octet.length();
            for (int i = 0; i < octet.length(); i++) {
                wire[written++] = (byte) octet.charAt(i);
            }
        }
        System.arraycopy(IN_ADDR_ARPA, 0, wire, written, IN_ADDR_ARPA.length);
        written += IN_ADDR_ARPA.length;
        return Arrays.copyOf(wire, written);
    }

    private static void validateWire(byte[] wireName) {
        if (wireName.length == 0 || wireName.length > MAX_WIRE_LENGTH) {
            throw new IllegalArgumentException("wire name length " + wireName.length + " outside 1..255");
        }
        int position = 0;
        while (position < wireName.length) {
            int length = wireName[position] & 0xff;
            if (length == 0) {
                if (position != wireName.length - 1) {
                    throw new IllegalArgumentException("wire name has octets after the root label");
                }
                return;
            }
            if (length > MAX_LABEL_LENGTH) {
                throw new IllegalArgumentException("wire name has length octet 0x" + Integer.toHexString(length)
                    + " at index " + position + " (pointers and label types are not allowed here)");
            }
            position += 1 + length;
        }
        throw new IllegalArgumentException("wire name does not end with the root label");
    }
}
