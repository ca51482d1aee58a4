package dev.swarmnet.controlplane.api.model;

import com.fasterxml.jackson.annotation.JsonProperty;

/** A node's capacity ({@code Description.Resources}); {@code node inspect --pretty} prints CPUs and memory from it. */
public record Resources(@JsonProperty("NanoCPUs") long nanoCpus, long memoryBytes) {
}
