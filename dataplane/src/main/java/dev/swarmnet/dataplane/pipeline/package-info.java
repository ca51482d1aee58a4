/**
 * The frame processor: the one entry point that decides what happens to a frame.
 *
 * <p>Design note. {@link dev.swarmnet.dataplane.pipeline.FrameProcessor#process} takes a frame
 * that arrived on a port (a local task's TAP, or the underlay before decapsulation), the time,
 * and returns a {@link dev.swarmnet.dataplane.pipeline.Verdict}: forward to a local port, send to a
 * remote node encapsulated, answer back where it came from, or drop. Every drop increments
 * exactly one reason counter. The order of decisions is:
 *
 * <ol>
 *   <li>decapsulate (underlay) or map the port to its network (TAP), check the source is the
 *       port's own (anti-spoofing);</li>
 *   <li>ARP: answer from the programmed table (proxy ARP), never flood;</li>
 *   <li>IPv4 to the gateway (local tasks only): answer ping; UDP to port 53 is the embedded
 *       resolver: answered from the network's DNS table, or handed to the
 *       {@link dev.swarmnet.dataplane.pipeline.DnsUpstream} ({@code HANDED_OFF}) for names
 *       outside the cluster; TCP to port 53 is the same resolver over TCP (a stateless endpoint
 *       with cookie sequence numbers; queries written in parts gathered in a few fixed slots),
 *       other TCP is refused with RST; anything else is dropped. The resolver's part is
 *       {@link dev.swarmnet.dataplane.pipeline.GatewayResolver}, which shares the processor's
 *       flyweights and answers in place;</li>
 *   <li>TCP/UDP: connection tracking; a hit is translated (to the backend, or back to the VIP);
 *       a miss toward a VIP creates a flow on a chosen backend, or is answered with RST when it
 *       is not a SYN;</li>
 *   <li>L2 forwarding by destination MAC: a local port, or a remote VTEP after the MTU check
 *       and encapsulation.</li>
 * </ol>
 *
 * <p>One processor per event loop: it owns its flyweights, connection table, balancing state and
 * counters, and installs new programs between frames, so a frame sees exactly one program.
 */
package dev.swarmnet.dataplane.pipeline;
