/**
 * The Docker Engine API subset (v1.50) that lets the stock {@code docker} CLI drive swarmnet:
 * ping, version, info, swarm and nodes.
 *
 * <p>Design note. Requests travel one way through small pieces:
 * {@link dev.swarmnet.controlplane.api.ApiServer} binds a unix socket (and optionally loopback
 * TCP) with one Netty event loop; each connection's pipeline decodes HTTP/1.1, bounds and
 * aggregates the body ({@code BoundedAggregator}) and hands a detached
 * {@link dev.swarmnet.controlplane.api.ApiRequest} to a small worker pool
 * ({@code ApiHandler}), because backend calls may wait on Raft and the event loop must never
 * block. {@link dev.swarmnet.controlplane.api.ApiRouter} strips the {@code /vX.Y} prefix
 * ({@link dev.swarmnet.controlplane.api.ApiVersions}), picks the endpoint, and turns every
 * failure into Docker's {@code {"message": ...}} with {@code Content-Type: application/json}
 * exactly; anything outside the subset is a 501 that names the method and path. Endpoints are
 * thin: decode with {@link dev.swarmnet.controlplane.api.DockerJson}, call
 * {@link dev.swarmnet.controlplane.api.SwarmBackend}, encode.
 *
 * <p>The backend is the seam to the daemon: it speaks the records of
 * {@code dev.swarmnet.controlplane.api.model}, which mirror moby's Go types field for field,
 * and fails with {@link dev.swarmnet.controlplane.api.ApiException} in the daemon's words
 * ({@link dev.swarmnet.controlplane.api.DaemonMessages}). Name and prefix resolution of
 * references is the backend's, because it owns the data.
 *
 * <p>Every response carries {@code Api-Version}, {@code Ostype}, {@code Docker-Experimental} and
 * {@code Server}, as the Docker daemon's version middleware does; the ping adds {@code Swarm}.
 * Connections are kept alive and answered one request at a time, in order.
 */
package dev.swarmnet.controlplane.api;
