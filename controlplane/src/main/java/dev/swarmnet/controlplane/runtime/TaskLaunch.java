package dev.swarmnet.controlplane.runtime;

import dev.swarmnet.controlplane.model.ContainerSpec;
import dev.swarmnet.controlplane.model.HealthCheck;
import dev.swarmnet.controlplane.model.Task;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Everything the runtime needs to run one task on this node, resolved: names, network
 * interfaces, argv and environment. Built by {@link #of} from the cluster's {@link Task}.
 *
 * @param taskId          the task id (25 base-36 characters)
 * @param taskName        Docker's task name, {@code service.slot.id}
 * @param serviceName     the service's name
 * @param hostname        the first 12 characters of the task id, as Docker's container hostname
 * @param namespace       the network namespace name (prefix + task id)
 * @param attachments     the task's interfaces, {@code eth0} first; may be empty (then only {@code lo})
 * @param argv            the program and its arguments
 * @param env             {@code KEY=VALUE}: the spec's entries and the SWARMNET_TASK_* and HOSTNAME ones
 * @param logFile         where stdout and stderr are appended
 * @param stopGracePeriod SIGTERM to SIGKILL
 * @param health          the health check that probes, or {@code null} for none
 */
public record TaskLaunch(String taskId, String taskName, String serviceName, String hostname, String namespace,
                         List<Attachment> attachments, List<String> argv, List<String> env, Path logFile,
                         Duration stopGracePeriod, HealthCheck health) {
    /** Docker's container hostname length. */
    public static final int HOSTNAME_LENGTH = 12;

    public TaskLaunch {
        Objects.requireNonNull(taskId, "taskId");
        Objects.requireNonNull(taskName, "taskName");
        Objects.requireNonNull(serviceName, "serviceName");
        Objects.requireNonNull(hostname, "hostname");
        Objects.requireNonNull(namespace, "namespace");
        Objects.requireNonNull(logFile, "logFile");
        Objects.requireNonNull(stopGracePeriod, "stopGracePeriod");
        attachments = List.copyOf(attachments);
        argv = List.copyOf(argv);
        env = List.copyOf(env);
        if (argv.isEmpty()) {
            throw new IllegalArgumentException("task " + taskId + " has nothing to run (empty argv)");
        }
        for (String entry : env) {
            if (entry.indexOf('=') <= 0) {
                throw new IllegalArgumentException("environment entry \"" + entry + "\" of task " + taskId
                    + " is not KEY=VALUE");
            }
        }
        if (stopGracePeriod.isNegative()) {
            throw new IllegalArgumentException("stop grace period " + stopGracePeriod + " is negative");
        }
        if (health != null && !health.probes()) {
            throw new IllegalArgumentException("health check " + health.test() + " of task " + taskId + " runs nothing");
        }
    }

    /** A launch without a health check. */
    public TaskLaunch(String taskId, String taskName, String serviceName, String hostname, String namespace,
                      List<Attachment> attachments, List<String> argv, List<String> env, Path logFile,
                      Duration stopGracePeriod) {
        this(taskId, taskName, serviceName, hostname, namespace, attachments, argv, env, logFile, stopGracePeriod,
            null);
    }

    /**
     * The launch of {@code task} with {@code attachments} (in the order of the task's networks),
     * its argv from {@code images}.
     *
     * @throws ImageCatalog.UnknownImageException when the image has no command and the task gives none
     */
    public static TaskLaunch of(Task task, List<Attachment> attachments, ImageCatalog images, RuntimeSettings settings) {
        ContainerSpec spec = task.spec().container();
        List<String> argv = images.argv(spec);
        String hostname = task.id().substring(0, Math.min(HOSTNAME_LENGTH, task.id().length()));
        List<String> env = new ArrayList<>(spec.env());
        env.add("HOSTNAME=" + hostname);
        env.add("SWARMNET_TASK_ID=" + task.id());
        env.add("SWARMNET_TASK_NAME=" + task.name());
        env.add("SWARMNET_SERVICE=" + task.serviceName());
        return new TaskLaunch(task.id(), task.name(), task.serviceName(), hostname, settings.namespaceOf(task.id()),
            attachments, argv, env, settings.logFileOf(task.id()), Duration.ofNanos(spec.stopGracePeriodNanos()),
            spec.probingHealthcheck());
    }
}
