package dev.swarmnet.controlplane.daemon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.swarmnet.controlplane.api.ApiServerConfig;
import dev.swarmnet.controlplane.cli.Swarmnet;
import dev.swarmnet.controlplane.raft.RaftStoreConfig;
import dev.swarmnet.controlplane.standalone.RecordingPortFactory;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class DaemonConfigFileTest {
    private static final String FILE = "swarmnet.yaml";
    private static final String KNOWN = "(known: dataDir, socket, tcp, raftPort, clusterPort, hostname, taskPrefix, images)";

    @TempDir
    Path dir;

    @Test
    void aValidFileShouldGiveTheConfig() throws Exception {
        Path file = write("""
                # all of them
                dataDir: /srv/swarmnet
                socket: /run/sn/sn.sock
                tcp: 127.0.0.1:12375
                raftPort: 12378
                clusterPort: 12377
                hostname: node-a
                """);

        DaemonConfig config = DaemonConfigFile.read(file).toConfig();

        assertThat(config.dataDir()).isEqualTo(Path.of("/srv/swarmnet"));
        assertThat(config.api().unixSocket()).isEqualTo(Path.of("/run/sn/sn.sock"));
        assertThat(config.api().tcp()).isEqualTo(new InetSocketAddress("127.0.0.1", 12375));
        assertThat(config.raftPort()).isEqualTo(12378);
        assertThat(config.clusterPort()).isEqualTo(12377);
        assertThat(config.hostname()).isEqualTo("node-a");
    }

    @Test
    void keysLeftOutShouldKeepTheDaemonsDefaults() throws Exception {
        DaemonConfig config = DaemonConfigFile.parse(FILE, "tcp: none\n").toConfig();

        assertThat(config.dataDir()).isEqualTo(DaemonConfig.DEFAULT_DATA_DIR);
        assertThat(config.api().unixSocket()).isEqualTo(ApiServerConfig.DEFAULT_UNIX_SOCKET);
        assertThat(config.api().tcp()).isNull();
        assertThat(config.raftPort()).isEqualTo(RaftStoreConfig.DEFAULT_PORT);
        assertThat(config.clusterPort()).isEqualTo(DaemonConfig.DEFAULT_CLUSTER_PORT);
        assertThat(config.hostname()).isNull();
    }

    @Test
    void anEmptyFileShouldSetNothing() throws Exception {
        assertThat(DaemonConfigFile.parse(FILE, "# nothing yet\n")).isEqualTo(DaemonConfigFile.Settings.NONE);
    }

    @Test
    void commandLineSettingsShouldOverrideTheFile() throws Exception {
        DaemonConfigFile.Settings file = DaemonConfigFile.parse(FILE, """
                dataDir: /srv/swarmnet
                raftPort: 12378
                hostname: from-file
                """);
        DaemonConfigFile.Settings flags = new DaemonConfigFile.Settings(null, null, "none", 22378, null, "from-flag");

        DaemonConfig config = file.overriddenBy(flags).toConfig();

        assertThat(config.dataDir()).isEqualTo(Path.of("/srv/swarmnet"));
        assertThat(config.raftPort()).isEqualTo(22378);
        assertThat(config.hostname()).isEqualTo("from-flag");
        assertThat(config.api().tcp()).isNull();
    }

    @Test
    void anUnknownKeyShouldBeNamedWithItsLineAndTheKnownKeys() {
        assertProblems("""
                dataDir: /srv/swarmnet
                socket: /run/sn.sock
                raftPrt: 2380
                """, FILE + ":3: raftPrt: unknown key " + KNOWN);
    }

    @Test
    void imagesShouldMapToCommandsThatTasksRun() throws Exception {
        DaemonConfig config = DaemonConfigFile.parse(FILE, """
                taskPrefix: lab-
                images:
                  nginx: [/usr/sbin/nginx, -g, "daemon off;"]
                """).toConfig();
        assertThat(config.agent().images().argv(dev.swarmnet.controlplane.model.ContainerSpec.of("nginx:1.27")))
                .containsExactly("/usr/sbin/nginx", "-g", "daemon off;");
        assertThat(config.agent().runtime().namespaceOf("t1")).isEqualTo("lab-t1");
    }

    @Test
    void anImageWithoutAListOfWordsShouldBeNamedWithItsLine() {
        assertProblems("""
                images:
                  nginx: /usr/sbin/nginx -g daemon off
                """, FILE + ":2: images.nginx: expected the command as a non-empty list of words, e.g. "
                + "[/usr/bin/python3, -m, http.server, \"80\"], got '/usr/sbin/nginx -g daemon off'");
    }

    @Test
    void aPortThatIsNotANumberShouldBeAWrongType() {
        assertProblems("""
                raftPort: abc
                """, FILE + ":1: raftPort: expected an integer in 1..65535, got 'abc'");
    }

    @Test
    void aPortOutOfRangeShouldBeRefused() {
        assertProblems("""
                hostname: a
                clusterPort: 70000
                """, FILE + ":2: clusterPort: 70000 is outside 1..65535");
    }

    @Test
    void aListWhereAPathBelongsShouldBeAWrongType() {
        assertProblems("""
                dataDir:
                  - /a
                """, FILE + ":2: dataDir: expected a path, got a list");
    }

    @Test
    void aBadTcpAddressShouldSayWhatIsWanted() {
        assertProblems("""
                tcp: localhost:2375
                """, FILE + ":1: tcp: 'localhost:2375': want IP:PORT (e.g. 127.0.0.1:2375) or none");
    }

    @Test
    void anEmptyValueShouldBeAWrongType() {
        assertProblems("""
                hostname:
                """, FILE + ":1: hostname: expected a hostname, got nothing");
    }

    @Test
    void aKeyGivenTwiceShouldBeRefused() {
        assertProblems("""
                raftPort: 2380
                raftPort: 2381
                """, FILE + ":2: raftPort: given twice (first on line 1)");
    }

    @Test
    void aFileThatIsNotAMappingShouldBeRefused() {
        assertProblems("""
                - dataDir
                """, FILE + ":1: expected a mapping with keys dataDir, socket, tcp, raftPort, clusterPort, "
                + "hostname, taskPrefix, images, got a list");
    }

    @Test
    void invalidYamlShouldBeReportedWithItsLine() {
        assertThatThrownBy(() -> DaemonConfigFile.parse(FILE, "dataDir: /a\nsocket: [unclosed\n"))
                .isInstanceOf(DaemonConfigFile.InvalidException.class)
                .hasMessageStartingWith(FILE + ":3: not valid YAML: ");
    }

    @Test
    void everyProblemShouldBeReportedAtOnceInLineOrder() {
        assertProblems("""
                dataDir: /srv/swarmnet
                raftPrt: 2380
                tcp: 1.2.3.4
                clusterPort: 0
                raftPort: [1]
                """,
                FILE + ":2: raftPrt: unknown key " + KNOWN,
                FILE + ":3: tcp: '1.2.3.4': want IP:PORT (e.g. 127.0.0.1:2375) or none",
                FILE + ":4: clusterPort: 0 is outside 1..65535",
                FILE + ":5: raftPort: expected an integer in 1..65535, got a list");
    }

    @Test
    void aMissingFileShouldBeNamed() {
        Path missing = dir.resolve("nope.yaml");

        assertThatThrownBy(() -> DaemonConfigFile.read(missing))
                .hasMessage(missing + ": no such file");
    }

    @Test
    void theDaemonShouldExitTwoNamingAMissingConfigFile() {
        Path missing = dir.resolve("nope.yaml");

        Run run = daemon("--config", missing.toString());

        assertThat(run.code).isEqualTo(2);
        assertThat(run.err).isEqualTo(missing + ": no such file\n");
        assertThat(run.out).isEmpty();
    }

    @Test
    void theDaemonShouldExitTwoWithEveryProblemOfABadFileAndStartNothing() throws Exception {
        Path dataDir = dir.resolve("data");
        Path file = write("""
                dataDir: %s
                raftPrt: 2380
                clusterPort: 99999
                """.formatted(dataDir));

        Run run = daemon("--config", file.toString(), "--socket", dir.resolve("s.sock").toString(), "--tcp", "none");

        assertThat(run.code).isEqualTo(2);
        assertThat(run.err).isEqualTo(file + ":2: raftPrt: unknown key " + KNOWN + "\n"
                + file + ":3: clusterPort: 99999 is outside 1..65535\n");
        assertThat(dataDir).doesNotExist();
        assertThat(dir.resolve("s.sock")).doesNotExist();
    }

    @Test
    void aPortClashLeftAfterTheCommandLineShouldBeABadCommandLine() throws Exception {
        Path file = write("raftPort: 12378\n");

        Run run = daemon("--config", file.toString(), "--cluster-port", "12378");

        assertThat(run.code).isEqualTo(2);
        assertThat(run.err).contains("the Raft port and the cluster port must differ, both are 12378");
    }

    private void assertProblems(String yaml, String... lines) {
        assertThatThrownBy(() -> DaemonConfigFile.parse(FILE, yaml))
                .isInstanceOf(DaemonConfigFile.InvalidException.class)
                .hasMessage(String.join("\n", lines));
    }

    private Path write(String yaml) throws IOException {
        Path file = dir.resolve(FILE);
        Files.writeString(file, yaml);
        return file;
    }

    private record Run(int code, String out, String err) {
    }

    private static Run daemon(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine line = Swarmnet.commandLine(new RecordingPortFactory());
        line.setOut(new PrintWriter(out, true));
        line.setErr(new PrintWriter(err, true));
        String[] all = new String[args.length + 1];
        all[0] = "daemon";
        System.arraycopy(args, 0, all, 1, args.length);
        int code = line.execute(all);
        return new Run(code, out.toString(), err.toString().replace(System.lineSeparator(), "\n"));
    }
}
