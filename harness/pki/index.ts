/**
 * The harness PKI: a node-forge CA, per-provider certificates for the
 * provider and DS domains, negative variants for the TLS checks, and a key
 * pool so that many providers start at once.
 *
 * @example
 * import { createHarnessPki } from 'mimi-transport-harness/pki';
 */
export { CertificateVariant, createHarnessPki, type HarnessPki, type HarnessPkiOptions, type ServerCredentials } from './authority.js';
export { issueCertificate, type CertificateSpec } from './certificate.js';
export { createKeyPool, type KeyPair, type KeyPool, type KeyPoolOptions } from './key-pool.js';
