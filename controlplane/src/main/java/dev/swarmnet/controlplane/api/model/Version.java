package dev.swarmnet.controlplane.api.model;

/** An object's store version ({@code Version.Index}); updates must quote the current one. */
public record Version(long index) {
}
