package dev.swarmnet.controlplane.logs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Reading one task's log file: its tail, what is appended, partial lines, truncation, deletion. */
class TaskLogFileTest {
    private Path dir;
    private Path file;

    @BeforeEach
    void createDirectory() throws IOException {
        dir = Files.createTempDirectory("swlogs" + ProcessHandle.current().pid());
        file = dir.resolve("task.log");
    }

    @AfterEach
    void deleteDirectory() throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }

    @Test
    void theTailOfAFileLargerThanManyBlocksIsItsLastLinesInOrder() throws IOException {
        try (OutputStream out = Files.newOutputStream(file)) {
            for (int i = 0; i < 200_000; i++) {
                out.write(("line " + i + "\n").getBytes(StandardCharsets.US_ASCII));
            }
        }
        assertThat(Files.size(file)).isGreaterThan(20L * TaskLogFile.BLOCK_BYTES);

        try (TaskLogFile log = TaskLogFile.open(file, 3)) {
            assertThat(text(log.read(100, 1 << 20, false))).containsExactly("line 199997", "line 199998", "line 199999");
            assertThat(log.read(100, 1 << 20, true)).isEmpty();
        }
    }

    @Test
    void aTailThatSpansABlockBoundaryCountsEveryLine() throws IOException {
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < 5000; i++) {
            lines.add("x".repeat(i % 97) + i);
        }
        Files.write(file, lines);

        try (TaskLogFile log = TaskLogFile.open(file, 4000)) {
            assertThat(text(readAll(log))).isEqualTo(lines.subList(1000, 5000));
        }
    }

    @Test
    void aTailLongerThanTheFileIsTheWholeFileAndNegativeMeansAll() throws IOException {
        write("a\nb\n");

        try (TaskLogFile more = TaskLogFile.open(file, 10); TaskLogFile all = TaskLogFile.open(file, -1)) {
            assertThat(text(more.read(10, 1000, true))).containsExactly("a", "b");
            assertThat(text(all.read(10, 1000, true))).containsExactly("a", "b");
        }
    }

    @Test
    void aTailOfZeroReadsOnlyLinesAppendedAfterOpening() throws IOException {
        write("old\n");

        try (TaskLogFile log = TaskLogFile.open(file, 0)) {
            assertThat(log.read(10, 1000, false)).isEmpty();
            append("new\n");
            assertThat(text(log.read(10, 1000, false))).containsExactly("new");
        }
    }

    @Test
    void aPartialLastLineCountsInTheTailAndIsDeliveredWhenCompletedOrAtTheEnd() throws IOException {
        write("one\ntwo\nthr");

        try (TaskLogFile following = TaskLogFile.open(file, 2); TaskLogFile once = TaskLogFile.open(file, 2)) {
            assertThat(text(following.read(10, 1000, false))).containsExactly("two");
            append("ee\nfour");
            assertThat(text(following.read(10, 1000, false))).containsExactly("three");

            assertThat(text(once.read(10, 1000, true))).containsExactly("two", "three", "four");
        }
    }

    @Test
    void followingDeliversLinesAsTheyAreAppendedWithinTheLimitsOfEachRead() throws IOException {
        write("");

        try (TaskLogFile log = TaskLogFile.open(file, -1)) {
            assertThat(log.read(10, 1000, false)).isEmpty();
            append("1\n2\n3\n4\n5\n");
            assertThat(text(log.read(2, 1000, false))).containsExactly("1", "2");
            assertThat(text(log.read(10, 4, false))).containsExactly("3", "4");
            assertThat(text(log.read(10, 1000, false))).containsExactly("5");
            assertThat(log.caughtUp()).isTrue();
        }
    }

    @Test
    void aReaderStoppedAtTheCurrentEndIgnoresLaterLines() throws IOException {
        write("a\nb");

        try (TaskLogFile log = TaskLogFile.open(file, -1)) {
            log.stopAtCurrentEnd();
            append("c\nd\n");
            assertThat(text(log.read(10, 1000, true))).containsExactly("a", "b");
            assertThat(log.caughtUp()).isTrue();
            assertThat(log.read(10, 1000, true)).isEmpty();
        }
    }

    @Test
    void aLineLongerThanTheLimitIsCutIntoPieces() throws IOException {
        write("y".repeat(TaskLogFile.MAX_LINE_BYTES * 2 + 5) + "\n");

        try (TaskLogFile log = TaskLogFile.open(file, -1)) {
            assertThat(readAll(log)).extracting(line -> line.length)
                    .containsExactly(TaskLogFile.MAX_LINE_BYTES, TaskLogFile.MAX_LINE_BYTES, 5);
        }
    }

    @Test
    void aTruncatedFileIsReadAgainFromItsBeginning() throws IOException {
        write("first\nsecond\n");

        try (TaskLogFile log = TaskLogFile.open(file, -1)) {
            assertThat(text(log.read(10, 1000, false))).containsExactly("first", "second");
            write("new\n");
            assertThat(text(log.read(10, 1000, false))).containsExactly("new");
        }
    }

    @Test
    void aDeletedFileSaysSoAndStillYieldsWhatWasWrittenBeforeTheDeletion() throws IOException {
        write("kept\nlast");

        try (TaskLogFile log = TaskLogFile.open(file, -1)) {
            assertThat(log.deleted()).isFalse();
            Files.delete(file);
            assertThat(log.deleted()).isTrue();
            assertThat(text(log.read(10, 1000, true))).containsExactly("kept", "last");
        }
    }

    @Test
    void openingAMissingFileFailsWithNoSuchFile() {
        assertThatThrownBy(() -> TaskLogFile.open(dir.resolve("none.log"), 10)).isInstanceOf(NoSuchFileException.class);
    }

    @Test
    void linesKeepTheirExactBytes() throws IOException {
        Files.write(file, new byte[] {(byte) 0xff, 0, 'a', '\r', '\n'});

        try (TaskLogFile log = TaskLogFile.open(file, 1)) {
            assertThat(log.read(10, 1000, true)).containsExactly(new byte[] {(byte) 0xff, 0, 'a', '\r'});
        }
    }

    private static List<byte[]> readAll(TaskLogFile log) throws IOException {
        List<byte[]> all = new ArrayList<>();
        for (List<byte[]> batch = log.read(100, 4096, true); !batch.isEmpty(); batch = log.read(100, 4096, true)) {
            all.addAll(batch);
        }
        return all;
    }

    private static List<String> text(List<byte[]> lines) {
        return lines.stream().map(line -> new String(line, StandardCharsets.UTF_8)).toList();
    }

    private void write(String text) throws IOException {
        Files.writeString(file, text);
    }

    private void append(String text) throws IOException {
        Files.writeString(file, text, StandardOpenOption.APPEND);
    }
}
