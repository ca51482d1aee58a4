package dev.swarmnet.controlplane.api.model;

import com.fasterxml.jackson.annotation.JsonProperty;

/** A node's architecture and operating system ({@code Description.Platform}). */
public record Platform(String architecture, @JsonProperty("OS") String os) {
}
