package dev.swarmnet.controlplane.model;

/**
 * References to the cluster CA (Docker's {@code TLSInfo}); the key material itself is kept by the
 * trust code, not in the replicated state.
 *
 * @param trustRoot           root CA certificate, PEM
 * @param certIssuerSubject   issuer subject, base64 DER
 * @param certIssuerPublicKey issuer public key, base64 DER
 */
public record TlsInfo(String trustRoot, String certIssuerSubject, String certIssuerPublicKey) {
    public TlsInfo {
        trustRoot = trustRoot == null ? "" : trustRoot;
        certIssuerSubject = certIssuerSubject == null ? "" : certIssuerSubject;
        certIssuerPublicKey = certIssuerPublicKey == null ? "" : certIssuerPublicKey;
    }

    /** No CA information yet. */
    public static TlsInfo none() {
        return new TlsInfo("", "", "");
    }
}
