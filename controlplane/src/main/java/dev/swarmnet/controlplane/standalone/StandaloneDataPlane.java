package dev.swarmnet.controlplane.standalone;

import dev.swarmnet.dataplane.io.DataPlane;
import dev.swarmnet.dataplane.io.DataPlaneConfig;
import dev.swarmnet.dataplane.program.Program;
import dev.swarmnet.dataplane.program.ProgramDoor;
import dev.swarmnet.dataplane.programfile.EndpointSpec;
import dev.swarmnet.dataplane.programfile.ProgramFileException;
import dev.swarmnet.dataplane.programfile.ProgramSpec;
import dev.swarmnet.dataplane.wire.Ipv4;
import dev.swarmnet.dataplane.wire.Vxlan;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A data plane run from a static program, without a control plane: it creates what the program's
 * local endpoints need on this host (namespaces, TAPs), starts a {@link DataPlane} on the node's
 * underlay address, attaches the TAPs as ports, publishes the program, and on {@link #close()}
 * removes everything it created, and nothing else.
 *
 * <p>{@link #start} is all or nothing: the program is compiled before anything is created, and a
 * failure half-way undoes what was done before it is rethrown. Thread-safe: {@link #close()} may
 * race a shutdown hook and runs once.
 */
public final class StandaloneDataPlane implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(StandaloneDataPlane.class);

    private final PortFactory ports;
    private final List<String> createdNamespaces = new ArrayList<>();
    private final List<PortFactory.Tap> taps = new ArrayList<>();
    private final ProgramDoor door = new ProgramDoor(Program.empty());
    private DataPlane plane;
    private int attachedPorts;
    private String summary;
    private boolean closed;

    private StandaloneDataPlane(PortFactory ports) {
        this.ports = ports;
    }

    /**
     * Runs {@code spec} on this host.
     *
     * @param config data-plane tunables; its underlay address is replaced by the program's node,
     *     and its port by the program's when the file gives one and {@code underlayPort} is 0
     * @param underlayPort the UDP port to bind and send to, or 0 for the file's (default 4789)
     * @throws IllegalStateException when this host cannot run it ({@link PortFactory#unavailabilityCause()})
     * @throws ProgramFileException when the program does not compile (a spec from
     *     {@link dev.swarmnet.dataplane.programfile.ProgramFile#load} always does)
     * @throws IOException when a namespace, TAP or the underlay socket cannot be made; nothing is left
     */
    public static StandaloneDataPlane start(ProgramSpec spec, DataPlaneConfig config, int underlayPort,
                                            PortFactory ports) throws IOException, ProgramFileException, InterruptedException {
        return start(spec, config, underlayPort, null, ports);
    }

    /**
     * As {@link #start(ProgramSpec, DataPlaneConfig, int, PortFactory)}, with the underlay socket
     * created inside network namespace {@code underlayNamespace} (null: this process's).
     */
    public static StandaloneDataPlane start(ProgramSpec spec, DataPlaneConfig config, int underlayPort,
                                            String underlayNamespace, PortFactory ports)
            throws IOException, ProgramFileException, InterruptedException {
        String cause = ports.unavailabilityCause();
        if (cause != null) {
            throw new IllegalStateException(cause);
        }
        Program program = spec.compile(spec.densePortIds());
        int port = underlayPort != 0 ? underlayPort : spec.node().port() != 0 ? spec.node().port() : Vxlan.UDP_PORT;
        StandaloneDataPlane standalone = new StandaloneDataPlane(ports);
        try {
            standalone.run(spec, program, config.withUnderlay(Ipv4.format(spec.node().underlay()), port),
                    underlayNamespace);
        } catch (IOException | InterruptedException | RuntimeException | Error e) {
            standalone.undo(e);
            throw e;
        }
        return standalone;
    }

    private void run(ProgramSpec spec, Program program, DataPlaneConfig config, String underlayNamespace)
            throws IOException, InterruptedException {
        List<EndpointSpec> local = spec.localEndpoints();
        for (EndpointSpec endpoint : local) {
            if (!createdNamespaces.contains(endpoint.namespace()) && ports.ensureNamespace(endpoint.namespace())) {
                createdNamespaces.add(endpoint.namespace());
            }
            taps.add(ports.createTap(TapRequest.of(endpoint, spec.network(endpoint.network()))
                    .withOffloads(config.tapOffloads())));
        }
        try {
            plane = ports.inNamespace(underlayNamespace, () -> DataPlane.start(config, door));
        } catch (InterruptedException e) {
            throw e;
        } catch (Exception e) {
            throw new IOException("cannot start the data plane on " + config.underlayAddress() + ":"
                    + config.underlayPort() + (underlayNamespace == null ? "" : " in namespace " + underlayNamespace)
                    + ": " + e.getMessage(), e);
        }
        for (int id = 0; id < local.size(); id++) {
            plane.attachPort(id, taps.get(id).fd(), taps.get(id).vnetHeader());
            attachedPorts++;
        }
        door.publish(program);
        summary = String.format("swarmnet data plane running %s: underlay %s, %d network(s), %d local and %d remote "
                        + "endpoint(s), %d service port(s); ports: %s; created namespace(s): %s",
                spec.file(), plane.underlayAddress(), spec.networks().size(), local.size(),
                spec.endpoints().size() - local.size(), program.services().size(), portNumbering(spec),
                createdNamespaces.isEmpty() ? "none" : String.join(", ", createdNamespaces));
        LOG.info(summary);
    }

    /**
     * The port id each local endpoint gets, as {@code 0=task-a/eth0 (blue), 1=...}: 0, 1, 2, ...
     * in the order the program file lists local endpoints ({@link ProgramSpec#densePortIds()}).
     */
    public static String portNumbering(ProgramSpec spec) {
        List<EndpointSpec> local = spec.localEndpoints();
        if (local.isEmpty()) {
            return "none";
        }
        List<String> ports = new ArrayList<>();
        for (int id = 0; id < local.size(); id++) {
            EndpointSpec endpoint = local.get(id);
            ports.add(id + "=" + endpoint.namespace() + "/" + endpoint.interfaceName() + " (" + endpoint.network() + ")");
        }
        return String.join(", ", ports);
    }

    /** One line: what runs, where, and what was created for it. */
    public String summary() {
        return summary;
    }

    /** The running data plane (counters, flows). */
    public DataPlane dataPlane() {
        return plane;
    }

    /** The namespaces this runner created and will delete, in creation order. */
    public synchronized List<String> createdNamespaces() {
        return List.copyOf(createdNamespaces);
    }

    /**
     * Stops the data plane (closing every attached TAP) and deletes the namespaces it created.
     * Idempotent; failures are logged, and cleaning goes on.
     */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        Exception failure = new Exception("cleaning up");
        undo(failure);
        for (Throwable t : failure.getSuppressed()) {
            LOG.warn("cleaning up: {}", t.getMessage());
        }
        LOG.info("swarmnet data plane stopped; closed {} TAP(s), deleted namespace(s): {}", attachedPorts,
                createdNamespaces.isEmpty() ? "none" : String.join(", ", createdNamespaces));
    }

    /** Undoes whatever was done so far; what cannot be undone is added to {@code failure}. */
    private void undo(Throwable failure) {
        if (plane != null) {
            plane.close();
        }
        for (PortFactory.Tap tap : taps) {
            try {
                tap.close();
            } catch (IOException | RuntimeException e) {
                failure.addSuppressed(e);
            }
        }
        taps.clear();
        for (int i = createdNamespaces.size() - 1; i >= 0; i--) {
            try {
                ports.deleteNamespace(createdNamespaces.get(i));
            } catch (IOException | RuntimeException e) {
                failure.addSuppressed(e);
            }
        }
        ports.release();
    }
}
