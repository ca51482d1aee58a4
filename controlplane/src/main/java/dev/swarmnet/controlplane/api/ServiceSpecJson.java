package dev.swarmnet.controlplane.api;

import static dev.swarmnet.controlplane.api.SupportedFields.any;
import static dev.swarmnet.controlplane.api.SupportedFields.object;

import dev.swarmnet.controlplane.api.model.NetworkAttachmentConfig;
import dev.swarmnet.controlplane.api.model.Placement;
import dev.swarmnet.controlplane.model.ContainerSpec;
import dev.swarmnet.controlplane.model.HealthCheck;
import dev.swarmnet.controlplane.model.EndpointSpec;
import dev.swarmnet.controlplane.model.PortConfig;
import dev.swarmnet.controlplane.model.RestartPolicy;
import dev.swarmnet.controlplane.model.ServiceMode;
import dev.swarmnet.controlplane.model.ServiceSpec;
import dev.swarmnet.controlplane.model.TaskTemplate;
import dev.swarmnet.controlplane.model.UpdateConfig;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A service spec both ways: Docker's JSON ({@code api.model.ServiceSpec}) to the cluster model
 * ({@code model.ServiceSpec}), validated, and back. Pure; any thread.
 *
 * <p>The model keeps normalised values: a missing mode is one replica, a missing restart policy,
 * update config or stop grace period is Docker's default, and a zero monitor period is 5 s, as
 * swarmkit reads it. So {@code toModel(toApi(m))} equals {@code m}, and {@code toApi(toModel(s))}
 * is {@code s} with those defaults filled in; posting it back changes nothing. That matters
 * because the CLI sends the whole spec it read back on every update.
 */
public final class ServiceSpecJson {

    /** The fields swarmnet honours in a service spec; any other field with a value is a 501. */
    static final SupportedFields SUPPORTED = serviceSpecFields();

    private static final Pattern DNS_LABEL = Pattern.compile("[a-zA-Z0-9](?:[-_]*[A-Za-z0-9]+)*");
    private static final Set<String> CONDITIONS = Set.of(RestartPolicy.NONE, RestartPolicy.ON_FAILURE, RestartPolicy.ANY);
    private static final Set<String> FAILURE_ACTIONS = Set.of(UpdateConfig.PAUSE, UpdateConfig.CONTINUE,
            UpdateConfig.ROLLBACK);
    private static final Set<String> ORDERS = Set.of(UpdateConfig.STOP_FIRST, UpdateConfig.START_FIRST);

    private ServiceSpecJson() {
    }

    /**
     * Docker's spec to the model, with defaults filled in.
     *
     * @throws ApiException 400 naming the field of an invalid value ({@code invalid Mode: Replicas must
     *                      not be negative}); 501 for a mode swarmnet does not run (jobs)
     */
    public static ServiceSpec toModel(dev.swarmnet.controlplane.api.model.ServiceSpec spec) {
        if (spec == null) {
            throw ApiException.badRequest("invalid service spec: the body must be a ServiceSpec object");
        }
        String name = spec.name() == null ? "" : spec.name();
        if (name.isEmpty()) {
            throw ApiException.badRequest("invalid Name: a service needs a name (--name)");
        }
        if (name.length() > 63 || !DNS_LABEL.matcher(name).matches()) {
            throw ApiException.badRequest("invalid Name \"" + name + "\": name must be valid as a DNS name component");
        }
        return new ServiceSpec(name, spec.labels(), taskTemplate(spec.taskTemplate(), "TaskTemplate"),
                mode(spec.mode()), updateConfig(spec.updateConfig(), "UpdateConfig"),
                updateConfig(spec.rollbackConfig(), "RollbackConfig"), endpointSpec(spec.endpointSpec()));
    }

