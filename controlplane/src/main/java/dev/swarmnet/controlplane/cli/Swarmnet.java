package dev.swarmnet.controlplane.cli;

import dev.swarmnet.controlplane.standalone.LinuxPortFactory;
import dev.swarmnet.controlplane.standalone.PortFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code swarmnet} command: parses the command line and hands over to a subcommand. Runs on
 * the main thread.
 */
@Command(name = "swarmnet", mixinStandardHelpOptions = true, versionProvider = Swarmnet.Version.class,
        description = "A userspace software-defined network and load balancer.",
        subcommands = CommandLine.HelpCommand.class)
public final class Swarmnet implements Runnable {
    /**
     * What {@code swarmnet dataplane} uses on this build: the native module's namespaces and TAPs
     * are not wired in yet.
     */
    static final PortFactory HOST_PORTS = new LinuxPortFactory();

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(commandLine(HOST_PORTS).execute(args));
    }

    /** The command line with its subcommands, creating host ports with {@code ports}. */
    public static CommandLine commandLine(PortFactory ports) {
        CommandLine line = new CommandLine(new Swarmnet());
        line.addSubcommand("dataplane", new DataplaneCommand(ports));
        line.addSubcommand("capture", new CaptureCommand());
        line.addSubcommand("daemon", new DaemonCommand());
        line.addSubcommand("config", new ConfigCommand());
        line.addSubcommand("swarm", new SwarmCommand());
        line.addSubcommand("node", new NodeCommand());
        line.addSubcommand("network", new NetworkCommand());
        line.addSubcommand("service", ServiceCommand.commandLine());
        line.addSubcommand("lab", new LabCommand());
        line.addSubcommand("bench", new BenchCommand());
        line.addSubcommand("info", new InfoCommand());
        line.addSubcommand("version", new VersionCommand());
        line.addSubcommand("generate-completion", new picocli.AutoComplete.GenerateCompletion());
        return line;
    }

    /** Without a subcommand: show the usage and fail as a usage error does. */
    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "missing a command");
    }

    /** The version from the jar's manifest ({@code dev} when run from classes). */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String version = Swarmnet.class.getPackage().getImplementationVersion();
            return new String[] {"swarmnet " + (version == null ? "dev" : version)};
        }
    }
}
