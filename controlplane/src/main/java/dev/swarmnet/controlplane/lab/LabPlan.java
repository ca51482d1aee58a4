package dev.swarmnet.controlplane.lab;

import java.nio.file.Path;

/**
 * What {@code lab up} is asked to build, validated: how many nodes, how many of them (the first)
 * are managers, on which subnet, and the configuration file every daemon reads (null: none; the
 * lab's own options for data, sockets and names win over it). Pure and immutable.
 */
public record LabPlan(LabName name, int nodes, int managers, LabSubnet subnet, Path config) {

    /** A lab whose daemons read no configuration file. */
    public LabPlan(LabName name, int nodes, int managers, LabSubnet subnet) {
        this(name, nodes, managers, subnet, null);
    }

    /** @throws IllegalArgumentException naming the bad count */
    public LabPlan {
        if (nodes < 1) {
            throw new IllegalArgumentException("a lab needs at least 1 node, not " + nodes);
        }
        if (managers < 1 || managers > nodes) {
            throw new IllegalArgumentException("--managers must be between 1 and the number of nodes (" + nodes
                    + "), not " + managers);
        }
        if (nodes > subnet.capacity()) {
            throw new IllegalArgumentException(nodes + " nodes do not fit in " + subnet + " (at most "
                    + subnet.capacity() + ")");
        }
    }

    /** Node {@code i}'s role (1-based): the first {@link #managers} are managers. */
    public String role(int i) {
        return i <= managers ? "manager" : "worker";
    }
}
