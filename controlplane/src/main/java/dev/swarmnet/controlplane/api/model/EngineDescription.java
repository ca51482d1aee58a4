package dev.swarmnet.controlplane.api.model;

import java.util.Map;

/** The engine a node runs (`Description.Engine`); `node ls` prints `EngineVersion`. */
public record EngineDescription(String engineVersion, Map<String, String> labels) {
}
