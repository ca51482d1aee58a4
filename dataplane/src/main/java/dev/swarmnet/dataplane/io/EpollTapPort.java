package dev.swarmnet.dataplane.io;

import io.netty.channel.IoEvent;
import io.netty.channel.IoRegistration;
import io.netty.channel.epoll.EpollIoEvent;
import io.netty.channel.epoll.EpollIoHandle;
import io.netty.channel.epoll.EpollIoOps;

/**
 * A TAP port on an epoll loop: the descriptor is in the loop's epoll set, level triggered for
 * {@code EPOLLIN}, so a drain cut short by the batch limit is resumed on the next wake-up.
 */
final class EpollTapPort extends TapPort implements EpollIoHandle {
    private IoRegistration registration;

    EpollTapPort(int id, int fd, boolean vnetHeader, TapReader reader) {
        super(id, fd, vnetHeader, reader);
    }

    @Override
    public void handle(IoRegistration registration, IoEvent event) {
        EpollIoOps ops = ((EpollIoEvent) event).ops();
        if (ops.contains(EpollIoOps.EPOLLIN) || ops.contains(EpollIoOps.EPOLLERR)) {
            reader.readable(this);
        }
    }

    @Override
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
        closeDescriptor();
    }
}
