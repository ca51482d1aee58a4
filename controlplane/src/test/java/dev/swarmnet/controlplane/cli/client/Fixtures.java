package dev.swarmnet.controlplane.cli.client;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;

/** Parses JSON fixtures written inline in tests. */
final class Fixtures {
    private Fixtures() {
    }

    static JsonNode json(String text) {
        try {
            return ApiClient.json().readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
