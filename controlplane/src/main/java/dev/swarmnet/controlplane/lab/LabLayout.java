package dev.swarmnet.controlplane.lab;

import java.nio.file.Path;

/**
 * Where a lab keeps its files: {@code STATE_ROOT/NAME/} holds {@code lab.json} and one directory
 * per node (data dir and daemon log); {@code RUN_ROOT/NAME/NODE.sock} are the daemons' API
 * sockets. Pure.
 */
public record LabLayout(LabName name, Path stateRoot, Path runRoot) {

    /** The default root of lab state directories. */
    public static final Path STATE_ROOT = Path.of("/var/lib/swarmnet-lab");

    /** The default root of lab socket directories. */
    public static final Path RUN_ROOT = Path.of("/run/swarmnet-lab");

    /** The layout under the default roots. */
    public static LabLayout of(LabName name) {
        return new LabLayout(name, STATE_ROOT, RUN_ROOT);
    }

    /** The lab's state directory. */
    public Path labDir() {
        return stateRoot.resolve(name.value());
    }

    /** The lab's socket directory. */
    public Path runDir() {
        return runRoot.resolve(name.value());
    }

    /** The state file {@code lab ls/ip/down} read. */
    public Path stateFile() {
        return labDir().resolve("lab.json");
    }

    /** Node {@code node}'s daemon socket. */
    public Path socket(String node) {
        return runDir().resolve(node + ".sock");
    }

    /** Node {@code node}'s daemon data directory. */
    public Path dataDir(String node) {
        return labDir().resolve(node).resolve("data");
    }

    /** Node {@code node}'s daemon log (stdout and stderr). */
    public Path log(String node) {
        return labDir().resolve(node).resolve("daemon.log");
    }
}
