package dev.swarmnet.controlplane.cli;

import dev.swarmnet.controlplane.cli.client.ServiceFlags;
import java.time.Duration;
import java.util.List;
import picocli.CommandLine.Option;

/**
 * The flags {@code service create} and {@code service update} share: replicas, endpoint mode,
 * restart policy, update config, stop grace period, health check. A Picocli mixin; used on the main thread.
 */
final class ServiceSpecOptions {

    @Option(names = "--replicas", paramLabel = "N", description = "Number of tasks.")
    Long replicas;

    @Option(names = "--endpoint-mode", paramLabel = "MODE", description = "Endpoint mode (vip or dnsrr).")
    String endpointMode;

    @Option(names = "--restart-condition", paramLabel = "CONDITION",
            description = "Restart when condition is met (\"none\", \"on-failure\", or \"any\").")
    String restartCondition;

    @Option(names = "--restart-delay", paramLabel = "DURATION", converter = GoDurationConverter.class,
            description = "Delay between restart attempts (ns|us|ms|s|m|h).")
    Duration restartDelay;

    @Option(names = "--restart-max-attempts", paramLabel = "N", description = "Maximum number of restarts before giving up.")
    Long restartMaxAttempts;

    @Option(names = "--update-parallelism", paramLabel = "N",
            description = "Maximum number of tasks updated simultaneously (0 to update all at once).")
    Long updateParallelism;

    @Option(names = "--update-delay", paramLabel = "DURATION", converter = GoDurationConverter.class,
            description = "Delay between updates (ns|us|ms|s|m|h).")
    Duration updateDelay;

    @Option(names = "--update-monitor", paramLabel = "DURATION", converter = GoDurationConverter.class,
            description = "Duration after each task update to monitor for failure (ns|us|ms|s|m|h).")
    Duration updateMonitor;

    @Option(names = "--update-order", paramLabel = "ORDER",
            description = "Update order (\"start-first\", \"stop-first\").")
    String updateOrder;

    @Option(names = "--update-failure-action", paramLabel = "ACTION",
            description = "Action on update failure (\"pause\", \"continue\", \"rollback\").")
    String updateFailureAction;

    @Option(names = "--stop-grace-period", paramLabel = "DURATION", converter = GoDurationConverter.class,
            description = "Time to wait before force killing a container (ns|us|ms|s|m|h).")
    Duration stopGracePeriod;

    @Option(names = "--health-cmd", paramLabel = "COMMAND",
            description = "Command to run to check health (run by /bin/sh -c in the task's namespace).")
    String healthCommand;

    @Option(names = "--health-interval", paramLabel = "DURATION", converter = GoDurationConverter.class,
            description = "Time between running the check (ms|s|m|h) (default 30s).")
    Duration healthInterval;

    @Option(names = "--health-timeout", paramLabel = "DURATION", converter = GoDurationConverter.class,
            description = "Maximum time to allow one check to run (ms|s|m|h) (default 30s).")
    Duration healthTimeout;

    @Option(names = "--health-retries", paramLabel = "N", description = "Consecutive failures needed to report unhealthy (default 3).")
    Integer healthRetries;

    @Option(names = "--health-start-period", paramLabel = "DURATION", converter = GoDurationConverter.class,
            description = "Start period for the task to initialize before failed checks count (ms|s|m|h) (default 0s).")
    Duration healthStartPeriod;

    @Option(names = "--no-healthcheck", description = "Disable any container-specified HEALTHCHECK.")
    boolean noHealthcheck;

    /** These flags with the lists that differ between create and update. */
    ServiceFlags flags(boolean global, List<String> env, List<String> ports, List<String> constraints,
                       List<String> labels) {
        return new ServiceFlags(replicas, global, env, ports, constraints, endpointMode, restartCondition,
                restartDelay, restartMaxAttempts, updateParallelism, updateDelay, updateMonitor, updateOrder,
                updateFailureAction, stopGracePeriod, labels, new ServiceFlags.Health(healthCommand, healthInterval,
                        healthTimeout, healthRetries, healthStartPeriod, noHealthcheck));
    }
}
