package dev.swarmnet.linux;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs the iproute2 {@code ip} tool for what the module does not yet do natively (routes). Any
 * thread; blocks until {@code ip} exits or {@link #TIMEOUT_SECONDS} pass.
 */
final class IpCommand {

    static final long TIMEOUT_SECONDS = 10;

    private IpCommand() {
    }

    /**
     * Runs {@code ip ARGS...}.
     *
     * @return its standard output
     * @throws IOException naming the command line, exit status and what {@code ip} printed when
     *     it fails or does not finish in time
     */
    static String run(String... args) throws IOException {
        List<String> command = new ArrayList<>();
        command.add("ip");
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output;
        try (InputStream in = process.getInputStream()) {
            // Output of the commands used here is far below the pipe's 64 KiB, so waiting before
            // reading cannot block ip; it lets a hung ip be timed out.
            if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IOException(String.join(" ", command) + " did not finish in " + TIMEOUT_SECONDS + " s");
            }
            output = new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException(String.join(" ", command) + " interrupted", e);
        }
        if (process.exitValue() != 0) {
            throw new IOException(String.join(" ", command) + " failed (exit " + process.exitValue() + "): " + output);
        }
        return output;
    }
}
