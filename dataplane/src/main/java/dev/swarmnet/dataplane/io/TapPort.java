package dev.swarmnet.dataplane.io;

import io.netty.channel.IoEvent;
import io.netty.channel.IoRegistration;
import io.netty.channel.epoll.EpollIoEvent;
import io.netty.channel.epoll.EpollIoHandle;
import io.netty.channel.epoll.EpollIoOps;
import io.netty.channel.unix.FileDescriptor;

/**
 * A TAP device's non-blocking descriptor registered on the data-plane event loop: when the
 * kernel has frames for us, the loop drains them. Owned by the event loop; it closes the
 * descriptor it was given.
 */
final class TapPort implements EpollIoHandle {
    final int id;
    /** Frames carry a virtio-net header in both directions (offloads on). */
    final boolean vnetHeader;
    private final FileDescriptor fd;
    private final TapReader reader;
    private IoRegistration registration;

    /** What the loop does with a readable port. */
    interface TapReader {
        void readable(TapPort port);
    }

    TapPort(int id, int fd, boolean vnetHeader, TapReader reader) {
        this.id = id;
        this.vnetHeader = vnetHeader;
        this.fd = new FileDescriptor(fd);
        this.reader = reader;
    }

    @Override
    public FileDescriptor fd() {
        return fd;
    }

    @Override
    public void handle(IoRegistration registration, IoEvent event) {
        EpollIoOps ops = ((EpollIoEvent) event).ops();
        if (ops.contains(EpollIoOps.EPOLLIN) || ops.contains(EpollIoOps.EPOLLERR)) {
            reader.readable(this);
        }
    }

    void registered(IoRegistration registration) {
        this.registration = registration;
        registration.submit(EpollIoOps.EPOLLIN);
    }

    /** Stops reading: cancels the registration and closes the descriptor. */
    @Override
    public void close() throws Exception {
        if (registration != null && registration.isValid()) {
            registration.cancel();
        }
        fd.close();
    }
}
