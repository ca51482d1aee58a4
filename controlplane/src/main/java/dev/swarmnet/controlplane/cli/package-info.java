/**
 * The {@code swarmnet} command line (Picocli).
 *
 * <p>Design note. Commands are thin: they parse options, call one class that does the work, and
 * turn its outcome into output and an exit code: 0 for success, 1 when this host cannot do it, 2
 * for a bad command line or input file (with every problem printed, one per line, before anything
 * is created). Commands that run until stopped handle SIGINT and SIGTERM themselves, clean up,
 * and exit 0; a shutdown hook is the backstop for any other way the JVM ends.
 *
 * <p>Client commands ({@code swarm}, {@code node}, {@code network}, {@code service}, {@code info})
 * are Docker's: same flags, same requests in the same order, same output, so a walkthrough
 * written for {@code docker} gives the same results with {@code swarmnet}. They talk to the
 * daemon only through the Docker Engine API ({@code cli.client}), never through the server's
 * classes, and keep the request bodies as JSON trees built by pure classes there
 * ({@code ServiceSpecs}, {@code NetworkCreateRequest}), so what they send is tested against what
 * the docker CLI sends for the same flags. {@code service create} stops reading its own options
 * at the image (Docker's non-interspersed flags). {@code service create/update/scale/rollback}
 * without {@code -d} poll every 200 ms through {@code ServiceConvergence} (the only loop), whose
 * logic is the pure {@code ConvergenceMonitor}; Ctrl-C ends only the waiting
 * ({@code Operation continuing in background.}). A few wordings differ on purpose: usage errors
 * exit 2 (Docker: 1), and messages say "swarmnet daemon".
 */
package dev.swarmnet.controlplane.cli;
