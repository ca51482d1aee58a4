package dev.swarmnet.controlplane.cli;

import dev.swarmnet.controlplane.api.ConfigReloads;
import sun.misc.Signal;

/**
 * Turns SIGHUP into a configuration reload, as daemons traditionally do. The reload runs on its
 * own short-lived thread (never on the JVM's signal-dispatch thread); it logs what it changed or
 * why the file was refused. Reloads are serialized by the {@link ConfigReloads} itself.
 */
final class ReloadSignal {
    private ReloadSignal() {
    }

    static void install(ConfigReloads reloads) {
        Signal.handle(new Signal("HUP"), signal -> {
            Thread thread = new Thread(reloads::reload, "swarmnet-config-reload");
            thread.setDaemon(true);
            thread.start();
        });
    }
}
