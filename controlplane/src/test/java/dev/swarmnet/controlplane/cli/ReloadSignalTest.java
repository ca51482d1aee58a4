package dev.swarmnet.controlplane.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.swarmnet.controlplane.api.ConfigReloads;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import sun.misc.Signal;

class ReloadSignalTest {

    @Test
    void sighupReloadsOnItsOwnThreadNotTheSignalDispatcher() throws Exception {
        CountDownLatch reloaded = new CountDownLatch(1);
        AtomicReference<String> thread = new AtomicReference<>();
        ReloadSignal.install(() -> {
            thread.set(Thread.currentThread().getName());
            reloaded.countDown();
            return new ConfigReloads.Outcome("f", List.of(), List.of(), List.of(), List.of());
        });

        Signal.raise(new Signal("HUP"));

        assertThat(reloaded.await(10, TimeUnit.SECONDS)).as("reloaded after SIGHUP").isTrue();
        assertThat(thread.get()).isEqualTo("swarmnet-config-reload");
    }
}
