package dev.swarmnet.controlplane.cli.client;

import java.io.PrintWriter;
import java.util.HashMap;
import java.util.Map;

/**
 * Prints progress messages as Docker's {@code jsonmessage.DisplayJSONMessagesStream} does.
 * Without a terminal, messages that carry a bar are dropped and the others are printed as
 * {@code id: action} lines, so a pipe sees the overall and verify lines only. On a terminal each
 * ID owns one line that is redrawn in place with ANSI cursor movement, with a bar when the
 * terminal is wider than 110 columns. Single-threaded.
 */
public final class ProgressPrinter implements ProgressSink {

    private static final int BAR_WIDTH = 50;

    private final PrintWriter out;
    private final boolean terminal;
    private final int columns;
    private final Map<String, Integer> lines = new HashMap<>();

    private ProgressPrinter(PrintWriter out, boolean terminal, int columns) {
        this.out = out;
        this.terminal = terminal;
        this.columns = columns;
    }

    /** Output to a pipe or file. */
    public static ProgressPrinter plain(PrintWriter out) {
        return new ProgressPrinter(out, false, 0);
    }

    /** Output to a terminal {@code columns} wide. */
    public static ProgressPrinter terminal(PrintWriter out, int columns) {
        return new ProgressPrinter(out, true, columns);
    }

    @Override
    public void progress(String id, String action, long current, long total) {
        if (!terminal) {
            // Go's JSONProgress measures a non-terminal as 200 columns wide, so any bar is non-empty
            // and Display drops the message.
            if (total <= 0 && current <= 0) {
                out.print(id + ": " + action + "\n");
                out.flush();
            }
            return;
        }
        Integer line = lines.get(id);
        if (line == null) {
            line = lines.size();
            lines.put(id, line);
            out.print("\n");
        }
        int diff = lines.size() - line;
        out.print("\u001b[" + diff + "A");
        out.print("\u001b[2K\r");
        out.print(id + ": " + action + " " + bar(current, total) + "\r");
        out.print("\u001b[" + diff + "B");
        out.flush();
    }

    /** Go's {@code JSONProgress.String()} for a count-less bar. */
    String bar(long current, long total) {
        if (total <= 0 || columns <= 110) {
            return "";
        }
        int percentage = Math.min(BAR_WIDTH, (int) ((double) current / total * 100) / 2);
        return "[" + "=".repeat(percentage) + ">" + " ".repeat(Math.max(0, BAR_WIDTH - percentage)) + "] ";
    }

    /** Docker's last word when the user stops waiting: {@code Operation continuing in background.} */
    public void interrupted() {
        if (terminal) {
            lines.clear();
        }
        out.print("Operation continuing in background.\n");
        out.flush();
    }
}
