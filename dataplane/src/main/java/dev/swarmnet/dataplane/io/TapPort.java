package dev.swarmnet.dataplane.io;

import io.netty.channel.IoHandle;
import io.netty.channel.IoRegistration;
import io.netty.channel.unix.FileDescriptor;

/**
 * A TAP device's non-blocking descriptor registered on the data-plane event loop: when the
 * kernel has frames for us, the loop hands the port to its {@link TapReader}, which drains it.
 * How readiness is learnt depends on the loop's transport ({@link EpollTapPort},
 * {@link IoUringTapPort}); reading and writing the frames does not. Owned by the event loop; it
 * closes the descriptor it was given (the data plane's own duplicate).
 */
abstract class TapPort implements IoHandle {
    final int id;
    /** Frames carry a virtio-net header in both directions (offloads on). */
    final boolean vnetHeader;
    final TapReader reader;
    private final FileDescriptor fd;

    /** What the loop does with a port. */
    interface TapReader {
        /** The port has frames (or an error) to read. */
        void readable(TapPort port);

        /** The port can no longer be watched; it should be detached. */
        void failed(TapPort port);
    }

    TapPort(int id, int fd, boolean vnetHeader, TapReader reader) {
        this.id = id;
        this.vnetHeader = vnetHeader;
        this.fd = new FileDescriptor(fd);
        this.reader = reader;
    }

    /**
     * A port for a loop of {@code transport}.
     *
     * @throws IllegalArgumentException for a transport that cannot drive TAP ports (NIO)
     */
    static TapPort forTransport(Transport transport, int id, int fd, boolean vnetHeader, TapReader reader) {
        switch (transport) {
            case EPOLL:
                return new EpollTapPort(id, fd, vnetHeader, reader);
            case IO_URING:
                return new IoUringTapPort(id, fd, vnetHeader, reader);
            default:
                throw new IllegalArgumentException("TAP ports cannot run on the " + transport + " transport");
        }
    }

    /** The descriptor frames are read from and written to. */
    public FileDescriptor fd() {
        return fd;
    }

    /** Starts watching the descriptor; called on the loop once the port is registered. */
    abstract void registered(IoRegistration registration);

    /** Closes the descriptor; idempotent. Subclasses stop watching it first. */
    void closeDescriptor() throws java.io.IOException {
        fd.close();
    }
}
