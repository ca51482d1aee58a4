package dev.swarmnet.controlplane.daemon;

import dev.swarmnet.controlplane.agent.AssignedEndpoint;
import dev.swarmnet.controlplane.agent.AssignmentView;
import dev.swarmnet.controlplane.agent.NodeAssignment;
import dev.swarmnet.controlplane.agent.ProgramPlanner;
import dev.swarmnet.controlplane.cluster.AssignmentWatcher;
import dev.swarmnet.controlplane.cluster.ClusterPortClient;
import dev.swarmnet.controlplane.cluster.TaskStatusReporter;
import dev.swarmnet.controlplane.ingress.IngressEndpoint;
import dev.swarmnet.controlplane.ingress.MeshController;
import dev.swarmnet.controlplane.inspect.DataPlaneView;
import dev.swarmnet.controlplane.inspect.DataPlaneViews;
import dev.swarmnet.controlplane.inspect.PublishedPortView;
import dev.swarmnet.controlplane.metrics.PortOwner;
import dev.swarmnet.controlplane.model.Network;
import dev.swarmnet.controlplane.model.NetworkAttachment;
import dev.swarmnet.controlplane.model.Task;
import dev.swarmnet.controlplane.model.TaskState;
import dev.swarmnet.controlplane.model.TaskStatus;
import dev.swarmnet.controlplane.runtime.Attachment;
import dev.swarmnet.controlplane.runtime.DesiredTask;
import dev.swarmnet.controlplane.runtime.ImageCatalog;
import dev.swarmnet.controlplane.runtime.PortAttacher;
import dev.swarmnet.controlplane.runtime.TapPort;
import dev.swarmnet.controlplane.runtime.TaskLaunch;
import dev.swarmnet.controlplane.runtime.TaskRuntime;
import dev.swarmnet.controlplane.runtime.TaskStatusChange;
import dev.swarmnet.controlplane.runtime.TaskSupervisor;
import dev.swarmnet.controlplane.trust.NodeIdentity;
import dev.swarmnet.controlplane.trust.TlsContexts;
import dev.swarmnet.dataplane.conntrack.BackendFlowCounts;
import dev.swarmnet.dataplane.io.DataPlane;
import dev.swarmnet.dataplane.program.Program;
import dev.swarmnet.dataplane.program.ProgramDoor;
import io.netty.handler.ssl.SslContext;
import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This node's agent while it is in a swarm: it watches its assignments from the managers, runs
 * the assigned tasks ({@link TaskSupervisor} over {@link TaskRuntime}), reports their states,
 * programs the node's data plane from what it sees ({@link ProgramPlanner}), and runs the
 * node's side of the routing mesh: its ingress TAP ({@link IngressEndpoint}) and the published
 * ports' proxy ({@link MeshController}).
 *
 * <p>Started once the node is in a swarm (init, join or resume) and kept across promotion and
 * demotion, so a role change never touches running tasks; closed on leave (which stops and
 * removes every task) and on daemon stop (which leaves tasks running for the next daemon life
 * to adopt, as after a crash).
 *
 * <p>Threading: assignments arrive on the watcher's thread; task steps on the supervisor's loop
 * thread; port attach and detach on the supervisor's edge threads. The program is rebuilt under
 * this object's lock from the latest assignment and port map and offered to the data plane,
 * which picks it up between frames.
 */
