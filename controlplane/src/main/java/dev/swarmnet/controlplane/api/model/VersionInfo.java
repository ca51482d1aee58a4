package dev.swarmnet.controlplane.api.model;

import com.fasterxml.jackson.annotation.JsonProperty;

/** The answer to {@code GET /version} (Go {@code types.Version}), as {@code docker version} prints it. */
public record VersionInfo(
        Platform platform,
        String version,
        String apiVersion,
        @JsonProperty("MinAPIVersion") String minApiVersion,
        String gitCommit,
        String os,
        String arch,
        String kernelVersion) {

    /** The {@code Platform} object of the version answer: the product name. */
    public record Platform(String name) {
    }
}