    /** The model's spec in Docker's JSON, every default spelled out. */
    public static dev.swarmnet.controlplane.api.model.ServiceSpec toApi(ServiceSpec spec) {
        var mode = spec.mode().global() ? dev.swarmnet.controlplane.api.model.ServiceMode.globalMode()
                : dev.swarmnet.controlplane.api.model.ServiceMode.replicated(spec.mode().replicas());
        return new dev.swarmnet.controlplane.api.model.ServiceSpec(spec.name(), spec.labels(),
                taskSpec(spec.taskTemplate()), mode, updateConfig(spec.updateConfig()),
                updateConfig(spec.rollbackConfig()), endpointSpec(spec.endpointSpec()));
    }

    /** A task template in Docker's JSON ({@code Spec.TaskTemplate} of a service, {@code Spec} of a task). */
    public static dev.swarmnet.controlplane.api.model.TaskSpec taskSpec(TaskTemplate template) {
        ContainerSpec c = template.container();
        HealthCheck h = c.healthcheck();
        var health = h == null ? null : new dev.swarmnet.controlplane.api.model.HealthConfig(h.test(),
                h.intervalNanos(), h.timeoutNanos(), h.startPeriodNanos(), null, h.retries());
        var container = new dev.swarmnet.controlplane.api.model.ContainerSpec(c.image(), nullIfEmpty(c.labels()),
                nullIfEmpty(c.command()), nullIfEmpty(c.args()), nullIfEmpty(c.env()), c.stopGracePeriodNanos(),
                health);
        RestartPolicy r = template.restartPolicy();
        var restart = new dev.swarmnet.controlplane.api.model.RestartPolicy(r.condition(), r.delayNanos(),
                r.maxAttempts(), r.windowNanos());
        List<NetworkAttachmentConfig> networks = template.networks().stream().map(NetworkAttachmentConfig::new)
                .toList();
        return new dev.swarmnet.controlplane.api.model.TaskSpec(container, restart,
                new Placement(nullIfEmpty(template.constraints())), nullIfEmpty(networks), template.forceUpdate());
    }

    /** Published ports in Docker's JSON; a published port of 0 (not yet allocated) is left out. */
    public static List<dev.swarmnet.controlplane.api.model.PortConfig> ports(List<PortConfig> ports) {
        return ports.stream().map(p -> new dev.swarmnet.controlplane.api.model.PortConfig(
                p.name().isEmpty() ? null : p.name(), p.protocol(), p.targetPort(),
                p.publishedPort() == 0 ? null : p.publishedPort(), p.publishMode())).toList();
    }

    /** An endpoint spec in Docker's JSON. */
    public static dev.swarmnet.controlplane.api.model.EndpointSpec endpointSpec(EndpointSpec spec) {
        return new dev.swarmnet.controlplane.api.model.EndpointSpec(spec.mode(), nullIfEmpty(ports(spec.ports())));
    }

    private static dev.swarmnet.controlplane.api.model.UpdateConfig updateConfig(UpdateConfig u) {
        return new dev.swarmnet.controlplane.api.model.UpdateConfig(u.parallelism(), u.delayNanos(), u.failureAction(),
                u.monitorNanos(), u.maxFailureRatio(), u.order());
    }

    private static TaskTemplate taskTemplate(dev.swarmnet.controlplane.api.model.TaskSpec spec, String field) {
        if (spec == null || spec.containerSpec() == null) {
            throw ApiException.badRequest("invalid " + field + ": ContainerSpec is required");
        }
        var c = spec.containerSpec();
        if (c.image() == null || c.image().isBlank()) {
            throw ApiException.badRequest("invalid " + field + ".ContainerSpec.Image: an image reference must be "
                    + "provided");
        }
        long grace = c.stopGracePeriod() == null ? ContainerSpec.DEFAULT_STOP_GRACE_NANOS : c.stopGracePeriod();
        requireNotNegative(grace, field + ".ContainerSpec.StopGracePeriod");
        ContainerSpec container = new ContainerSpec(c.image(), c.command(), c.args(), env(c.env(), field),
                c.labels(), grace, healthcheck(c.healthcheck(), field + ".ContainerSpec.Healthcheck"));
        List<String> constraints = spec.placement() == null || spec.placement().constraints() == null ? List.of()
                : spec.placement().constraints();
        for (String constraint : constraints) {
            if (constraint == null || !(constraint.contains("==") || constraint.contains("!="))) {
                throw ApiException.badRequest("invalid " + field + ".Placement.Constraints: \"" + constraint
                        + "\" is not KEY==VALUE or KEY!=VALUE");
            }
        }
        List<String> networks = new ArrayList<>();
        if (spec.networks() != null) {
            for (NetworkAttachmentConfig network : spec.networks()) {
                if (network == null || network.target() == null || network.target().isEmpty()) {
                    throw ApiException.badRequest("invalid " + field + ".Networks: each network needs a Target");
                }
                if (networks.contains(network.target())) {
                    throw ApiException.badRequest("invalid " + field + ".Networks: network " + network.target()
                            + " is attached twice");
                }
                networks.add(network.target());
            }
        }
        requireNotNegative(spec.forceUpdate(), field + ".ForceUpdate");
        return new TaskTemplate(container, restartPolicy(spec.restartPolicy(), field + ".RestartPolicy"),
                constraints, networks, spec.forceUpdate());
    }

