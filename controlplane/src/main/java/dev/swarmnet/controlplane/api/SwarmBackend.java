package dev.swarmnet.controlplane.api;

import dev.swarmnet.controlplane.api.model.InitRequest;
import dev.swarmnet.controlplane.api.model.JoinRequest;
import dev.swarmnet.controlplane.api.model.Network;
import dev.swarmnet.controlplane.api.model.Node;
import dev.swarmnet.controlplane.api.model.NodeSpec;
import dev.swarmnet.controlplane.api.model.Service;
import dev.swarmnet.controlplane.api.model.ServiceSpec;
import dev.swarmnet.controlplane.api.model.Swarm;
import dev.swarmnet.controlplane.api.model.SwarmSpec;
import dev.swarmnet.controlplane.api.model.SwarmStatus;
import dev.swarmnet.controlplane.api.model.SystemInfo;
import dev.swarmnet.controlplane.api.model.Task;
import java.util.List;

/**
 * The door from the Docker API into this node's swarm: what the daemon implements over the
 * cluster state and the Raft store.
 *
 * <p>Threading: the API server calls every method except {@link #status()} from a small pool
 * of its own worker threads, never from a Netty event loop, so a method may block (a Raft
 * round trip, a join handshake) and several may run at once. {@link #status()} is called on
 * every ping and must answer at once from local state.
 *
 * <p>Errors: a method fails with {@link ApiException} carrying the HTTP status and Docker's
 * message ({@link DaemonMessages}); for example {@code inspectNode} on a missing node throws
 * {@code new ApiException(404, "node nosuch not found")}, and every cluster method on a node in
 * no swarm throws 503 {@link DaemonMessages#NOT_A_MANAGER}. Any other exception becomes a 500
 * with its message.
 *
 * <p>References: {@code ref} arguments are what the user typed: a full node ID, a hostname
 * (case-insensitive), or a unique ID prefix, tried in that order; several prefix matches throw
 * {@link DaemonMessages#nodeAmbiguous}, none throws 404 {@link DaemonMessages#nodeNotFound}.
 * Networks and services resolve the same way (full ID, name, unique ID prefix) with
 * {@link DaemonMessages#networkNotFound} and {@link DaemonMessages#serviceNotFound}; tasks by full
 * ID or unique prefix with {@link DaemonMessages#taskNotFound}.
 *
 * <p>Specs: the API hands over specs already validated and normalised by
 * {@link ServiceSpecJson#toModel} and {@link NetworkJson#toModel}, and expects answers built with
 * {@link ServiceJson}, {@link TaskJson} and {@link NetworkJson}. The network, service and task
 * methods have defaults that answer 501, so a backend without services still compiles and says
 * so clearly.
 */
public interface SwarmBackend {

    /** This node's membership, for the {@code Swarm} ping header; answers from local state. */
    SwarmStatus status();

    /** {@code GET /info}: this host, and its view of the swarm under {@code Swarm}. */
    SystemInfo info();

    /**
     * {@code POST /swarm/init}: create a one-manager swarm with this node as leader.
     *
     * @return the new node ID of this node
     */
    String init(InitRequest request);

    /**
     * {@code POST /swarm/join}: join the swarm at {@code RemoteAddrs} with the token; returns once
     * joined.
     */
    void join(JoinRequest request);

    /** {@code POST /swarm/leave}: leave the swarm; a manager needs {@code force}. */
    void leave(boolean force);

    /** {@code GET /swarm}: the cluster, its spec and its join tokens (managers only). */
    Swarm inspectSwarm();

    /**
     * {@code POST /swarm/update}: replace the spec and rotate the chosen join tokens.
     *
     * @param version the {@code Version.Index} the caller read; a stale one fails with
     *                {@link DaemonMessages#UPDATE_OUT_OF_SEQUENCE}
     */
    void updateSwarm(long version, SwarmSpec spec, boolean rotateWorkerToken, boolean rotateManagerToken);

