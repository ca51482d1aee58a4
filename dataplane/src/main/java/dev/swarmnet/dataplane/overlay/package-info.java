/**
 * VXLAN encapsulation toward other nodes (RFC 7348).
 *
 * <p>Design note. The core never builds outer IPv4/UDP headers: the underlay socket (UDP 4789)
 * does, so the core's output for a remote destination is (remote VTEP address, VXLAN header +
 * inner frame). The VXLAN header is written into the headroom in front of the inner frame, so
 * encapsulation moves the reader index back by eight bytes and copies nothing; ports must read
 * frames at an offset of at least {@link dev.swarmnet.dataplane.wire.Vxlan#HEADER_LENGTH}.
 * Decapsulation is the mirror: check the I flag and that the VNI is one this node serves, then
 * move the reader index past the header. Frames from the underlay are only ever delivered to
 * local ports (no transit), so a misprogrammed peer cannot make two nodes loop a frame.
 */
package dev.swarmnet.dataplane.overlay;
