package dev.swarmnet.controlplane.trust;

import java.security.cert.Certificate;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x500.style.IETFUtils;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;

/**
 * Who a node certificate names: subject CN = node id, OU = role, O = cluster id (Docker's
 * shape). Read from a certificate that has already been verified; immutable; any thread.
 */
public record CertifiedNode(String nodeId, NodeRole role, String clusterId) {

    /** The node named by {@code certificate}'s subject; throws if it is not a node certificate. */
    public static CertifiedNode of(X509Certificate certificate) {
        X500Name subject;
        try {
            subject = new JcaX509CertificateHolder(certificate).getSubject();
        } catch (CertificateEncodingException e) {
            throw new IllegalArgumentException("unreadable certificate: " + e.getMessage(), e);
        }
        return new CertifiedNode(
                single(subject, BCStyle.CN, "CN"),
                NodeRole.fromOu(single(subject, BCStyle.OU, "OU")),
                single(subject, BCStyle.O, "O"));
    }

    /** The peer of an established TLS session (its verified leaf certificate). */
    public static CertifiedNode ofPeer(SSLSession session) throws SSLPeerUnverifiedException {
        Certificate[] chain = session.getPeerCertificates();
        return of((X509Certificate) chain[0]);
    }

    private static String single(X500Name subject, ASN1ObjectIdentifier type, String name) {
        RDN[] rdns = subject.getRDNs(type);
        if (rdns.length != 1) {
            throw new IllegalArgumentException(
                    "not a swarm node certificate: expected one " + name + " in '" + subject + "'");
        }
        return IETFUtils.valueToString(rdns[0].getFirst().getValue());
    }
}
