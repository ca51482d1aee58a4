package dev.swarmnet.controlplane.lab;

/** The defaults of {@code swarmnet lab}'s options, shared by the command and the printed hints. */
public final class LabCommandDefaults {

    /** The lab's name unless {@code --name} says otherwise. */
    public static final String NAME = "swarmnet-lab";

    /** Nodes in a lab unless {@code --nodes} says otherwise. */
    public static final int NODES = 3;

    /** Managers in a lab unless {@code --managers} says otherwise. */
    public static final int MANAGERS = 1;

    private LabCommandDefaults() {
    }
}
