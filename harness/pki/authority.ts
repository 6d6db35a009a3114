import { issueCertificate } from './certificate.js';
import { freshAuthorityKey } from './authority-key.js';
import { createKeyPool, type KeyPair, type KeyPool } from './key-pool.js';

const DAY = 24 * 60 * 60 * 1000;

/**
 * Server certificates the harness can present. All but `valid` are negative
 * variants for the TLS checks: each makes a correct client refuse the
 * connection with a specific Node error code.
 */
export const CertificateVariant = {
  /** Issued by the harness CA for the provider and DS domains, valid now. */
  valid: 'valid',
  /** notAfter in the past: CERT_HAS_EXPIRED. */
  expired: 'expired',
  /** notBefore in the future: CERT_NOT_YET_VALID. */
  notYetValid: 'not-yet-valid',
  /** Valid, but for another host: ERR_TLS_CERT_ALTNAME_INVALID. */
  wrongHost: 'wrong-host',
  /** Issued by a CA the clients do not trust: UNABLE_TO_VERIFY_LEAF_SIGNATURE. */
  untrustedCa: 'untrusted-ca',
  /** Self-signed: DEPTH_ZERO_SELF_SIGNED_CERT. */
  selfSigned: 'self-signed',
} as const;
export type CertificateVariant = (typeof CertificateVariant)[keyof typeof CertificateVariant];

/** What a TLS server for one provider presents. */
export interface ServerCredentials {
  readonly keyPem: string;
  readonly certPem: string;
  readonly variant: CertificateVariant;
  readonly dnsNames: readonly string[];
  readonly notBefore: Date;
  readonly notAfter: Date;
}

/** The harness PKI: one trusted CA, a rogue one, and lazily issued server certificates. */
export interface HarnessPki {
  /** The CA clients trust, as PEM (`mimi-harness serve` writes it to `ca.pem`). */
  readonly caPem: string;
  /**
   * The credentials for a provider whose certificate covers `dnsNames`
   * (its provider domain and its DS domain), issued on first request at the
   * time `now` gives, then cached per names and variant.
   */
  credentials(dnsNames: readonly string[], variant?: CertificateVariant): ServerCredentials;
  /** How many certificates were issued so far (lazy issuance is observable). */
  readonly issued: number;
}

/** Options for {@link createHarnessPki}. */
export interface HarnessPkiOptions {
  /** The clock validity windows are taken from (the network's virtual clock). */
  readonly now: () => Date;
  readonly keys?: KeyPool;
  /** Name of the CA, e.g. per network so two networks' CAs differ. */
  readonly name?: string;
}

interface Authority {
  readonly commonName: string;
  readonly key: KeyPair;
  readonly certPem: string;
}

/**
 * Validity windows. OpenSSL checks real time and the harness checks the
 * virtual clock, so each window is placed relative to both: a valid
 * certificate is valid on both clocks, an expired one has expired on both,
 * and a not-yet-valid one is not yet valid on either.
 */
function window(variant: CertificateVariant, now: Date, realNow: number): { notBefore: Date; notAfter: Date } {
  const early = Math.min(now.getTime(), realNow);
  const late = Math.max(now.getTime(), realNow);
  if (variant === 'expired') return { notBefore: new Date(early - 30 * DAY), notAfter: new Date(early - DAY) };
  if (variant === 'not-yet-valid') return { notBefore: new Date(late + DAY), notAfter: new Date(late + 30 * DAY) };
  return { notBefore: new Date(early - DAY), notAfter: new Date(late + 365 * DAY) };
}

/**
 * Creates the harness CA (and a rogue CA for the untrusted variant).
 * Each CA gets a fresh key, made for this PKI alone and never written out:
 * a key bundled in the package would let anyone who has the package mint
 * certificates that a target trusting this `ca.pem` accepts. Server (leaf)
 * certificates keep using the key pool.
 *
 * @example
 * const pki = createHarnessPki({ now: () => clock.date() });
 * const { keyPem, certPem } = pki.credentials(['alpha.test', 'ds.alpha.test']);
 */
export function createHarnessPki(options: HarnessPkiOptions): HarnessPki {
  const keys = options.keys ?? createKeyPool();
  const name = options.name ?? 'mimi-harness CA';
  let serial = 1;
  const authority = (commonName: string, key: KeyPair): Authority => {
    const now = options.now().getTime();
    const certPem = issueCertificate({
      subjectCommonName: commonName,
      issuerCommonName: commonName,
      dnsNames: [],
      notBefore: new Date(Math.min(now, Date.now()) - 2 * DAY),
      notAfter: new Date(Math.max(now, Date.now()) + 10 * 365 * DAY),
      serial: serial++,
      isCa: true,
      subjectKey: key,
      signingKey: key,
    });
    return { commonName, key, certPem };
  };
  const trusted = authority(name, freshAuthorityKey());
  let rogue: Authority | undefined;
  const cache = new Map<string, ServerCredentials>();
  let nextSlot = 0;

  return {
    caPem: trusted.certPem,
    get issued() {
      return cache.size;
    },
    credentials(dnsNames, variant = 'valid') {
      const cacheKey = `${variant}|${dnsNames.join(',')}`;
      const cached = cache.get(cacheKey);
      if (cached !== undefined) return cached;
      const [primary = 'unnamed.test'] = dnsNames;
      const key = keys.key(nextSlot++);
      const issuer = variant === 'untrusted-ca' ? (rogue ??= authority(`${name} (rogue)`, freshAuthorityKey())) : variant === 'self-signed' ? undefined : trusted;
      const names = variant === 'wrong-host' ? ['unrelated-host.test'] : dnsNames;
      const { notBefore, notAfter } = window(variant, options.now(), Date.now());
      const certPem = issueCertificate({
        subjectCommonName: variant === 'wrong-host' ? 'unrelated-host.test' : primary,
        issuerCommonName: issuer?.commonName ?? primary,
        dnsNames: names,
        notBefore,
        notAfter,
        serial: serial++,
        isCa: false,
        subjectKey: key,
        signingKey: issuer?.key ?? key,
      });
      const credentials: ServerCredentials = { keyPem: key.privateKeyPem, certPem, variant, dnsNames: names, notBefore, notAfter };
      cache.set(cacheKey, credentials);
      return credentials;
    },
  };
}