    /**
     * {@code GET /nodes}: the nodes matching the filters, in any order.
     *
     * @param filters keys {@code id} and {@code name} (prefix), {@code role}, {@code membership},
     *                {@code label} and {@code node.label}; unknown keys are refused before this call
     */
    List<Node> listNodes(Filters filters);

    /** {@code GET /nodes/{ref}}. */
    Node inspectNode(String ref);

    /** {@code POST /nodes/{ref}/update}: replace the node's spec if {@code version} is current. */
    void updateNode(String ref, long version, NodeSpec spec);

    /**
     * {@code DELETE /nodes/{ref}}: remove a node from the swarm; a node that is not down needs {@code
     * force}.
     */
    void removeNode(String ref, boolean force);

    /**
     * {@code GET /tasks}: the tasks matching the filters (managers only), built with {@link TaskJson}.
     * Each {@code node} value (ID, hostname, unique ID prefix, or {@code self}) must name a node,
     * else 404 {@link DaemonMessages#nodeNotFound}; each {@code service} value (ID, name or prefix)
     * must name a service, else 404 {@link DaemonMessages#serviceNotFound}. {@code id} is an ID
     * prefix, {@code name} a prefix of {@code service.slot} names, {@code desired-state} one of
     * {@code running}, {@code shutdown}, {@code accepted}; {@code _up-to-date=true} keeps the tasks
     * whose spec equals their service's current task template (docker-api.md §5).
     *
     * @param filters keys {@code node}, {@code desired-state}, {@code service}, {@code id},
     *                {@code name}, {@code label}, {@code _up-to-date}, {@code runtime}; unknown keys
     *                are refused before this call
     */
    List<Task> listTasks(Filters filters);

    /**
     * {@code GET /tasks/{id}}: one task by full ID or unique ID prefix.
     *
     * @throws ApiException 404 {@link DaemonMessages#taskNotFound}
     */
    default Task inspectTask(String ref) {
        throw unsupported("GET /tasks/" + ref);
    }

    /**
     * {@code POST /networks/create}: create a swarm-scoped overlay network.
     *
     * @return the new network's ID
     * @throws ApiException 409 {@link DaemonMessages#networkExists} when the name is taken; 400 when the
     *                      requested subnet overlaps another network's or lies outside the pool
     */
    default String createNetwork(dev.swarmnet.controlplane.model.NetworkSpec spec) {
        throw unsupported("POST /networks/create");
    }

    /**
     * {@code GET /networks}: the networks matching the filters, in any order (the CLI sorts).
     *
     * @param filters keys {@code id} (prefix), {@code name} (substring), {@code driver}, {@code label}
     *                ({@code key} or {@code key=value}), {@code scope}, {@code type} ({@code custom},
     *                {@code builtin}) and {@code dangling}; unknown keys are refused before this call.
     *                {@link Filters#matchesLabels} does the label test.
     */
    default List<Network> listNetworks(Filters filters) {
        throw unsupported("GET /networks");
    }

    /** {@code GET /networks/{ref}}: by ID, name or unique ID prefix; 404 {@link DaemonMessages#networkNotFound}. */
    default Network inspectNetwork(String ref) {
        throw unsupported("GET /networks/" + ref);
    }

    /**
     * {@code DELETE /networks/{ref}}.
     *
     * @throws ApiException 404 when missing; 403 {@link DaemonMessages#ingressNotRemovable} for
     *                      {@code ingress} while services publish ports; 409
     *                      {@link DaemonMessages#networkInUse} while a service is attached
     */
    default void removeNetwork(String ref) {
        throw unsupported("DELETE /networks/" + ref);
    }

