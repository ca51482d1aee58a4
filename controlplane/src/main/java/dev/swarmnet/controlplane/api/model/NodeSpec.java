package dev.swarmnet.controlplane.api.model;

import java.util.Map;

/** What an operator may change on a node ({@code docker node update}): the whole spec is sent back on update. */
public record NodeSpec(String name, Map<String, String> labels, NodeRole role, NodeAvailability availability) {
}
