package dev.swarmnet.controlplane.lab;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs short host commands ({@code ip}, {@code nsenter}) and reports what they printed. Used on
 * the calling thread; each call waits for its command.
 */
final class Shell {

    private static final long TIMEOUT_SECONDS = 30;

    /** What one command printed (stdout and stderr merged) and returned. */
    record Result(int exitCode, String output) {
        boolean ok() {
            return exitCode == 0;
        }
    }

    private Shell() {
    }

    /** Runs {@code command}; never throws for a non-zero exit. */
    static Result run(List<String> command) throws IOException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
        try {
            byte[] output = process.getInputStream().readAllBytes();
            if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IOException(String.join(" ", command) + ": no answer within " + TIMEOUT_SECONDS + " s");
            }
            return new Result(process.exitValue(), new String(output, StandardCharsets.UTF_8));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
            throw new IOException(String.join(" ", command) + ": interrupted", e);
        }
    }

    /** Runs {@code command} and fails with its output if it does not exit 0. */
    static String ok(String... command) throws IOException {
        Result result = run(List.of(command));
        if (!result.ok()) {
            throw new IOException(String.join(" ", command) + " failed (exit " + result.exitCode() + "): "
                    + result.output().trim());
        }
        return result.output();
    }
}
