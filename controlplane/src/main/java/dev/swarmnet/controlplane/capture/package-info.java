/**
 * Packet capture on links the data plane does not own.
 *
 * <p>Design note. The data plane captures what it sees itself
 * ({@link dev.swarmnet.dataplane.capture}): its ports and its underlay socket, without a kernel
 * packet socket. To see what happens beyond it (the host's underlay NIC, a veth, a kernel VXLAN
 * device) {@link dev.swarmnet.controlplane.capture.LinkCapture} opens the link with libpcap
 * through Pcap4J, which needs CAP_NET_RAW. Pcap4J has been unmaintained since 2019, so it stays
 * in this one class, on the control path, for diagnostics only, and never touches the data
 * plane's packets. Files are written by the data plane's
 * {@link dev.swarmnet.dataplane.capture.PcapWriter}, so both kinds of capture read alike.
 */
package dev.swarmnet.controlplane.capture;
