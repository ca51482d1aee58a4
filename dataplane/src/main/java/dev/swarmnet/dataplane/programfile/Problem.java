package dev.swarmnet.dataplane.programfile;

/**
 * One thing wrong with a program file, located the way compilers locate errors.
 *
 * @param file the file as the user named it
 * @param line 1-based line, or 0 when the problem concerns the whole file (it cannot be read)
 * @param key where in the document, e.g. {@code services[0].algorithm}; empty for the file itself
 * @param message what is wrong, and what would be right
 */
public record Problem(String file, int line, String key, String message) {

    /** {@code program.yaml:12: services[0].algorithm: 'fastest' is not one of ...}. */
    @Override
    public String toString() {
        StringBuilder s = new StringBuilder(file);
        if (line > 0) {
            s.append(':').append(line);
        }
        s.append(": ");
        if (!key.isEmpty()) {
            s.append(key).append(": ");
        }
        return s.append(message).toString();
    }
}
