/**
 * Packet I/O: TAP ports and the VXLAN underlay socket on a Netty 4.2 epoll event loop, feeding
 * the frame processor and applying its verdicts.
 *
 * <p>Design note. One {@link dev.swarmnet.dataplane.io.DataPlane} runs one event loop that owns
 * one {@link dev.swarmnet.dataplane.pipeline.FrameProcessor}, every TAP port of the node and the
 * underlay socket, so a flow's packets in both directions meet the same connection table
 * without any lock. TAP file descriptors are registered as {@code EpollIoHandle}s (level
 * triggered, {@code O_NONBLOCK}); a readable TAP is drained up to a batch size per wake-up,
 * frames read at {@link dev.swarmnet.dataplane.io.DataPlane#HEADROOM} bytes into pooled direct
 * buffers so the processor can encapsulate in place. The underlay is an
 * {@code EpollDatagramChannel} on UDP 4789 reading with {@code recvmmsg}
 * ({@code MAX_DATAGRAM_PAYLOAD_SIZE}) and flushing once per batch so that writes go out with
 * {@code sendmmsg}.
 *
 * <p>Buffer ownership: whoever reads a frame owns its buffer and hands it to
 * {@link dev.swarmnet.dataplane.io.VerdictDispatcher}, which either writes it to a TAP and
 * releases it, passes it to the underlay channel (which releases it after the send), or
 * releases it on a drop.
 *
 * <p>Other threads talk to the loop through {@link dev.swarmnet.dataplane.io.DataPlane}'s methods,
 * which submit tasks to the loop; programs arrive through the
 * {@link dev.swarmnet.dataplane.program.ProgramDoor}, read by the processor before each frame.
 * Closing cancels every registration, closes every TAP descriptor and the socket, and stops the
 * loop; nothing is left holding a namespace alive.
 *
 * <p>DNS forwarding: {@link dev.swarmnet.dataplane.io.DnsForwarder} owns one more datagram
 * channel on the same loop, in the daemon's namespace, toward the resolvers of
 * {@link dev.swarmnet.dataplane.io.ResolverConfig} (by default the daemon's own
 * {@code /etc/resolv.conf}). A query the processor hands it is copied into a bounded slot table
 * under a fresh random id; the reply, or SERVFAIL after the timeout, is framed from the gateway
 * and written to the task's TAP through the dispatcher. This path allocates (bounded by the
 * slots); the local-answer path does not. TCP forwarding is not implemented: a reply too large
 * for the task's MTU is relayed as an empty TC reply, and the task's TCP retry is refused by RST.
 */
package dev.swarmnet.dataplane.io;
