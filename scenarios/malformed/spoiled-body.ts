import fc from 'fast-check';
import { decodeErrorAnswer, pastRateLimit, sendRequest, type Check, type CheckContext, type CheckVerdict, type WireAnswer } from '../../harness/conformance/index.js';
import { ENDPOINTS, registryEntry, type Endpoint } from '../../harness/messages/index.js';
import { judgeAnswer } from './judge.js';
import { healthProbe } from './probes.js';
import { EMPTY_BODY, spoil, spoilDraw } from './spoilings.js';

/**
 * Runs per endpoint: 8 (each run sends seven spoilings of one valid body, so
 * every family is tried every run), or MIMI_FUZZ_RUNS spread over the eight
 * endpoints when that is more (a longer fuzz run).
 *
 * @example
 * MIMI_FUZZ_RUNS=8000 npx mimi-harness run --check 'malformed.*' // 1000 runs per endpoint
 */
export function defaultRuns(): number {
  const asked = Number(process.env['MIMI_FUZZ_RUNS'] ?? 0);
  return Math.max(8, Number.isFinite(asked) ? Math.floor(asked / 8) : 0);
}

/** How many client addresses the spoiled bodies come from. */
const SOURCES = 4;

/** The transport draft's section title for each endpoint. */
const TITLES: Readonly<Record<string, string>> = {
  '/group_operation': 'Process Group Message',
  '/welcome_information': 'Welcome Information',
  '/external_commit_information': 'External Commit Information',
  '/verification_key': 'Verification Key',
  '/connection_request': 'Deliver Connection Request',
  '/deliver_message': 'Deliver Message',
  '/connection_key_packages': 'Connection KeyPackage Retrieval',
  '/group_key_packages': 'Group KeyPackage Retrieval',
};

/** `status code` (or `status ok`) of an answer, for comparing a target's answers before and after. */
function outcome(endpoint: Endpoint, answer: WireAnswer): string {
  if (answer.status >= 200 && answer.status < 300) return `${answer.status} ok`;
  const error = decodeErrorAnswer(endpoint.errorResponse, answer.body);
  return `${answer.status} ${error.ok ? error.code : 'undecodable'}`;
}

const shorten = (text: string, max = 400): string => (text.length <= max ? text : `${text.slice(0, max)}…`);

async function run(ctx: CheckContext, endpoint: Endpoint): Promise<CheckVerdict> {
  const entry = registryEntry(endpoint.request ?? '');
  if (entry === undefined) throw new Error(`${endpoint.path} has no request struct`);
  const codec = entry.codec;
  let sent = 0;
  // A few client addresses in turn, and a virtual second between runs, so that the per-source rate limit
  // (profile §10) rarely stands in for the answer; each address keeps its TLS connection (a new one per
  // request would cost a handshake each).
  const send = (body: Uint8Array) => sendRequest(ctx, { source: `malformed-${++sent % SOURCES}.client`, url: `https://${ctx.target.dsDomain}${endpoint.path}`, method: endpoint.method, headers: { 'content-type': 'application/octet-stream' }, body });
  const expected = `spoiled ${endpoint.request ?? ''} bodies get a 4xx (400 decode_error; unsupported_version for a wrong leading version) decodable as ${endpoint.errorResponse}'s error, never a 5xx nor a 2xx for a body that does not decode strictly; a valid body is answered the same before and after`;

  const probe = await healthProbe(ctx, endpoint.path, 0);
  const before = await send(probe);
  const baseline = judgeAnswer(endpoint, probe, before);
  if (baseline !== undefined) return { status: 'fail', expected, actual: `a valid ${endpoint.request ?? ''} ${baseline}` };

  const empty = judgeAnswer(endpoint, EMPTY_BODY.bytes, await send(EMPTY_BODY.bytes));
  const property = fc.asyncProperty(codec.arbitrary(), spoilDraw(), async (value, draw) => {
    await ctx.network.advance(1000);
    for (const body of spoil(codec, value, draw).spoiled) {
      const problem = judgeAnswer(endpoint, body.bytes, await send(body.bytes));
      if (problem !== undefined) throw new Error(`${body.family} (${body.how}): ${problem}`);
    }
  });
  const report = await fc.check(property, { seed: ctx.seed, numRuns: ctx.numRuns ?? defaultRuns(), ...(ctx.path === undefined ? {} : { path: ctx.path }) });

  const afterProbe = await healthProbe(ctx, endpoint.path, 1);
  // An external target sees every request from one address: its per-source limit is not this check's subject.
  const after = await pastRateLimit(ctx, () => send(afterProbe));
  const health = outcome(endpoint, before) === outcome(endpoint, after) ? undefined : `unhealthy afterwards: a valid body answered ${outcome(endpoint, before)} before the spoiled bodies and ${outcome(endpoint, after)} after`;
  const also = [empty === undefined ? undefined : `empty body: ${empty}`, health].filter((p): p is string => p !== undefined);
  if (report.failed) {
    const error = report.errorInstance instanceof Error ? report.errorInstance.message : String(report.errorInstance);
    const counterexample = shorten(fc.stringify(report.counterexample));
    const actual = [`${error} (shrunk counterexample ${counterexample}, seed ${report.seed}, path ${report.counterexamplePath ?? '?'})`, ...also].join('; ');
    return { status: 'fail', expected, actual, ...(report.counterexamplePath === null ? {} : { path: report.counterexamplePath }) };
  }
  if (also.length > 0) return { status: 'fail', expected, actual: also.join('; ') };
  return { status: 'pass', expected, actual: `${sent - 2} spoiled bodies (the empty one included) in ${report.numRuns} runs refused as expected; the valid body answered ${outcome(endpoint, after)} before and after` };
}

/**
 * The bad-input property on one endpoint (issue 10 §3 "malformed"), black-box:
 * valid bodies drawn from the request struct's arbitrary, each spoiled in
 * every way of {@link spoil}, sent as the draft's method with Content-Length.
 * Profile §10: "Bad input MUST NOT cause a 5xx"; a body that does not decode
 * gets 400 decode_error in the endpoint's own error carrier; the target is
 * healthy afterwards. A failure reports its shrunk counterexample and path.
 *
 * @example
 * const check = spoiledBodyCheck('/group_operation'); // malformed.group-operation.spoiled-body
 */
export function spoiledBodyCheck(path: string): Check {
  const endpoint = ENDPOINTS.find((e) => e.path === path);
  if (endpoint?.request == null) throw new Error(`${path} is no endpoint with a request body`);
  const found = endpoint;
  return {
    id: `malformed.${path.slice(1).replace(/_/g, '-')}.spoiled-body`,
    section: `transport draft "${TITLES[path] ?? path}"; PROFILE §10 HTTP semantics, §3 DSError`,
    quote: 'body does not decode | 400 decode_error … Bad input MUST NOT cause a 5xx',
    level: 'PROFILE',
    role: 'endpoint',
    alternatives: ['unsupported_version for a wrong DSProtocolVersion that does not lead the body', '429 rate_limited (the source limit is checked before decoding)', '411 length_required for an empty body on a GET path (no Content-Length is sent for it)', 'any non-5xx answer in the endpoint\'s types to a spoiled body that still decodes'],
    run: (ctx) => run(ctx, found),
  };
}

/** One spoiled-body check per endpoint of the transport draft, in the draft's order. @example await runCatalog({ target, checks: SPOILED_BODY_CHECKS, seed: 1 }); */
export const SPOILED_BODY_CHECKS: readonly Check[] = Object.keys(TITLES).map(spoiledBodyCheck);
