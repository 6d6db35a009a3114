import type { Check, CheckContext, CheckVerdict } from '../../harness/conformance/index.js';

/**
 * Probes each of the target's names twice with handshakes of the harness's
 * own (not verified: the certificate is transport.tls.certificate-names's
 * concern): a TLS 1.3 client must get TLS 1.3, a client offering only TLS 1.2
 * must be refused.
 */
async function run(ctx: CheckContext): Promise<CheckVerdict> {
  const problems: string[] = [];
  const seen: string[] = [];
  for (const name of [ctx.target.domain, ctx.target.dsDomain]) {
    const modern = await ctx.network.probeTls(name, { minVersion: 'TLSv1.3', verify: false });
    const old = await ctx.network.probeTls(name, { minVersion: 'TLSv1.2', maxVersion: 'TLSv1.2', verify: false });
    if (!modern.ok) problems.push(`${name}: a TLS 1.3 client failed (${modern.code}: ${modern.message})`);
    else if (modern.protocol !== 'TLSv1.3') problems.push(`${name}: a TLS 1.3 client negotiated ${modern.protocol}`);
    if (old.ok) problems.push(`${name}: a client offering only TLS 1.2 completed a ${old.protocol} handshake`);
    seen.push(`${name}: 1.3 ${modern.ok ? modern.protocol : modern.code}, 1.2-only ${old.ok ? old.protocol : `refused (${old.code})`}`);
  }
  const expected = 'on both names a TLS 1.3 handshake, and a client offering only TLS 1.2 refused';
  return problems.length === 0 ? { status: 'pass', expected, actual: seen.join('; ') } : { status: 'fail', expected, actual: problems.join('; ') };
}

/**
 * Transport draft "Transport Security and Authentication": TLS 1.3 or higher. For an
 * in-process target the harness's network terminates TLS on its behalf, so
 * this judges the TLS configuration the target declares (`Target.tls`); for
 * a target over sockets it judges the listener itself.
 *
 * @example
 * await runChecks({ target, checks: [tlsMinVersion], seed: 1 });
 */
export const tlsMinVersion: Check = {
  id: 'transport.tls.min-version',
  section: 'Transport draft "Transport Security and Authentication"',
  quote: 'All HTTP queries described in this document MUST use TLS with version 1.3 or higher',
  level: 'MUST',
  role: 'endpoint',
  needs: ['tls'],
  run,
};
