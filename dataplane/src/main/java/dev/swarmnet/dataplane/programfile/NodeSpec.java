package dev.swarmnet.dataplane.programfile;

/**
 * The {@code node:} section: this node's underlay address, where the VXLAN socket binds.
 *
 * @param underlay IPv4 address
 * @param port UDP port, or 0 when the file leaves it to the runner (4789 by default)
 * @param line where the section starts
 */
public record NodeSpec(int underlay, int port, int line) {
}
