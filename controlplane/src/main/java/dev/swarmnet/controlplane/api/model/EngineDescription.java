package dev.swarmnet.controlplane.api.model;

import java.util.Map;

/** The engine a node runs ({@code Description.Engine}); {@code node ls} prints {@code EngineVersion}. */
public record EngineDescription(String engineVersion, Map<String, String> labels) {
}
