package dev.swarmnet.controlplane.cli;

import dev.swarmnet.controlplane.config.ConfigFile;
import dev.swarmnet.controlplane.config.SwarmnetConfig;
import dev.swarmnet.controlplane.daemon.ConfigReloader;
import dev.swarmnet.controlplane.daemon.Daemon;
import dev.swarmnet.controlplane.daemon.DaemonConfig;
import dev.swarmnet.controlplane.daemon.LiveSettings;
import dev.swarmnet.controlplane.daemon.LogLevels;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.function.UnaryOperator;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code swarmnet daemon}: runs this host's node (API server, and the manager's Raft member when
 * it is one) until SIGINT or SIGTERM; SIGHUP re-reads the configuration file. Thin: the work is
 * {@link Daemon}'s. Runs on the main thread.
 */
@Command(name = "daemon", mixinStandardHelpOptions = true,
        description = {"Runs this host's swarmnet node: the Docker-compatible API, and the Raft store on managers.",
            "Resumes the swarm membership found in the data directory. Stops on SIGINT or SIGTERM;",
            "SIGHUP (or swarmnet config reload) re-reads the configuration file."},
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
            description = "YAML file with every tunable (swarmnet config defaults prints one); the options below "
                    + "override it (default: " + "/etc/swarmnet/swarmnet.yaml if it exists)")
    private Path configFile;

    @Option(names = "--data-dir", paramLabel = "DIR", description = "state directory (default: /var/lib/swarmnet)")
    private Path dataDir;

    @Option(names = "--socket", paramLabel = "PATH|none",
            description = "the API's unix socket (default: /run/swarmnet/swarmnet.sock)")
    private String socket;

    @Option(names = "--tcp", paramLabel = "IP:PORT|none",
            description = "also serve the API on this loopback TCP address, or none (default: 127.0.0.1:2375)")
    private String tcp;

    @Option(names = "--raft-port", paramLabel = "N", description = "Raft port of a manager (default: 2378)")
    private Integer raftPort;

    @Option(names = "--cluster-port", paramLabel = "N",
            description = "cluster port when swarm init/join give no --listen-addr (default: 2377)")
    private Integer clusterPort;

    @Option(names = "--hostname", paramLabel = "NAME",
            description = "this node's hostname in the swarm (default: the kernel's)")
    private String hostname;

    @Option(names = "--task-prefix", paramLabel = "PREFIX",
            description = "network namespaces of tasks are named PREFIX<task id> (default: swarmnet-)")
    private String taskPrefix;

    @Option(names = "--log-level", paramLabel = "LEVEL",
            description = "error, warn, info, debug or trace for every logger the config file names no level for "
                    + "(default: info)")
    private String logLevel;

    @Option(names = "--metrics-listen", paramLabel = "IP:PORT|none",
            description = "serve Prometheus metrics (GET /metrics) here, or none (default: 127.0.0.1:9323)")
    private String metricsListen;

    @Override
    public Integer call() throws InterruptedException {
        Path file = configFile != null ? configFile : ConfigFile.DEFAULT_PATH;
        SwarmnetConfig fromFile;
        try {
            fromFile = configFile != null || Files.exists(file) ? ConfigFile.read(file) : SwarmnetConfig.defaults();
        } catch (ConfigFile.InvalidException e) {
            spec.commandLine().getErr().println(e.getMessage());
            return BAD_CONFIG;
        }
        UnaryOperator<SwarmnetConfig> overrides;
        SwarmnetConfig effective;
        DaemonConfig config;
        LiveSettings live;
        try {
            overrides = commandLineOverrides();
            effective = overrides.apply(fromFile);
            live = new LiveSettings(LiveSettings.Values.of(effective));
            config = DaemonConfig.of(effective, live);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
        ConfigReloader reloader = new ConfigReloader(file, overrides, effective, live);
        LogLevels.apply(effective.logging());
        Daemon daemon;
        try {
            daemon = Daemon.start(config.withReloads(reloader));
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
        ReloadSignal.install(reloader);
        StopSignals.runUntilStopped(shutdown);
        return 0;
    }

    /**
     * What the command line sets, as a change to any configuration (the file's at start, and
     * the file's again at each reload, so the command line keeps winning).
     *
     * @throws IllegalArgumentException naming the option with a bad value
     */
    private UnaryOperator<SwarmnetConfig> commandLineOverrides() {
        Path socketPath = socket == null || socket.equals("none") ? null : Path.of(socket);
        InetSocketAddress tcpAddress = tcp == null || tcp.equals("none") ? null : tcpAddress("--tcp", tcp);
        InetSocketAddress metricsAddress = metricsListen == null || metricsListen.equals("none") ? null
                : tcpAddress("--metrics-listen", metricsListen);
        if (taskPrefix != null && !taskPrefix.matches("[A-Za-z0-9_.-]{1,32}")) {
            throw new IllegalArgumentException("--task-prefix '" + taskPrefix
                    + "' must be 1 to 32 letters, digits, '.', '_' or '-'");
        }
        if (logLevel != null && !SwarmnetConfig.Logging.LEVELS.contains(logLevel)) {
            throw new IllegalArgumentException("--log-level '" + logLevel + "' is not one of "
                    + String.join(", ", SwarmnetConfig.Logging.LEVELS));
        }
        for (Integer port : new Integer[] {raftPort, clusterPort}) {
            if (port != null && (port < 1 || port > 0xffff)) {
                throw new IllegalArgumentException("port " + port + " is outside 1..65535");
            }
        }
        return config -> {
            SwarmnetConfig.Node n = config.node();
            SwarmnetConfig.Api a = config.api();
            SwarmnetConfig.Cluster c = config.cluster();
            return config
                    .withNode(new SwarmnetConfig.Node(dataDir != null ? dataDir : n.dataDir(),
                            hostname != null ? hostname : n.hostname(), taskPrefix != null ? taskPrefix : n.taskPrefix()))
                    .withApi(new SwarmnetConfig.Api(socket != null ? socketPath : a.socket(),
                            tcp != null ? tcpAddress : a.tcp(), a.idleTimeout(), a.maxRequestBytes(), a.workers()))
                    .withCluster(c.withPorts(clusterPort != null ? clusterPort : c.port(),
                            raftPort != null ? raftPort : c.raftPort()))
                    .withLogging(logLevel != null ? new SwarmnetConfig.Logging(logLevel, config.logging().loggers())
                            : config.logging())
                    .withMetrics(metricsListen != null ? new SwarmnetConfig.Metrics(metricsAddress) : config.metrics());
        };
    }

    /** {@code IP:PORT} given to {@code option}, read as the configuration file reads it (port 0 allowed). */
    static InetSocketAddress tcpAddress(String option, String text) {
        try {
            return ConfigFile.socketAddress(text, 0);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(option + " " + text + ": " + e.getMessage(), e);
        }
    }
}
