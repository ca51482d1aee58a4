package dev.swarmnet.controlplane.cli.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * ServiceSpecs as Docker's CLI builds them: the {@code POST /services/create} body from the
 * command line (docker-api.md §4, in the Go client's field order), and the edits
 * {@code service update} and {@code scale} make to a spec read back from the daemon, leaving
 * every other field as the daemon sent it. Pure.
 */
public final class ServiceSpecs {

    static final long DEFAULT_MONITOR_NANOS = 5_000_000_000L;
    private static final Set<String> RESTART_CONDITIONS = Set.of("none", "on-failure", "any");
    private static final Set<String> ORDERS = Set.of("stop-first", "start-first");
    private static final Set<String> FAILURE_ACTIONS = Set.of("pause", "continue", "rollback");
    private static final Set<String> ENDPOINT_MODES = Set.of("vip", "dnsrr");

    private ServiceSpecs() {
    }

    /**
     * The create body.
     *
     * @param name       {@code --name} ({@code ""} lets the daemon choose)
     * @param image      the image
     * @param args       the command and its arguments after the image ({@code ContainerSpec.Args})
     * @param networkIds the {@code --network} values already turned into IDs
     * @throws IllegalArgumentException naming a bad flag value
     */
    public static ObjectNode create(String name, String image, List<String> args, List<String> networkIds,
                                    ServiceFlags flags) {
        validate(flags);
        if (flags.global() && flags.replicas() != null) {
            throw new IllegalArgumentException("replicas can only be used with replicated or replicated-job mode");
        }
        ObjectNode spec = ApiClient.json().createObjectNode();
        if (!name.isEmpty()) {
            spec.put("Name", name);
        }
        spec.set("Labels", KeyValues.map(flags.labels(), "label"));
        ObjectNode template = spec.putObject("TaskTemplate");
        ObjectNode container = template.putObject("ContainerSpec");
        container.put("Image", withDefaultTag(image));
        if (!args.isEmpty()) {
            ArrayNode array = container.putArray("Args");
            args.forEach(array::add);
        }
        if (!flags.env().isEmpty()) {
            ArrayNode env = container.putArray("Env");
            flags.env().forEach(env::add);
        }
        container.put("Init", false);
        if (flags.stopGracePeriod() != null) {
            container.put("StopGracePeriod", flags.stopGracePeriod().toNanos());
        }
        applyHealth(container, flags.health());
        container.putObject("DNSConfig");
        ObjectNode resources = template.putObject("Resources");
        resources.putObject("Limits");
        resources.putObject("Reservations");
        if (flags.changesRestartPolicy()) {
            applyRestartPolicy(template.putObject("RestartPolicy"), flags);
        }
        ObjectNode placement = template.putObject("Placement");
        if (!flags.constraints().isEmpty()) {
            ArrayNode constraints = placement.putArray("Constraints");
            flags.constraints().forEach(constraints::add);
        }
        if (!networkIds.isEmpty()) {
            ArrayNode networks = template.putArray("Networks");
            networkIds.forEach(id -> networks.addObject().put("Target", id));
        }
        template.put("ForceUpdate", 0);
        ObjectNode mode = spec.putObject("Mode");
        if (flags.global()) {
            mode.putObject("Global");
        } else {
            ObjectNode replicated = mode.putObject("Replicated");
            if (flags.replicas() != null) {
                replicated.put("Replicas", flags.replicas());
            }
        }
        if (flags.changesUpdateConfig()) {
            applyUpdateConfig(spec.putObject("UpdateConfig"), flags);
        }
        ObjectNode endpoint = spec.putObject("EndpointSpec");
        endpoint.put("Mode", flags.endpointMode() == null ? "vip" : flags.endpointMode());
        if (!flags.ports().isEmpty()) {
            ArrayNode ports = endpoint.putArray("Ports");
            flags.ports().forEach(p -> ports.add(PortSpec.parse(p)));
        }
        return spec;
    }

    /**
     * {@code service update}'s edits to a copy of {@code current}: {@code flags.env()} and
     * {@code ports()}, {@code constraints()}, {@code labels()} are what is added.
     *
     * @param image          {@code --image}, or {@code null}
     * @param envToRemove    {@code --env-rm} keys
     * @param portsToRemove  {@code --publish-rm} values (a target port, optionally {@code /protocol})
     * @param constraintsToRemove {@code --constraint-rm} expressions
     * @param force          {@code --force}: bump {@code TaskTemplate.ForceUpdate} so tasks are replaced
     * @throws IllegalArgumentException naming a bad flag value
     */
    public static ObjectNode update(JsonNode current, ServiceFlags flags, String image, List<String> envToRemove,
                                    List<String> portsToRemove, List<String> constraintsToRemove, boolean force) {
        validate(flags);
        ObjectNode spec = current.isObject() ? ((ObjectNode) current).deepCopy() : ApiClient.json().createObjectNode();
        ObjectNode template = object(spec, "TaskTemplate");
        ObjectNode container = object(template, "ContainerSpec");
        if (flags.replicas() != null) {
            JsonNode replicated = spec.path("Mode").path("Replicated");
            if (!replicated.isObject()) {
                throw new IllegalArgumentException("replicas can only be used with replicated or replicated-job mode");
            }
            ((ObjectNode) replicated).put("Replicas", flags.replicas());
        }
        if (image != null) {
            container.put("Image", withDefaultTag(image));
        }
        if (!flags.env().isEmpty() || !envToRemove.isEmpty()) {
            container.set("Env", updateEnv(container.path("Env"), flags.env(), envToRemove));
        }
        if (flags.stopGracePeriod() != null) {
            container.put("StopGracePeriod", flags.stopGracePeriod().toNanos());
        }
        applyHealth(container, flags.health());
        if (!flags.labels().isEmpty()) {
            ObjectNode labels = object(spec, "Labels");
            labels.setAll(KeyValues.map(flags.labels(), "label-add"));
        }
        if (!flags.constraints().isEmpty() || !constraintsToRemove.isEmpty()) {
            ObjectNode placement = object(template, "Placement");
            TreeSet<String> constraints = new TreeSet<>();
            placement.path("Constraints").forEach(c -> constraints.add(c.asText()));
            constraints.removeAll(constraintsToRemove);
            constraints.addAll(flags.constraints());
            ArrayNode array = placement.putArray("Constraints");
            constraints.forEach(array::add);
        }
        if (flags.changesRestartPolicy()) {
            applyRestartPolicy(object(template, "RestartPolicy"), flags);
        }
        if (flags.changesUpdateConfig()) {
            ObjectNode updateConfig = spec.path("UpdateConfig").isObject() ? (ObjectNode) spec.get("UpdateConfig")
                    : defaultUpdateConfig(spec);
            applyUpdateConfig(updateConfig, flags);
        }
        if (flags.endpointMode() != null) {
            object(spec, "EndpointSpec").put("Mode", flags.endpointMode());
        }
        if (!flags.ports().isEmpty() || !portsToRemove.isEmpty()) {
            ObjectNode endpoint = object(spec, "EndpointSpec");
            endpoint.set("Ports", updatePorts(endpoint.path("Ports"), flags.ports(), portsToRemove));
        }
        if (force) {
            template.put("ForceUpdate", template.path("ForceUpdate").asLong(0) + 1);
        }
        return spec;
    }

    /**
     * {@code service scale}'s edit to a copy of a spec: the replica count of a replicated service.
     *
     * @throws IllegalArgumentException for a global service, worded as Docker's
     */
    public static ObjectNode scale(JsonNode current, long replicas) {
        ObjectNode spec = current.isObject() ? ((ObjectNode) current).deepCopy() : ApiClient.json().createObjectNode();
        JsonNode replicated = spec.path("Mode").path("Replicated");
        if (!replicated.isObject()) {
            throw new IllegalArgumentException("scale can only be used with replicated or replicated-job mode");
        }
        ((ObjectNode) replicated).put("Replicas", replicas);
        return spec;
    }

    private static ArrayNode updateEnv(JsonNode current, List<String> add, List<String> remove) {
        TreeMap<String, String> byKey = new TreeMap<>();
        current.forEach(e -> byKey.put(KeyValues.envKey(e.asText()), e.asText()));
        remove.forEach(key -> byKey.remove(KeyValues.envKey(key)));
        add.forEach(e -> byKey.put(KeyValues.envKey(e), e));
        ArrayNode env = ApiClient.json().createArrayNode();
        byKey.values().forEach(env::add);
        return env;
    }

    private static ArrayNode updatePorts(JsonNode current, List<String> add, List<String> remove) {
        List<JsonNode> removals = remove.stream().<JsonNode>map(PortSpec::parse).toList();
        TreeMap<String, JsonNode> byKey = new TreeMap<>();
        for (JsonNode port : current) {
            boolean removed = removals.stream().anyMatch(r -> r.path("TargetPort").asLong() == port.path("TargetPort")
                    .asLong() && r.path("Protocol").asText().equals(port.path("Protocol").asText("tcp")));
            if (!removed) {
                byKey.put(PortSpec.sortKey(port), port);
            }
        }
        for (String value : add) {
            JsonNode port = PortSpec.parse(value);
            byKey.put(PortSpec.sortKey(port), port);
        }
        List<JsonNode> sorted = new ArrayList<>(byKey.values());
        sorted.sort(Comparator.comparing(PortSpec::sortKey));
        ArrayNode ports = ApiClient.json().createArrayNode();
        sorted.forEach(ports::add);
        return ports;
    }

    /** Docker's client tags an untagged, undigested image {@code :latest} before it sends it. */
    static String withDefaultTag(String image) {
        String lastPart = image.substring(image.lastIndexOf('/') + 1);
        return lastPart.contains(":") || image.contains("@") ? image : image + ":latest";
    }

    /** Docker starts from its defaults (any, 5s, 0 attempts) when the spec has no policy yet. */
    private static void applyRestartPolicy(ObjectNode policy, ServiceFlags flags) {
        if (policy.isEmpty()) {
            policy.put("Condition", "any");
            policy.put("Delay", 5_000_000_000L);
            policy.put("MaxAttempts", 0);
        }
        if (flags.restartCondition() != null) {
            policy.put("Condition", flags.restartCondition());
        }
        if (flags.restartDelay() != null) {
            policy.put("Delay", flags.restartDelay().toNanos());
        }
        if (flags.restartMaxAttempts() != null) {
            policy.put("MaxAttempts", flags.restartMaxAttempts());
        }
    }

    /** Docker fills the defaults ({@code defaults.Service.Update}) before applying the flags. */
    private static void applyUpdateConfig(ObjectNode config, ServiceFlags flags) {
        if (!config.has("Parallelism")) {
            config.put("Parallelism", 1);
            config.put("FailureAction", "pause");
            config.put("Monitor", DEFAULT_MONITOR_NANOS);
            config.put("MaxFailureRatio", 0);
            config.put("Order", "stop-first");
        }
        if (flags.updateParallelism() != null) {
            config.put("Parallelism", flags.updateParallelism());
        }
        if (flags.updateDelay() != null) {
            ObjectNode reordered = ApiClient.json().createObjectNode();
            reordered.set("Parallelism", config.get("Parallelism"));
            reordered.put("Delay", flags.updateDelay().toNanos());
            config.fields().forEachRemaining(e -> {
                if (!reordered.has(e.getKey())) {
                    reordered.set(e.getKey(), e.getValue());
                }
            });
            config.removeAll();
            config.setAll(reordered);
        }
        if (flags.updateFailureAction() != null) {
            config.put("FailureAction", flags.updateFailureAction());
        }
        if (flags.updateMonitor() != null) {
            config.put("Monitor", flags.updateMonitor().toNanos());
        }
        if (flags.updateOrder() != null) {
            config.put("Order", flags.updateOrder());
        }
    }

    private static ObjectNode defaultUpdateConfig(ObjectNode spec) {
        return spec.putObject("UpdateConfig");
    }

    /**
     * Checks the flags' values before anything is sent.
     *
     * @throws IllegalArgumentException naming the first bad value
     */
    public static void validate(ServiceFlags flags) {
        if (flags.health().disable() && flags.health().changesCheck()) {
            throw new IllegalArgumentException("--no-healthcheck conflicts with --health-* options");
        }
        check(flags.restartCondition(), RESTART_CONDITIONS, "--restart-condition");
        check(flags.updateOrder(), ORDERS, "--update-order");
        check(flags.updateFailureAction(), FAILURE_ACTIONS, "--update-failure-action");
        check(flags.endpointMode(), ENDPOINT_MODES, "--endpoint-mode");
        if (flags.replicas() != null && flags.replicas() < 0) {
            throw new IllegalArgumentException("invalid replicas value " + flags.replicas() + ": must be 0 or more");
        }
        flags.ports().forEach(PortSpec::parse);
    }

    private static void check(String value, Set<String> allowed, String flag) {
        if (value != null && !allowed.contains(value)) {
            throw new IllegalArgumentException("invalid " + flag + " value '" + value + "': use one of "
                    + String.join(", ", new TreeSet<>(allowed)));
        }
    }

    /**
     * The health flags onto a container spec, as Docker's CLI applies them: {@code --no-healthcheck}
     * sets the test to {@code ["NONE"]}; otherwise each given option replaces its field of the
     * check already there (a command becomes {@code ["CMD-SHELL", command]}).
     */
    private static void applyHealth(ObjectNode container, ServiceFlags.Health health) {
        if (health.disable()) {
            container.putObject("Healthcheck").putArray("Test").add("NONE");
            return;
        }
        if (!health.changesCheck()) {
            return;
        }
        ObjectNode check = object(container, "Healthcheck");
        if (health.command() != null) {
            check.putArray("Test").add("CMD-SHELL").add(health.command());
        }
        if (health.interval() != null) {
            check.put("Interval", health.interval().toNanos());
        }
        if (health.timeout() != null) {
            check.put("Timeout", health.timeout().toNanos());
        }
        if (health.startPeriod() != null) {
            check.put("StartPeriod", health.startPeriod().toNanos());
        }
        if (health.retries() != null) {
            check.put("Retries", health.retries());
        }
    }

    private static ObjectNode object(ObjectNode parent, String field) {
        JsonNode child = parent.path(field);
        return child.isObject() ? (ObjectNode) child : parent.putObject(field);
    }
}
