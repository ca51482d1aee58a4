package dev.swarmnet.dataplane.programfile;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.snakeyaml.engine.v2.nodes.Node;

/** Collects the problems of one file while it is read or compiled. Single-threaded. */
final class Problems {
    private final String file;
    private final List<Problem> found = new ArrayList<>();

    Problems(String file) {
        this.file = file;
    }

    String file() {
        return file;
    }

    void add(int line, String key, String message) {
        found.add(new Problem(file, line, key, message));
    }

    void add(Node at, String key, String message) {
        add(lineOf(at), key, message);
    }

    boolean isEmpty() {
        return found.isEmpty();
    }

    /** Throws the problems found so far, in line order, if there are any. */
    void throwIfAny() throws ProgramFileException {
        if (!found.isEmpty()) {
            List<Problem> byLine = new ArrayList<>(found);
            byLine.sort(Comparator.comparingInt(Problem::line));
            throw new ProgramFileException(byLine);
        }
    }

    /** The 1-based line a node starts on. */
    static int lineOf(Node node) {
        return node.getStartMark().map(mark -> mark.getLine() + 1).orElse(0);
    }
}
