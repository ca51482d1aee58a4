package dev.swarmnet.controlplane.api.model;

/** Encryption at rest of the manager state ({@code Spec.EncryptionConfig}). */
public record EncryptionConfig(boolean autoLockManagers) {
}
