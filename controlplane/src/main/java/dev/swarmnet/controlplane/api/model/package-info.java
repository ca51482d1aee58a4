/**
 * The Docker Engine API objects that swarmnet reads and writes, as plain immutable records.
 *
 * <p>Design note. Each record mirrors one Go type of moby's {@code api/types} and encodes to
 * exactly its JSON: property names are the Go names ({@code ID}, {@code Version.Index},
 * {@code Spec.Role}, {@code ManagerStatus.Reachability}), produced by the upper-camel-case
 * naming of {@code dev.swarmnet.controlplane.api.DockerJson} with {@code @JsonProperty} where Go
 * spells an initialism ({@code NodeID}, {@code TLSInfo}, {@code CAConfig}). Times are
 * {@link java.time.Instant}s written as RFC 3339 with nanoseconds; durations are {@code long}
 * nanoseconds, as Go's {@code time.Duration} encodes. {@code null} means Go's omitted or zero
 * value and is left out of the JSON. Enums write their lower-case wire value.
 *
 * <p>Request records ({@code ServiceSpec}, {@code NetworkCreateRequest}) hold only the fields
 * swarmnet honours; fields it refuses are kept as {@link com.fasterxml.jackson.databind.JsonNode}
 * only where they must be named in a refusal (jobs, {@code ConfigFrom}). Response records leave
 * Go's {@code omitempty} fields out when {@code null}; {@code network inspect} prints the server's
 * JSON verbatim, so {@code Network} keeps Docker's field order and always-present maps.
 *
 * <p>These records are the vocabulary of {@code SwarmBackend}: the daemon fills them from the
 * cluster state; nothing here knows about HTTP or the store. All are immutable and usable from
 * any thread.
 */
package dev.swarmnet.controlplane.api.model;
