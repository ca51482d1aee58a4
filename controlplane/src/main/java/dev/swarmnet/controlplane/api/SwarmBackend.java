package dev.swarmnet.controlplane.api;

import dev.swarmnet.controlplane.api.model.InitRequest;
import dev.swarmnet.controlplane.api.model.JoinRequest;
import dev.swarmnet.controlplane.api.model.Node;
import dev.swarmnet.controlplane.api.model.NodeSpec;
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
     * {@code GET /tasks}: the tasks matching the filters (managers only). This build runs no
     * services, so there are no tasks and the answer is always empty; the filters are still
     * checked as Docker checks them: each {@code node} value (ID, hostname, unique ID prefix, or
     * {@code self}) must name a node, else 404 {@link DaemonMessages#nodeNotFound}, and each
     * {@code service} value must name a service, so any is 404 {@code service X not found}.
     *
     * @param filters keys {@code node}, {@code desired-state}, {@code service}, {@code id},
     *                {@code name}, {@code label}, {@code _up-to-date}, {@code runtime}; unknown keys
     *                are refused before this call
     */
    List<Task> listTasks(Filters filters);
}
