/**
 * Wire codecs: flyweights over Netty {@link io.netty.buffer.ByteBuf}s for Ethernet II (with one
 * 802.1Q tag), ARP, IPv4, ICMP, UDP, TCP and VXLAN, plus the Internet checksum.
 *
 * <p>Design note. Each header is one final class holding a buffer reference and an offset and
 * nothing else; {@code wrap} validates what the header itself promises (lengths, version, flag
 * bits) and returns either a non-negative length or a negative {@link dev.swarmnet.dataplane.wire.WireError}
 * code, so malformed input is a value, never an exception. Accessors use absolute
 * {@code getX/setX(offset + FIELD_OFFSET)}; they never move reader or writer indexes. A flyweight
 * is reused for every packet by the thread that owns it (the event loop), so none of them is
 * thread-safe and none allocates. Addresses travel as primitives: IPv4 as an {@code int} whose
 * value reads like the dotted quad (10.0.0.1 is {@code 0x0A000001}), MAC as the low 48 bits of a
 * {@code long}.
 *
 * <p>Wire constants live only here (STYLE: no copies between modules). Checksums follow RFC 1071
 * (full) and RFC 1624 (incremental, equation 3), and {@code ChecksumsTest} proves the incremental
 * form equals a full recompute.
 */
package dev.swarmnet.dataplane.wire;
