/**
 * The {@code swarmnet} command line (Picocli).
 *
 * <p>Design note. Commands are thin: they parse options, call one class that does the work, and
 * turn its outcome into output and an exit code: 0 for success, 1 when this host cannot do it, 2
 * for a bad command line or input file (with every problem printed, one per line, before anything
 * is created). Commands that run until stopped handle SIGINT and SIGTERM themselves, clean up,
 * and exit 0; a shutdown hook is the backstop for any other way the JVM ends.
 */
package dev.swarmnet.controlplane.cli;
