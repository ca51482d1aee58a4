package dev.swarmnet.controlplane.lab;

import java.util.regex.Pattern;

/**
 * A lab's name and every kernel name derived from it: the underlay namespace {@code NAME-u}, the
 * node namespaces {@code NAME-1..N}, the task namespaces {@code NAME-t<task ID>} the daemons make,
 * and the host's veth {@code NAME-h} into the lab bridge. Pure and immutable.
 *
 * <p>The name is short enough for the longest link name derived from it to fit Linux's 15
 * characters, and {@link #owns} matches exactly this lab's namespaces, so that {@code down} of
 * lab {@code a} leaves lab {@code a-1} alone.
 */
public record LabName(String value) {

    /** Linux allows 15 characters in a link name; {@code NAME-h} must fit. */
    static final int MAX_LENGTH = 12;

    private static final Pattern VALID = Pattern.compile("[a-z][a-z0-9-]*[a-z0-9]|[a-z]");

    /** @throws IllegalArgumentException naming what is wrong with {@code value} */
    public LabName {
        if (value == null || value.isEmpty()) {
            throw new IllegalArgumentException("a lab needs a name");
        }
        if (value.length() > MAX_LENGTH) {
            throw new IllegalArgumentException("lab name '" + value + "' is too long: at most " + MAX_LENGTH
                    + " characters, so that the link names derived from it fit Linux's 15");
        }
        if (!VALID.matcher(value).matches()) {
            throw new IllegalArgumentException("lab name '" + value + "' is not valid: use lowercase letters, digits "
                    + "and '-', starting with a letter and not ending with '-'");
        }
    }

    /** The namespace holding the lab bridge. */
    public String underlay() {
        return value + "-u";
    }

    /** Node {@code i}'s namespace, also its hostname in the swarm (1-based). */
    public String node(int i) {
        return value + "-" + i;
    }

    /** The prefix of every task namespace this lab's daemons create. */
    public String taskPrefix() {
        return value + "-t";
    }

    /** The host's (root namespace's) end of the veth into the lab bridge. */
    public String hostLink() {
        return value + "-h";
    }

    /** Whether {@code namespace} is this lab's underlay, one of its nodes, or one of its tasks. */
    public boolean owns(String namespace) {
        if (!namespace.startsWith(value + "-")) {
            return false;
        }
        String rest = namespace.substring(value.length() + 1);
        return rest.equals("u") || rest.matches("[0-9]+") || rest.matches("t[a-z0-9]+");
    }

    /** Whether {@code namespace} is one of this lab's task namespaces. */
    public boolean ownsTask(String namespace) {
        return owns(namespace) && namespace.startsWith(taskPrefix());
    }

    @Override
    public String toString() {
        return value;
    }
}
