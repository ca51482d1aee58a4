package dev.swarmnet.controlplane.api.model;

import java.time.Instant;

/**
 * The progress of a service's last update (Go {@code swarm.UpdateStatus}); the CLI's progress
 * monitor reads {@code State} and {@code Message} (docker-api.md §5).
 *
 * @param state       {@code updating}, {@code paused}, {@code completed}, {@code rollback_started},
 *                    {@code rollback_paused} or {@code rollback_completed}
 * @param completedAt {@code null} while running
 */
public record UpdateStatus(String state, Instant startedAt, Instant completedAt, String message) {
}
