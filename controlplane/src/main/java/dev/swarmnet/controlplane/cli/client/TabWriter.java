package dev.swarmnet.controlplane.cli.client;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Go's {@code text/tabwriter} with a space pad character and no flags, which Docker's tables use
 * ({@code NewWriter(out, 10, 1, 3, ' ', 0)}): cells are tab-terminated, a column's width is its
 * widest cell plus the padding but at least the minimum width, a run of adjacent lines with a
 * cell in a column is one block, and the text after a line's last tab is not aligned.
 * Single-threaded.
 */
public final class TabWriter {

    /** Docker's table writer settings. */
    public static final int DOCKER_MIN_WIDTH = 10;
    public static final int DOCKER_PADDING = 3;

    private final int minWidth;
    private final int padding;
    private final List<String[]> lines = new ArrayList<>();
    private final List<Integer> widths = new ArrayList<>();
    private StringBuilder out;

    public TabWriter(int minWidth, int padding) {
        this.minWidth = minWidth;
        this.padding = padding;
    }

    /** A writer with Docker's settings. */
    public static TabWriter docker() {
        return new TabWriter(DOCKER_MIN_WIDTH, DOCKER_PADDING);
    }

    /** Adds one line; its tabs separate cells. */
    public TabWriter line(String text) {
        lines.add(text.split("\t", -1));
        return this;
    }

    /** Adds one line of cells, each but the last terminated by a tab. */
    public TabWriter row(String... cells) {
        lines.add(Arrays.copyOf(cells, cells.length));
        return this;
    }

    /** The aligned text, each line ending in a newline. */
    public String render() {
        out = new StringBuilder();
        widths.clear();
        format(0, lines.size());
        return out.toString();
    }

    /** Go's {@code (*Writer).format}: columns left of {@code widths.size()} are already sized. */
    private void format(int line0, int line1) {
        int column = widths.size();
        for (int current = line0; current < line1; current++) {
            if (column >= lines.get(current).length - 1) {
                continue;
            }
            writeLines(line0, current);
            line0 = current;
            int width = minWidth;
            for (; current < line1; current++) {
                String[] line = lines.get(current);
                if (column >= line.length - 1) {
                    break;
                }
                width = Math.max(width, displayWidth(line[column]) + padding);
            }
            widths.add(width);
            format(line0, current);
            widths.remove(widths.size() - 1);
            line0 = current;
        }
        writeLines(line0, line1);
    }

    private void writeLines(int line0, int line1) {
        for (int i = line0; i < line1; i++) {
            String[] line = lines.get(i);
            for (int j = 0; j < line.length; j++) {
                out.append(line[j]);
                if (j < widths.size()) {
                    out.append(" ".repeat(Math.max(0, widths.get(j) - displayWidth(line[j]))));
                }
            }
            out.append('\n');
        }
    }

    private static int displayWidth(String cell) {
        return cell.codePointCount(0, cell.length());
    }
}
