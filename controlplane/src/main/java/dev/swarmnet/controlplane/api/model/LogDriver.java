package dev.swarmnet.controlplane.api.model;

import java.util.Map;

/** A log driver and its options ({@code TaskDefaults.LogDriver}). */
public record LogDriver(String name, Map<String, String> options) {
}
