package dev.swarmnet.dataplane.program;

/**
 * The one door through which programs reach the event loops.
 *
 * <p>Any thread may {@link #publish}; each event loop calls {@link #current} between frames and
 * installs a program it has not seen yet. A volatile reference is all it takes: a
 * {@link Program} is immutable and safely published.
 */
public final class ProgramDoor {
    private volatile Program current;

    public ProgramDoor(Program initial) {
        this.current = initial;
    }

    public void publish(Program program) {
        if (program == null) {
            throw new IllegalArgumentException("program must not be null");
        }
        current = program;
    }

    public Program current() {
        return current;
    }
}
