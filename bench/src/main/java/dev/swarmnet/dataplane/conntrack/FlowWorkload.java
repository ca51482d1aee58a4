package dev.swarmnet.dataplane.conntrack;

import java.util.SplittableRandom;

/**
 * The flows the conntrack benchmarks share, so that {@link FlowTableBenchmark} and its baseline
 * {@link FlowTableBaselineBenchmark} measure exactly the same work: {@value #FLOWS} TCP flows from
 * clients to one VIP, visited in a shuffled order (hits land on random slots, as packets of many
 * concurrent flows do), and {@value #MISSES} keys that are not in the table (misses, and keys to
 * insert). Built once per benchmark setup from a fixed seed; immutable after that.
 */
final class FlowWorkload {
    static final int FLOWS = 1_000_000;
    static final int MISSES = 1 << 20;
    static final int VNI = 4096;
    static final int VIP = 0x0A0000FE;
    static final int BACKEND_BASE = 0x0A010000;

    final int[] hitSrcIp = new int[FLOWS];
    final int[] hitSrcPort = new int[FLOWS];
    final int[] missSrcIp = new int[MISSES];
    final int[] missSrcPort = new int[MISSES];

    FlowWorkload() {
        SplittableRandom random = new SplittableRandom(42);
        int[] order = new int[FLOWS];
        for (int i = 0; i < FLOWS; i++) {
            order[i] = i;
        }
        for (int i = FLOWS - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        for (int i = 0; i < FLOWS; i++) {
            hitSrcIp[i] = clientIp(order[i]);
            hitSrcPort[i] = clientPort(order[i]);
        }
        for (int i = 0; i < MISSES; i++) {
            missSrcIp[i] = 0x0B000000 | random.nextInt(1 << 24);
            missSrcPort[i] = 1024 + random.nextInt(60000);
        }
    }

    /** Flow {@code i}'s client address (flows are prefilled in this order). */
    static int clientIp(int i) {
        return 0x0A100000 | (i >>> 4);
    }

    /** Flow {@code i}'s client port. */
    static int clientPort(int i) {
        return 32768 + (i & 0xF) * 1000 + (i % 997);
    }

    /** Flow {@code i}'s backend. */
    static int backend(int i) {
        return BACKEND_BASE + (i & 0xFF);
    }
}
