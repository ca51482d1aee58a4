package dev.swarmnet.controlplane.runtime;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Properties;

/**
 * The state file of one task, {@code <stateDir>/<task id>.properties}: what a restarted daemon
 * needs to find the task again. Written atomically (temporary file, then rename).
 *
 * @param taskId          the task
 * @param namespace       its namespace
 * @param pid             its process, -1 before it started
 * @param startedAtMillis the process's start time as the kernel reports it (epoch ms), 0 before
 *                        it started: with the pid, tells the process from a later one that reused the pid
 */
record TaskRecord(String taskId, String namespace, long pid, long startedAtMillis) {
    static final String SUFFIX = ".properties";

    static Path fileOf(Path stateDir, String taskId) {
        return stateDir.resolve(taskId + SUFFIX);
    }

    TaskRecord started(long pid, long startedAtMillis) {
        return new TaskRecord(taskId, namespace, pid, startedAtMillis);
    }

    void write(Path stateDir) throws IOException {
        Files.createDirectories(stateDir);
        Properties properties = new Properties();
        properties.setProperty("taskId", taskId);
        properties.setProperty("namespace", namespace);
        properties.setProperty("pid", Long.toString(pid));
        properties.setProperty("startedAtMillis", Long.toString(startedAtMillis));
        Path file = fileOf(stateDir, taskId);
        Path temporary = stateDir.resolve("." + taskId + SUFFIX + ".tmp");
        try (Writer out = Files.newBufferedWriter(temporary, StandardCharsets.UTF_8)) {
            properties.store(out, "swarmnet task runtime state");
        }
        try {
            Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** Reads {@code file}; an unreadable or incomplete file is an IOException naming it and the problem. */
    static TaskRecord read(Path file) throws IOException {
        Properties properties = new Properties();
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(in);
        }
        try {
            return new TaskRecord(required(properties, "taskId", file), required(properties, "namespace", file),
                Long.parseLong(required(properties, "pid", file)),
                Long.parseLong(required(properties, "startedAtMillis", file)));
        } catch (NumberFormatException e) {
            throw new IOException(file + ": pid or startedAtMillis is not a number (" + e.getMessage() + ")");
        }
    }

    private static String required(Properties properties, String key, Path file) throws IOException {
        String value = properties.getProperty(key);
        if (value == null || value.isBlank()) {
            throw new IOException(file + ": " + key + " is missing");
        }
        return value.strip();
    }
}
