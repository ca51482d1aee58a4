package dev.swarmnet.controlplane.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import java.io.IOException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/**
 * The JSON dialect of the Docker API, as Go's {@code encoding/json} speaks it: upper-camel-case
 * property names, {@code null}s omitted, unknown properties ignored, property names matched
 * case-insensitively, times as RFC 3339 with up to nine fractional digits (trailing zeros
 * dropped, like Go's {@code RFC3339Nano}). Thread-safe; one shared instance.
 */
public final class DockerJson {

    private static final DateTimeFormatter RFC3339_NANO = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss");

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.UPPER_CAMEL_CASE)
            .serializationInclusion(JsonInclude.Include.NON_NULL)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
            .enable(MapperFeature.ACCEPT_CASE_INSENSITIVE_PROPERTIES)
            .addModule(new SimpleModule("rfc3339")
                    .addSerializer(Instant.class, new InstantSerializer())
                    .addDeserializer(Instant.class, new InstantDeserializer()))
            .build();

    private DockerJson() {
    }

    /** Encodes a response body. */
    public static byte[] write(Object value) {
        try {
            return MAPPER.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot encode " + value.getClass().getSimpleName(), e);
        }
    }

    /**
     * Decodes a request body.
     *
     * @throws ApiException 400 naming the problem: an empty body, malformed JSON with its
     *                      position, or a value a field cannot take
     */
    public static <T> T read(byte[] body, Class<T> type) {
        if (body.length == 0) {
            throw ApiException.badRequest("got EOF while reading request body");
        }
        try {
            T value = MAPPER.readValue(body, type);
            if (value == null) {
                throw ApiException.badRequest("invalid JSON in request body: expected an object, got null");
            }
            return value;
        } catch (JsonMappingException e) {
            Throwable cause = e.getCause();
            if (cause instanceof IllegalArgumentException && cause.getMessage() != null) {
                throw ApiException.badRequest(cause.getMessage());
            }
            throw ApiException.badRequest("invalid JSON in request body: " + e.getOriginalMessage()
                    + " at " + location(e));
        } catch (JsonProcessingException e) {
            throw ApiException.badRequest("invalid JSON in request body: " + e.getOriginalMessage()
                    + " at " + location(e));
        } catch (IOException e) {
            throw ApiException.badRequest("cannot read request body: " + e.getMessage());
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest(e.getMessage());
        }
    }

    /** The shared mapper, for tests and for decoding parts of queries such as filters. */
    static ObjectMapper mapper() {
        return MAPPER;
    }

    private static String location(JsonProcessingException e) {
        var where = e.getLocation();
        if (where == null) {
            return "unknown position";
        }
        String path = e instanceof JsonMappingException m && !m.getPath().isEmpty()
                ? " (" + m.getPathReference().replace("dev.swarmnet.controlplane.api.model.", "") + ")" : "";
        return "line " + where.getLineNr() + ", column " + where.getColumnNr() + path;
    }

    /** Formats an instant as Go's {@code time.RFC3339Nano}. */
    static String formatTime(Instant time) {
        OffsetDateTime utc = time.atOffset(ZoneOffset.UTC);
        StringBuilder text = new StringBuilder(35).append(RFC3339_NANO.format(utc));
        int nanos = utc.getNano();
        if (nanos != 0) {
            String fraction = String.format("%09d", nanos);
            int end = fraction.length();
            while (fraction.charAt(end - 1) == '0') {
                end--;
            }
            text.append('.').append(fraction, 0, end);
        }
        return text.append('Z').toString();
    }

    private static final class InstantSerializer extends JsonSerializer<Instant> {
        @Override
        public void serialize(Instant value, JsonGenerator gen, SerializerProvider serializers) throws IOException {
            gen.writeString(formatTime(value));
        }
    }

    private static final class InstantDeserializer extends JsonDeserializer<Instant> {
        @Override
        public Instant deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            String text = p.getValueAsString();
            try {
                return OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException("invalid RFC 3339 time \"" + text + "\"", e);
            }
        }
    }
}
