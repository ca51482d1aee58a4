package dev.swarmnet.controlplane.cli;

import static dev.swarmnet.controlplane.cli.CliRun.swarmnet;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * {@code swarmnet service} and {@code swarmnet network} on the command line: what is refused
 * before any request is sent (exit 2, the problem named), and how arguments are split. The
 * requests and output are tested in the {@code client} package's pure cores.
 */
class ServiceCommandTest {

    private static final String NO_DAEMON = "unix:///nonexistent/swarmnet-test.sock";

    @Test
    void createOptionsEndAtTheImageSoTheTasksCommandKeepsItsOwnFlags() {
        CommandLine.ParseResult parsed = ServiceCommand.commandLine()
                .parseArgs("create", "-d", "--name", "web", "busybox", "sh", "-c", "echo -d hi");

        CommandLine.ParseResult create = parsed.subcommand();
        assertThat(create.matchedOption("--name").stringValues()).containsExactly("web");
        assertThat(create.matchedPositional(0).getValue().toString()).isEqualTo("busybox");
        assertThat(create.matchedPositional(1).getValue().toString()).isEqualTo("[sh, -c, echo -d hi]");
    }

    @Test
    void badFlagValuesAreRefusedBeforeTheDaemonIsAsked() {
        CliRun badOrder = swarmnet("service", "create", "-H", NO_DAEMON, "--update-order", "sideways", "nginx");
        CliRun badDuration = swarmnet("service", "update", "-H", NO_DAEMON, "--update-delay", "10", "web");
        CliRun badPort = swarmnet("service", "create", "-H", NO_DAEMON, "-p", "80:99999", "nginx");
        CliRun globalWithReplicas = swarmnet("service", "create", "-H", NO_DAEMON, "--mode", "global",
                "--replicas", "2", "nginx");

        assertThat(badOrder.exitCode()).isEqualTo(2);
        assertThat(badOrder.stderr()).contains("invalid --update-order value 'sideways'");
        assertThat(badDuration.exitCode()).isEqualTo(2);
        assertThat(badDuration.stderr()).contains("time: missing unit in duration \"10\"");
        assertThat(badPort.exitCode()).isEqualTo(2);
        assertThat(badPort.stderr()).contains("invalid port '99999'");
        assertThat(globalWithReplicas.exitCode()).isEqualTo(2);
        assertThat(globalWithReplicas.stderr())
                .contains("replicas can only be used with replicated or replicated-job mode");
    }

    @Test
    void scaleNeedsServiceEqualsReplicas() {
        CliRun run = swarmnet("service", "scale", "-H", NO_DAEMON, "web");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.stderr()).startsWith("invalid scale specifier 'web'.").contains("Usage: swarmnet service scale");
    }

    @Test
    void aNetworkGatewayWithoutASubnetIsRefused() {
        CliRun run = swarmnet("network", "create", "-H", NO_DAEMON, "--driver", "overlay", "--gateway", "10.0.0.1", "n");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.stderr()).startsWith("every ip-range or gateway must have a corresponding subnet")
                .contains("Usage: swarmnet network create");
    }

    @Test
    void anUnreachableDaemonIsReportedWithExitCodeOne() {
        CliRun run = swarmnet("service", "ls", "-H", NO_DAEMON);

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.stderr()).startsWith("Cannot connect to the swarmnet daemon at " + NO_DAEMON);
    }

    @Test
    void everyNewCommandHasHelp() {
        for (String[] command : List.of(new String[] {"network", "create"}, new String[] {"network", "ls"},
                new String[] {"network", "inspect"}, new String[] {"network", "rm"}, new String[] {"service", "create"},
                new String[] {"service", "ls"}, new String[] {"service", "ps"}, new String[] {"service", "inspect"},
                new String[] {"service", "scale"}, new String[] {"service", "update"},
                new String[] {"service", "rollback"}, new String[] {"service", "rm"},
                new String[] {"service", "logs"})) {
            CliRun help = swarmnet(command[0], command[1], "--help");
            assertThat(help.exitCode()).as(String.join(" ", command)).isZero();
            assertThat(help.stdout()).startsWith("Usage: swarmnet " + command[0] + " " + command[1]);
        }
    }
}
