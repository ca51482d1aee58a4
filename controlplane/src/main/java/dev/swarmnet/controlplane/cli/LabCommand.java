package dev.swarmnet.controlplane.cli;

import dev.swarmnet.controlplane.config.ConfigFile;
import dev.swarmnet.controlplane.lab.Lab;
import dev.swarmnet.controlplane.lab.LabCommandDefaults;
import dev.swarmnet.controlplane.lab.LabDemo;
import dev.swarmnet.controlplane.lab.LabLayout;
import dev.swarmnet.controlplane.lab.LabName;
import dev.swarmnet.controlplane.lab.LabPlan;
import dev.swarmnet.controlplane.lab.LabState;
import dev.swarmnet.controlplane.lab.LabSubnet;
import dev.swarmnet.controlplane.lab.LabText;
import dev.swarmnet.controlplane.lab.RootCheck;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.LongSupplier;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code swarmnet lab up|ls|ip|exec|down}: a local multi-node cluster, one network namespace and
 * one daemon per node (see {@link dev.swarmnet.controlplane.lab}). Exit codes: 0 done, 1 failed
 * (message on stderr, including "needs root"), 2 a bad command line. Runs on the main thread.
 */
@Command(name = "lab", mixinStandardHelpOptions = true,
        description = "Run a local swarm: one network namespace and daemon per node (needs root).")
final class LabCommand implements Runnable {

    @Spec
    private CommandSpec spec;

    private final LongSupplier effectiveUid;

    LabCommand() {
        this(RootCheck::effectiveUid);
    }

    /** With {@code effectiveUid} telling whether this process is root. */
    LabCommand(LongSupplier effectiveUid) {
        this.effectiveUid = effectiveUid;
    }

    /** {@code --name}, {@code --state-dir} and {@code --run-dir}, shared by every lab command. */
    static final class Where {
        @Option(names = "--name", paramLabel = "NAME", defaultValue = LabCommandDefaults.NAME,
                description = "The lab's name (default: ${DEFAULT-VALUE}).")
        String name;

        @Option(names = "--state-dir", paramLabel = "DIR", defaultValue = "/var/lib/swarmnet-lab",
                description = "Where labs keep state and daemon data (default: ${DEFAULT-VALUE}).")
        Path stateDir;

        @Option(names = "--run-dir", paramLabel = "DIR", defaultValue = "/run/swarmnet-lab",
                description = "Where labs put daemon sockets (default: ${DEFAULT-VALUE}).")
        Path runDir;

        Lab lab(CommandSpec spec) {
            try {
                return new Lab(new LabLayout(new LabName(name), stateDir, runDir));
            } catch (IllegalArgumentException e) {
                throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
            }
        }
    }

    /** One lab action; returns its exit code. */
    @FunctionalInterface
    private interface Action {
        int run(PrintWriter out) throws IOException;
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "missing a lab command");
    }

    @Command(name = "up", mixinStandardHelpOptions = true,
            description = "Create a lab: namespaces on a bridge, a daemon per node, swarm initialised and joined.")
    int up(@Mixin Where where,
           @Option(names = "--nodes", paramLabel = "N", defaultValue = "3",
                   description = "Nodes (default: ${DEFAULT-VALUE}).") int nodes,
           @Option(names = "--managers", paramLabel = "N", defaultValue = "1",
                   description = "Managers among them, the first ones (default: ${DEFAULT-VALUE}).") int managers,
           @Option(names = "--subnet", paramLabel = "CIDR", defaultValue = LabSubnet.DEFAULT,
                   description = "Underlay subnet; nodes get .1, .2, ..., this host the last address "
                           + "(default: ${DEFAULT-VALUE}).") String subnet,
           @Option(names = "--demo", description = "Also run a whoami service and print a curl line that reaches it.")
           boolean demo,
           @Option(names = "--config", paramLabel = "FILE",
                   description = "Configuration file every node's daemon reads (swarmnet config defaults prints one); "
                           + "the lab's own data, socket and name options win over it.") Path config) {
        Lab lab = where.lab(spec);
        LabPlan plan;
        try {
            plan = new LabPlan(lab.layout().name(), nodes, managers, LabSubnet.parse(subnet), config);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
        if (config != null) {
            try {
                ConfigFile.read(config);
            } catch (ConfigFile.InvalidException e) {
                spec.commandLine().getErr().println(e.getMessage());
                return 2;
            }
        }
        return asRoot(out -> {
            out.println("Creating lab " + plan.name() + ": " + nodes + " nodes on " + plan.subnet() + "...");
            out.flush();
            LabState state = lab.up(plan);
            out.print(LabText.nextSteps(state));
            if (demo) {
                out.println();
                out.println("Starting the demo (network " + LabDemo.NETWORK + ", service " + LabDemo.SERVICE + ")...");
                out.flush();
                out.print(LabDemo.text(LabDemo.run(state)));
            }
            return 0;
        });
    }

    @Command(name = "ls", mixinStandardHelpOptions = true, description = "List a lab's nodes.")
    int ls(@Mixin Where where) {
        Lab lab = where.lab(spec);
        return guarded(out -> {
            out.print(LabText.table(lab.state(), node -> node.daemon().isPresent()));
            return 0;
        });
    }

    @Command(name = "ip", mixinStandardHelpOptions = true, description = "Print a node's lab IP.")
    int ip(@Mixin Where where, @Parameters(paramLabel = "NODE", description = "e.g. swarmnet-lab-2") String node) {
        Lab lab = where.lab(spec);
        return guarded(out -> {
            out.println(lab.state().node(node).ip());
            return 0;
        });
    }

    @Command(name = "exec", mixinStandardHelpOptions = true,
            description = "Run a command in a node's network namespace: swarmnet lab exec NODE -- CMD...")
    int exec(@Mixin Where where,
             @Parameters(index = "0", paramLabel = "NODE", description = "e.g. swarmnet-lab-2") String node,
             @Parameters(index = "1..*", paramLabel = "CMD", arity = "1..*",
                     description = "The command and its arguments.") List<String> command) {
        Lab lab = where.lab(spec);
        return asRoot(out -> {
            out.flush();
            return lab.exec(node, command);
        });
    }

    @Command(name = "down", mixinStandardHelpOptions = true,
            description = "Remove a lab: daemons, task processes, namespaces, links and files.")
    int down(@Mixin Where where) {
        Lab lab = where.lab(spec);
        return asRoot(out -> {
            int namespaces = lab.down();
            out.println("Lab " + lab.layout().name() + " removed (" + namespaces + " namespaces).");
            return 0;
        });
    }

    private int asRoot(Action action) {
        Optional<String> problem = RootCheck.problem(effectiveUid.getAsLong());
        if (problem.isPresent()) {
            spec.commandLine().getErr().println(problem.get());
            spec.commandLine().getErr().flush();
            return 1;
        }
        return guarded(action);
    }

    private int guarded(Action action) {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try {
            return action.run(out);
        } catch (IOException | RuntimeException e) {
            out.flush();
            err.println("swarmnet lab: " + e.getMessage());
            return 1;
        } finally {
            out.flush();
            err.flush();
        }
    }
}
