/**
 * The Docker Engine API subset (v1.50) that lets the stock {@code docker} CLI drive swarmnet:
 * ping, version, info, swarm, nodes, networks, services, tasks and service logs.
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
 * <p>Networks and services. Request bodies are read twice: once as a JSON tree that
 * {@code SupportedFields} walks, refusing with 501 any field swarmnet would ignore that carries a
 * value (Docker clients send many fields at their zero values, and those pass), then as records
 * that {@link dev.swarmnet.controlplane.api.ServiceSpecJson} and
 * {@link dev.swarmnet.controlplane.api.NetworkJson} validate (400 naming the field) and turn
 * into the cluster model's specs. The backend answers in the API records, built from the model
 * by {@link dev.swarmnet.controlplane.api.ServiceJson}, {@link dev.swarmnet.controlplane.api.TaskJson}
 * and {@code NetworkJson}; these conversions are pure and live here, next to the JSON they
 * produce, so that the daemon only looks objects up. A spec read back and posted again changes
 * nothing, because the CLI posts the whole spec back on every update.
 *
 * <p>Logs are the one streamed response: the backend returns a
 * {@link dev.swarmnet.controlplane.api.LogStream}, {@code LogFrames} turns each line into one
 * stdcopy frame, and the handler writes the frames as HTTP chunks as they come, from whatever
 * thread produces them, keeping the connection busy until the stream ends or the client goes
 * away (reading stays on while streaming so that a closed client is noticed at once). A producer
 * waits while the channel is not writable, so a slow reader slows its stream rather than filling
 * memory.
 *
 * <p>Every response carries {@code Api-Version}, {@code Ostype}, {@code Docker-Experimental} and
 * {@code Server}, as the Docker daemon's version middleware does; the ping adds {@code Swarm}.
 * Connections are kept alive and answered one request at a time, in order.
 */
package dev.swarmnet.controlplane.api;
