package dev.swarmnet.controlplane.standalone;

import io.netty.channel.unix.FileDescriptor;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A {@link PortFactory} double that records what it is asked to do. Its TAPs are pipes: the read
 * end stands for the TAP descriptor (epoll accepts it), the write end is closed by
 * {@link #closePipes()}.
 */
public final class RecordingPortFactory implements PortFactory {
    public final Set<String> existingNamespaces = new HashSet<>();
    public final List<String> calls = new ArrayList<>();
    public final List<TapRequest> taps = new ArrayList<>();
    public final List<String> closedTaps = new ArrayList<>();
    private final List<FileDescriptor> writeEnds = new ArrayList<>();
    /** Fail the n-th createTap (1-based), 0 for never. */
    public int failTap;

    @Override
    public String unavailabilityCause() {
        return null;
    }

    @Override
    public boolean ensureNamespace(String name) {
        calls.add("ensure " + name);
        return existingNamespaces.add(name);
    }

    @Override
    public void deleteNamespace(String name) {
        calls.add("delete " + name);
        existingNamespaces.remove(name);
    }

    @Override
    public Tap createTap(TapRequest request) throws IOException {
        calls.add("tap " + request.namespace() + "/" + request.name());
        if (taps.size() + 1 == failTap) {
            throw new IOException("ioctl(TUNSETIFF, \"" + request.name() + "\") failed: Device or resource busy (EBUSY)");
        }
        taps.add(request);
        FileDescriptor[] pipe = FileDescriptor.pipe();
        writeEnds.add(pipe[1]);
        String name = request.namespace() + "/" + request.name();
        return new Tap() {
            @Override
            public int fd() {
                return pipe[0].intValue();
            }

            @Override
            public void close() throws IOException {
                closedTaps.add(name);
                pipe[0].close();
            }
        };
    }

    public void closePipes() throws IOException {
        for (FileDescriptor end : writeEnds) {
            end.close();
        }
    }
}
