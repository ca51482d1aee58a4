package dev.swarmnet.dataplane.testing;

import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class LeakDetectingExtensionTest {

    @Test
    void shouldFailTheClassWhenABufferIsNeverReleased() {
        leakOne();
        // The collected buffer reaches the detector through the reference handler thread, in its
        // own time after a GC: a loaded machine may need more than one check's short pauses.
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThatThrownBy(() -> LeakDetectingExtension.assertNoLeaks("a leaking test"))
                        .isInstanceOf(AssertionError.class)
                        .hasMessageContaining("leaked"));
    }

    private static void leakOne() {
        ByteBuf leaked = Unpooled.directBuffer(16);
        leaked.writeInt(42);
        // never released, and unreachable once this method returns
    }
}
