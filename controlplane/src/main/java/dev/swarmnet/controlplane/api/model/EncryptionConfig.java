package dev.swarmnet.controlplane.api.model;

/** Encryption at rest of the manager state (`Spec.EncryptionConfig`). */
public record EncryptionConfig(boolean autoLockManagers) {
}
