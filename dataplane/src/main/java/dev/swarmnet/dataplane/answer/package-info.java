/**
 * Frames the data plane writes back itself: ARP replies (proxy ARP), ICMP echo replies for
 * gateways and VIPs, TCP resets for segments toward a VIP that no flow owns, and ICMP
 * "fragmentation needed" for oversized packets with DF set; and the embedded resolver's DNS
 * answers ({@link dev.swarmnet.dataplane.answer.DnsResponder}, framed by
 * {@link dev.swarmnet.dataplane.answer.UdpReply}).
 *
 * <p>Design note. Every answer is built in place, in the buffer of the frame it answers: the
 * headers are rewritten (and, for RST and ICMP errors, a shorter packet is written over the
 * original) and the writer index is moved to the new end. No buffer is allocated, nothing is
 * copied to another buffer, and the frame goes back out the way it came. Each class reads every
 * field it needs from the request before it writes the first byte of the answer.
 *
 * <p>Why RST: Docker's IPVS drops segments of flows it has forgotten without a word, so clients
 * hang until their own timeouts (swarm-facts.md, pain 3). Why "fragmentation needed": an overlay
 * MTU below the task's expectation otherwise black-holes large packets (pain 5); RFC 1191 path
 * MTU discovery needs the ICMP error to work.
 *
 * <p>DNS is the one answer not written over its request in a single pass: the reply echoes the
 * question, whose bytes the header rewrite would clobber, and is usually longer than the query.
 * So {@code DnsResponder} builds the DNS message in its own reused scratch array (no allocation)
 * and the processor copies it behind fresh Ethernet/IPv4/UDP headers in the query's buffer; the
 * buffer must have room (TAP reads keep {@code HEADROOM} + max frame, copies out of offload
 * super-frames keep room for a 1232-byte answer), else the reply is cut with TC. Lookups hash
 * the lower-cased question name into the network's {@code DnsTable} and compare bytes; the
 * rotation of dnsrr and {@code tasks.} answers is one counter per responder. TTL is 1 s
 * ({@code DnsTable.TTL_SECONDS}) so a removed task leaves resolvers' caches within a second of
 * the program that dropped it.
 *
 * <p>DNS over TCP (RFC 7766), which resolvers use after a truncated UDP answer (glibc does so at
 * 512 octets, i.e. past about 28 task addresses), is answered by a stateless endpoint at the
 * gateway: {@link dev.swarmnet.dataplane.answer.TcpReply} writes its segments, and the initial
 * sequence number of its SYN-ACK is a {@link dev.swarmnet.dataplane.answer.TcpCookie}, so a later
 * segment proves the handshake without a connection table. The reply to a query carries FIN
 * (one query per connection, which is how stub resolvers use it). A reply longer than one segment
 * (the network's MTU less 40 octets) is cut by {@link dev.swarmnet.dataplane.answer.TcpAnswer}
 * into several, written into buffers of their own and sent at once by the forwarder (the one
 * exception to answering in place, bounded by the 64 KiB a DNS message can take). Since the
 * endpoint keeps no state it never retransmits and sends no octet beyond the receive window the
 * query's segment advertises (unscaled: its SYN-ACK offers no window scaling): a longer answer
 * is cut to the window with TC set, a message the client can still read, and counted
 * ({@code dns_tcp_window_cut}); a query segment with a window below a DNS header gets a RST. A
 * lost segment of a long answer is not sent again: the client times out and asks again, as it
 * would for a lost UDP answer.
 */
package dev.swarmnet.dataplane.answer;
