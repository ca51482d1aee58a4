package dev.swarmnet.controlplane.lab;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Optional;

/**
 * What {@code lab up} built, as written to {@code lab.json}: enough for {@code ls}, {@code ip},
 * {@code exec} and {@code down} to find everything again from another process. Immutable.
 *
 * @param name      the lab's name
 * @param subnet    the underlay subnet (CIDR)
 * @param hostIp    the host's address on the lab bridge
 * @param stateDir  the lab's state directory
 * @param runDir    the lab's socket directory
 * @param nodes     the nodes, in order
 */
public record LabState(String name, String subnet, String hostIp, String stateDir, String runDir,
                       List<Node> nodes) {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /**
     * One node.
     *
     * @param name    its namespace and hostname
     * @param ip      its underlay address
     * @param role    {@code manager} or {@code worker}
     * @param pid     its daemon's process ID
     * @param socket  its daemon's API socket
     * @param log     its daemon's log file
     */
    public record Node(String name, String ip, String role, long pid, String socket, String log) {
        /** Its daemon, if that still runs (a process with its PID that serves its socket). */
        public Optional<ProcessHandle> daemon() {
            return ProcessHandle.of(pid).filter(ProcessHandle::isAlive).filter(p -> arguments(p).contains(socket));
        }

        /** A process's command line from {@code /proc} ({@link ProcessHandle.Info} may cut a long one). */
        private static List<String> arguments(ProcessHandle process) {
            try {
                byte[] cmdline = Files.readAllBytes(Path.of("/proc", Long.toString(process.pid()), "cmdline"));
                return List.of(new String(cmdline, StandardCharsets.UTF_8).split("\0"));
            } catch (IOException e) {
                return List.of();
            }
        }
    }

    public LabState {
        nodes = List.copyOf(nodes);
    }

    /** The node called {@code node}, or an error listing the lab's nodes. */
    public Node node(String node) {
        return nodes.stream().filter(n -> n.name().equals(node)).findFirst().orElseThrow(() ->
                new IllegalArgumentException("lab " + name + " has no node '" + node + "'; its nodes are "
                        + String.join(", ", nodes.stream().map(Node::name).toList())));
    }

    /** Writes this state to {@code file} atomically. */
    public void write(Path file) throws IOException {
        Files.createDirectories(file.getParent());
        Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
        JSON.writeValue(temporary.toFile(), this);
        Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** The state in {@code file}, if there is one. */
    public static Optional<LabState> read(Path file) throws IOException {
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        return Optional.of(JSON.readValue(file.toFile(), LabState.class));
    }
}
