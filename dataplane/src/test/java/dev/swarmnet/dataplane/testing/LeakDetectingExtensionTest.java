package dev.swarmnet.dataplane.testing;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.Test;

class LeakDetectingExtensionTest {

    @Test
    void shouldFailTheClassWhenABufferIsNeverReleased() {
        leakOne();
        assertThatThrownBy(() -> LeakDetectingExtension.assertNoLeaks("a leaking test"))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("leaked");
    }

    private static void leakOne() {
        ByteBuf leaked = Unpooled.directBuffer(16);
        leaked.writeInt(42);
        // never released, and unreachable once this method returns
    }
}
