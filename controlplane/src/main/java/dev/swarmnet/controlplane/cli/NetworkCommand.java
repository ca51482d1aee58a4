package dev.swarmnet.controlplane.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.swarmnet.controlplane.cli.client.ApiClient;
import dev.swarmnet.controlplane.cli.client.DaemonException;
import dev.swarmnet.controlplane.cli.client.Filters;
import dev.swarmnet.controlplane.cli.client.GoJson;
import dev.swarmnet.controlplane.cli.client.NetworkCreateRequest;
import dev.swarmnet.controlplane.cli.client.NetworkTable;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code swarmnet network create|ls|inspect|rm}: Docker's network commands, same flags, same
 * requests (docker-api.md §4), same output. Runs on the main thread.
 */
@Command(name = "network", mixinStandardHelpOptions = true, description = "Manage networks.")
final class NetworkCommand implements Runnable {

    static final String INGRESS_WARNING = "WARNING! Before removing the routing-mesh network, make sure all the "
            + "nodes in your swarm run the same docker engine version. Otherwise, removal may not be effective and "
            + "functionality of newly create ingress networks will be impaired.\n"
            + "Are you sure you want to continue? [y/N] ";

    @Spec
    private CommandSpec spec;

    @Mixin
    private DaemonOptions daemon;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "missing a network command");
    }

    @Command(name = "create", mixinStandardHelpOptions = true, description = "Create a network.")
    int create(@Option(names = {"-d", "--driver"}, paramLabel = "DRIVER", defaultValue = "bridge",
                       description = "Driver to manage the Network (default: ${DEFAULT-VALUE}; swarm networks: overlay).")
               String driver,
               @Option(names = "--subnet", paramLabel = "CIDR", description = "Subnet in CIDR format.")
               List<String> subnets,
               @Option(names = "--gateway", paramLabel = "IP", description = "Gateway for the subnet.")
               List<String> gateways,
               @Option(names = "--attachable", description = "Enable manual container attachment.") boolean attachable,
               @Option(names = {"-o", "--opt"}, paramLabel = "KEY=VALUE", description = "Set driver specific options.")
               List<String> options,
               @Option(names = "--label", paramLabel = "KEY=VALUE", description = "Set metadata on a network.")
               List<String> labels,
               @Parameters(paramLabel = "NETWORK", description = "Name of the network.") String name) {
        JsonNode body;
        try {
            body = NetworkCreateRequest.body(name, driver, orEmpty(subnets), orEmpty(gateways), attachable,
                    orEmpty(options), orEmpty(labels));
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine().getSubcommands().get("create"), e.getMessage());
        }
        return daemon.run(spec, (client, out) -> {
            out.print(client.post("/networks/create", body).path("Id").asText("") + "\n");
            return 0;
        });
    }

    @Command(name = "ls", aliases = "list", mixinStandardHelpOptions = true, description = "List networks.")
    int ls(@Option(names = {"-q", "--quiet"}, description = "Only display network IDs.") boolean quiet,
           @Option(names = "--no-trunc", description = "Do not truncate the output.") boolean noTrunc,
           @Option(names = {"-f", "--filter"}, paramLabel = "FILTER",
                   description = "Provide filter values (e.g. 'driver=overlay').") List<String> filters) {
        String query = filterQuery(filters);
        return daemon.run(spec, (client, out) -> {
            NetworkTable table = new NetworkTable(client.get("/networks" + query));
            out.print(quiet ? table.ids(noTrunc) : table.table(noTrunc));
            return 0;
        });
    }

    @Command(name = "inspect", mixinStandardHelpOptions = true,
            description = "Display detailed information on one or more networks.")
    int inspect(@Option(names = {"-v", "--verbose"}, description = "Verbose output for diagnostics.") boolean verbose,
                @Parameters(paramLabel = "NETWORK", arity = "1..*") List<String> refs) {
        return daemon.run(spec, (client, out) -> {
            ArrayNode found = ApiClient.json().createArrayNode();
            List<String> errors = new ArrayList<>();
            for (String ref : refs) {
                try {
                    found.add(client.get("/networks/" + ApiClient.escape(ref) + (verbose ? "?verbose=true" : "")));
                } catch (DaemonException e) {
                    errors.add(e.getMessage());
                }
            }
            out.print(found.isEmpty() ? "[]\n" : GoJson.indented(found) + "\n");
            if (!errors.isEmpty()) {
                throw new DaemonOptions.CommandFailure(String.join("\n", errors));
            }
            return 0;
        });
    }

    @Command(name = "rm", aliases = "remove", mixinStandardHelpOptions = true,
            description = "Remove one or more networks.")
    int rm(@Option(names = {"-f", "--force"}, description = "Do not error if the network does not exist.")
           boolean force,
           @Parameters(paramLabel = "NETWORK", arity = "1..*") List<String> refs) {
        return daemon.run(spec, (client, out) -> {
            List<String> errors = new ArrayList<>();
            for (String ref : refs) {
                try {
                    JsonNode network = client.get("/networks/" + ApiClient.escape(ref));
                    if (network.path("Ingress").asBoolean(false) && !confirmed(out)) {
                        continue;
                    }
                    client.delete("/networks/" + ApiClient.escape(ref));
                    out.print(ref + "\n");
                } catch (DaemonException e) {
                    if (!(force && e.status() == 404)) {
                        out.flush();
                        spec.commandLine().getErr().println(e.getMessage());
                        errors.add(e.getMessage());
                    }
                }
            }
            if (!errors.isEmpty()) {
                throw new DaemonOptions.CommandFailure("exit status 1"); // Docker's closing line
            }
            return 0;
        });
    }

    /** Docker's confirmation for removing the routing mesh's network: only {@code y} or {@code yes}. */
    private static boolean confirmed(java.io.PrintWriter out) {
        out.print(INGRESS_WARNING);
        out.flush();
        try {
            String answer = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
            return answer != null && (answer.trim().equalsIgnoreCase("y") || answer.trim().equalsIgnoreCase("yes"));
        } catch (IOException e) {
            return false;
        }
    }

    private String filterQuery(List<String> filters) {
        try {
            return Filters.parse(filters).query('?');
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
    }

    static <T> List<T> orEmpty(List<T> list) {
        return list == null ? List.of() : list;
    }
}
