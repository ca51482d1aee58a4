package dev.swarmnet.controlplane.api.model;

/** An object's store version (`Version.Index`); updates must quote the current one. */
public record Version(long index) {
}
