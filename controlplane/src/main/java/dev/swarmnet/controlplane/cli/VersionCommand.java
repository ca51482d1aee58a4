package dev.swarmnet.controlplane.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.swarmnet.controlplane.cli.client.ApiClient;
import dev.swarmnet.controlplane.cli.client.DaemonException;
import dev.swarmnet.controlplane.cli.client.DaemonUnreachableException;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code swarmnet version}: this client's version, then the daemon's ({@code GET /version}), laid
 * out as {@code docker version} lays them out. The client part is printed even when the daemon
 * cannot be reached (exit 1 then). Runs on the main thread.
 */
@Command(name = "version", mixinStandardHelpOptions = true, description = "Show the swarmnet version information.")
final class VersionCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Mixin
    private DaemonOptions daemon;

    /** The version from the jar's manifest ({@code dev} when run from classes). */
    static String clientVersion() {
        String version = VersionCommand.class.getPackage().getImplementationVersion();
        return version == null ? "dev" : version;
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        out.print("Client:\n");
        row(out, " Version:", clientVersion());
        row(out, " API version:", ApiClient.API_VERSION);
        row(out, " OS/Arch:", "linux/" + goArch(System.getProperty("os.arch")));
        out.print("\n");
        return daemon.run(spec, (client, printer) -> {
            JsonNode version;
            try {
                version = client.get("/version");
            } catch (DaemonException | DaemonUnreachableException e) {
                throw new DaemonOptions.CommandFailure(e.getMessage());
            }
            printer.print("Server: " + version.path("Platform").path("Name").asText("") + "\n");
            printer.print(" Engine:\n");
            row(printer, "  Version:", version.path("Version").asText(""));
            row(printer, "  API version:", version.path("ApiVersion").asText("") + " (minimum version "
                    + version.path("MinAPIVersion").asText("") + ")");
            row(printer, "  Git commit:", version.path("GitCommit").asText(""));
            row(printer, "  OS/Arch:", version.path("Os").asText("") + "/" + version.path("Arch").asText(""));
            return 0;
        });
    }

    /** Docker's version template pads labels to 20 columns. */
    private static void row(PrintWriter out, String label, String value) {
        out.print(String.format("%-20s%s\n", label, value));
    }

    private static String goArch(String javaArch) {
        return switch (javaArch.toLowerCase(Locale.ROOT)) {
            case "amd64", "x86_64" -> "amd64";
            case "aarch64", "arm64" -> "arm64";
            default -> javaArch;
        };
    }
}
