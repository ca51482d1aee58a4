package dev.swarmnet.controlplane.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.swarmnet.controlplane.config.ConfigFile;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code swarmnet config}: the daemon's configuration file. {@code defaults} prints the
 * documented example with every default; {@code check [FILE]} validates a file without a
 * daemon; {@code reload} asks the running daemon to re-read its file. Runs on the main thread.
 */
@Command(name = "config", mixinStandardHelpOptions = true,
        description = "Print, check and reload the daemon's configuration file.")
final class ConfigCommand implements Runnable {
    static final int INVALID = 2;

    @Spec
    private CommandSpec spec;

    @Mixin
    private DaemonOptions daemon;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "missing a config command");
    }

    @Command(name = "defaults", mixinStandardHelpOptions = true,
            description = "Print a configuration file with every key at its default, each explained.")
    int defaults() {
        PrintWriter out = spec.commandLine().getOut();
        out.print(ConfigFile.exampleText());
        out.flush();
        return 0;
    }

    @Command(name = "check", mixinStandardHelpOptions = true,
            description = "Validate a configuration file: prints FILE: ok, or every problem (exit 2).",
            exitCodeListHeading = "%nExit codes:%n",
            exitCodeList = {"0:the file is valid", "2:the file has problems (on stderr), or cannot be read"})
    int check(@Parameters(paramLabel = "FILE", arity = "0..1",
            description = "the file (default: /etc/swarmnet/swarmnet.yaml)") Path file) {
        Path checked = file != null ? file : ConfigFile.DEFAULT_PATH;
        try {
            ConfigFile.read(checked);
        } catch (ConfigFile.InvalidException e) {
            spec.commandLine().getErr().println(e.getMessage());
            spec.commandLine().getErr().flush();
            return INVALID;
        }
        spec.commandLine().getOut().println(checked + ": ok");
        spec.commandLine().getOut().flush();
        return 0;
    }

    @Command(name = "reload", mixinStandardHelpOptions = true,
            description = {"Make the running daemon re-read its configuration file (as SIGHUP does).",
                "Live keys apply at once without dropping flows; the others are listed as needing a restart.",
                "A file with problems changes nothing (exit 1, problems on stderr)."})
    int reload() {
        return daemon.run(spec, (client, out) -> {
            JsonNode answer = client.post("/swarmnet/config/reload", null);
            List<String> changed = words(answer.path("Changed"));
            if (changed.isEmpty()) {
                out.println(answer.path("File").asText() + ": reloaded, no change");
                return 0;
            }
            out.println(answer.path("File").asText() + ": reloaded");
            List<String> applied = words(answer.path("Applied"));
            List<String> restart = words(answer.path("NeedsRestart"));
            if (!applied.isEmpty()) {
                out.println("applied: " + String.join(", ", applied));
            }
            if (!restart.isEmpty()) {
                out.println("needs a daemon restart: " + String.join(", ", restart));
            }
            return 0;
        });
    }

    private static List<String> words(JsonNode array) {
        List<String> words = new ArrayList<>();
        array.forEach(word -> words.add(word.asText()));
        return words;
    }
}
