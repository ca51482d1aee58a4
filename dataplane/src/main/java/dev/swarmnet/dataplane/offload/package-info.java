/**
 * TAP offloads: finishing checksums the kernel left partial, and cutting TCP super-frames into
 * segments the overlay can carry.
 *
 * <p>Design note. A TAP opened with a virtio-net header and {@code TUN_F_CSUM | TUN_F_TSO4}
 * lets the task's kernel hand over one 64 KiB TCP frame where it would otherwise hand over
 * forty-odd 1450-byte ones: one read instead of forty, and a task TCP stack that works per
 * super-frame. The price is paid here, once per frame, before the frame processor sees
 * anything: {@link dev.swarmnet.dataplane.offload.ChecksumCompletion} finishes a partial
 * transport checksum (so that NAT's incremental updates start from a complete one), and
 * {@link dev.swarmnet.dataplane.offload.TcpSegmentation} cuts a super-frame at its
 * {@code gso_size} into ordinary frames with their own IPv4 identification, length and header
 * checksum, TCP sequence number, flags (FIN and PSH only on the last, CWR only on the first) and
 * full TCP checksum (RFC 9293, RFC 7414's "TSO" behaviour as Linux implements it in
 * {@code tcp_gso_segment}). Each segment then goes through the processor like any other frame.
 *
 * <p>Both run on the event loop, allocate only the pooled buffers the segments travel in, and
 * treat a header that does not match its frame (wrong protocol, lengths out of range) as a
 * malformed frame: dropped and counted, never trusted.
 */
package dev.swarmnet.dataplane.offload;