final class NodeAgent implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(NodeAgent.class);

    private final String nodeId;
    private final AgentSettings settings;
    private final DataPlane dataPlane;
    private final ProgramDoor door;
    private final TaskRuntime runtime;
    private final ClusterPortClient client;
    private final TaskStatusReporter reporter;
    private final TaskSupervisor supervisor;
    private final AssignmentWatcher watcher;
    /** The routing mesh: published ports of every service, carried to task ingress addresses. */
    private final MeshController mesh;
    /** Held while the mesh is given routes, so that a live-settings change never applies a stale assignment. */
    private final Object meshLock = new Object();
    /** Stops listening to live-settings changes. */
    private final Runnable stopListening;
    /** This node's TAP on the ingress network and its data-plane port (-1: none). Watcher thread only. */
    private IngressEndpoint ingressTap;
    private int ingressPort = -1;

    /** Guarded by this: the latest assignment, local ports by "taskId/networkId", and port ids in use. */
    private NodeAssignment assignment;
    private final Map<String, Integer> localPorts = new HashMap<>();
    private final Map<Integer, String> portKeys = new HashMap<>();
    private final BitSet portIds = new BitSet();
    /** Tasks whose launch failed before the supervisor saw them (reported once). Guarded by this. */
    private final Set<String> refused = new HashSet<>();
    /** Tasks the supervisor has reported and not yet reported removed. Guarded by this. */
    private final Set<String> present = new HashSet<>();
    /** The last program offered to the data plane, with the assignment it was planned from. */
    private volatile Published published;
    /** The last state the supervisor reported for each present task (for metrics). Guarded by this. */
    private final Map<String, TaskState> lastStates = new HashMap<>();

    private NodeAgent(String nodeId, AgentSettings settings, DataPlane dataPlane, ProgramDoor door,
                      TaskRuntime runtime, ClusterPortClient client, TaskStatusReporter reporter,
                      List<String> managers, SslContext tls) throws IOException {
        this.nodeId = nodeId;
        this.settings = settings;
        this.dataPlane = dataPlane;
        this.door = door;
        this.runtime = runtime;
        this.client = client;
        this.reporter = reporter;
        this.assignment = NodeAssignment.empty(nodeId);
        this.supervisor = new TaskSupervisor(runtime, new Ports(), this::reported, runtime.scan());
        this.mesh = new MeshController(settings.ingressListen(), settings.ingressThreads(),
                java.time.Duration.ofSeconds(10), settings.dataPlane().transport());
        this.stopListening = settings.live().listen(this::liveSettingsChanged);
        try {
            this.watcher = AssignmentWatcher.start(client, tls, nodeId, managers, this::assigned);
        } catch (RuntimeException e) {
            stopListening.run();
            mesh.close();
            throw e;
        }
    }

    /**
     * Starts the agent of node {@code nodeId}: its data plane on {@code underlayIp} (the node's
     * advertise address) and the data path port, the task runtime, and the streams to {@code managers}.
     */
    static NodeAgent start(String nodeId, String underlayIp, NodeIdentity identity, List<String> managers,
                           AgentSettings settings) throws IOException {
        ProgramDoor door = new ProgramDoor(dev.swarmnet.dataplane.program.Program.empty());
        DataPlane dataPlane;
        try {
            dataPlane = DataPlane.start(settings.dataPlane().withUnderlay(underlayIp, settings.dataPathPort()),
                    door, settings.resolverNow());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while starting the data plane", e);
        }
        ClusterPortClient client = null;
        TaskStatusReporter reporter = null;
        try {
            SslContext tls = TlsContexts.client(identity);
            client = new ClusterPortClient(ClusterPortClient.DEFAULT_TIMEOUT);
            reporter = TaskStatusReporter.start(client, tls, managers);
            NodeAgent agent = new NodeAgent(nodeId, settings, dataPlane, door, new TaskRuntime(settings.runtime()),
                    client, reporter, managers, tls);
            LOG.info("agent of node {}: data plane on {}:{}, tasks in namespaces {}*", nodeId, underlayIp,
                    settings.dataPathPort(), settings.runtime().namespacePrefix());
            return agent;
        } catch (IOException | RuntimeException e) {
            if (reporter != null) {
                reporter.close();
            }
            if (client != null) {
                client.close();
            }
            dataPlane.close();
            throw e;
        } catch (Exception e) {
            dataPlane.close();
            throw new IOException("cannot start the agent: " + e.getMessage(), e);
        }
    }

    /** The managers to talk to from now on (heartbeat acks name them). */
    void managers(List<String> managers) {
        if (!managers.isEmpty()) {
            watcher.managers(managers);
            reporter.managers(managers);
        }
    }

    /** The data plane, for counters and capture. */
    DataPlane dataPlane() {
        return dataPlane;
    }

    /**
     * What this node's data plane holds for the VIPs now: the last published program, named
     * with the assignment it was planned from, and the flows per backend (counted on the data
     * plane's loop; -1 when that fails). Any thread; waits for the loop's count.
     */
    DataPlaneView dataPlaneView() {
        Published current = published;
        if (current == null) {
            current = new Published(NodeAssignment.empty(nodeId), door.current(), 0);
        }
        BackendFlowCounts flows;
        try {
            flows = dataPlane.backendFlows();
        } catch (RuntimeException e) {
            LOG.debug("cannot count the data plane's flows: {}", e.toString());
            flows = null;
        }
        return DataPlaneViews.of(current.assignment(), current.program(), current.atMillis(), flows)
                .withPublishedPorts(publishedPorts());
    }

    /** The routing mesh's published ports on this node: open (with their addresses), restricted or blocked (with why). */
    private List<PublishedPortView> publishedPorts() {
        return mesh.ports().stream().map(p -> new PublishedPortView(p.port().port(), p.port().protocol(),
                p.route().serviceId(), p.route().serviceName(),
                p.open() ? PublishedPortView.OPEN
                        : p.restricted() ? PublishedPortView.RESTRICTED : PublishedPortView.BLOCKED,
                p.addresses().stream().map(NodeAgent::listenText).toList(), p.blockedBecause())).toList();
    }

    /** {@code *:8080} for a wildcard address, {@code 192.0.2.1:8080} or {@code [2001:db8::1]:8080} otherwise. */
    private static String listenText(java.net.InetSocketAddress address) {
        InetAddress ip = address.getAddress();
        String host = ip.isAnyLocalAddress() ? "*"
                : ip instanceof Inet4Address ? ip.getHostAddress() : "[" + ip.getHostAddress() + "]";
        return host + ":" + address.getPort();
    }

    /** A program as offered to the data plane, the assignment it was planned from, and when. */
    private record Published(NodeAssignment assignment, Program program, long atMillis) {
    }

    /** The routing mesh's listeners, for metrics. */
    MeshController mesh() {
        return mesh;
    }

    /** How many of this node's tasks are in each state, as the supervisor last reported them. */
    synchronized Map<TaskState, Integer> taskStates() {
        Map<TaskState, Integer> counts = new java.util.EnumMap<>(TaskState.class);
        lastStates.values().forEach(state -> counts.merge(state, 1, Integer::sum));
        return counts;
    }

    /** The data-plane ports attached now, with their task (or node endpoint) and network name. */
    synchronized List<PortOwner> portOwners() {
        List<PortOwner> owners = new ArrayList<>(portKeys.size());
        portKeys.forEach((id, key) -> {
            int slash = key.indexOf('/');
            String owner = slash < 0 ? key : key.substring(0, slash);
            String networkId = slash < 0 ? "" : key.substring(slash + 1);
            Network network = assignment.networks().get(networkId);
            owners.add(new PortOwner(id, owner, network == null ? networkId : network.name()));
        });
        return owners;
    }

    /** On the watcher's thread: a new whole assignment. */
    private void assigned(NodeAssignment next) {
        followIngressEndpoint(next);
        List<DesiredTask> desired = new ArrayList<>();
        synchronized (this) {
            assignment = next;
            for (Task task : next.tasks().values()) {
                if (refused.contains(task.id()) || task.status().state() == TaskState.REJECTED) {
                    continue;
                }
                try {
                    desired.add(new DesiredTask(TaskLaunch.of(task, attachments(task, next), settings.images(),
                            settings.runtime()), desired(task)));
                } catch (IllegalArgumentException e) {
                    refused.add(task.id());
                    reporter.report(task.id(), new TaskStatus(System.currentTimeMillis(), TaskState.REJECTED,
                            "rejected", e.getMessage(), 0, 0));
                    LOG.warn("task {} refused: {}", task.id(), e.getMessage());
                }
            }
            refused.retainAll(next.tasks().keySet());
            replan();
        }
        supervisor.setDesired(desired);
        synchronized (meshLock) {
            mesh.apply(MeshDefaults.routes(next, settings.live().current()));
        }
    }

    /**
     * On the thread that reloaded the configuration: the default LB algorithm or the mesh's
     * idle timeouts changed. Replans the data plane (conntrack keeps its flows: only new flows
     * see the new algorithm) and updates the mesh's routes in place (open listeners and their
     * flows stay).
     */
    private void liveSettingsChanged() {
        dataPlane.setFlowTimeouts(settings.live().current().flowTimeouts());
        synchronized (meshLock) {
            NodeAssignment current;
            synchronized (this) {
                current = assignment;
                replan();
            }
            mesh.apply(MeshDefaults.routes(current, settings.live().current()));
        }
        LOG.info("agent of node {}: live settings now {}", nodeId, settings.live().current());
    }

    /**
     * On the watcher's thread: keeps this node's ingress TAP ({@link IngressEndpoint}) in step
     * with its ingress address, attached to the data plane as a local port under the key
     * {@code ProgramPlanner} looks up for the node's endpoint.
     */
    private void followIngressEndpoint(NodeAssignment next) {
        String endpointId = AssignmentView.nodeEndpointId(nodeId);
        AssignedEndpoint own = next.endpoints().get(endpointId);
        NetworkAttachment attachment = own == null || own.attachments().isEmpty() ? null : own.attachments().get(0);
        if (ingressTap != null && attachment != null && ingressTap.cidr().equals(attachment.address())) {
            return;
        }
        closeIngressEndpoint();
        Network network = attachment == null ? null : next.networks().get(attachment.networkId());
        if (network == null) {
            return;
        }
        IngressEndpoint tap = null;
        int id;
        try {
            tap = IngressEndpoint.create(IngressEndpoint.linkName(nodeId), attachment.address(), network.mtu());
            id = attachPort(endpointId + "/" + network.id(), tap.fd(), false);
        } catch (IOException | RuntimeException e) {
            LOG.warn("routing mesh: cannot make this node's ingress endpoint {}: {}", attachment.address(), e.getMessage());
            if (tap != null) {
                try {
                    tap.close();
                } catch (IOException closing) {
                    e.addSuppressed(closing);
                }
            }
            return;
        }
        synchronized (this) {
            ingressTap = tap;
            ingressPort = id;
        }
        LOG.info("routing mesh: ingress endpoint {} on data-plane port {}", tap, id);
    }

    private void closeIngressEndpoint() {
        if (ingressTap == null) {
            return;
        }
        detachPort(ingressPort);
        try {
            ingressTap.close();
        } catch (IOException e) {
            LOG.warn("cannot close {}: {}", ingressTap, e.getMessage());
        }
        synchronized (this) {
            ingressTap = null;
            ingressPort = -1;
        }
    }

    /**
     * Attaches {@code fd} to the data plane under the smallest free port id, registered under
     * {@code key} ({@code endpointId/networkId}, as {@code ProgramPlanner} looks ports up), and
     * reprograms the data plane. Returns the port id.
     */
    private int attachPort(String key, int fd, boolean vnetHeader) throws IOException {
        int id;
        synchronized (this) {
            id = portIds.nextClearBit(0);
            portIds.set(id);
        }
        try {
            dataPlane.attachPort(id, fd, vnetHeader);
        } catch (IOException | RuntimeException e) {
            synchronized (this) {
                portIds.clear(id);
            }
            throw e;
        }
        synchronized (this) {
            localPorts.put(key, id);
            portKeys.put(id, key);
            replan();
        }
        return id;
    }

    /** Takes port {@code id} out of the program first, then off the data plane, then frees its id. */
    private void detachPort(int id) {
        synchronized (this) {
            String key = portKeys.remove(id);
            if (key != null) {
                localPorts.remove(key);
            }
            replan();
        }
        dataPlane.detachPort(id);
        synchronized (this) {
            portIds.clear(id);
        }
    }

    /**
     * What this node should do with {@code task}: an ended task stays ended (its log is kept
     * until the cluster deletes it); otherwise what the orchestrator wants.
     */
    private static DesiredTask.Desired desired(Task task) {
        if (task.desiredState() == TaskState.REMOVE) {
            return DesiredTask.Desired.REMOVE;
        }
        if (task.status().state().terminal()) {
            return DesiredTask.Desired.SHUTDOWN;
        }
        return DesiredTask.Desired.of(task.desiredState());
    }

    private static List<Attachment> attachments(Task task, NodeAssignment in) {
        List<Attachment> list = new ArrayList<>();
        for (NetworkAttachment a : task.networks()) {
            Network network = in.networks().get(a.networkId());
            if (network == null) {
                throw new IllegalArgumentException("network " + a.networkId() + " of task " + task.id()
                        + " is unknown to this node");
            }
            int slash = a.address().indexOf('/');
            list.add(new Attachment(Attachment.interfaceName(list.size()), ipv4(a.address().substring(0, slash)),
                    Integer.parseInt(a.address().substring(slash + 1)), ipv4(network.gateway()), network.mtu()));
        }
        return list;
    }

    private static Inet4Address ipv4(String literal) {
        try {
            if (InetAddress.getByName(literal) instanceof Inet4Address v4 && literal.indexOf(':') < 0) {
                return v4;
            }
        } catch (java.net.UnknownHostException e) {
            // falls through
        }
        throw new IllegalArgumentException("not an IPv4 address: " + literal);
    }

    /** Under this: offers the data plane the program of the current assignment and ports. */
    private void replan() {
        try {
            Program program = ProgramPlanner.plan(assignment, Map.copyOf(localPorts), settings.lbAlgorithm());
            door.publish(program);
            published = new Published(assignment, program, System.currentTimeMillis());
        } catch (RuntimeException e) {
            LOG.error("cannot program the data plane from assignment {}: {}", assignment.appliedIndex(), e.getMessage());
        }
    }

    /** On the supervisor's loop thread: a task step, sent to the managers. */
    private void reported(TaskStatusChange change) {
        reporter.report(change.taskId(), change.toStatus(System.currentTimeMillis()));
        synchronized (this) {
            if (change.state() == TaskState.REMOVE) {
                present.remove(change.taskId());
                lastStates.remove(change.taskId());
                notifyAll();
            } else {
                present.add(change.taskId());
                lastStates.put(change.taskId(), change.state());
            }
            if (change.state() == TaskState.RUNNING || change.state().terminal()) {
                replan();
            }
        }
    }

    /** Attaches task TAPs to the data plane under the smallest free port ids. */
    private final class Ports implements PortAttacher {
        @Override
        public int attach(String taskId, TapPort port) throws IOException {
            String networkId;
            synchronized (NodeAgent.this) {
                Task task = assignment.tasks().get(taskId);
                networkId = task != null && port.index() < task.networks().size()
                        ? task.networks().get(port.index()).networkId() : "#" + port.index();
            }
            return attachPort(taskId + "/" + networkId, port.fd(), port.vnetHeader());
        }

        @Override
        public void detach(int portId) {
            detachPort(portId);
        }
    }

    /**
     * Stops and removes every task of this node (swarm leave), waiting until the supervisor has
     * reported each removed, or {@code limit} has passed.
     */
    void removeAllTasks(java.time.Duration limit) {
        supervisor.setDesired(List.of());
        long deadline = System.nanoTime() + limit.toNanos();
        synchronized (this) {
            while (!present.isEmpty()) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    LOG.warn("tasks {} were not removed within {}", present, limit);
                    return;
                }
                try {
                    wait(Math.max(1, left / 1_000_000));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    /** Stops watching and reporting and closes the data plane; tasks keep running for the next life. */
    @Override
    public void close() {
        stopListening.run();
        watcher.close();
        mesh.close();
        closeIngressEndpoint();
        supervisor.close();
        reporter.close();
        client.close();
        dataPlane.close();
    }
}
