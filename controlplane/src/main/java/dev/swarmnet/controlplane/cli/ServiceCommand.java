package dev.swarmnet.controlplane.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.swarmnet.controlplane.cli.client.ApiClient;
import dev.swarmnet.controlplane.cli.client.BackendTable;
import dev.swarmnet.controlplane.cli.client.DaemonException;
import dev.swarmnet.controlplane.cli.client.Filters;
import dev.swarmnet.controlplane.cli.client.GoJson;
import dev.swarmnet.controlplane.cli.client.LogFrames;
import dev.swarmnet.controlplane.cli.client.LogLineFormatter;
import dev.swarmnet.controlplane.cli.client.PortSpec;
import dev.swarmnet.controlplane.cli.client.ServiceLookup;
import dev.swarmnet.controlplane.cli.client.ServicePrettyText;
import dev.swarmnet.controlplane.cli.client.ServiceSpecs;
import dev.swarmnet.controlplane.cli.client.ServiceTable;
import dev.swarmnet.controlplane.cli.client.StreamingGet;
import dev.swarmnet.controlplane.cli.client.TaskTable;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code swarmnet service create|ls|ps|inspect|scale|update|rollback|rm|logs}: Docker's service
 * commands, same flags, same requests (docker-api.md §4–§6), same output. The specs are built by
 * {@link ServiceSpecs}, the tables by {@link ServiceTable} and {@link TaskTable}, the waiting by
 * {@link ServiceConvergence}; this class only wires options, requests and output. Runs on the
 * main thread.
 */
@Command(name = "service", mixinStandardHelpOptions = true, description = "Manage swarm services.")
final class ServiceCommand implements Runnable {

    @Spec
    private CommandSpec spec;

