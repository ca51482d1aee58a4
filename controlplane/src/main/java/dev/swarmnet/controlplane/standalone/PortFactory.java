package dev.swarmnet.controlplane.standalone;

import java.io.IOException;

/**
 * The host side of a standalone data plane: network namespaces and the TAP devices in them.
 * The runner ({@link StandaloneDataPlane}) calls it from one thread, before the data plane
 * starts and after it stops; none of these calls may run on an event loop.
 *
 * <p>The real implementation wraps the native module's {@code NetworkNamespace} and
 * {@code TapDevice} ({@code dev.swarmnet.linux}); tests use a recording double.
 */
public interface PortFactory {

    /** Why namespaces and TAPs cannot be made on this host, in one sentence; null when they can. */
    String unavailabilityCause();

    /**
     * Makes sure the network namespace {@code name} exists.
     *
     * @return true when this call created it (so whoever asked should delete it afterwards)
     */
    boolean ensureNamespace(String name) throws IOException;

    /** Deletes a namespace this factory created. */
    void deleteNamespace(String name) throws IOException;

    /**
     * Creates a TAP inside {@code request.namespace()} and configures it there: MAC, MTU, up,
     * address with the prefix, and the namespace's default route via the gateway.
     *
     * @throws IOException naming the call that failed; nothing of the TAP is left behind
     */
    Tap createTap(TapRequest request) throws IOException;

    /**
     * Runs {@code task} on a thread inside network namespace {@code namespace} (sockets it creates
     * live there), or right here when {@code namespace} is null.
     */
    default <T> T inNamespace(String namespace, java.util.concurrent.Callable<T> task) throws Exception {
        if (namespace != null) {
            throw new IOException("this host cannot enter network namespace " + namespace);
        }
        return task.call();
    }

    /** Lets go of whatever the factory still holds open (namespaces it did not create); idempotent. */
    default void release() {
    }

    /**
     * A factory for a host where ports cannot be made: {@link #unavailabilityCause()} is
     * {@code cause}, and every other method throws {@link IllegalStateException} with it.
     */
    static PortFactory unavailable(String cause) {
        return new PortFactory() {
            @Override
            public String unavailabilityCause() {
                return cause;
            }

            @Override
            public boolean ensureNamespace(String name) {
                throw new IllegalStateException(cause);
            }

            @Override
            public void deleteNamespace(String name) {
                throw new IllegalStateException(cause);
            }

            @Override
            public Tap createTap(TapRequest request) {
                throw new IllegalStateException(cause);
            }
        };
    }

    /** A created TAP: its frame descriptor, until it is handed to the data plane or closed. */
    interface Tap extends AutoCloseable {

        /** The non-blocking frame descriptor ({@code IFF_TAP | IFF_NO_PI}). */
        int fd();

        /** Whether frames on the descriptor carry a virtio-net header (offloads on). */
        default boolean vnetHeader() {
            return false;
        }

        /**
         * Closes the descriptor, which destroys the device. Not called once the descriptor was
         * attached to a {@link dev.swarmnet.dataplane.io.DataPlane}: the data plane owns it then.
         */
        @Override
        void close() throws IOException;
    }
}
