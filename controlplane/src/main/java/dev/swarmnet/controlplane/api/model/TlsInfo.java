package dev.swarmnet.controlplane.api.model;

/** The cluster's trust root and certificate issuer ({@code TLSInfo}); byte arrays encode as base64, as in Go. */
public record TlsInfo(String trustRoot, byte[] certIssuerSubject, byte[] certIssuerPublicKey) {
}
