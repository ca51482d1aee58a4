package dev.swarmnet.dataplane.programfile;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Compose;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.Node;

/**
 * Reads a program file (YAML 1.2, so JSON too) into a validated {@link ProgramSpec}. Stateless
 * and thread-safe; touches nothing but the file it reads.
 */
public final class ProgramFile {
    /** Larger files are refused before parsing; a node's program is far smaller. */
    static final int MAX_CODE_POINTS = 16 << 20;
    /** Anchors are no use in a program; a small limit keeps alias bombs out. */
    static final int MAX_ALIASES = 50;

    private ProgramFile() {
    }

    /**
     * Reads, parses and validates {@code path}, including a trial compilation, so that a spec
     * returned here compiles.
     *
     * @throws ProgramFileException listing every problem found, each with the file, line and key
     */
    public static ProgramSpec load(Path path) throws ProgramFileException {
        String label = path.toString();
        String text;
        try {
            text = TextFile.read(path);
        } catch (TextFile.Unreadable e) {
            throw fileProblem(label, e.getMessage());
        }
        return parse(label, text);
    }

    /**
     * Parses and validates {@code text} as if read from a file named {@code label}.
     *
     * @throws ProgramFileException listing every problem found
     */
    public static ProgramSpec parse(String label, String text) throws ProgramFileException {
        Problems problems = new Problems(label);
        Optional<Node> root;
        try {
            LoadSettings settings = LoadSettings.builder()
                    .setLabel(label)
                    .setCodePointLimit(MAX_CODE_POINTS)
                    .setMaxAliasesForCollections(MAX_ALIASES)
                    .setAllowRecursiveKeys(false)
                    .build();
            root = new Compose(settings).composeString(text);
        } catch (MarkedYamlEngineException e) {
            int line = e.getProblemMark().or(e::getContextMark).map(Mark::getLine).orElse(-1) + 1;
            throw new ProgramFileException(List.of(new Problem(label, line, "", "not valid YAML: " + syntaxMessage(e))));
        } catch (YamlEngineException e) {
            throw fileProblem(label, "not valid YAML: " + e.getMessage());
        }
        if (root.isEmpty()) {
            throw fileProblem(label, "is empty; a program needs at least node: and networks:");
        }
        ProgramSpec spec = new SpecReader(problems).read(root.get());
        problems.throwIfAny();
        spec.compile(spec.densePortIds());
        return spec;
    }

    private static String syntaxMessage(MarkedYamlEngineException e) {
        String problem = e.getProblem();
        String context = e.getContext();
        if (context == null || context.isEmpty()) {
            return problem;
        }
        return context + ", " + problem;
    }

    private static ProgramFileException fileProblem(String label, String message) {
        return new ProgramFileException(List.of(new Problem(label, 0, "", message)));
    }
}
