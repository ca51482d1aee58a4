package dev.swarmnet.controlplane.cli;

import dev.swarmnet.controlplane.cli.client.InfoText;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code swarmnet info}: the daemon's {@code GET /info} as {@code docker info} prints its server
 * part, swarm section included. Runs on the main thread.
 */
@Command(name = "info", mixinStandardHelpOptions = true, description = "Display system-wide information.")
final class InfoCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Mixin
    private DaemonOptions daemon;

    @Override
    public Integer call() {
        return daemon.run(spec, (client, out) -> {
            String server = InfoText.render(client.get("/info"));
            out.print("Client:\n Version:    " + VersionCommand.clientVersion() + "\n Host:       "
                    + client.address() + "\n\n");
            out.print(server);
            return 0;
        });
    }
}
