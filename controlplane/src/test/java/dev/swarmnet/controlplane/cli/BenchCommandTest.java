package dev.swarmnet.controlplane.cli;

import static dev.swarmnet.controlplane.cli.CliRun.swarmnet;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BenchCommandTest {

    @Test
    void findsTheSuiteInTheNearestDirectoryAboveThatHasOne(@TempDir Path checkout) throws IOException {
        Path run = Files.createDirectories(checkout.resolve("bench")).resolve("run");
        Files.writeString(run, "#!/bin/sh\n");
        Path jarDir = Files.createDirectories(checkout.resolve("controlplane/target"));

        assertThat(BenchCommand.find(jarDir)).contains(run.toAbsolutePath());
        assertThat(BenchCommand.find(checkout)).contains(run.toAbsolutePath());
    }

    @Test
    void findsNoSuiteOutsideACheckout(@TempDir Path elsewhere) {
        assertThat(BenchCommand.find(elsewhere)).isEmpty();
    }

    @Test
    void passesItsOptionsToTheSuite() {
        assertThat(BenchCommand.argv(Path.of("/r/bench/run"), true, Path.of("/tmp/out"), "jmh,mesh"))
            .containsExactly("/r/bench/run", "--quick", "--out", "/tmp/out", "--only", "jmh,mesh");
        assertThat(BenchCommand.argv(Path.of("/r/bench/run"), false, null, null)).containsExactly("/r/bench/run");
    }

    @Test
    void runsTheSuiteWithTheOptionsAndExitsWithItsStatus(@TempDir Path dir) throws IOException {
        Path args = dir.resolve("args.txt");
        Path suite = dir.resolve("run");
        Files.writeString(suite, "#!/bin/sh\necho \"$@\" > '" + args + "'\nexit 3\n");
        Files.setPosixFilePermissions(suite, PosixFilePermissions.fromString("rwx------"));

        CliRun run = swarmnet("bench", "--script", suite.toString(), "--quick", "--out", dir.resolve("r").toString());

        assertThat(run.exitCode()).isEqualTo(3);
        assertThat(Files.readAllLines(args)).isEqualTo(List.of("--quick --out " + dir.resolve("r")));
    }

    @Test
    void refusesASuiteThatIsNotExecutableByName(@TempDir Path dir) throws IOException {
        Path suite = Files.writeString(dir.resolve("run"), "#!/bin/sh\n");
        Files.setPosixFilePermissions(suite, PosixFilePermissions.fromString("rw-------"));

        CliRun run = swarmnet("bench", "--script", suite.toString());

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.stderr()).contains(suite + " is not an executable file");
    }
}
