/**
 * DNS wire codec for the data plane's embedded resolver (RFC 1035, RFC 3596 AAAA, RFC 2782 SRV,
 * RFC 6891 EDNS OPT).
 *
 * <h2>Design note</h2>
 *
 * <p>The resolver runs on a Netty event loop and answers from tables the control plane built in
 * advance, so everything a packet touches here is allocation-free: flyweights over a
 * {@link io.netty.buffer.ByteBuf} with absolute {@code getX/setX}, {@code int} status codes
 * instead of exceptions ({@link dev.swarmnet.dataplane.wire.dns.DnsReadStatus}), and
 * caller-owned scratch arrays. Nothing here changes a buffer's reader or writer index or its
 * reference count; whoever owns the buffer releases it.
 *
 * <ul>
 *   <li>{@link dev.swarmnet.dataplane.wire.dns.DnsHeader} – the 12-octet header and the
 *       TYPE/CLASS/RCODE constants.
 *   <li>{@link dev.swarmnet.dataplane.wire.dns.DnsMessageReader} – validates a whole message in
 *       {@code wrap}, exposes the first question, then walks resource records with a cursor.
 *   <li>{@link dev.swarmnet.dataplane.wire.dns.DnsMessageWriter} – builds a response in place,
 *       compressing owner names to pointers and stopping cleanly (TC) at the size cap.
 *   <li>{@code DnsNameWalker} (package-private) – the one place that follows compression
 *       pointers; everything else calls it.
 *   <li>{@link dev.swarmnet.dataplane.wire.dns.DnsNameHash} – the case-insensitive name hash
 *       shared by the per-packet reader and the off-loop table builders.
 *   <li>{@link dev.swarmnet.dataplane.wire.dns.DnsNames} – off-loop helpers (String to wire
 *       form and back, reverse names) for the control plane and tests.
 * </ul>
 *
 * <h2>Names</h2>
 *
 * <p>Tables key names by their lower-case, uncompressed wire form ({@code 06 whoami 08 swarmnet
 * 00}) and by {@link dev.swarmnet.dataplane.wire.dns.DnsNameHash}. The reader hashes and compares
 * a question name label by label while following pointers, folding only ASCII {@code A-Z}
 * (RFC 4343), so a probe never materialises the name. Responses echo the question exactly as
 * received, case included, which DNS 0x20 case randomisation relies on.
 *
 * <p>Compression pointers (RFC 1035 §4.1.4) are accepted only if they point into the message,
 * past the header, and strictly before the start of the run of labels that reached them. Every
 * jump therefore lands at a lower offset than the last, so no pointer cycle can exist; a
 * separate cap on jumps bounds pointer-to-pointer chains. Label type prefixes {@code 0x40} and
 * {@code 0x80} (RFC 6891 §5) are rejected, and a name's uncompressed form may not exceed 255
 * octets.
 *
 * <h2>Sizes</h2>
 *
 * <p>A UDP response may use 512 octets ({@link dev.swarmnet.dataplane.wire.dns.DnsHeader#MAX_UDP_LENGTH}),
 * or the requester's EDNS payload size if larger (RFC 6891 §6.2.5). The writer never writes past
 * the limit it was given: a record that does not fit is dropped together with everything after
 * it, and TC is set if it belonged to the answer or authority section (RFC 2181 §9).
 */
package dev.swarmnet.dataplane.wire.dns;
