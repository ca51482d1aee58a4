package dev.swarmnet.linux;

import java.util.concurrent.Callable;

/**
 * Runs one task on a fresh platform thread and hands its result or exception back to the caller:
 * the door through which code enters a namespace. The thread changes namespace with
 * {@code setns}/{@code unshare}, runs the task and exits, so it can never be reused in a namespace
 * it was not meant to be in. Creating a thread costs tens of microseconds, about what entering
 * and leaving the namespace costs anyway, and this happens only on the control path.
 *
 * <p>The caller waits without reacting to interrupts, since abandoning a half-done namespace
 * operation would leak what it created; the interrupt flag is restored afterwards. Tasks are
 * expected to take milliseconds.
 */
final class NamespaceThread {

    private NamespaceThread() {
    }

    /**
     * Runs {@code task} on a new thread named {@code threadName} and waits for it.
     *
     * @return the task's result
     * @throws Exception what the task threw, unchanged (an {@link Error} too)
     */
    static <T> T call(String threadName, Callable<T> task) throws Exception {
        Outcome<T> outcome = new Outcome<>();
        Thread thread = new Thread(() -> outcome.complete(task), threadName);
        thread.setDaemon(true);
        thread.start();
        boolean interrupted = false;
        while (true) {
            try {
                thread.join();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        return outcome.get();
    }

    /** Result or failure of the task; {@link Thread#join()} publishes it to the caller. */
    private static final class Outcome<T> {
        private T result;
        private Throwable failure;

        void complete(Callable<T> task) {
            try {
                result = task.call();
            } catch (Throwable t) {
                failure = t;
            }
        }

        T get() throws Exception {
            if (failure instanceof Exception) {
                throw (Exception) failure;
            }
            if (failure instanceof Error) {
                throw (Error) failure;
            }
            if (failure != null) {
                throw new IllegalStateException("task threw a non-standard Throwable", failure);
            }
            return result;
        }
    }
}
