/**
 * The cluster: model, Raft-replicated store, allocators, orchestrator, scheduler, dispatcher,
 * agent, the Docker-compatible API, the CLI and the daemon.
 *
 * <p>Design note: the control plane never sits on the packet path. It computes immutable
 * {@code dev.swarmnet.dataplane.program.Program} snapshots and hands them to the data plane
 * through one door; the data plane only looks them up. Its packages arrive with the control-plane
 * issues.
 */
package dev.swarmnet.controlplane;
