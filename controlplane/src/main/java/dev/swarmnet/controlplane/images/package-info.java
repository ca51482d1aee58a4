/**
 * Built-in images: small programs that tasks run when a service names {@code swarmnet/whoami}
 * or {@code swarmnet/echo}.
 *
 * <p>Design note. swarmnet has no container images; a task is a host process in its own network
 * namespace. These two programs are what a user reaches for first to see the network work: an
 * HTTP server that says who answered ({@link dev.swarmnet.controlplane.images.Whoami}, after
 * traefik/whoami) and a TCP/UDP echo server ({@link dev.swarmnet.controlplane.images.Echo}). Each
 * runs as its own JVM started by the task runtime with a small heap, serial GC and C1 only, so
 * twenty of them fit on a small node and start in well under a second; each uses a few platform
 * threads (Java 17: no virtual threads), reads its settings from the environment
 * ({@code PORT}, {@code ECHO_PORT}, {@code SWARMNET_TASK_*}), and exits 0 promptly on SIGTERM,
 * which is how the runtime stops a task. {@link dev.swarmnet.controlplane.images.Termination}
 * holds that one shared piece.
 */
package dev.swarmnet.controlplane.images;
