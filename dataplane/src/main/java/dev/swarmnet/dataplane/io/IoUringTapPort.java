package dev.swarmnet.dataplane.io;

import io.netty.channel.IoEvent;
import io.netty.channel.IoRegistration;
import io.netty.channel.uring.IoUringIoEvent;
import io.netty.channel.uring.IoUringIoHandle;
import io.netty.channel.uring.IoUringIoOps;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A TAP port on an io_uring loop: one one-shot {@code IORING_OP_POLL_ADD} for {@code POLLIN} is
 * outstanding at a time; its completion drains the port through the shared {@link TapReader}
 * and arms the next poll. A one-shot poll checks readiness when armed, so, as with level-triggered
 * epoll, frames left behind by the batch limit complete the next poll at once (a multishot poll
 * only fires on new wake-ups and would strand them).
 *
 * <p>Closing submits {@code IORING_OP_ASYNC_CANCEL} for the outstanding poll before cancelling the
 * registration (a cancelled registration submits nothing), then closes the descriptor. The kernel's
 * poll request holds its own reference to the open file, so the number may be closed before the
 * cancellation completes; the poll's {@code -ECANCELED} completion and the cancel's own completion
 * still reach {@link #handle} and are ignored. Without the cancel, the loop's shutdown would wait
 * for the poll forever. Runs on the loop only.
 */
final class IoUringTapPort extends TapPort implements IoUringIoHandle {
    private static final Logger LOG = LoggerFactory.getLogger(IoUringTapPort.class);

    // Netty's own constants (io.netty.channel.uring.Native) are package-private; these are the
    // kernel ABI values (include/uapi/linux/io_uring.h, poll.h).
    static final byte IORING_OP_POLL_ADD = 6;
    static final byte IORING_OP_ASYNC_CANCEL = 14;
    static final int POLLIN = 0x0001;
    private static final short POLL_DATA = 1;
    private static final short CANCEL_DATA = 2;

    private IoRegistration registration;
    /** The user data of the outstanding poll, or 0 when none is. */
    private long pendingPoll;
    private boolean closed;

    IoUringTapPort(int id, int fd, boolean vnetHeader, TapReader reader) {
        super(id, fd, vnetHeader, reader);
    }

    @Override
    void registered(IoRegistration registration) {
        this.registration = registration;
        arm();
    }

    @Override
    public void handle(IoRegistration registration, IoEvent event) {
        IoUringIoEvent completion = (IoUringIoEvent) event;
        if (completion.opcode() != IORING_OP_POLL_ADD) {
            return; // the completion of our own cancel request
        }
        pendingPoll = 0;
        if (closed) {
            return;
        }
        if (completion.res() < 0) {
            LOG.warn("io_uring poll of TAP port {} failed (errno {}); detaching it", id, -completion.res());
            reader.failed(this);
            return;
        }
        reader.readable(this);
        if (!closed) {
            arm();
        }
    }

    private void arm() {
        if (!registration.isValid()) {
            return;
        }
        pendingPoll = registration.submit(new IoUringIoOps(IORING_OP_POLL_ADD, (byte) 0, (short) 0, fd().intValue(),
                0L, 0L, 0, POLLIN, POLL_DATA, (short) 0, (short) 0, 0, 0L));
    }

    /** Stops reading: cancels the outstanding poll and the registration, and closes the descriptor. Idempotent. */
    @Override
    public void close() throws Exception {
        if (closed) {
            return;
        }
        closed = true;
        if (registration != null && registration.isValid()) {
            if (pendingPoll != 0) {
                registration.submit(new IoUringIoOps(IORING_OP_ASYNC_CANCEL, (byte) 0, (short) 0, -1,
                        0L, pendingPoll, 0, 0, CANCEL_DATA, (short) 0, (short) 0, 0, 0L));
            }
            registration.cancel();
        }
        closeDescriptor();
    }
}
