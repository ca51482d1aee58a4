/**
 * Frames the data plane writes back itself: ARP replies (proxy ARP), ICMP echo replies for
 * gateways and VIPs, TCP resets for segments toward a VIP that no flow owns, and ICMP
 * "fragmentation needed" for oversized packets with DF set.
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
 */
package dev.swarmnet.dataplane.answer;
