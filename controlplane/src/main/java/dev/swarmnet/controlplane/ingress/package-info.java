/**
 * The routing mesh (north-south): every node listens on every published port of every service
 * and carries each new flow to a running task of the service, wherever it runs.
 *
 * <p>Design note. A node has its own address on the {@code ingress} overlay (allocated in the
 * state with the node, {@code Node.attachments}); {@link dev.swarmnet.controlplane.ingress.IngressEndpoint}
 * puts it on a TAP in the daemon's namespace, attached to the data plane as a local endpoint,
 * so the kernel routes the ingress subnet into the overlay and every task's ingress address is
 * one ordinary TCP or UDP connection away. The mesh is then a userspace proxy on Netty (epoll
 * when available): no NAT, no conntrack, no kernel IPVS; the proxy sees flows, not packets.
 *
 * <p>{@link dev.swarmnet.controlplane.ingress.MeshRoutes} is a pure function of the node's
 * assignment: per published port ({@code publishMode=ingress}) the service, its labels and its
 * backends (tasks observed RUNNING with an ingress address; draining when being stopped).
 * {@link dev.swarmnet.controlplane.ingress.MeshController} follows each assignment: opens a
 * listener per new port on the configured addresses (default all), updates open ones, closes
 * those no longer published; a port the host cannot open is logged with its service and retried
 * every 10 s (reported in the daemon log only, not on the service). Per flow,
 * {@link dev.swarmnet.controlplane.ingress.BackendChooser} picks a backend (round robin, least
 * connections, Maglev over client ip:port, optional client-IP affinity; draining backends get no
 * new flows). TCP ({@code TcpFrontend}, {@code TcpRelay}): connect (up to 3 backends on refusal),
 * optional PROXY v2 header ({@link dev.swarmnet.controlplane.ingress.ProxyProtocolV2}), relay
 * with read-after-write backpressure and half-close, RST ({@code SO_LINGER 0}) on errors, on
 * idle timeout and when the backend's task has ended; established flows to a draining task
 * continue. UDP ({@code UdpMeshListener}): per client address a connected upstream socket with
 * an idle timeout, replies sent from the published socket. Bytes are copied through pooled
 * buffers; epoll splice is not used (it needs both sockets drained in lockstep and loses
 * half-close; a later step).
 *
 * <p>Labels (per service): {@code swarmnet.lb}, {@code swarmnet.lb.affinity},
 * {@code swarmnet.ingress.idle-timeout} (TCP default 15 min, UDP 30 s),
 * {@code swarmnet.proxy-protocol=v2} (TCP only), {@code swarmnet.ingress.listen=CIDR[,CIDR...]}
 * (only the node's addresses inside these blocks: {@link dev.swarmnet.controlplane.ingress.ListenRestriction},
 * fail-closed).
 */
package dev.swarmnet.controlplane.ingress;
