package dev.swarmnet.dataplane.programfile;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Reads a configuration file as UTF-8 text, turning every way that can fail into one short
 * phrase ("no such file", "is not UTF-8 text", "cannot be read (...)") for the caller to report
 * against the file's name. Used by program files and the daemon's config file alike.
 */
public final class TextFile {
    private TextFile() {
    }

    /** Why a file could not be read, as a phrase that follows the file's name. */
    public static final class Unreadable extends Exception {
        private static final long serialVersionUID = 1L;

        Unreadable(String phrase, Throwable cause) {
            super(phrase, cause);
        }
    }

    public static String read(Path path) throws Unreadable {
        try {
            return Files.readString(path, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new Unreadable("no such file", e);
        } catch (CharacterCodingException e) {
            throw new Unreadable("is not UTF-8 text", e);
        } catch (IOException e) {
            throw new Unreadable("cannot be read (" + e.getMessage() + ")", e);
        }
    }
}
