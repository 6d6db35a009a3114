import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** The listener's TLS material: its key and certificate, and the CA a client must trust. */
export interface Certificate {
  readonly keyPem: string;
  readonly certPem: string;
  readonly caPem: string;
  /** Where the CA was written (the target config's `ca`). */
  readonly caFile: string;
}

function openssl(args: readonly string[], cwd: string): void {
  execFileSync('openssl', args, { cwd, stdio: ['ignore', 'ignore', 'pipe'] });
}

/**
 * A CA of our own and a certificate from it naming both our names (ECDSA P-256, valid for two days), made with the
 * openssl command line, so that the same steps work for an implementation in any language (docs/ADAPTER.md
 * "Worked example"). The harness is told to trust the CA with the target config's `ca`.
 *
 * @example
 * const cert = makeCertificate('/tmp/indie', ['indie.test', 'ds.indie.test']);
 */
export function makeCertificate(dir: string, names: readonly string[]): Certificate {
  const [first] = names;
  if (first === undefined) throw new Error('a certificate needs a name');
  const curve = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes'];
  openssl(['req', '-x509', ...curve, '-keyout', 'ca-key.pem', '-out', 'ca.pem', '-days', '2', '-subj', '/CN=independent provider test CA', '-addext', 'basicConstraints=critical,CA:TRUE', '-addext', 'keyUsage=critical,keyCertSign,cRLSign'], dir);
  openssl(['req', ...curve, '-keyout', 'key.pem', '-out', 'leaf.csr', '-subj', `/CN=${first}`], dir);
  writeFileSync(join(dir, 'leaf.ext'), `subjectAltName=${names.map((n) => `DNS:${n}`).join(',')}\nbasicConstraints=CA:FALSE\nkeyUsage=critical,digitalSignature\nextendedKeyUsage=serverAuth\n`);
  openssl(['x509', '-req', '-in', 'leaf.csr', '-CA', 'ca.pem', '-CAkey', 'ca-key.pem', '-CAcreateserial', '-out', 'cert.pem', '-days', '2', '-extfile', 'leaf.ext'], dir);
  const read = (file: string) => readFileSync(join(dir, file), 'utf8');
  return { keyPem: read('key.pem'), certPem: read('cert.pem'), caPem: read('ca.pem'), caFile: join(dir, 'ca.pem') };
}
