import { createPrivateKey, createPublicKey, sign, type KeyObject } from 'node:crypto';
import forge from 'node-forge';
import type { KeyPair } from './key-pool.js';

/** What goes into one X.509 certificate. */
export interface CertificateSpec {
  readonly subjectCommonName: string;
  readonly issuerCommonName: string;
  /** DNS subjectAltNames (RFC 5280 §4.2.1.6); hostname checks use only these. */
  readonly dnsNames: readonly string[];
  readonly notBefore: Date;
  readonly notAfter: Date;
  readonly serial: number;
  readonly isCa: boolean;
  /** The key certified. */
  readonly subjectKey: KeyPair;
  /** The key that signs (the issuer's; the subject's own for a self-signed certificate). */
  readonly signingKey: KeyPair;
}

/** forge has getTBSCertificate at run time; its type declarations omit it. */
interface ForgeTbs {
  getTBSCertificate(cert: forge.pki.Certificate): forge.asn1.Asn1;
}

const { asn1 } = forge;
const OID = { sha256WithRSAEncryption: '1.2.840.113549.1.1.11', ecdsaWithSha256: '1.2.840.10045.4.3.2' } as const;
/** TBSCertificate fields (RFC 5280 §4.1): [0] version, serialNumber, signature, issuer, validity, subject, subjectPublicKeyInfo, extensions. */
const TBS_SIGNATURE = 2;
const TBS_SPKI = 6;

/** A forge ASN.1 value from DER bytes. */
function fromDer(der: Buffer): forge.asn1.Asn1 {
  return asn1.fromDer(forge.util.createBuffer(der.toString('binary')));
}

/**
 * The AlgorithmIdentifier for SHA-256 with the signing key's type: RSA
 * (PKCS #1 v1.5, NULL parameters, RFC 4055 §5) or ECDSA (parameters absent,
 * RFC 5758 §3.2). forge knows only RSA, so this is built by hand.
 */
function signatureAlgorithm(signingKey: KeyObject): forge.asn1.Asn1 {
  const ec = signingKey.asymmetricKeyType === 'ec';
  const oid = asn1.create(asn1.Class.UNIVERSAL, asn1.Type.OID, false, asn1.oidToDer(ec ? OID.ecdsaWithSha256 : OID.sha256WithRSAEncryption).getBytes());
  return asn1.create(asn1.Class.UNIVERSAL, asn1.Type.SEQUENCE, true, ec ? [oid] : [oid, asn1.create(asn1.Class.UNIVERSAL, asn1.Type.NULL, false, '')]);
}

// Parsed keys, by PEM: every server certificate is signed by the same CA key, and server slots reuse
// the bundled keys, so parsing each PEM once took a tenth of starting 1,000 providers (docs/BENCHMARKS.md).
const privateKeys = new Map<string, KeyObject>();
const spkiDers = new Map<string, Buffer>();

function privateKeyOf(pem: string): KeyObject {
  let key = privateKeys.get(pem);
  if (key === undefined) {
    key = createPrivateKey(pem);
    privateKeys.set(pem, key);
  }
  return key;
}

function spkiDerOf(publicKeyPem: string): Buffer {
  let der = spkiDers.get(publicKeyPem);
  if (der === undefined) {
    der = createPublicKey(publicKeyPem).export({ type: 'spki', format: 'der' });
    spkiDers.set(publicKeyPem, der);
  }
  return der;
}

function serialHex(serial: number): string {
  // A positive DER INTEGER: a leading 0x01 keeps the top bit clear.
  return `01${serial.toString(16).padStart(14, '0')}`;
}

/**
 * Builds and signs a certificate, returning its PEM. node-forge lays out the
 * TBSCertificate; the subject key (RSA or EC) and the signature (RSA or
 * ECDSA, with SHA-256) come from node:crypto, which is ~30x faster than
 * forge's pure-JS signing and knows EC keys, which forge does not.
 *
 * @example
 * const pem = issueCertificate({ subjectCommonName: 'alpha.test', ... });
 */
export function issueCertificate(spec: CertificateSpec): string {
  const cert = forge.pki.createCertificate();
  // forge encodes only RSA public keys; a placeholder holds the place of the real
  // SubjectPublicKeyInfo (RSA or EC), spliced in from node:crypto's DER below.
  cert.publicKey = forge.pki.setRsaPublicKey(new forge.jsbn.BigInteger('3'), new forge.jsbn.BigInteger('3'));
  cert.serialNumber = serialHex(spec.serial);
  cert.validity.notBefore = spec.notBefore;
  cert.validity.notAfter = spec.notAfter;
  cert.setSubject([{ name: 'commonName', value: spec.subjectCommonName }, { name: 'organizationName', value: 'mimi-transport-harness' }]);
  cert.setIssuer([{ name: 'commonName', value: spec.issuerCommonName }, { name: 'organizationName', value: 'mimi-transport-harness' }]);
  const extensions: object[] = spec.isCa
    ? [
        { name: 'basicConstraints', cA: true, critical: true },
        { name: 'keyUsage', keyCertSign: true, cRLSign: true, critical: true },
      ]
    : [
        { name: 'basicConstraints', cA: false },
        { name: 'keyUsage', digitalSignature: true, keyEncipherment: true, critical: true },
        { name: 'extKeyUsage', serverAuth: true, clientAuth: true },
        { name: 'subjectAltName', altNames: spec.dnsNames.map((value) => ({ type: 2, value })) },
      ];
  cert.setExtensions(extensions);
  cert.siginfo.algorithmOid = OID.sha256WithRSAEncryption; // replaced below by the signing key's algorithm
  const tbsAsn1 = (forge.pki as unknown as ForgeTbs).getTBSCertificate(cert);
  const fields = tbsAsn1.value as forge.asn1.Asn1[];
  const signingKey = privateKeyOf(spec.signingKey.privateKeyPem);
  const algorithm = signatureAlgorithm(signingKey);
  fields[TBS_SIGNATURE] = algorithm;
  fields[TBS_SPKI] = fromDer(spkiDerOf(spec.subjectKey.publicKeyPem));
  const tbs = Buffer.from(asn1.toDer(tbsAsn1).getBytes(), 'binary');
  // ECDSA signatures come DER-encoded (Ecdsa-Sig-Value, RFC 5758 §3.2), as X.509 wants them.
  const signature = sign('sha256', tbs, signingKey);
  const certificate = asn1.create(asn1.Class.UNIVERSAL, asn1.Type.SEQUENCE, true, [
    tbsAsn1,
    algorithm,
    asn1.create(asn1.Class.UNIVERSAL, asn1.Type.BITSTRING, false, `\u0000${signature.toString('binary')}`),
  ]);
  return forge.pem.encode({ type: 'CERTIFICATE', body: asn1.toDer(certificate).getBytes() });
}