    /**
     * Docker's health config, checked as the engine checks it: a test of {@code NONE},
     * {@code CMD ARG...} or {@code CMD-SHELL COMMAND}; durations 0 (default) or at least 1 ms;
     * retries not negative.
     */
    private static HealthCheck healthcheck(dev.swarmnet.controlplane.api.model.HealthConfig h, String field) {
        if (h == null) {
            return null;
        }
        List<String> test = h.test() == null ? List.of() : h.test();
        if (!test.isEmpty()) {
            String kind = test.get(0);
            boolean ok = kind.equals(HealthCheck.NONE) ? test.size() == 1
                    : kind.equals(HealthCheck.CMD) ? test.size() >= 2
                    : kind.equals(HealthCheck.CMD_SHELL) && test.size() == 2;
            if (!ok) {
                throw ApiException.badRequest("invalid " + field + ".Test " + test + ": want [\"NONE\"], [\"CMD\", "
                        + "ARG...] or [\"CMD-SHELL\", COMMAND]");
            }
        }
        long interval = healthDuration(h.interval(), field + ".Interval");
        long timeout = healthDuration(h.timeout(), field + ".Timeout");
        long startPeriod = healthDuration(h.startPeriod(), field + ".StartPeriod");
        if (h.startInterval() != null && h.startInterval() != 0) {
            throw ApiException.notImplemented(field + ".StartInterval (--health-start-interval) is not supported by "
                    + "swarmnet: probes run every Interval, also during StartPeriod");
        }
        int retries = h.retries() == null ? 0 : h.retries();
        if (retries < 0) {
            throw ApiException.badRequest("invalid " + field + ".Retries: " + retries + " must not be negative");
        }
        return new HealthCheck(test, interval, timeout, retries, startPeriod);
    }

    private static long healthDuration(Long nanos, String field) {
        long value = nanos == null ? 0 : nanos;
        if (value != 0 && value < 1_000_000L) {
            throw ApiException.badRequest("invalid " + field + ": " + value + "ns must be 0 (the default) or at "
                    + "least 1ms");
        }
        return value;
    }

    private static List<String> env(List<String> env, String field) {
        if (env == null) {
            return List.of();
        }
        for (String entry : env) {
            if (entry == null || entry.isEmpty() || entry.startsWith("=")) {
                throw ApiException.badRequest("invalid " + field + ".ContainerSpec.Env: \"" + entry
                        + "\" is not KEY=VALUE");
            }
        }
        return env;
    }

    private static RestartPolicy restartPolicy(dev.swarmnet.controlplane.api.model.RestartPolicy policy,
                                               String field) {
        if (policy == null) {
            return RestartPolicy.defaults();
        }
        String condition = policy.condition() == null || policy.condition().isEmpty() ? RestartPolicy.ANY
                : policy.condition();
        if (!CONDITIONS.contains(condition)) {
            throw ApiException.badRequest("invalid " + field + ".Condition \"" + condition
                    + "\": must be none, on-failure or any");
        }
        long delay = policy.delay() == null ? RestartPolicy.DEFAULT_DELAY_NANOS : policy.delay();
        long attempts = policy.maxAttempts() == null ? 0 : policy.maxAttempts();
        long window = policy.window() == null ? 0 : policy.window();
        requireNotNegative(delay, field + ".Delay");
        requireNotNegative(attempts, field + ".MaxAttempts");
        requireNotNegative(window, field + ".Window");
        return new RestartPolicy(condition, delay, attempts, window);
    }

