package dev.swarmnet.controlplane.cli;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code swarmnet bench}: runs the benchmark suite, {@code bench/run} of the checkout this jar was
 * built in (found by walking up from the jar, then from the working directory), with the same
 * options, and exits with its status. The suite is a shell script because what it measures is
 * namespaces, iperf3, wrk and HAProxy; see {@code bench/run --help}. Runs on the main thread and
 * waits for the script; its output goes straight to this terminal.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Run the benchmark suite (bench/run: JMH hot path, overlay vs kernel VXLAN, routing mesh vs "
            + "direct vs HAProxy) and write its Markdown report and charts. Needs root.")
final class BenchCommand implements Callable<Integer> {
    static final String SCRIPT = "bench/run";

    @Spec
    private CommandSpec spec;

    @Option(names = "--quick", description = "Short runs: the whole suite in a few minutes.")
    private boolean quick;

    @Option(names = "--out", paramLabel = "DIR",
            description = "Where report.md and the charts go (default bench/reports/run-<UTC time>).")
    private Path out;

    @Option(names = "--only", paramLabel = "GROUPS", description = "A comma-separated subset: jmh, overlay, mesh.")
    private String only;

    @Option(names = "--script", paramLabel = "FILE", description = "The suite to run (default: bench/run of this checkout).")
    private Path script;

    @Override
    public Integer call() throws IOException, InterruptedException {
        Path suite = script != null ? script : locate().orElse(null);
        if (suite == null || !Files.isExecutable(suite)) {
            spec.commandLine().getErr().println("swarmnet bench: " + (suite == null
                ? "no " + SCRIPT + " above " + jarDirectory().map(Path::toString).orElse("this jar")
                    + " or the working directory; run it from a swarmnet checkout or pass --script"
                : suite + " is not an executable file"));
            return 1;
        }
        Process process = new ProcessBuilder(argv(suite, quick, out, only)).inheritIO().start();
        try {
            return process.waitFor();
        } catch (InterruptedException e) {
            process.destroy();
            throw e;
        }
    }

    /** The command line that runs {@code suite} with these options. */
    static List<String> argv(Path suite, boolean quick, Path out, String only) {
        List<String> argv = new ArrayList<>(List.of(suite.toString()));
        if (quick) {
            argv.add("--quick");
        }
        if (out != null) {
            argv.addAll(List.of("--out", out.toString()));
        }
        if (only != null) {
            argv.addAll(List.of("--only", only));
        }
        return argv;
    }

    /** {@code bench/run} in {@code start} or the nearest of its parents that has one. */
    static Optional<Path> find(Path start) {
        for (Path dir = start.toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve(SCRIPT);
            if (Files.isRegularFile(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    private static Optional<Path> locate() {
        return jarDirectory().flatMap(BenchCommand::find).or(() -> find(Path.of("")));
    }

    private static Optional<Path> jarDirectory() {
        try {
            Path code = Path.of(BenchCommand.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            return Optional.ofNullable(Files.isDirectory(code) ? code : code.getParent());
        } catch (URISyntaxException | SecurityException | NullPointerException e) {
            return Optional.empty();
        }
    }
}
