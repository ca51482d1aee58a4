package dev.swarmnet.dataplane.program;

import dev.swarmnet.dataplane.lb.BackendState;

/**
 * One task behind a virtual service.
 *
 * @param address the task's overlay address (an {@link Endpoint} of the same network)
 * @param port the target port on the task, or {@link #SAME_PORT} to keep the flow's destination port
 * @param weight relative share of new flows, 1..65535
 * @param state {@link BackendState#ACTIVE}, {@link BackendState#DRAINING} or {@link BackendState#DOWN}
 */
public record Backend(int address, int port, int weight, int state) {
    /** Backend port 0: DNAT rewrites only the address and keeps the destination port. */
    public static final int SAME_PORT = 0;

    public Backend {
        if (port < 0 || port > 0xffff) {
            throw new IllegalArgumentException("backend " + dev.swarmnet.dataplane.wire.Ipv4.format(address)
                    + ": port " + port + " is outside 1..65535 (or 0 to keep the destination port)");
        }
        if (weight < 1 || weight > 0xffff) {
            throw new IllegalArgumentException("backend " + dev.swarmnet.dataplane.wire.Ipv4.format(address)
                    + ": weight " + weight + " is outside 1..65535");
        }
        if (state != BackendState.ACTIVE && state != BackendState.DRAINING && state != BackendState.DOWN) {
            throw new IllegalArgumentException("backend " + dev.swarmnet.dataplane.wire.Ipv4.format(address)
                    + ": unknown state " + state);
        }
    }

    public static Backend active(int address, int port) {
        return new Backend(address, port, 1, BackendState.ACTIVE);
    }

    /** Stable identity for hashing: address and port. */
    public long id() {
        return idOf(address, port);
    }

    /** The id of the backend at {@code address:port}. */
    public static long idOf(int address, int port) {
        return (address & 0xffff_ffffL) << 16 | port;
    }
}
