package dev.swarmnet.controlplane.api.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/** The answer to {@code POST /services/{id}/update}; never empty, the CLI decodes it. */
public record ServiceUpdateResponse(@JsonInclude(JsonInclude.Include.ALWAYS) List<String> warnings) {
}
