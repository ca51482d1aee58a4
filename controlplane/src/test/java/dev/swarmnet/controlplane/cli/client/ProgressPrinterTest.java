package dev.swarmnet.controlplane.cli.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

class ProgressPrinterTest {

    @Test
    void aPipeGetsLinesWithoutBarsAndNeverSeesCursorMovement() {
        StringWriter text = new StringWriter();
        ProgressPrinter printer = ProgressPrinter.plain(new PrintWriter(text));

        printer.progress("overall progress", "0 out of 1 tasks", 0, 0);
        printer.progress("1/1", "running  ", 9, 9);
        printer.progress("verify", "Service web converged", 0, 0);

        assertThat(text.toString()).isEqualTo("overall progress: 0 out of 1 tasks\nverify: Service web converged\n");
    }

    @Test
    void aTerminalRedrawsEachIdsLineInPlace() {
        StringWriter text = new StringWriter();
        ProgressPrinter printer = ProgressPrinter.terminal(new PrintWriter(text), 80);

        printer.progress("overall progress", "0 out of 1 tasks", 0, 0);
        printer.progress("1/1", "running  ", 9, 9);
        printer.progress("overall progress", "1 out of 1 tasks", 0, 0);

        assertThat(text.toString()).isEqualTo(
                "\n\u001b[1A\u001b[2K\roverall progress: 0 out of 1 tasks \r\u001b[1B"
                        + "\n\u001b[1A\u001b[2K\r1/1: running   \r\u001b[1B"
                        + "\u001b[2A\u001b[2K\roverall progress: 1 out of 1 tasks \r\u001b[2B");
    }

    @Test
    void wideTerminalsGetDockersFiftyCharacterBar() {
        ProgressPrinter printer = ProgressPrinter.terminal(new PrintWriter(new StringWriter()), 120);

        assertThat(printer.bar(9, 9)).isEqualTo("[" + "=".repeat(50) + ">] ");
        assertThat(printer.bar(6, 9)).isEqualTo("[" + "=".repeat(33) + ">" + " ".repeat(17) + "] ");
        assertThat(ProgressPrinter.terminal(new PrintWriter(new StringWriter()), 110).bar(9, 9)).isEmpty();
    }
}
