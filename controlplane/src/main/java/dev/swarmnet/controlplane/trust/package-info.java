/**
 * Cluster trust: the root CA, node certificates, join tokens, node identities on disk, and the
 * TLS contexts of the cluster port.
 *
 * <p>Design note. The chain is one level deep, as in Docker: a self-signed root
 * ({@link dev.swarmnet.controlplane.trust.ClusterCa}, CN {@code swarm-ca}, ECDSA P-256, 20
 * years) signs every node certificate directly (CN = node id, OU = {@code swarm-manager} or
 * {@code swarm-worker}, O = cluster id, 90 days). Both ends of every cluster connection present
 * such a certificate and accept only peers whose chain ends in the cluster root
 * ({@link dev.swarmnet.controlplane.trust.TlsContexts}); the server reads the peer's node id
 * and role from the verified certificate
 * ({@link dev.swarmnet.controlplane.trust.CertifiedNode}), never from anything the peer says.
 *
 * <p>What is secret, and where it lives. The CA private key exists only on managers, as a file
 * in each manager's data directory (never in the replicated state or its snapshots); a manager
 * that joins fetches it over mutual TLS with its manager certificate, never over the bootstrap
 * connection, so any manager may sign after a failover. A node's
 * private key is generated on that node and never leaves it: the node sends a PKCS#10 request
 * ({@link dev.swarmnet.controlplane.trust.NodeCsr}) and gets back a certificate. It is kept with
 * its certificate and the CA certificate in the node's data directory, files 0600 in a 0700
 * directory ({@link dev.swarmnet.controlplane.trust.NodeIdentity}). Join-token secrets live in
 * the replicated state and in the operator's hands; logs see them redacted.
 *
 * <p>Why the token pins the CA. A joining node has no certificate and knows nothing of the
 * cluster but the address it was given and the token. The token
 * ({@link dev.swarmnet.controlplane.trust.JoinToken}, {@code SWMTKN-1-<digest>-<secret>})
 * carries the SHA-256 of the CA certificate, so the bootstrap connection trusts the manager only
 * if the CA it presents hashes to that digest and the manager's certificate chains to it. A
 * machine in the middle cannot substitute its own CA and collect the secret; there is no trust
 * on first use. Only then does the node send the secret (which says worker or manager) and its
 * CSR. The digest is over the certificate's DER; Docker hashes the PEM bundle, so the format
 * matches Docker's but the digest values do not.
 *
 * <p>Rotation. Rotating a join token replaces its secret
 * ({@link dev.swarmnet.controlplane.trust.JoinTokens#rotate}); the old token is then refused,
 * and nodes that already joined are unaffected, since they hold certificates. Node certificates
 * expire after 90 days and are to be renewed by a fresh CSR over the mutual-TLS connection
 * (not yet implemented), as is rotating the root CA itself, which changes the digest and so
 * every token.
 *
 * <p>Everything here but {@code NodeIdentity.save/load} is pure: time is passed in as an
 * {@link java.time.Instant}, randomness comes from {@link java.security.SecureRandom}, and all
 * values are immutable and usable from any thread.
 */
package dev.swarmnet.controlplane.trust;
