package dev.swarmnet.dataplane.capture;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Reads a capture back with tshark, when it is installed (tests skip that part otherwise). */
final class Tshark {
    private Tshark() {
    }

    static void assumeInstalled() {
        assumeTrue(installed(), "tshark is not installed (Debian package tshark)");
    }

    static boolean installed() {
        String path = System.getenv("PATH");
        if (path == null) {
            return false;
        }
        return Arrays.stream(path.split(File.pathSeparator)).anyMatch(dir -> new File(dir, "tshark").canExecute());
    }

    /** One line per frame, the fields tab-separated (repeated fields comma-separated), in order. */
    static List<String> fields(Path file, String... fields) throws IOException, InterruptedException {
        return fields(file, List.of(), fields);
    }

    /** As {@link #fields(Path, String...)}, decoding UDP {@code port} as VXLAN too (besides 4789). */
    static List<String> fieldsWithVxlanOn(int port, Path file, String... fields)
            throws IOException, InterruptedException {
        return fields(file, List.of("-d", "udp.port==" + port + ",vxlan"), fields);
    }

    private static List<String> fields(Path file, List<String> options, String... fields)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("tshark", "-n", "-r", file.toString(), "-T", "fields",
                "-o", "ip.check_checksum:TRUE", "-E", "occurrence=a", "-E", "aggregator=,"));
        command.addAll(options);
        for (String field : fields) {
            command.add("-e");
            command.add(field);
        }
        Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IOException("tshark did not finish reading " + file);
        }
        if (process.exitValue() != 0) {
            throw new IOException("tshark exited with " + process.exitValue() + " reading " + file);
        }
        return out.isEmpty() ? List.of() : List.of(out.split("\n"));
    }
}
