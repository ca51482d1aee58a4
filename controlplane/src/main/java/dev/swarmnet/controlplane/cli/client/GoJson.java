package dev.swarmnet.controlplane.cli.client;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectWriter;

/**
 * JSON text as Go's {@code encoding/json} writes it, which is what Docker's CLI prints:
 * {@code MarshalIndent(v, "", "    ")} for {@code inspect} ({@code "Key": value}, four spaces, empty
 * arrays and objects as {@code []} and {@code {}}), and {@code Marshal} for {@code --format json}.
 * Thread-safe.
 */
public final class GoJson {

    private static final ObjectWriter INDENTED;
    private static final ObjectWriter COMPACT = ApiClient.json().writer();

    static {
        DefaultIndenter fourSpaces = new DefaultIndenter("    ", "\n");
        Separators separators = Separators.createDefaultInstance()
                .withObjectFieldValueSpacing(Separators.Spacing.AFTER)
                .withObjectEmptySeparator("")
                .withArrayEmptySeparator("");
        DefaultPrettyPrinter printer = new DefaultPrettyPrinter(separators)
                .withObjectIndenter(fourSpaces)
                .withArrayIndenter(fourSpaces);
        INDENTED = ApiClient.json().writer(printer);
    }

    private GoJson() {
    }

    /** Indented with four spaces, no trailing newline. */
    public static String indented(JsonNode value) {
        try {
            return INDENTED.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot print JSON", e);
        }
    }

    /** On one line, no trailing newline. */
    public static String compact(Object value) {
        try {
            return COMPACT.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot print JSON", e);
        }
    }
}
