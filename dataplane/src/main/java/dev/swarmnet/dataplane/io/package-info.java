/**
 * Packet I/O: TAP ports and the VXLAN underlay socket on a Netty 4.2 event loop (epoll by
 * default, io_uring opt-in), feeding the frame processor and applying its verdicts.
 *
 * <p>Design note. One {@link dev.swarmnet.dataplane.io.DataPlane} runs one event loop that owns
 * one {@link dev.swarmnet.dataplane.pipeline.FrameProcessor}, every TAP port of the node and the
 * underlay socket, so a flow's packets in both directions meet the same connection table
 * without any lock. A TAP port ({@code TapPort}) is a {@code O_NONBLOCK} descriptor watched the
 * loop's way: on epoll ({@code EpollTapPort}) it is a level-triggered {@code EpollIoHandle}; on
 * io_uring ({@code IoUringTapPort}) one one-shot {@code IORING_OP_POLL_ADD} is outstanding and
 * re-armed after each completion (a one-shot poll checks readiness when armed, so it behaves as
 * level triggered), and detaching cancels it with {@code IORING_OP_ASYNC_CANCEL} before the
 * descriptor is closed. Either way the ready port goes to one shared {@code TapDrain}, which
 * reads up to a batch per wake-up with plain {@code read(2)} into pooled direct buffers at
 * {@link dev.swarmnet.dataplane.io.DataPlane#HEADROOM} bytes, so the processor can encapsulate in
 * place. The underlay is an {@code EpollDatagramChannel} on UDP 4789 reading with
 * {@code recvmmsg} ({@code MAX_DATAGRAM_PAYLOAD_SIZE}) and flushing once per batch so that
 * writes go out with {@code sendmmsg}; on io_uring an {@code IoUringDatagramChannel} with the
 * same payload size, which keeps up to 32 {@code recvmsg} requests in flight.
 * {@link dev.swarmnet.dataplane.io.Transport} picks the classes; {@code DataPlane.start} falls
 * back from io_uring to epoll to NIO where a native transport cannot load (NIO hosts no TAP
 * ports), logging why once.
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
 * {@code /etc/resolv.conf}), and opens short TCP connections on the same loop (the transport's
 * socket channel, {@code Transport.stream}) for queries the task asked over TCP and for UDP
 * queries whose upstream reply came back truncated: one connection per query and attempt, the
 * message behind its 2-octet length, under the same slot, timeout and resolver rotation as UDP. A
 * query the processor hands it is copied into a bounded slot table under a fresh random id; the
 * reply, or SERVFAIL after the timeout, is framed from the gateway and written to the task's TAP
 * through the dispatcher: a UDP datagram (an empty reply with TC when too large for the task's
 * network, so the task asks again over TCP), or for a TCP query as many TCP segments as the
 * answer needs (up to 64 KiB, all at once, within the window the task advertised; else an empty
 * reply with TC). The gateway's own DNS-over-TCP answers longer than one segment leave the same
 * way. This path allocates (bounded by the slots); the local-answer path does not.
 */
package dev.swarmnet.dataplane.io;
