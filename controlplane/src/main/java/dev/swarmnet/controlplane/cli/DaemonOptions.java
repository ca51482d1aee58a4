package dev.swarmnet.controlplane.cli;

import dev.swarmnet.controlplane.cli.client.ApiClient;
import dev.swarmnet.controlplane.cli.client.DaemonAddress;
import dev.swarmnet.controlplane.cli.client.DaemonException;
import dev.swarmnet.controlplane.cli.client.DaemonUnreachableException;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/**
 * {@code -H/--host}: which daemon a client command talks to, and the one place that turns the
 * daemon's answers into exit codes: 0 done, 1 the daemon refused or could not be reached (its
 * message on stderr, as Docker prints it), 2 a bad command line. A Picocli mixin, inherited by
 * subcommands; used on the main thread.
 */
final class DaemonOptions {

    /** What a command does once it has a client; returns its exit code. */
    @FunctionalInterface
    interface Action {
        int run(ApiClient client, PrintWriter out) throws CommandFailure;
    }

    /** A command that failed on the client side, with Docker's message for it (exit 1). */
    static final class CommandFailure extends Exception {
        CommandFailure(String message) {
            super(message);
        }
    }

    @Option(names = {"-H", "--host"}, paramLabel = "HOST", scope = ScopeType.INHERIT,
            description = "Daemon socket to connect to: unix:///path or tcp://host:port "
                    + "(default: $SWARMNET_HOST, else $DOCKER_HOST, else " + DaemonAddress.DEFAULT + ").")
    String host;

    /** Runs {@code action} against the chosen daemon and returns the exit code. */
    int run(CommandSpec spec, Action action) {
        DaemonAddress address;
        try {
            address = DaemonAddress.choose(host, System.getenv());
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try (ApiClient client = new ApiClient(address, "swarmnet/" + VersionCommand.clientVersion())) {
            return action.run(client, out);
        } catch (DaemonException | DaemonUnreachableException | CommandFailure e) {
            out.flush();
            err.println(e.getMessage());
            return 1;
        } finally {
            out.flush();
            err.flush();
        }
    }
}