    private static ServiceMode mode(dev.swarmnet.controlplane.api.model.ServiceMode mode) {
        if (mode == null) {
            return ServiceMode.replicated(1);
        }
        if (mode.replicatedJob() != null && !mode.replicatedJob().isNull()
                || mode.globalJob() != null && !mode.globalJob().isNull()) {
            throw ApiException.notImplemented("swarmnet does not run jobs (Mode.ReplicatedJob, Mode.GlobalJob): use "
                    + "--mode replicated or --mode global");
        }
        if (mode.replicated() != null && mode.global() != null) {
            throw ApiException.badRequest("invalid Mode: only one of Replicated and Global may be set");
        }
        if (mode.global() != null) {
            return ServiceMode.globalMode();
        }
        Long replicas = mode.replicated() == null ? null : mode.replicated().replicas();
        if (replicas == null) {
            return ServiceMode.replicated(1);
        }
        if (replicas < 0) {
            throw ApiException.badRequest("invalid Mode: Replicas must not be negative");
        }
        return ServiceMode.replicated(replicas);
    }

    private static UpdateConfig updateConfig(dev.swarmnet.controlplane.api.model.UpdateConfig config, String field) {
        if (config == null) {
            return UpdateConfig.defaults();
        }
        requireNotNegative(config.parallelism(), field + ".Parallelism");
        long delay = config.delay() == null ? 0 : config.delay();
        requireNotNegative(delay, field + ".Delay");
        long monitor = config.monitor() == null || config.monitor() == 0 ? UpdateConfig.DEFAULT_MONITOR_NANOS
                : config.monitor();
        requireNotNegative(monitor, field + ".Monitor");
        String action = config.failureAction() == null || config.failureAction().isEmpty() ? UpdateConfig.PAUSE
                : config.failureAction();
        if (!FAILURE_ACTIONS.contains(action)) {
            throw ApiException.badRequest("invalid " + field + ".FailureAction \"" + action
                    + "\": must be pause, continue or rollback");
        }
        String order = config.order() == null || config.order().isEmpty() ? UpdateConfig.STOP_FIRST : config.order();
        if (!ORDERS.contains(order)) {
            throw ApiException.badRequest("invalid " + field + ".Order \"" + order
                    + "\": must be stop-first or start-first");
        }
        double ratio = config.maxFailureRatio();
        if (!(ratio >= 0 && ratio <= 1)) {
            throw ApiException.badRequest("invalid " + field + ".MaxFailureRatio " + ratio
                    + ": must be between 0 and 1");
        }
        return new UpdateConfig(config.parallelism(), delay, action, monitor, ratio, order);
    }

    private static EndpointSpec endpointSpec(dev.swarmnet.controlplane.api.model.EndpointSpec spec) {
        if (spec == null) {
            return EndpointSpec.vip();
        }
        String mode = spec.mode() == null || spec.mode().isEmpty() ? EndpointSpec.VIP : spec.mode();
        if (!mode.equals(EndpointSpec.VIP) && !mode.equals(EndpointSpec.DNSRR)) {
            throw ApiException.badRequest("invalid EndpointSpec.Mode \"" + mode + "\": must be vip or dnsrr");
        }
        List<PortConfig> ports = new ArrayList<>();
        Set<String> published = new HashSet<>();
        for (var p : spec.ports() == null ? List.<dev.swarmnet.controlplane.api.model.PortConfig>of() : spec.ports()) {
            PortConfig port = port(p);
            if (mode.equals(EndpointSpec.DNSRR) && port.publishMode().equals(PortConfig.INGRESS)) {
                throw ApiException.badRequest("invalid EndpointSpec: port published with ingress mode can't be used "
                        + "with dnsrr mode");
            }
            if (port.publishedPort() != 0 && !published.add(port.publishedPort() + "/" + port.protocol())) {
                throw ApiException.badRequest("invalid EndpointSpec.Ports: published port " + port.publishedPort()
                        + "/" + port.protocol() + " is given twice");
            }
            ports.add(port);
        }
        return new EndpointSpec(mode, ports);
    }

