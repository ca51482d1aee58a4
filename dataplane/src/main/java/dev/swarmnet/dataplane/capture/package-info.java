/**
 * Packet capture: what the data plane sees, written to a classic pcap file that tshark and
 * Wireshark read.
 *
 * <p>Design note. Operators capture one local port ({@code port=3}), one network
 * ({@code network=4097}: its ports and the underlay datagrams carrying its VNI), the underlay
 * ({@code underlay}: every VXLAN datagram) or everything ({@code all}), in either or both
 * directions ({@link dev.swarmnet.dataplane.capture.CaptureFilter}). Four hooks in the I/O layer
 * see every frame: read from a TAP before processing, written to a TAP, received from the
 * underlay, sent to the underlay ({@link dev.swarmnet.dataplane.capture.CapturePoint}).
 *
 * <p>Cost when off. The running capture's {@link dev.swarmnet.dataplane.capture.CaptureTap} is a
 * plain field of the event loop's dispatcher, set and cleared by tasks run on the loop, so a hook
 * costs one field load and a null check per frame and nothing else; the loop needs no volatile
 * read because only the loop writes the field.
 *
 * <p>Why a ring and a writer thread. The loop must never wait for a disk nor allocate per frame.
 * When a capture is on, the tap checks the filter and copies the selected frame's bytes (up to the
 * snap length) straight from the {@code ByteBuf} into an Agrona
 * {@link org.agrona.concurrent.ringbuffer.OneToOneRingBuffer} behind a small header (monotonic
 * timestamp, original length, port, underlay peer; the capture point is the message type; see
 * {@link dev.swarmnet.dataplane.capture.CaptureRecord}). The loop is the ring's only producer and
 * one dedicated writer thread its only consumer, so neither takes a lock. When the ring is full
 * the frame is counted as lost, never waited for; the count is in the
 * {@link dev.swarmnet.dataplane.capture.CaptureSummary} that stopping returns. The writer thread
 * ({@link dev.swarmnet.dataplane.capture.CaptureWriter}) turns records into pcap records, buffers
 * them, and flushes whenever the ring runs dry, so the file trails the wire by about a
 * millisecond. Stopping first removes the tap through the loop (after which nothing enters the
 * ring), then drains the ring to empty and closes the file.
 *
 * <p>Synthesized outer headers. The underlay socket delivers and accepts only the UDP payload
 * (VXLAN header and inner frame); the kernel owns the outer headers. So that a capture reads like
 * one taken on the host interface, the writer puts Ethernet, IPv4 and UDP headers in front
 * ({@link dev.swarmnet.dataplane.capture.OuterHeaders}): the real peer address and port, the
 * socket's own address and port (0.0.0.0 when it is bound to all addresses: without
 * {@code IP_PKTINFO} the socket does not know which local address a datagram reached),
 * placeholder MACs {@code 02:00:<IPv4 address>}, a correct IPv4 header checksum and UDP
 * checksum 0 (RFC 7348 §5). With UDP port 4789 on one side Wireshark decodes VXLAN and then the
 * inner frame.
 *
 * <p>Format. Classic libpcap ({@link dev.swarmnet.dataplane.capture.PcapWriter}), little-endian,
 * nanosecond timestamps (magic {@code 0xa1b23c4d}; microseconds on request), LINKTYPE_ETHERNET:
 * every tool reads it, and it is simple enough to write byte-exactly without a library. Its cost
 * is that a record carries no interface or direction: choose the filter per port or direction
 * when that matters (pcapng's per-packet flags would carry them; not done). Timestamps are taken
 * on the loop from the monotonic clock the hooks already read and turned into wall-clock time by
 * the writer with an offset fixed when the capture starts.
 */
package dev.swarmnet.dataplane.capture;
