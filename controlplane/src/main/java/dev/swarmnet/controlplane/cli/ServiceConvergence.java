package dev.swarmnet.controlplane.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.swarmnet.controlplane.cli.client.ApiClient;
import dev.swarmnet.controlplane.cli.client.ConvergenceMonitor;
import dev.swarmnet.controlplane.cli.client.Filters;
import dev.swarmnet.controlplane.cli.client.ProgressPrinter;
import dev.swarmnet.controlplane.cli.client.ProgressSink;
import java.io.PrintWriter;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The polling edge of {@link ConvergenceMonitor}: every 200 ms reads the service, its up-to-date
 * tasks and the nodes, until the service has converged and stayed so for its monitor period,
 * or the user presses Ctrl-C ({@code Operation continuing in background.}). Runs on the main
 * thread; the signal handler only counts down a latch.
 */
final class ServiceConvergence {

    private ServiceConvergence() {
    }

    /**
     * Waits for a service to converge, printing Docker's progress.
     *
     * @param id    the service's ID (or a reference the daemon resolves)
     * @param arg   how the final {@code verify: Service <arg> converged} line names it
     * @param quiet poll without printing
     * @return the exit code
     */
    static int await(ApiClient client, PrintWriter out, String id, String arg, boolean quiet)
            throws DaemonOptions.CommandFailure {
        ProgressPrinter printer = System.console() != null ? ProgressPrinter.terminal(out, columns())
                : ProgressPrinter.plain(out);
        ProgressSink sink = quiet ? (i, action, current, total) -> { } : printer;
        ConvergenceMonitor monitor = new ConvergenceMonitor(arg, sink);
        CountDownLatch stop = new CountDownLatch(1);
        StopSignals.install(stop::countDown);
        String path = "/services/" + ApiClient.escape(id) + "?insertDefaults=false";
        try {
            while (true) {
                JsonNode service = client.get(path);
                if (monitor.afterService(service, System.nanoTime()) == ConvergenceMonitor.Pass.DONE) {
                    return 0;
                }
                Filters upToDate = new Filters().with("_up-to-date", "true")
                        .with("service", service.path("ID").asText(id));
                JsonNode tasks = client.get("/tasks" + upToDate.query('?'));
                JsonNode nodes = client.get("/nodes");
                monitor.afterTasks(service, tasks, nodes, System.nanoTime());
                if (stop.await(ConvergenceMonitor.PASS_INTERVAL_MILLIS, TimeUnit.MILLISECONDS)) {
                    if (!quiet) {
                        printer.interrupted();
                    }
                    return 0;
                }
            }
        } catch (IllegalStateException e) {
            throw new DaemonOptions.CommandFailure(e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 0;
        }
    }

    /** The terminal's width: {@code $COLUMNS}, else what {@code stty size} says, else 80. */
    private static int columns() {
        String columns = System.getenv("COLUMNS");
        try {
            if (columns != null && !columns.isBlank()) {
                return Integer.parseInt(columns.trim());
            }
            Process stty = new ProcessBuilder("stty", "size").redirectInput(new java.io.File("/dev/tty"))
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            String size = new String(stty.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.US_ASCII)
                    .trim();
            if (stty.waitFor() == 0 && size.matches("\\d+ \\d+")) {
                return Integer.parseInt(size.substring(size.indexOf(' ') + 1));
            }
        } catch (NumberFormatException | java.io.IOException e) {
            // not a terminal we can measure: no bars, as Docker without a window size
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return 80;
    }
}
