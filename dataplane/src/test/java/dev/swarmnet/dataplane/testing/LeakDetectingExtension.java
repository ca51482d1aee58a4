package dev.swarmnet.dataplane.testing;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.netty.util.ResourceLeakDetector;
import io.netty.util.ResourceLeakDetectorFactory;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Turns Netty's leak reports into test failures: paranoid leak detection (set by surefire) only
 * logs, so this extension, registered for every test class through JUnit's extension
 * autodetection, records every reported leak and fails the class that leaked after its tests,
 * once a garbage collection has given the detector a chance to see unreleased buffers.
 */
public final class LeakDetectingExtension implements AfterAllCallback {
    private static final List<String> LEAKS = new CopyOnWriteArrayList<>();

    static {
        ResourceLeakDetectorFactory.setResourceLeakDetectorFactory(new RecordingFactory());
    }

    @Override
    public void afterAll(ExtensionContext context) throws InterruptedException {
        assertNoLeaks(context.getDisplayName());
    }

    /** Collects garbage, lets the detector report, and fails if anything leaked since the last check. */
    static void assertNoLeaks(String scope) throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(10); // lets the reference queue fill: a GC is not awaitable otherwise
            // Leak reports are produced when a new tracked buffer is created.
            ByteBuf probe = PooledByteBufAllocator.DEFAULT.directBuffer(1);
            probe.release();
            ByteBuf unpooled = Unpooled.directBuffer(1);
            unpooled.release();
        }
        if (!LEAKS.isEmpty()) {
            String report = String.join("\n", LEAKS);
            LEAKS.clear();
            throw new AssertionError("Netty reported leaked buffers after " + scope + ":\n" + report);
        }
    }

    private static final class RecordingFactory extends ResourceLeakDetectorFactory {
        @Override
        public <T> ResourceLeakDetector<T> newResourceLeakDetector(Class<T> resource, int samplingInterval, long maxActive) {
            return new ResourceLeakDetector<T>(resource, samplingInterval) {
                @Override
                protected void reportTracedLeak(String resourceType, String records) {
                    LEAKS.add(resourceType + " leaked:" + records);
                    super.reportTracedLeak(resourceType, records);
                }

                @Override
                protected void reportUntracedLeak(String resourceType) {
                    LEAKS.add(resourceType + " leaked (untraced)");
                    super.reportUntracedLeak(resourceType);
                }
            };
        }
    }
}
