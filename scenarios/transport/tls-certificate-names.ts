import type { Check, CheckContext, CheckVerdict } from '../../harness/conformance/index.js';

/** A full, verified handshake to each name: the chain to the harness CA, the name, the validity window on the virtual clock. */
async function run(ctx: CheckContext): Promise<CheckVerdict> {
  const problems: string[] = [];
  const seen: string[] = [];
  for (const name of [ctx.target.domain, ctx.target.dsDomain]) {
    const probe = await ctx.network.probeTls(name, { minVersion: 'TLSv1.3' });
    if (probe.ok) seen.push(`${name}: verified (CN ${probe.certificateSubject}, names ${probe.altNames.join(', ')})`);
    else problems.push(`${name}: ${probe.code} (${probe.message})`);
  }
  const expected = `a certificate that verifies against the harness CA for ${ctx.target.domain} (discovery) and ${ctx.target.dsDomain} (its DS endpoints)`;
  return problems.length === 0 ? { status: 'pass', expected, actual: seen.join('; ') } : { status: 'fail', expected, actual: problems.join('; ') };
}

/**
 * Transport draft "Transport Security and Authentication": payloads "rely on
 * HTTPS to authenticate the recipient", so the target's certificate must
 * verify for both its names: its provider domain, where discovery is served
 * (profile §11), and its DS domain. For an in-process target this judges the
 * certificate it declares (`Target.tls`).
 *
 * @example
 * await runChecks({ target, checks: [tlsCertificateNames], seed: 1 });
 */
export const tlsCertificateNames: Check = {
  id: 'transport.tls.certificate-names',
  section: 'Transport draft "Transport Security and Authentication"; PROFILE §11',
  quote: 'rely on HTTPS to authenticate the recipient',
  level: 'MUST',
  role: 'endpoint',
  needs: ['tls'],
  run,
};
