import { harnessClient, settleTarget, type Check, type CheckContext, type CheckVerdict, type ControlledClient } from '../../harness/conformance/index.js';

/** The transport draft's three GETs that carry a body (profile §10 "GET with a body"). */
const GET_PATHS = ['/verification_key', '/welcome_information', '/external_commit_information'] as const;

const describe = (error: unknown): string => (error instanceof Error ? error.message : String(error));

/**
 * Makes the target send all three: its client tom is added by alice (a
 * harness client at the first peer) to a group on the peer's DS, so the
 * target checks the peer's signed KeyPackage request and fan-out
 * (/verification_key), tom joins from the Welcome (/welcome_information) and
 * then resyncs by external commit (/external_commit_information). Returns
 * what went wrong, if anything, in order.
 */
async function drive(ctx: CheckContext, control: NonNullable<CheckContext['control']>): Promise<string[]> {
  const problems: string[] = [];
  let tom: ControlledClient;
  try {
    tom = await control.createClient({ user: { user_name: 'tom', domain: ctx.target.domain }, client_name: 'phone' });
  } catch (error) {
    return [`the control interface made no client: ${describe(error)}`];
  }
  const alice = await harnessClient(ctx, { user: 'alice' });
  const group = await alice.createGroup('regular');
  try {
    await alice.addUsers(group, [tom.id]);
  } catch (error) {
    problems.push(`alice could not add tom of the target: ${describe(error)}`);
    return problems;
  }
  await settleTarget(ctx);
  await tom.sync();
  if (tom.epoch(group) === undefined) {
    problems.push(`tom did not join from the Welcome (failures: ${tom.failures.join('; ') || 'none'})`);
    return problems;
  }
  try {
    await tom.externalJoin(group);
  } catch (error) {
    problems.push(`tom's resync by external commit failed: ${describe(error)}`);
  }
  return problems;
}

async function run(ctx: CheckContext): Promise<CheckVerdict> {
  const control = ctx.control;
  if (control === undefined) return { status: 'unsupported', expected: 'a target with a control interface', actual: 'none' };
  const flow = await drive(ctx, control);
  await settleTarget(ctx);
  const own = new Set([ctx.target.domain, ctx.target.dsDomain]);
  const findings = ctx.network.findings.filter((f) => f.kind === 'fetch-get-with-body' && [...own].some((name) => f.detail.startsWith(`${name}:`))).map((f) => f.detail);
  const seen: string[] = [];
  const problems: string[] = [];
  const unjudged: string[] = [];
  for (const path of GET_PATHS) {
    const sent = ctx.network.trace.filter((e) => own.has(e.source) && !own.has(e.destination) && e.path === path);
    const refused = findings.filter((f) => f.includes(`${path} `));
    for (const e of sent) {
      if (e.method !== 'GET' && e.method !== 'POST') problems.push(`${e.method} ${path} to ${e.destination}: neither the draft's GET nor the profile's POST`);
      else if (e.request.length === 0) problems.push(`${e.method} ${path} to ${e.destination} arrived without its body (profile §10: the body MUST NOT be dropped)`);
    }
    if (sent.length > 0) seen.push(`${path}: ${[...new Set(sent.map((e) => (e.method === 'POST' ? 'POST (the profile\'s alternative)' : `${e.method} with its body`)))].join(', ')} ×${sent.length}`);
    else if (refused.length > 0) problems.push(`${path} never went out: the target's HTTP stack refused the draft's GET with a body and did not fall back to POST`);
    else unjudged.push(path);
  }
  const expected = 'the target sends each GET-with-body request with its body: the draft\'s GET with Content-Length, or POST (profile §10); a fetch that refuses a GET with a body is an interoperability finding, and the request must still go out';
  const finding = findings.length === 0 ? 'no fetch-get-with-body finding' : `findings: ${findings.join('; ')}`;
  const context = `${seen.length === 0 ? 'nothing seen' : seen.join('; ')}; ${finding}${flow.length === 0 ? '' : `; flow: ${flow.join('; ')}`}`;
  if (problems.length > 0) return { status: 'fail', expected, actual: `${problems.join('; ')} (${context})` };
  if (seen.length === 0) return { status: 'skip', expected, actual: `the target sent none of ${GET_PATHS.join(', ')} (${context})` };
  return { status: 'pass', expected, actual: `${context}${unjudged.length === 0 ? '' : `; not seen: ${unjudged.join(', ')}`}` };
}

/**
 * The GET-with-body finding for the target's own HTTP client (issue 10 §3
 * "malformed"; profile §10 "GET with a body"): with the control interface,
 * the target is made to send all three of the draft's GETs with a body to a
 * harness peer. Each must arrive with its body, as GET or as POST; a fetch
 * refusal the network saw is reported (the finding) and fails the check only
 * when the request never went out.
 *
 * @example
 * await runCatalog({ target, checks: [getWithBodyOwnClient], seed: 1 });
 */
export const getWithBodyOwnClient: Check = {
  id: 'malformed.get-with-body.own-client',
  section: 'transport draft "Verification Key", "Welcome Information", "External Commit Information"; PROFILE §10 GET with a body',
  quote: 'Clients MAY use POST when their HTTP stack cannot send GET with a body. An intermediary MUST NOT drop the body.',
  level: 'PROFILE',
  role: 'client',
  needs: ['control'],
  alternatives: ['GET with the body and its Content-Length (the draft\'s form)', 'POST with the same body (profile §10)'],
  run,
};
