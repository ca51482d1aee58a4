package dev.swarmnet.dataplane.programfile;

import java.util.List;
import java.util.stream.Collectors;

/**
 * A program file that cannot be run, with every problem found in it, in file order per round
 * (see the package note). The message has one problem per line.
 */
public final class ProgramFileException extends Exception {
    private static final long serialVersionUID = 1L;

    private final transient List<Problem> problems;

    ProgramFileException(List<Problem> problems) {
        super(problems.stream().map(Problem::toString).collect(Collectors.joining("\n")), null, false, false);
        if (problems.isEmpty()) {
            throw new IllegalArgumentException("a program file exception needs at least one problem");
        }
        this.problems = List.copyOf(problems);
    }

    public List<Problem> problems() {
        return problems;
    }
}
