package dev.swarmnet.controlplane.cli;

import dev.swarmnet.controlplane.api.ApiServerConfig;
import dev.swarmnet.controlplane.daemon.Daemon;
import dev.swarmnet.controlplane.daemon.DaemonConfig;
import dev.swarmnet.controlplane.daemon.DaemonConfigFile;
import dev.swarmnet.controlplane.raft.RaftStoreConfig;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code swarmnet daemon}: runs this host's node (API server, and the manager's Raft member when
 * it is one) until SIGINT or SIGTERM. Thin: the work is {@link Daemon}'s. Runs on the main thread.
 */
@Command(name = "daemon", mixinStandardHelpOptions = true,
        description = {"Runs this host's swarmnet node: the Docker-compatible API, and the Raft store on managers.",
            "Resumes the swarm membership found in the data directory. Stops on SIGINT or SIGTERM."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:stopped by SIGINT or SIGTERM (state kept in the data directory)",
            "1:cannot start: unreadable state, or a socket or port that cannot be bound",
            "2:bad command line or configuration file (its problems on stderr, nothing started)"})
final class DaemonCommand implements Callable<Integer> {
    static final int CANNOT_RUN = 1;
    static final int BAD_CONFIG = 2;

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Option(names = "--config", paramLabel = "FILE",
            description = "YAML file with the settings below (keys dataDir, socket, tcp, raftPort, clusterPort, "
                    + "hostname, taskPrefix); options given here override it (default: /etc/swarmnet/swarmnet.yaml if it exists)")
    private Path configFile;

    @Option(names = "--data-dir", paramLabel = "DIR", description = "state directory (default: ${DEFAULT-VALUE})")
    private Path dataDir = DaemonConfig.DEFAULT_DATA_DIR;

    @Option(names = "--socket", paramLabel = "PATH", description = "the API's unix socket (default: ${DEFAULT-VALUE})")
    private Path socket = ApiServerConfig.DEFAULT_UNIX_SOCKET;

    @Option(names = "--tcp", paramLabel = "IP:PORT|none",
            description = "also serve the API on this loopback TCP address, or none (default: ${DEFAULT-VALUE})")
    private String tcp = DaemonConfigFile.DEFAULT_TCP;

    @Option(names = "--raft-port", paramLabel = "N", description = "Raft port of a manager (default: ${DEFAULT-VALUE})")
    private int raftPort = RaftStoreConfig.DEFAULT_PORT;

    @Option(names = "--cluster-port", paramLabel = "N",
            description = "cluster port when swarm init/join give no --listen-addr (default: ${DEFAULT-VALUE})")
    private int clusterPort = DaemonConfig.DEFAULT_CLUSTER_PORT;

    @Option(names = "--hostname", paramLabel = "NAME",
            description = "this node's hostname in the swarm (default: the kernel's)")
    private String hostname;

    @Option(names = "--task-prefix", paramLabel = "PREFIX",
            description = "network namespaces of tasks are named PREFIX<task id> (default: swarmnet-)")
    private String taskPrefix;

    @Override
    public Integer call() throws InterruptedException {
        DaemonConfigFile.Settings fromFile;
        try {
            fromFile = settingsFile();
        } catch (DaemonConfigFile.InvalidException e) {
            spec.commandLine().getErr().println(e.getMessage());
            return BAD_CONFIG;
        }
        DaemonConfig config;
        try {
            if (given("--tcp") && !tcp.equals("none")) {
                tcpAddress(tcp);
            }
            config = fromFile.overriddenBy(commandLineSettings()).toConfig();
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
        Daemon daemon;
        try {
            daemon = Daemon.start(config);
        } catch (IOException | RuntimeException e) {
            spec.commandLine().getErr().println("swarmnet daemon: " + e.getMessage());
            return CANNOT_RUN;
        }
        Runnable shutdown = () -> {
            try {
                daemon.close();
            } catch (IOException e) {
                spec.commandLine().getErr().println("swarmnet daemon: while stopping: " + e.getMessage());
            }
        };
        StopSignals.runUntilStopped(shutdown);
        return 0;
    }

    /** The explicit --config file, else the default one when it exists, else no settings. */
    private DaemonConfigFile.Settings settingsFile() throws DaemonConfigFile.InvalidException {
        if (configFile != null) {
            return DaemonConfigFile.read(configFile);
        }
        if (Files.exists(DaemonConfigFile.DEFAULT_PATH)) {
            return DaemonConfigFile.read(DaemonConfigFile.DEFAULT_PATH);
        }
        return DaemonConfigFile.Settings.NONE;
    }

    /** The options given on the command line; those left out are null, so the file's apply. */
    private DaemonConfigFile.Settings commandLineSettings() {
        return new DaemonConfigFile.Settings(given("--data-dir") ? dataDir : null, given("--socket") ? socket : null,
                given("--tcp") ? tcp : null, given("--raft-port") ? raftPort : null,
                given("--cluster-port") ? clusterPort : null, given("--hostname") ? hostname : null,
                taskPrefix, null);
    }

    private boolean given(String option) {
        return spec.commandLine().getParseResult().hasMatchedOption(option);
    }

    /** {@code IP:PORT} as a socket address; an IP literal only, never a name lookup. */
    static InetSocketAddress tcpAddress(String text) {
        try {
            return DaemonConfigFile.tcpAddress(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--tcp " + text + ": " + e.getMessage());
        }
    }
}
