package dev.swarmnet.controlplane.state;

import dev.swarmnet.controlplane.model.EndpointSpec;
import dev.swarmnet.controlplane.model.Network;
import dev.swarmnet.controlplane.model.PortConfig;
import dev.swarmnet.controlplane.model.RestartPolicy;
import dev.swarmnet.controlplane.model.ServiceSpec;
import dev.swarmnet.controlplane.model.TaskTemplate;
import dev.swarmnet.controlplane.model.UpdateConfig;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What makes a service spec acceptable, in swarmkit's controlapi order and words
 * ({@code validateServiceSpec}): name, task template, mode, update and rollback configs,
 * endpoint, and the networks the state holds. Each check answers with the first problem as a
 * message, or {@code null}.
 */
final class ServiceSpecRules {
    /** swarmkit's {@code validateAnnotations}: a DNS name component. */
    private static final Pattern NAME = Pattern.compile("[a-zA-Z0-9](?:[-_]*[A-Za-z0-9]+)*");
    private static final int MAX_NAME = 63;
    /** {@code key==value} or {@code key!=value}, spaces allowed around the operator. */
    private static final Pattern CONSTRAINT = Pattern.compile("\\s*([^=!\\s]+)\\s*(==|!=)\\s*(\\S.*?)\\s*");
    private static final Pattern KEY = Pattern.compile("node\\.id|node\\.hostname|node\\.role|node\\.labels\\..+|engine\\.labels\\..+");

    private ServiceSpecRules() {
    }

    /** The first problem with {@code spec} in state {@code at}, or {@code null}. */
    static String problem(ClusterState at, ServiceSpec spec) {
        String name = spec.name();
        if (name.isEmpty()) {
            return "meta: name must be provided";
        }
        if (name.length() > MAX_NAME) {
            return "invalid name, only " + MAX_NAME + " characters allowed";
        }
        if (!NAME.matcher(name).matches()) {
            return "invalid name \"" + name + "\": name must be valid as a DNS name component";
        }
        String labels = NodeCommands.labelProblem(spec.labels());
        if (labels != null) {
            return labels;
        }
        String template = templateProblem(at, spec.taskTemplate());
        if (template != null) {
            return template;
        }
        String update = updateConfigProblem("UpdateConfig", spec.updateConfig());
        if (update != null) {
            return update;
        }
        String rollback = updateConfigProblem("RollbackConfig", spec.rollbackConfig());
        if (rollback != null) {
            return rollback;
        }
        return endpointProblem(at, spec.endpointSpec());
    }

    private static String templateProblem(ClusterState at, TaskTemplate template) {
        if (template.container().image().isBlank()) {
            return "ContainerSpec: image reference must be provided";
        }
        if (template.container().stopGracePeriodNanos() < 0) {
            return "ContainerSpec: stop grace period must not be negative";
        }
        RestartPolicy restart = template.restartPolicy();
        if (!List.of(RestartPolicy.NONE, RestartPolicy.ON_FAILURE, RestartPolicy.ANY).contains(restart.condition())) {
            return "TaskSpec: invalid restart condition \"" + restart.condition() + "\": want none, on-failure or any";
        }
        if (restart.delayNanos() < 0) {
            return "TaskSpec: restart-delay cannot be negative";
        }
        if (restart.maxAttempts() < 0) {
            return "TaskSpec: restart-max-attempts cannot be negative";
        }
        if (restart.windowNanos() < 0) {
            return "TaskSpec: restart-window cannot be negative";
        }
        for (String constraint : template.constraints()) {
            String problem = constraintProblem(constraint);
            if (problem != null) {
                return problem;
            }
        }
        Set<String> seen = new HashSet<>();
        for (String networkId : template.networks()) {
            Network network = at.network(networkId).orElse(null);
            if (network == null) {
                return "network " + networkId + " not found";
            }
            if (network.spec().ingress()) {
                return "service cannot be explicitly attached to the ingress network \"" + network.name() + "\"";
            }
            if (!seen.add(networkId)) {
                return "network " + network.name() + " is given more than once";
            }
        }
        return null;
    }

    /** The problem with one placement constraint, or {@code null}. */
    static String constraintProblem(String constraint) {
        var m = CONSTRAINT.matcher(constraint);
        if (!m.matches()) {
            return "invalid constraint \"" + constraint + "\": want key==value or key!=value";
        }
        String key = m.group(1);
        if (!KEY.matcher(key).matches()) {
            return "invalid constraint \"" + constraint + "\": unknown key " + key
                    + " (want node.id, node.hostname, node.role, node.labels.<name> or engine.labels.<name>)";
        }
        if (key.equals("node.role") && !m.group(3).equalsIgnoreCase("manager") && !m.group(3).equalsIgnoreCase("worker")) {
            return "invalid constraint \"" + constraint + "\": node.role is manager or worker";
        }
        return null;
    }

    private static String updateConfigProblem(String what, UpdateConfig config) {
        if (!List.of(UpdateConfig.PAUSE, UpdateConfig.CONTINUE, UpdateConfig.ROLLBACK).contains(config.failureAction())) {
            return what + ": invalid failure action \"" + config.failureAction() + "\": want pause, continue or rollback";
        }
        if (!List.of(UpdateConfig.STOP_FIRST, UpdateConfig.START_FIRST).contains(config.order())) {
            return what + ": invalid order \"" + config.order() + "\": want stop-first or start-first";
        }
        if (config.delayNanos() < 0) {
            return what + ": delay cannot be negative";
        }
        if (config.monitorNanos() < 0) {
            return what + ": monitor cannot be negative";
        }
        if (!(config.maxFailureRatio() >= 0 && config.maxFailureRatio() <= 1)) {
            return what + ": max failure ratio must be between 0 and 1";
        }
        return null;
    }

    private static String endpointProblem(ClusterState at, EndpointSpec endpoint) {
        if (!EndpointSpec.VIP.equals(endpoint.mode()) && !EndpointSpec.DNSRR.equals(endpoint.mode())) {
            return "EndpointSpec: invalid endpoint mode \"" + endpoint.mode() + "\": want vip or dnsrr";
        }
        Set<String> published = new HashSet<>();
        for (PortConfig port : endpoint.ports()) {
            if (!PortConfig.TCP.equals(port.protocol()) && !PortConfig.UDP.equals(port.protocol())) {
                return "EndpointSpec: invalid protocol \"" + port.protocol() + "\": want tcp or udp";
            }
            if (!PortConfig.INGRESS.equals(port.publishMode()) && !PortConfig.HOST.equals(port.publishMode())) {
                return "EndpointSpec: invalid publish mode \"" + port.publishMode() + "\": want ingress or host";
            }
            if (port.targetPort() < 1 || port.targetPort() > 65_535) {
                return "EndpointSpec: invalid target port " + port.targetPort() + ": must be between 1 and 65535";
            }
            if (port.publishedPort() < 0 || port.publishedPort() > 65_535) {
                return "EndpointSpec: invalid published port " + port.publishedPort() + ": must be between 1 and 65535";
            }
            if (EndpointSpec.DNSRR.equals(endpoint.mode()) && PortAllocator.isMesh(port)) {
                return "EndpointSpec: port published with ingress mode can't be used with dnsrr mode";
            }
            if (port.publishedPort() != 0
                    && !published.add(port.protocol() + "/" + port.publishedPort() + "/" + port.publishMode())) {
                return "EndpointSpec: duplicate published ports provided";
            }
        }
        if (NetworkCommands.publishesMeshPorts(endpoint.ports()) && at.ingressNetwork().isEmpty()) {
            return "service needs ingress network, but no ingress network is present";
        }
        return null;
    }
}
