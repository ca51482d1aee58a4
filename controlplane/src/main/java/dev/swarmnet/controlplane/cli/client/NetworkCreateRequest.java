package dev.swarmnet.controlplane.cli.client;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * The body {@code docker network create} posts to {@code /networks/create} (docker-api.md §4), in
 * the Go client's field order. Pure.
 */
public final class NetworkCreateRequest {

    private NetworkCreateRequest() {
    }

    /**
     * @param name       the network's name
     * @param driver     {@code overlay}, {@code bridge}, ...
     * @param subnets    {@code --subnet} values (CIDR)
     * @param gateways   {@code --gateway} values, the n-th for the n-th subnet
     * @param attachable {@code --attachable}
     * @param options    {@code --opt k=v} flags
     * @param labels     {@code --label k=v} flags
     * @throws IllegalArgumentException for a gateway without a subnet or an option without a key
     */
    public static ObjectNode body(String name, String driver, List<String> subnets, List<String> gateways,
                                  boolean attachable, List<String> options, List<String> labels) {
        if (gateways.size() > subnets.size()) {
            throw new IllegalArgumentException("every ip-range or gateway must have a corresponding subnet");
        }
        ObjectNode body = ApiClient.json().createObjectNode();
        body.put("Driver", driver);
        body.put("Scope", "");
        ObjectNode ipam = body.putObject("IPAM");
        ipam.put("Driver", "default");
        ipam.putObject("Options");
        ArrayNode config = ipam.putArray("Config");
        for (int i = 0; i < subnets.size(); i++) {
            ObjectNode pool = config.addObject();
            pool.put("Subnet", subnets.get(i));
            if (i < gateways.size()) {
                pool.put("Gateway", gateways.get(i));
            }
        }
        body.put("Internal", false);
        body.put("Attachable", attachable);
        body.put("Ingress", false);
        body.put("ConfigOnly", false);
        body.putNull("ConfigFrom");
        body.set("Options", KeyValues.map(options, "opt"));
        body.set("Labels", KeyValues.map(labels, "label"));
        body.put("Name", name);
        return body;
    }
}
