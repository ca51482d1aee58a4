package dev.swarmnet.controlplane.api.model;

import java.util.Map;

/** A log driver and its options (`TaskDefaults.LogDriver`). */
public record LogDriver(String name, Map<String, String> options) {
}
