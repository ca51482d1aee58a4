package dev.swarmnet.controlplane.cli.client;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/** {@code key=value} flags ({@code --label}, {@code --opt}) as a JSON object. Pure. */
final class KeyValues {

    private KeyValues() {
    }

    /**
     * The flags as an object; a flag without {@code =} maps its key to {@code ""} as Docker's
     * {@code ConvertKVStringsToMap} does.
     *
     * @throws IllegalArgumentException for a flag with an empty key
     */
    static ObjectNode map(List<String> flags, String flagName) {
        ObjectNode map = ApiClient.json().createObjectNode();
        for (String flag : flags) {
            int equals = flag.indexOf('=');
            String key = equals < 0 ? flag : flag.substring(0, equals);
            if (key.isBlank()) {
                throw new IllegalArgumentException("invalid --" + flagName + " '" + flag + "': empty key");
            }
            map.put(key, equals < 0 ? "" : flag.substring(equals + 1));
        }
        return map;
    }

    /** The key of an {@code K=V} environment entry. */
    static String envKey(String entry) {
        int equals = entry.indexOf('=');
        return equals < 0 ? entry : entry.substring(0, equals);
    }
}
