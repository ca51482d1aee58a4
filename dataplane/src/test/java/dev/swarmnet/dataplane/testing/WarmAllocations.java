package dev.swarmnet.dataplane.testing;

import java.lang.management.ManagementFactory;

/**
 * What a piece of hot-path work allocates once the JIT has compiled it, measured with HotSpot's
 * per-thread allocation counter on the calling thread.
 *
 * <p>Code that relies on escape analysis allocates until C2 has compiled it, and on a loaded
 * machine the compiler threads may lag far behind a fixed number of warm-up runs. So the work is
 * run until it stays under the budget for a few runs in a row (at most a bounded number of runs),
 * and then measured once more: code that really allocates never gets quiet, and its last run
 * shows it.
 */
public final class WarmAllocations {
    private static final int QUIET_RUNS = 3;
    private static final int MAX_WARM_UP_RUNS = 30;

    private WarmAllocations() {
    }

    /** True when this JVM counts allocated bytes per thread (HotSpot with the counter on). */
    public static boolean measurable() {
        return ManagementFactory.getThreadMXBean() instanceof com.sun.management.ThreadMXBean threads
                && threads.isThreadAllocatedMemorySupported() && threads.isThreadAllocatedMemoryEnabled();
    }

    /**
     * Runs {@code work} until {@value #QUIET_RUNS} runs in a row each allocate less than
     * {@code budgetBytes} (at most {@value #MAX_WARM_UP_RUNS} runs), then returns the bytes one
     * more run allocates.
     */
    public static long afterWarmUp(Runnable work, long budgetBytes) {
        int quiet = 0;
        for (int run = 0; run < MAX_WARM_UP_RUNS && quiet < QUIET_RUNS; run++) {
            quiet = allocatedBy(work) < budgetBytes ? quiet + 1 : 0;
        }
        return allocatedBy(work);
    }

    private static long allocatedBy(Runnable work) {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long before = threads.getCurrentThreadAllocatedBytes();
        work.run();
        return threads.getCurrentThreadAllocatedBytes() - before;
    }
}