    @Mixin
    private DaemonOptions daemon;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "missing a service command");
    }

    /**
     * The command with its parser set as Docker's: options of {@code create} end at the image, so
     * {@code service create nginx sh -c "..."} passes {@code -c} to the task.
     */
    static CommandLine commandLine() {
        CommandLine line = new CommandLine(new ServiceCommand());
        line.getSubcommands().get("create").setStopAtPositional(true);
        return line;
    }

    @Command(name = "create", mixinStandardHelpOptions = true, description = "Create a new service.")
    int create(@Option(names = {"-d", "--detach"},
                       description = "Exit immediately instead of waiting for the service to converge.") boolean detach,
               @Option(names = {"-q", "--quiet"}, description = "Suppress progress output.") boolean quiet,
               @Option(names = "--name", paramLabel = "NAME", defaultValue = "", description = "Service name.")
               String name,
               @Option(names = "--mode", paramLabel = "MODE", defaultValue = "replicated",
                       description = "Service mode (\"replicated\" or \"global\").") String mode,
               @Option(names = "--network", paramLabel = "NETWORK", description = "Network attachments.")
               List<String> networks,
               @Option(names = {"-p", "--publish"}, paramLabel = "PORT",
                       description = "Publish a port as a node port: published:target[/udp] or "
                               + "mode=ingress,target=80,published=8080,protocol=tcp.") List<String> ports,
               @Option(names = {"-e", "--env"}, paramLabel = "K=V", description = "Set environment variables.")
               List<String> env,
               @Option(names = "--constraint", paramLabel = "EXPR", description = "Placement constraints.")
               List<String> constraints,
               @Option(names = {"-l", "--label"}, paramLabel = "K=V", description = "Service labels.")
               List<String> labels,
               @Mixin ServiceSpecOptions options,
               @Parameters(index = "0", paramLabel = "IMAGE", description = "The image the tasks run.") String image,
               @Parameters(index = "1..*", paramLabel = "ARG", description = "The command and its arguments.")
               List<String> args) {
        if (!mode.equals("replicated") && !mode.equals("global")) {
            throw usage("create", "invalid service mode '" + mode + "': use replicated or global");
        }
        checked(() -> ServiceSpecs.create("", image, List.of(), List.of(), options.flags(mode.equals("global"),
                NetworkCommand.orEmpty(env), NetworkCommand.orEmpty(ports), NetworkCommand.orEmpty(constraints),
                NetworkCommand.orEmpty(labels))));
        return daemon.run(spec, (client, out) -> {
            List<String> networkIds = new ArrayList<>();
            for (String network : NetworkCommand.orEmpty(networks)) {
                networkIds.add(client.get("/networks/" + ApiClient.escape(network) + "?scope=swarm").path("Id")
                        .asText(network));
            }
            ObjectNode body = ServiceSpecs.create(name, image, NetworkCommand.orEmpty(args), networkIds,
                    options.flags(mode.equals("global"), NetworkCommand.orEmpty(env), NetworkCommand.orEmpty(ports),
                            NetworkCommand.orEmpty(constraints), NetworkCommand.orEmpty(labels)));
            JsonNode created = client.post("/services/create", body);
            warnings(created);
            String id = created.path("ID").asText("");
            out.print(id + "\n");
            out.flush();
            return detach ? 0 : ServiceConvergence.await(client, out, id, id, quiet);
        });
    }

    @Command(name = "ls", aliases = "list", mixinStandardHelpOptions = true, description = "List services.")
    int ls(@Option(names = {"-q", "--quiet"}, description = "Only display IDs.") boolean quiet,
           @Option(names = {"-f", "--filter"}, paramLabel = "FILTER",
                   description = "Filter output based on conditions provided (id, name, label, mode).")
           List<String> filters) {
        Filters parsed = filters(filters);
        return daemon.run(spec, (client, out) -> {
            JsonNode services = client.get("/services" + parsed.query('?')
                    + (quiet ? "" : (parsed.isEmpty() ? "?" : "&") + "status=true"));
            ServiceTable table = new ServiceTable(services);
            out.print(quiet ? table.ids() : table.table());
            return 0;
        });
    }

    @Command(name = "ps", mixinStandardHelpOptions = true, description = "List the tasks of one or more services.")
    int ps(@Option(names = {"-q", "--quiet"}, description = "Only display task IDs.") boolean quiet,
           @Option(names = "--no-trunc", description = "Do not truncate output.") boolean noTrunc,
           @Option(names = {"-f", "--filter"}, paramLabel = "FILTER",
                   description = "Filter output based on conditions provided (desired-state, id, name, node).")
           List<String> filters,
           @Parameters(paramLabel = "SERVICE", arity = "1..*") List<String> refs) {
        Filters parsed = filters(filters);
        return daemon.run(spec, (client, out) -> {
            Map<String, String> serviceNames = new LinkedHashMap<>();
            List<String> notFound = new ArrayList<>();
            for (String ref : refs) {
                JsonNode service = findService(client, ref);
                if (service == null) {
                    notFound.add("no such service: " + ref);
                } else {
                    serviceNames.put(service.path("ID").asText(), service.path("Spec").path("Name").asText(""));
                }
            }
            if (serviceNames.isEmpty()) {
                throw new DaemonOptions.CommandFailure(String.join("\n", notFound));
            }
            Filters taskFilters = parsed;
            for (String id : serviceNames.keySet()) {
                taskFilters = taskFilters.with("service", id);
            }
            JsonNode tasks = client.get("/tasks" + taskFilters.query('?'));
            TaskTable table = new TaskTable(tasks, serviceNames, quiet ? Map.of() : nodeNames(client));
            out.print(quiet ? table.ids() : table.table(Instant.now(), !noTrunc));
            if (!notFound.isEmpty()) {
                throw new DaemonOptions.CommandFailure(String.join("\n", notFound));
            }
            return 0;
        });
    }

    @Command(name = "inspect", mixinStandardHelpOptions = true,
            description = "Display detailed information on one or more services.")
    int inspect(@Option(names = "--pretty", description = "Print the information in a human friendly format.")
                boolean pretty,
                @Option(names = "--backends", description = "Add every node's load-balancer backends of the "
                        + "service's VIPs, with their states and flows (swarmnet; SwarmnetBackends).")
                boolean backends,
                @Parameters(paramLabel = "SERVICE", arity = "1..*") List<String> refs) {
        return daemon.run(spec, (client, out) -> {
            ArrayNode found = ApiClient.json().createArrayNode();
            List<String> errors = new ArrayList<>();
            for (String ref : refs) {
                try {
                    found.add(client.get("/services/" + ApiClient.escape(ref) + "?insertDefaults=true"
                            + (backends ? "&backends=true" : "")));
                } catch (DaemonException e) {
                    errors.add(e.status() == 404 ? "Error: no such service: " + ref : e.getMessage());
                }
            }
            if (pretty) {
                for (JsonNode service : found) {
                    try {
                        out.print(ServicePrettyText.render(service, id -> networkName(client, id)));
                        if (backends) {
                            out.print(BackendTable.render(service.path("SwarmnetBackends")));
                        }
                    } catch (MissingNetwork e) {
                        errors.add("Error: no such network: " + e.getMessage());
                    }
                }
            } else {
                out.print(found.isEmpty() ? "[]\n" : GoJson.indented(found) + "\n");
            }
            if (!errors.isEmpty()) {
                throw new DaemonOptions.CommandFailure(String.join("\n", errors));
            }
            return 0;
        });
    }

    @Command(name = "scale", mixinStandardHelpOptions = true, description = "Scale one or multiple replicated services.")
    int scale(@Option(names = {"-d", "--detach"},
                      description = "Exit immediately instead of waiting for the service to converge.") boolean detach,
              @Parameters(paramLabel = "SERVICE=REPLICAS", arity = "1..*") List<String> specifiers) {
        List<Map.Entry<String, Long>> scales = new ArrayList<>();
        for (String specifier : specifiers) {
            int equals = specifier.indexOf('=');
            long replicas = -1;
            if (equals > 0) {
                try {
                    replicas = Long.parseLong(specifier.substring(equals + 1));
                } catch (NumberFormatException e) {
                    replicas = -1;
                }
            }
            if (replicas < 0) {
                throw usage("scale", "invalid scale specifier '" + specifier + "'.");
            }
            scales.add(Map.entry(specifier.substring(0, equals), replicas));
        }
        return daemon.run(spec, (client, out) -> {
            List<String> errors = new ArrayList<>();
            List<String> scaled = new ArrayList<>();
            for (Map.Entry<String, Long> entry : scales) {
                try {
                    JsonNode service = client.get("/services/" + ApiClient.escape(entry.getKey())
                            + "?insertDefaults=false");
                    warnings(client.post(updatePath(service, ""), ServiceSpecs.scale(service.path("Spec"),
                            entry.getValue())));
                    out.print(entry.getKey() + " scaled to " + entry.getValue() + "\n");
                    scaled.add(entry.getKey());
                } catch (DaemonException | IllegalArgumentException e) {
                    errors.add(entry.getKey() + ": " + e.getMessage());
                }
            }
            if (!detach) {
                for (String service : scaled) {
                    int code = ServiceConvergence.await(client, out, service, service, false);
                    if (code != 0) {
                        return code;
                    }
                }
            }
            if (!errors.isEmpty()) {
                throw new DaemonOptions.CommandFailure(String.join("\n", errors));
            }
            return 0;
        });
    }

    @Command(name = "update", mixinStandardHelpOptions = true, description = "Update a service.")
    int update(@Option(names = {"-d", "--detach"},
                       description = "Exit immediately instead of waiting for the service to converge.") boolean detach,
               @Option(names = {"-q", "--quiet"}, description = "Suppress progress output.") boolean quiet,
               @Option(names = "--image", paramLabel = "IMAGE", description = "Service image tag.") String image,
               @Option(names = "--env-add", paramLabel = "K=V", description = "Add or update an environment variable.")
               List<String> envAdd,
               @Option(names = "--env-rm", paramLabel = "K", description = "Remove an environment variable.")
               List<String> envRm,
               @Option(names = "--publish-add", paramLabel = "PORT", description = "Add or update a published port.")
               List<String> publishAdd,
               @Option(names = "--publish-rm", paramLabel = "TARGET",
                       description = "Remove a published port by its target port.") List<String> publishRm,
               @Option(names = "--constraint-add", paramLabel = "EXPR",
                       description = "Add or update a placement constraint.") List<String> constraintAdd,
               @Option(names = "--constraint-rm", paramLabel = "EXPR", description = "Remove a constraint.")
               List<String> constraintRm,
               @Option(names = "--label-add", paramLabel = "K=V", description = "Add or update a service label.")
               List<String> labelAdd,
               @Option(names = "--force", description = "Force update even if no changes require it.") boolean force,
               @Option(names = "--rollback", description = "Rollback to previous specification.") boolean rollback,
               @Mixin ServiceSpecOptions options,
               @Parameters(paramLabel = "SERVICE") String ref) {
        var flags = checked(() -> options.flags(false, NetworkCommand.orEmpty(envAdd),
                NetworkCommand.orEmpty(publishAdd), NetworkCommand.orEmpty(constraintAdd),
                NetworkCommand.orEmpty(labelAdd)));
        checked(() -> {
            ServiceSpecs.validate(flags);
            NetworkCommand.orEmpty(publishRm).forEach(PortSpec::parse);
            return flags;
        });
        return daemon.run(spec, (client, out) -> {
            JsonNode service = client.get("/services/" + ApiClient.escape(ref) + "?insertDefaults=false");
            JsonNode updated;
            try {
                updated = rollback ? service.path("Spec")
                        : ServiceSpecs.update(service.path("Spec"), flags, image, NetworkCommand.orEmpty(envRm),
                        NetworkCommand.orEmpty(publishRm), NetworkCommand.orEmpty(constraintRm), force);
            } catch (IllegalArgumentException e) {
                throw new DaemonOptions.CommandFailure(e.getMessage());
            }
            warnings(client.post(updatePath(service, rollback ? "registryAuthFrom=spec&rollback=previous" : "registryAuthFrom=spec"),
                    updated));
            out.print(ref + "\n");
            out.flush();
            return detach ? 0 : ServiceConvergence.await(client, out, service.path("ID").asText(ref), ref, quiet);
        });
    }

    @Command(name = "rollback", mixinStandardHelpOptions = true, description = "Revert changes to a service's configuration.")
    int rollback(@Option(names = {"-d", "--detach"},
                         description = "Exit immediately instead of waiting for the service to converge.") boolean detach,
                 @Option(names = {"-q", "--quiet"}, description = "Suppress progress output.") boolean quiet,
                 @Parameters(paramLabel = "SERVICE") String ref) {
        return daemon.run(spec, (client, out) -> {
            JsonNode service = client.get("/services/" + ApiClient.escape(ref) + "?insertDefaults=false");
            warnings(client.post(updatePath(service, "rollback=previous"), service.path("Spec")));
            out.print(ref + "\n");
            out.flush();
            return detach ? 0 : ServiceConvergence.await(client, out, service.path("ID").asText(ref), ref, quiet);
        });
    }

    @Command(name = "rm", aliases = "remove", mixinStandardHelpOptions = true, description = "Remove one or more services.")
    int rm(@Parameters(paramLabel = "SERVICE", arity = "1..*") List<String> refs) {
        return daemon.run(spec, (client, out) -> {
            List<String> errors = new ArrayList<>();
            for (String ref : refs) {
                try {
                    client.delete("/services/" + ApiClient.escape(ref));
                    out.print(ref + "\n");
                } catch (DaemonException e) {
                    errors.add(e.getMessage());
                }
            }
            if (!errors.isEmpty()) {
                throw new DaemonOptions.CommandFailure(String.join("\n", errors));
            }
            return 0;
        });
    }

    @Command(name = "logs", mixinStandardHelpOptions = true, description = "Fetch the logs of a service or task.")
    int logs(@Option(names = {"-f", "--follow"}, description = "Follow log output.") boolean follow,
             @Option(names = {"-n", "--tail"}, paramLabel = "N", defaultValue = "all",
                     description = "Number of lines to show from the end of the logs (default: ${DEFAULT-VALUE}).")
             String tail,
             @Option(names = {"-t", "--timestamps"}, description = "Show timestamps.") boolean timestamps,
             @Option(names = "--since", paramLabel = "TIME",
                     description = "Show logs since timestamp or relative (e.g. 42m for 42 minutes).") String since,
             @Option(names = "--no-task-ids", description = "Do not include task IDs in output.") boolean noTaskIds,
             @Option(names = "--no-trunc", description = "Do not truncate output.") boolean noTrunc,
             @Option(names = "--raw", description = "Do not neatly format logs.") boolean raw,
             @Option(names = "--details", description = "Show extra details provided to logs.") boolean details,
             @Parameters(paramLabel = "SERVICE|TASK") String ref) {
        if (!tail.equals("all") && !tail.matches("\\d+")) {
            throw usage("logs", "invalid --tail value '" + tail + "': a number of lines or all");
        }
        return daemon.run(spec, (client, out) -> {
            String base;
            long replicas = 0;
            try {
                JsonNode service = client.get("/services/" + ApiClient.escape(ref) + "?insertDefaults=false");
                replicas = service.path("Spec").path("Mode").path("Replicated").path("Replicas").asLong(0);
                base = "/services/" + ApiClient.escape(service.path("ID").asText(ref));
            } catch (DaemonException e) {
                if (e.status() != 404) {
                    throw e;
                }
                try {
                    base = "/tasks/" + ApiClient.escape(client.get("/tasks/" + ApiClient.escape(ref)).path("ID")
                            .asText(ref));
                } catch (DaemonException notTask) {
                    if (notTask.status() == 404) {
                        throw new DaemonOptions.CommandFailure("no such task or service: " + ref);
                    }
                    throw notTask;
                }
            }
            StringBuilder query = new StringBuilder("?");
            if (details || !raw) {
                query.append("details=1&");
            }
            if (follow) {
                query.append("follow=1&");
            }
            if (since != null) {
                query.append("since=").append(ApiClient.escape(since)).append('&');
            }
            query.append("stderr=1&stdout=1&tail=").append(ApiClient.escape(tail));
            if (timestamps) {
                query.append("&timestamps=1");
            }
            LogPrinter printer = new LogPrinter(client, out, spec.commandLine().getErr(),
                    new LogLineFormatter.Options(timestamps, noTaskIds, noTrunc, raw, details), replicas);
            String path = base + "/logs" + query;
            try {
                if (follow) {
                    StreamingGet.run(client, path, printer.frames::feed);
                } else {
                    byte[] body = client.send("GET", path, null).body();
                    printer.frames.feed(body, 0, body.length);
                }
            } catch (IllegalArgumentException e) {
                throw new DaemonOptions.CommandFailure(e.getMessage());
            }
            return 0;
        });
    }

    /** Formats each frame of a log stream and prints it to stdout or stderr as the stream says. */
    private static final class LogPrinter implements LogLineFormatter.Names {
        private final ApiClient client;
        final LogFrames frames;

        LogPrinter(ApiClient client, PrintWriter out, PrintWriter err, LogLineFormatter.Options options,
                   long replicas) {
            this.client = client;
            LogLineFormatter formatter = new LogLineFormatter(options, this, replicas);
            this.frames = new LogFrames((stream, payload) -> {
                String text = new String(payload, StandardCharsets.UTF_8);
                PrintWriter target = stream == 2 || stream == 3 ? err : out;
                target.print(stream == 3 ? text : formatter.format(text));
                target.flush();
            });
        }

        @Override
        public String serviceName(String serviceId) {
            return client.get("/services/" + ApiClient.escape(serviceId) + "?insertDefaults=false").path("Spec")
                    .path("Name").asText(serviceId);
        }

        @Override
        public long taskSlot(String taskId) {
            return client.get("/tasks/" + ApiClient.escape(taskId)).path("Slot").asLong(0);
        }

        @Override
        public String nodeName(String nodeId) {
            return client.get("/nodes/" + ApiClient.escape(nodeId)).path("Description").path("Hostname")
                    .asText(nodeId);
        }
    }

    /**
     * Docker's {@code service ps} lookup: the exact ID, else the exact name, else a unique ID
     * prefix, among the services the {@code id} and {@code name} filters return.
     */
    static JsonNode findService(ApiClient client, String ref) {
        List<JsonNode> candidates = new ArrayList<>();
        client.get("/services" + new Filters().with("id", ref).query('?')).forEach(candidates::add);
        client.get("/services" + new Filters().with("name", ref).query('?')).forEach(candidates::add);
        return ServiceLookup.pick(candidates, ref);
    }

    private static Map<String, String> nodeNames(ApiClient client) {
        Map<String, String> names = new HashMap<>();
        client.get("/nodes").forEach(node -> names.put(node.path("ID").asText(""),
                node.path("Description").path("Hostname").asText("")));
        return names;
    }

    private static String networkName(ApiClient client, String id) {
        try {
            return client.get("/networks/" + ApiClient.escape(id) + "?scope=swarm").path("Name").asText(id);
        } catch (DaemonException e) {
            if (e.status() == 404) {
                throw new MissingNetwork(id);
            }
            throw e;
        }
    }

    private static String updatePath(JsonNode service, String extra) {
        return "/services/" + ApiClient.escape(service.path("ID").asText("")) + "/update?"
                + (extra.isEmpty() ? "" : extra + "&") + "version=" + service.path("Version").path("Index").asLong();
    }

    private void warnings(JsonNode answer) {
        PrintWriter err = spec.commandLine().getErr();
        answer.path("Warnings").forEach(w -> err.println(w.asText()));
        err.flush();
    }

    private Filters filters(List<String> flags) {
        try {
            return Filters.parse(flags);
        } catch (IllegalArgumentException e) {
            throw usage(e.getMessage());
        }
    }

    private <T> T checked(java.util.function.Supplier<T> build) {
        try {
            return build.get();
        } catch (IllegalArgumentException e) {
            throw usage(e.getMessage());
        }
    }

    private CommandLine.ParameterException usage(String message) {
        return new CommandLine.ParameterException(spec.commandLine(), message);
    }

    /** A usage error that shows the usage of {@code subcommand}. */
    private CommandLine.ParameterException usage(String subcommand, String message) {
        return new CommandLine.ParameterException(spec.commandLine().getSubcommands().get(subcommand), message);
    }

    /** A network {@code inspect --pretty} could not name; Docker rewords the daemon's 404. */
    private static final class MissingNetwork extends RuntimeException {
        MissingNetwork(String id) {
            super(id);
        }
    }
}