    /**
     * {@code POST /services/create}.
     *
     * @param spec         validated and normalised ({@link ServiceSpecJson#toModel}); network targets may
     *                     be names or IDs and are the backend's to resolve (404 when unknown)
     * @param registryAuth the {@code X-Registry-Auth} header, or {@code null}; swarmnet pulls no images
     *                     and ignores it
     * @return the new service's ID and any warnings for the CLI to print on stderr
     * @throws ApiException 409 {@link DaemonMessages#serviceExists} when the name is taken; 400 when a
     *                      published port is already in use
     */
    default Created createService(dev.swarmnet.controlplane.model.ServiceSpec spec, String registryAuth) {
        throw unsupported("POST /services/create");
    }

    /**
     * {@code GET /services}: the services matching the filters, in any order.
     *
     * @param filters keys {@code id} and {@code name} (prefix), {@code label}, {@code mode}
     *                ({@code replicated}, {@code global}); unknown keys are refused before this call
     * @param status  fill {@code ServiceStatus} ({@link ServiceJson#status}), as {@code service ls} asks
     */
    default List<Service> listServices(Filters filters, boolean status) {
        throw unsupported("GET /services");
    }

    /**
     * {@code GET /services/{ref}}.
     *
     * @param insertDefaults whether to spell out defaults; the model keeps them spelled out already,
     *                       so both answers may be the same
     * @throws ApiException 404 {@link DaemonMessages#serviceNotFound}
     */
    default Service inspectService(String ref, boolean insertDefaults) {
        throw unsupported("GET /services/" + ref);
    }

    /**
     * {@code POST /services/{ref}/update}: replace the spec if {@code version} is current, keeping the
     * old one as {@code PreviousSpec} and clearing {@code UpdateStatus}.
     *
     * @param spec             validated and normalised; ignored when {@code rollback}
     * @param rollback         {@code rollback=previous}: swap in {@code PreviousSpec} instead
     * @param registryAuthFrom {@code spec} or {@code previous-spec}, or {@code null}; ignored
     * @return warnings for the CLI to print, usually none
     * @throws ApiException 500 {@link DaemonMessages#UPDATE_OUT_OF_SEQUENCE} for a stale version; 400
     *                      {@link DaemonMessages#noPreviousSpec} for a rollback of a never-updated service
     */
    default List<String> updateService(String ref, long version, dev.swarmnet.controlplane.model.ServiceSpec spec,
                                       boolean rollback, String registryAuthFrom) {
        throw unsupported("POST /services/" + ref + "/update");
    }

    /** {@code DELETE /services/{ref}}: remove the service; its tasks are shut down. */
    default void removeService(String ref) {
        throw unsupported("DELETE /services/" + ref);
    }

    /**
     * {@code GET /services/{ref}/logs}: the service's task output.
     *
     * @throws ApiException 404 {@link DaemonMessages#serviceNotFound}, before any output is sent
     */
    default LogStream serviceLogs(String ref, LogOptions options) {
        throw unsupported("GET /services/" + ref + "/logs");
    }

    /**
     * {@code GET /tasks/{ref}/logs}: one task's output ({@code docker service logs TASK}).
     *
     * @throws ApiException 404 {@link DaemonMessages#taskNotFound}, before any output is sent
     */
    default LogStream taskLogs(String ref, LogOptions options) {
        throw unsupported("GET /tasks/" + ref + "/logs");
    }

    /**
     * Every node's data-plane view (its VIPs' backends and their states, as its data plane holds
     * them), gathered over the cluster port for {@code GET /networks/{ref}?verbose=true} and
     * {@code GET /services/{ref}?backends=true}; a node that does not answer in time appears with
     * an error. Managers only; takes at most a few seconds.
     */
    default dev.swarmnet.controlplane.inspect.ClusterDataPlane dataPlanes() {
        throw unsupported("data-plane views");
    }

    /** What {@link #createService} answers. */
    record Created(String id, List<String> warnings) {
        public Created {
            java.util.Objects.requireNonNull(id, "id");
            warnings = warnings == null ? List.of() : List.copyOf(warnings);
        }
    }

    private static ApiException unsupported(String what) {
        return ApiException.notImplemented("this swarmnet node does not serve " + what + " yet");
    }
}
