/**
 * The daemon's configuration file: one YAML file ({@code /etc/swarmnet/swarmnet.yaml}) with
 * every tunable, validated at start and on reload.
 *
 * <p>Design note. {@link dev.swarmnet.controlplane.config.SwarmnetConfig} is the schema: one
 * record per section, its components named as the file's keys, and {@code defaults()} the value
 * of a file that says nothing. {@link dev.swarmnet.controlplane.config.ConfigFile} reads a file
 * into it; reading is strict (unknown keys, wrong types, values out of range, old flat keys)
 * and collects every problem, each located as {@code file:line: section.key: message} naming
 * the allowed values, before refusing the file as a whole. A {@code YamlSection} reads one
 * mapping and knows which keys were asked for, so an unknown key is found without a second
 * list of keys to keep in step. Durations use Go's syntax ({@code cli.client.GoDuration}),
 * as Docker's CLI does.
 *
 * <p>The example file on the class path ({@code swarmnet.example.yaml}, printed by
 * {@code swarmnet config defaults}) documents every key at its default; a test reads it and
 * compares with {@code defaults()}, so the two cannot drift apart.
 *
 * <p>Reload. {@code SwarmnetConfig.keys()} flattens a configuration to {@code section.key}
 * texts; the difference between the running and the re-read file is the changed keys, of which
 * {@code LIVE_KEYS} are applied by the running daemon and the others wait for a restart (the
 * daemon package does the applying). Pure: no I/O but reading the file and the resource.
 */
package dev.swarmnet.controlplane.config;