    private static PortConfig port(dev.swarmnet.controlplane.api.model.PortConfig p) {
        if (p == null) {
            throw ApiException.badRequest("invalid EndpointSpec.Ports: null port");
        }
        String protocol = p.protocol() == null || p.protocol().isEmpty() ? PortConfig.TCP : p.protocol();
        if (protocol.equals("sctp")) {
            throw ApiException.notImplemented("swarmnet does not publish sctp ports (EndpointSpec.Ports.Protocol)");
        }
        if (!protocol.equals(PortConfig.TCP) && !protocol.equals(PortConfig.UDP)) {
            throw ApiException.badRequest("invalid EndpointSpec.Ports.Protocol \"" + protocol + "\": must be tcp or udp");
        }
        String publishMode = p.publishMode() == null || p.publishMode().isEmpty() ? PortConfig.INGRESS
                : p.publishMode();
        if (!publishMode.equals(PortConfig.INGRESS) && !publishMode.equals(PortConfig.HOST)) {
            throw ApiException.badRequest("invalid EndpointSpec.Ports.PublishMode \"" + publishMode
                    + "\": must be ingress or host");
        }
        if (p.targetPort() < 1 || p.targetPort() > 65535) {
            throw ApiException.badRequest("invalid EndpointSpec.Ports.TargetPort " + p.targetPort()
                    + ": must be between 1 and 65535");
        }
        int publishedPort = p.publishedPort() == null ? 0 : p.publishedPort();
        if (publishedPort < 0 || publishedPort > 65535) {
            throw ApiException.badRequest("invalid EndpointSpec.Ports.PublishedPort " + publishedPort
                    + ": must be between 0 and 65535");
        }
        return new PortConfig(p.name(), protocol, p.targetPort(), publishedPort, publishMode);
    }

    private static void requireNotNegative(long value, String field) {
        if (value < 0) {
            throw ApiException.badRequest("invalid " + field + ": must not be negative, got " + value);
        }
    }

    private static <T> List<T> nullIfEmpty(List<T> list) {
        return list.isEmpty() ? null : list;
    }

    private static <K, V> Map<K, V> nullIfEmpty(Map<K, V> map) {
        return map.isEmpty() ? null : map;
    }

    private static SupportedFields serviceSpecFields() {
        SupportedFields updateConfig = object("Parallelism", any(), "Delay", any(), "FailureAction", any(),
                "Monitor", any(), "MaxFailureRatio", any(), "Order", any());
        return object(
                "Name", any(),
                "Labels", any(),
                "TaskTemplate", object(
                        "ContainerSpec", object("Image", any(), "Labels", any(), "Command", any(), "Args", any(),
                                "Env", any(), "StopGracePeriod", any(),
                                "Healthcheck", object("Test", any(), "Interval", any(), "Timeout", any(),
                                        "StartPeriod", any(), "StartInterval", any(), "Retries", any())),
                        "RestartPolicy", object("Condition", any(), "Delay", any(), "MaxAttempts", any(),
                                "Window", any()),
                        "Placement", object("Constraints", any()),
                        "Networks", object("Target", any()),
                        "ForceUpdate", any()),
                "Mode", object("Replicated", object("Replicas", any()), "Global", object(),
                        "ReplicatedJob", any(), "GlobalJob", any()),
                "UpdateConfig", updateConfig,
                "RollbackConfig", updateConfig,
                "EndpointSpec", object("Mode", any(), "Ports", object("Name", any(), "Protocol", any(),
                        "TargetPort", any(), "PublishedPort", any(), "PublishMode", any())));
    }
}
