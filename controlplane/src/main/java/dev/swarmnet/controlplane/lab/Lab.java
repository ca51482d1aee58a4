package dev.swarmnet.controlplane.lab;

import dev.swarmnet.linux.NetworkNamespace;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * One lab on this host, by name and layout: {@link #up} builds it (underlay, detached daemons,
 * swarm) and cleans up after itself if any step fails; {@link #state}, {@link #exec} and
 * {@link #down} work from what {@code up} left, in any later process. If the JVM is stopped
 * (Ctrl-C) during {@code up}, a shutdown hook removes the half-made lab. Runs on the calling
 * thread; two processes must not build or remove the same lab at once.
 */
public final class Lab {

    private static final Duration SOCKET_LIMIT = Duration.ofSeconds(60);

    private final LabLayout layout;

    public Lab(LabLayout layout) {
        this.layout = layout;
    }

    /** Where this lab keeps its files. */
    public LabLayout layout() {
        return layout;
    }

    /**
     * Builds the lab and returns its state; on failure removes whatever it made and throws.
     *
     * @throws IllegalStateException if a lab of this name exists or the subnet is in use on the host
     * @throws IOException           if a step fails (the message names it; daemon logs are quoted)
     */
    public LabState up(LabPlan plan) throws IOException {
        if (!plan.name().equals(layout.name())) {
            throw new IllegalArgumentException("plan for lab " + plan.name() + " given to lab " + layout.name());
        }
        ensureFree(plan);
        Thread interrupted = new Thread(this::removeQuietly, "lab-up-interrupted");
        Runtime.getRuntime().addShutdownHook(interrupted);
        try {
            return build(plan);
        } catch (IOException | RuntimeException e) {
            LabTeardown.remove(layout);
            throw e;
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(interrupted);
            } catch (IllegalStateException e) {
                // the JVM is exiting: the hook removes the half-made lab
            }
        }
    }

    /** On Ctrl-C during {@code up}: leave nothing half-made behind. */
    private void removeQuietly() {
        try {
            LabTeardown.remove(layout);
        } catch (IOException | RuntimeException e) {
            System.err.println("swarmnet lab: could not remove the half-made lab " + layout.name() + " ("
                    + e.getMessage() + "); run 'swarmnet lab down" + LabText.nameOption(layout.name().value()) + "'");
        }
    }

    private LabState build(LabPlan plan) throws IOException {
        LabName name = plan.name();
        Files.createDirectories(layout.labDir());
        Underlay.create(name, plan.subnet(), plan.nodes());
        List<LabState.Node> nodes = new ArrayList<>();
        List<Process> daemons = new ArrayList<>();
        for (int i = 1; i <= plan.nodes(); i++) {
            String node = name.node(i);
            Process daemon = DaemonLauncher.start(name, layout, node, plan.config());
            daemons.add(daemon);
            nodes.add(new LabState.Node(node, plan.subnet().nodeAddress(i), plan.role(i), daemon.pid(),
                    layout.socket(node).toString(), layout.log(node).toString()));
        }
        LabState state = new LabState(name.value(), plan.subnet().toString(), plan.subnet().hostAddress(),
                layout.labDir().toString(), layout.runDir().toString(), nodes);
        state.write(layout.stateFile());
        for (int i = 0; i < nodes.size(); i++) {
            awaitSocket(nodes.get(i), daemons.get(i));
        }
        Path first = layout.socket(name.node(1));
        SwarmBootstrap.init(first, plan.subnet().nodeAddress(1));
        String managerToken = SwarmBootstrap.joinToken(first, true);
        String workerToken = SwarmBootstrap.joinToken(first, false);
        for (int i = 2; i <= plan.nodes(); i++) {
            SwarmBootstrap.join(layout.socket(name.node(i)), plan.subnet().nodeAddress(i),
                    i <= plan.managers() ? managerToken : workerToken, plan.subnet().nodeAddress(1));
        }
        SwarmBootstrap.awaitReady(first, plan.nodes());
        return state;
    }

    private void awaitSocket(LabState.Node node, Process daemon) throws IOException {
        Path socket = Path.of(node.socket());
        Deadline.await(SOCKET_LIMIT, node.name() + "'s daemon to open " + socket,
                () -> Files.exists(socket) || !daemon.isAlive());
        if (!daemon.isAlive()) {
            throw new IOException("the daemon of " + node.name() + " exited (" + daemon.exitValue() + "); its log "
                    + node.log() + " ends:\n" + tail(Path.of(node.log())));
        }
    }

    private void ensureFree(LabPlan plan) throws IOException {
        if (LabTeardown.anythingLeft(layout)) {
            throw new IllegalStateException("a lab named " + plan.name() + " already exists (or was left half-made); "
                    + "remove it with 'swarmnet lab down" + LabText.nameOption(plan.name().value()) + "'");
        }
        for (String line : Shell.ok("ip", "-4", "-o", "addr", "show").lines().toList()) {
            String[] words = line.trim().split("\\s+");
            for (int i = 0; i + 1 < words.length; i++) {
                if (words[i].equals("inet")) {
                    String ip = words[i + 1].substring(0, words[i + 1].indexOf('/'));
                    if (plan.subnet().contains(ip)) {
                        throw new IllegalStateException("subnet " + plan.subnet() + " is already in use on this host ("
                                + ip + " on " + words[1] + "); choose another with --subnet");
                    }
                }
            }
        }
    }

    /** The state {@code up} wrote. */
    public LabState state() throws IOException {
        return LabState.read(layout.stateFile()).orElseThrow(() -> new IllegalStateException("there is no lab named "
                + layout.name() + " (no " + layout.stateFile() + "); create one with 'swarmnet lab up"
                + LabText.nameOption(layout.name().value()) + "'"));
    }

    /** Runs {@code command} in {@code node}'s network namespace with this process's stdio; its exit code. */
    public int exec(String node, List<String> command) throws IOException {
        if (command.isEmpty()) {
            throw new IllegalArgumentException("no command to run: swarmnet lab exec NODE -- CMD...");
        }
        LabState.Node found = state().node(node);
        List<String> full = new ArrayList<>(List.of("nsenter", "--net=" + Underlay.namespacePath(found.name())));
        full.addAll(command);
        Process process = new ProcessBuilder(full).inheritIO().start();
        try {
            return process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroy();
            throw new IOException("interrupted while running " + String.join(" ", command), e);
        }
    }

    /** Removes everything of this lab that exists (idempotent); the number of namespaces deleted. */
    public int down() throws IOException {
        return LabTeardown.remove(layout);
    }

    /** The lab's namespaces that exist now (underlay, nodes and tasks). */
    public List<String> namespaces() throws IOException {
        return NetworkNamespace.list().stream().filter(layout.name()::owns).toList();
    }

    private static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
        } catch (IOException e) {
            return "(unreadable: " + e.getMessage() + ")";
        }
    }
}
