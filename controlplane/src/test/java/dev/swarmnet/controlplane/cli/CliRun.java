package dev.swarmnet.controlplane.cli;

import dev.swarmnet.controlplane.standalone.RecordingPortFactory;
import java.io.PrintWriter;
import java.io.StringWriter;
import picocli.CommandLine;

/** Runs {@code swarmnet} in this JVM with captured output. */
record CliRun(int exitCode, String stdout, String stderr) {

    static CliRun swarmnet(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine line = Swarmnet.commandLine(new RecordingPortFactory());
        line.setOut(new PrintWriter(out, true));
        line.setErr(new PrintWriter(err, true));
        int code = line.execute(args);
        return new CliRun(code, out.toString(), err.toString());
    }
}
