package dev.swarmnet.controlplane.api;

/**
 * The Docker daemon's own wording for the errors the CLI shows users, copied so that swarmnet's
 * answers read the same (docker-api.md §1.4). Backends use these with {@link ApiException}.
 */
public final class DaemonMessages {

    /** 503: no swarm here. */
    public static final String NOT_A_MANAGER = "This node is not a swarm manager. Use \"docker swarm init\" or "
            + "\"docker swarm join\" to connect this node to swarm and try again.";

    /** 503: a worker was asked for cluster state. */
    public static final String WORKER_NOT_A_MANAGER = "This node is not a swarm manager. Worker nodes can't be used "
            + "to view or modify cluster state. Please run this command on a manager node or promote the current "
            + "node to a manager.";

    /** 503: init or join on a node that is already a member. */
    public static final String ALREADY_IN_SWARM = "This node is already part of a swarm. Use \"docker swarm leave\" "
            + "to leave this swarm and join another one.";

    /** 503: leave on a node in no swarm. */
    public static final String NOT_IN_SWARM = "This node is not part of a swarm";

    /** 503: the last manager leaving without {@code --force}. */
    public static final String LAST_MANAGER_LEAVE_NEEDS_FORCE = "You are attempting to leave the swarm on a node "
            + "that is participating as a manager. Removing the last manager erases all current state of the swarm. "
            + "Use `--force` to ignore this message.";

    /** 500 (as moby wraps it): the version quoted on an update is not the current one. */
    public static final String UPDATE_OUT_OF_SEQUENCE = "rpc error: code = Unknown desc = update out of sequence";

    /** swarmkit's refusal to demote the last manager. */
    public static final String LAST_MANAGER = "attempting to demote the last manager of the swarm";

    private DaemonMessages() {
    }

    /** 404: {@code node X not found}. */
    public static String nodeNotFound(String ref) {
        return "node " + ref + " not found";
    }

    /** {@code node X is ambiguous (N matches found)}. */
    public static String nodeAmbiguous(String ref, int matches) {
        return "node " + ref + " is ambiguous (" + matches + " matches found)";
    }

    /** 404: {@code service X not found}. */
    public static String serviceNotFound(String ref) {
        return "service " + ref + " not found";
    }

    /** 404: {@code network X not found} (also how {@code --network NAME} learns a name is unknown). */
    public static String networkNotFound(String ref) {
        return "network " + ref + " not found";
    }

    /** 409: a network name is taken; the daemon checks this itself since API 1.44. */
    public static String networkExists(String name) {
        return "network with name " + name + " already exists";
    }

    /** 409 (swarmkit's FailedPrecondition): a service still uses the network. */
    public static String networkInUse(String networkId, String serviceId) {
        return "rpc error: code = FailedPrecondition desc = network " + networkId + " is in use by service "
                + serviceId;
    }

    /** 403: the routing-mesh network cannot go while services publish ports. */
    public static String ingressNotRemovable(String serviceId) {
        return "rpc error: code = PermissionDenied desc = ingress network cannot be removed because service "
                + serviceId + " depends on it";
    }

    /** 409 (swarmkit's AlreadyExists): a service name is taken. */
    public static String serviceExists(String name) {
        return "rpc error: code = AlreadyExists desc = name conflicts with an existing object: service " + name
                + " already exists";
    }

    /** {@code service X is ambiguous (N matches found)}. */
    public static String serviceAmbiguous(String ref, int matches) {
        return "service " + ref + " is ambiguous (" + matches + " matches found)";
    }

    /** 400 (swarmkit's FailedPrecondition): {@code service update --rollback} of a service never updated. */
    public static String noPreviousSpec(String serviceId) {
        return "rpc error: code = FailedPrecondition desc = service " + serviceId + " does not have a previous spec";
    }

    /** 404: {@code task X not found}. */
    public static String taskNotFound(String ref) {
        return "task " + ref + " not found";
    }
}
