import type { HostSpec } from '../network/index.js';
import type { CertificateVariant } from '../pki/index.js';

/**
 * What a served host is for, as `hosts.json` marks it. `valid` hosts are
 * the ones to talk to; every other value is a negative variant that a
 * correct client MUST refuse during the TLS handshake (transport draft
 * "Transport Security and Authentication": TLS 1.3 or higher, HTTPS
 * authenticating the recipient, i.e. the certificate checked against the
 * trusted CA and the host name, RFC 9110 §4.3.4).
 */
export type ServedVariant = 'valid' | 'tls12-only' | Exclude<CertificateVariant, 'valid'>;

/** One entry of `hosts.json`: where a name listens and what it is for. */
export interface ServedHost {
  /** `127.0.0.1:PORT` */
  readonly address: string;
  readonly variant: ServedVariant;
}

/** A negative-variant host `serve` runs besides the providers. */
export interface VariantHost {
  readonly variant: Exclude<ServedVariant, 'valid'>;
  /** Its provider domain (`<variant>.test`) and DS domain (`ds.<variant>.test`). */
  readonly domain: string;
  readonly dsDomain: string;
  /** How the host deviates (certificate variant or TLS version cap). */
  readonly spec: Pick<HostSpec, 'certificate' | 'tlsMaxVersion'>;
  /** Why a verifying client refuses it. */
  readonly refusal: string;
}

function variantHost(variant: VariantHost['variant'], spec: VariantHost['spec'], refusal: string): VariantHost {
  return { variant, domain: `${variant}.test`, dsDomain: `ds.${variant}.test`, spec, refusal };
}

/**
 * The negative-variant hosts, each a full reference provider (so a client
 * that wrongly goes on gets real answers, and its mistake shows). Only the
 * TLS handshake differs from a `valid` host.
 *
 * @example
 * for (const host of VARIANT_HOSTS) console.log(host.domain, host.refusal);
 */
export const VARIANT_HOSTS: readonly VariantHost[] = [
  variantHost('tls12-only', { tlsMaxVersion: 'TLSv1.2' }, 'speaks only TLS 1.2; a client that requires TLS 1.3 gets a protocol_version alert'),
  variantHost('expired', { certificate: 'expired' }, 'its certificate expired (notAfter in the past)'),
  variantHost('not-yet-valid', { certificate: 'not-yet-valid' }, 'its certificate is not valid yet (notBefore in the future)'),
  variantHost('wrong-host', { certificate: 'wrong-host' }, 'its certificate names only unrelated-host.test'),
  variantHost('untrusted-ca', { certificate: 'untrusted-ca' }, 'its certificate is issued by a CA that is not in ca.pem'),
  variantHost('self-signed', { certificate: 'self-signed' }, 'its certificate is self-signed'),
];
