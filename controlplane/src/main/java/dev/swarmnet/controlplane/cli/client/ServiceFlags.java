package dev.swarmnet.controlplane.cli.client;

import java.time.Duration;
import java.util.List;

/**
 * What {@code service create} and {@code service update} were told on the command line, before
 * it becomes a ServiceSpec. {@code null} means "flag not given" (Docker's {@code flags.Changed}).
 * Immutable.
 *
 * @param replicas             {@code --replicas}
 * @param global               {@code --mode global}
 * @param env                  {@code -e} (create) or {@code --env-add} (update), {@code K=V}
 * @param ports                {@code -p} (create) or {@code --publish-add} (update)
 * @param constraints          {@code --constraint} (create) or {@code --constraint-add} (update)
 * @param endpointMode         {@code --endpoint-mode}
 * @param restartCondition     {@code --restart-condition}
 * @param restartDelay         {@code --restart-delay}
 * @param restartMaxAttempts   {@code --restart-max-attempts}
 * @param updateParallelism    {@code --update-parallelism}
 * @param updateDelay          {@code --update-delay}
 * @param updateMonitor        {@code --update-monitor}
 * @param updateOrder          {@code --update-order}
 * @param updateFailureAction  {@code --update-failure-action}
 * @param stopGracePeriod      {@code --stop-grace-period}
 * @param labels               {@code --label} (create) or {@code --label-add} (update)
 * @param health               the {@code --health-*} and {@code --no-healthcheck} flags
 */
public record ServiceFlags(Long replicas, boolean global, List<String> env, List<String> ports,
                           List<String> constraints, String endpointMode, String restartCondition,
                           Duration restartDelay, Long restartMaxAttempts, Long updateParallelism,
                           Duration updateDelay, Duration updateMonitor, String updateOrder,
                           String updateFailureAction, Duration stopGracePeriod, List<String> labels,
                           Health health) {

    public ServiceFlags {
        env = env == null ? List.of() : List.copyOf(env);
        ports = ports == null ? List.of() : List.copyOf(ports);
        constraints = constraints == null ? List.of() : List.copyOf(constraints);
        labels = labels == null ? List.of() : List.copyOf(labels);
        health = health == null ? Health.NONE_GIVEN : health;
    }

    /** Flags without health-check options. */
    public ServiceFlags(Long replicas, boolean global, List<String> env, List<String> ports,
                        List<String> constraints, String endpointMode, String restartCondition,
                        Duration restartDelay, Long restartMaxAttempts, Long updateParallelism,
                        Duration updateDelay, Duration updateMonitor, String updateOrder,
                        String updateFailureAction, Duration stopGracePeriod, List<String> labels) {
        this(replicas, global, env, ports, constraints, endpointMode, restartCondition, restartDelay,
                restartMaxAttempts, updateParallelism, updateDelay, updateMonitor, updateOrder, updateFailureAction,
                stopGracePeriod, labels, null);
    }

    /**
     * {@code --health-cmd}, {@code --health-interval}, {@code --health-timeout},
     * {@code --health-retries}, {@code --health-start-period}, {@code --no-healthcheck}; {@code null}
     * (or false) when not given.
     */
    public record Health(String command, Duration interval, Duration timeout, Integer retries, Duration startPeriod,
                         boolean disable) {
        public static final Health NONE_GIVEN = new Health(null, null, null, null, null, false);

        /** Whether any {@code --health-*} option (other than {@code --no-healthcheck}) was given. */
        public boolean changesCheck() {
            return command != null || interval != null || timeout != null || retries != null || startPeriod != null;
        }
    }

    /** Whether any {@code --update-*} flag was given. */
    public boolean changesUpdateConfig() {
        return updateParallelism != null || updateDelay != null || updateMonitor != null || updateOrder != null
                || updateFailureAction != null;
    }

    /** Whether any {@code --restart-*} flag was given. */
    public boolean changesRestartPolicy() {
        return restartCondition != null || restartDelay != null || restartMaxAttempts != null;
    }
}
