/**
 * The endpoint fuzzer's campaign on one check context (docs/FUZZING.md
 * "Endpoint fuzzing", issue 12 §3): batches of structure-aware mutants of
 * valid request bodies (harness/fuzz/mutations.ts), the signed part
 * re-signed for half of them; per input the refusal judge of the malformed
 * checks (never a 5xx, a decodable error of the endpoint's carrier); after
 * each batch the state checks and the health probe; a state change is
 * bisected to its input. Findings are minimized (minimize.ts).
 */
import { judgeAnswer, sendRequest, type CheckContext, type WireAnswer } from '../conformance/index.js';
import { ENDPOINTS, type Endpoint } from '../messages/index.js';
import { buildEndpointWorld, endpointSeeds, type EndpointSeed, type EndpointWorld } from './endpoint-seeds.js';
import { baseline, stateChange, unhealthy } from './endpoint-state.js';
import { hexOf } from './hex.js';
import { minimize } from './minimize.js';
import { mutate } from './mutations.js';
import { pick, rngFor } from './rng.js';
import type { FuzzTarget, TargetInput, TargetOutcome } from './target.js';

/** What was wrong with one input. */
export type EndpointFindingKind = 'server-error' | 'undecodable-error' | 'wrong-answer' | 'state-change' | 'unhealthy';

/** One finding of the endpoint fuzzer, minimized. */
export interface EndpointFinding {
  readonly endpoint: string;
  readonly kind: EndpointFindingKind;
  readonly problem: string;
  /** The valid body it was made from. */
  readonly seed: string;
  readonly mutation: string;
  /** Whether the mutated part was signed again as the harness peer or member. */
  readonly resigned: boolean;
  /** Its index in the endpoint's input stream (with the run's seed, the draw replays). */
  readonly index: number;
  /** The minimized body as sent, hex. */
  readonly body: string;
  readonly originalBody: string;
  readonly status: number;
  readonly minimization: { readonly attempts: number; readonly fromBytes: number; readonly toBytes: number };
  readonly signature: string;
  occurrences: number;
}

/** Options of {@link fuzzEndpointsOn}. */
export interface EndpointCampaignOptions {
  readonly endpoints: readonly string[];
  readonly seed: number;
  /** Inputs per endpoint (default 64). */
  readonly runs?: number;
  /** Real-time budget for the whole campaign, shared out evenly over the endpoints; `runs` stays the most per endpoint. */
  readonly timeBudgetMs?: number;
  /** Inputs between two state checks (default 32). */
  readonly batch?: number;
  readonly minimize?: boolean;
  readonly onProgress?: (line: string) => void;
  readonly onFinding?: (finding: EndpointFinding) => void;
}

/** Counts per endpoint. */
export interface EndpointCounts {
  inputs: number;
  accepted: number;
  refused: number;
  batches: number;
  stateChecks: number;
}

/** What a campaign did. */
export interface EndpointCampaign {
  readonly counts: Readonly<Record<string, EndpointCounts>>;
  readonly findings: readonly EndpointFinding[];
}

/** One drawn input: its seed, whether re-signed, the mutated bytes and the body sent. */
interface Drawn {
  readonly index: number;
  readonly seed: EndpointSeed;
  readonly resigned: boolean;
  readonly mutation: string;
  /** The mutated bytes: the signed part when re-signed, else the body. */
  readonly bytes: Uint8Array;
  readonly body: Uint8Array;
}

const SOURCES = 4;

function kindOf(problem: string): EndpointFindingKind {
  if (/^answered 5\d\d/.test(problem)) return 'server-error';
  if (problem.includes(' error (')) return 'undecodable-error';
  return 'wrong-answer';
}

/** Input `index` of `endpoint`: the same seed and index draw the same mutation of the same valid body. */
async function draw(seeds: readonly EndpointSeed[], seed: number, endpoint: number, index: number): Promise<Drawn> {
  const rng = rngFor(seed, endpoint * 1_000_003 + index);
  const chosen = pick(rng, seeds);
  if (chosen === undefined) throw new Error('no valid body to mutate');
  const resign = chosen.signed !== undefined && rng() % 2 === 0;
  const base = resign && chosen.signed !== undefined ? chosen.signed.part : chosen.whole;
  const mutant = mutate(base, rng);
  const body = resign && chosen.signed !== undefined ? await chosen.signed.assemble(mutant.bytes) : mutant.bytes;
  return { index, seed: chosen, resigned: resign, mutation: mutant.name, bytes: mutant.bytes, body };
}

/** Sends the bodies of a campaign, from a few client addresses in turn (the per-source limit, profile §10, rarely stands in). */
function sender(ctx: CheckContext, endpoint: Endpoint): (body: Uint8Array) => Promise<WireAnswer> {
  let sent = 0;
  return (body) => sendRequest(ctx, { source: `fuzz-${++sent % SOURCES}.client`, url: `https://${ctx.target.dsDomain}${endpoint.path}`, method: endpoint.method, headers: { 'content-type': 'application/octet-stream' }, body });
}

/**
 * The bytes of a drawn input as a decoder-protocol target: each candidate
 * (part or body) is framed as it was drawn, sent, and judged; the answer's
 * code is the finding kind (or `state-change` when `observeState`), so that
 * minimize.ts shrinks by the same verdict.
 */
function endpointAsFuzzTarget(ctx: CheckContext, world: EndpointWorld, endpoint: Endpoint, drawn: Drawn, send: (body: Uint8Array) => Promise<WireAnswer>, observeState: boolean): FuzzTarget & { last: Map<Uint8Array, { body: Uint8Array; status: number; problem: string }> } {
  const last = new Map<Uint8Array, { body: Uint8Array; status: number; problem: string }>();
  return {
    description: `${endpoint.path} of ${ctx.target.name}`,
    restarts: 0,
    memoryCheck: 'none',
    last,
    async run(inputs: readonly TargetInput[]): Promise<TargetOutcome[]> {
      const out: TargetOutcome[] = [];
      for (const input of inputs) {
        const body = drawn.resigned && drawn.seed.signed !== undefined ? await drawn.seed.signed.assemble(input.bytes) : input.bytes;
        const before = observeState ? await baseline(ctx, world, { provision: true }) : undefined;
        await ctx.network.advance(1000);
        const answer = await send(body);
        let problem = judgeAnswer(endpoint, body, answer);
        let code = problem === undefined ? undefined : kindOf(problem);
        if (before !== undefined) {
          const accepted = answer.status >= 200 && answer.status < 300;
          const change = accepted ? undefined : await stateChange(ctx, world, before);
          problem = change;
          code = change === undefined ? undefined : 'state-change';
        }
        if (problem !== undefined) last.set(input.bytes, { body, status: answer.status, problem });
        out.push({ kind: 'answer', answer: code === undefined ? { ok: true, hex: '' } : { ok: false, code } });
      }
      return out;
    },
    close: () => Promise.resolve(),
  };
}

async function minimized(ctx: CheckContext, world: EndpointWorld, endpoint: Endpoint, drawn: Drawn, send: (body: Uint8Array) => Promise<WireAnswer>, kind: EndpointFindingKind, problem: string, status: number, enabled: boolean): Promise<EndpointFinding> {
  const base = drawn.resigned && drawn.seed.signed !== undefined ? drawn.seed.signed.part : drawn.seed.whole;
  let body = drawn.body;
  let found = { problem, status };
  let attempts = 0;
  if (enabled) {
    const target = endpointAsFuzzTarget(ctx, world, endpoint, drawn, send, kind === 'state-change');
    const outcome: TargetOutcome = { kind: 'answer', answer: { ok: false, code: kind } };
    const result = await minimize(target, base.struct, base.codec, drawn.bytes, outcome, (_profile, o) => o.kind === 'answer' && !o.answer.ok && 'code' in o.answer && o.answer.code === kind, { attempts: kind === 'state-change' ? 16 : 120 });
    attempts = result.attempts;
    const seen = target.last.get(result.bytes);
    if (seen !== undefined) {
      body = seen.body;
      found = { problem: seen.problem, status: seen.status };
    }
  }
  return {
    endpoint: endpoint.path,
    kind,
    problem: found.problem,
    seed: drawn.seed.name,
    mutation: drawn.mutation,
    resigned: drawn.resigned,
    index: drawn.index,
    body: hexOf(body),
    originalBody: hexOf(drawn.body),
    status: found.status,
    minimization: { attempts, fromBytes: drawn.body.length, toBytes: body.length },
    signature: `${endpoint.path} ${kind} ${kind === 'state-change' ? '' : found.problem.replace(/\d+/g, 'N').slice(0, 80)}`,
    occurrences: 1,
  };
}

/** Sends `drawn` from a fresh baseline and says whether the state changed, for the bisection. */
async function changesState(ctx: CheckContext, world: EndpointWorld, send: (body: Uint8Array) => Promise<WireAnswer>, inputs: readonly Drawn[]): Promise<boolean> {
  const before = await baseline(ctx, world, { provision: true });
  for (const input of inputs) {
    await ctx.network.advance(1000);
    await send(input.body);
  }
  return (await stateChange(ctx, world, before)) !== undefined;
}

/** Halves the batch until one input alone changes the state (undefined if the change does not come back). */
async function bisect(ctx: CheckContext, world: EndpointWorld, send: (body: Uint8Array) => Promise<WireAnswer>, batch: readonly Drawn[]): Promise<Drawn | undefined> {
  let suspects = batch;
  while (suspects.length > 1) {
    const half = suspects.slice(0, Math.ceil(suspects.length / 2));
    const rest = suspects.slice(half.length);
    if (await changesState(ctx, world, send, half)) suspects = half;
    else if (await changesState(ctx, world, send, rest)) suspects = rest;
    else return undefined;
  }
  const [only] = suspects;
  return only !== undefined && (await changesState(ctx, world, send, [only])) ? only : undefined;
}

/**
 * Runs the campaign on `ctx` (a check context of the conformance runner:
 * the target, the harness peers, the virtual clock).
 *
 * @example
 * const campaign = await fuzzEndpointsOn(ctx, { endpoints: ['/group_key_packages'], seed: 1, runs: 64 });
 */
export async function fuzzEndpointsOn(ctx: CheckContext, options: EndpointCampaignOptions): Promise<EndpointCampaign> {
  const started = Date.now();
  const runs = options.runs ?? 64;
  const batchSize = Math.max(1, options.batch ?? 32);
  const findings = new Map<string, EndpointFinding>();
  const counts: Record<string, EndpointCounts> = {};
  let world = await buildEndpointWorld(ctx, 0);
  const record = (finding: EndpointFinding): void => {
    const known = findings.get(finding.signature);
    if (known !== undefined) {
      known.occurrences += 1;
      return;
    }
    findings.set(finding.signature, finding);
    options.onFinding?.(finding);
  };
  // The time budget is shared out: endpoint i stops at (i + 1) / n of it.
  let share = 1;
  const outOfTime = (): boolean => options.timeBudgetMs !== undefined && Date.now() - started > (options.timeBudgetMs * share) / options.endpoints.length;
  for (const [i, path] of options.endpoints.entries()) {
    share = i + 1;
    const endpointIndex = ENDPOINTS.findIndex((e) => e.path === path);
    const endpoint = ENDPOINTS[endpointIndex];
    if (endpoint?.request == null) throw new Error(`${path} is no endpoint with a request body`);
    const count: EndpointCounts = { inputs: 0, accepted: 0, refused: 0, batches: 0, stateChecks: 0 };
    counts[path] = count;
    const send = sender(ctx, endpoint);
    for (let from = 0; from < runs && !outOfTime(); from += batchSize) {
      const seeds = await endpointSeeds(ctx, world, path, count.batches);
      count.batches += 1;
      const before = await baseline(ctx, world, { provision: count.batches > 1 });
      const batch: Drawn[] = [];
      const refused: Drawn[] = [];
      let accepted = false;
      for (let index = from; index < Math.min(runs, from + batchSize); index++) {
        const drawn = await draw(seeds, options.seed, endpointIndex, index);
        batch.push(drawn);
        await ctx.network.advance(1000);
        const answer = await send(drawn.body);
        count.inputs += 1;
        if (answer.status >= 200 && answer.status < 300) {
          count.accepted += 1;
          accepted = true;
        } else {
          count.refused += 1;
          refused.push(drawn);
        }
        const problem = judgeAnswer(endpoint, drawn.body, answer);
        if (problem !== undefined) record(await minimized(ctx, world, endpoint, drawn, send, kindOf(problem), problem, answer.status, options.minimize !== false));
      }
      // An accepted mutant may change the state as it should: then the refused ones are sent again on their own and judged.
      count.stateChecks += 1;
      const change = accepted ? (refused.length > 0 && (await changesState(ctx, world, send, refused)) ? 'the refused inputs of the batch, sent again, changed the state' : undefined) : await stateChange(ctx, world, before);
      {
        if (change !== undefined) {
          const culprit = await bisect(ctx, world, send, refused);
          const drawn = culprit ?? refused[0];
          if (drawn !== undefined) record(culprit === undefined ? { ...(await minimized(ctx, world, endpoint, drawn, send, 'state-change', change, 0, false)), problem: `${change} (after the whole batch ${from}..${from + batch.length - 1}; it did not come back from one input)` } : await minimized(ctx, world, endpoint, drawn, send, 'state-change', change, 0, options.minimize !== false));
        }
      }
      // The catalog's "then the next valid request for the same epoch is accepted" (harness/conformance/unchanged.ts).
      const valid = seeds.find((s) => s.signed !== undefined && s.path === '/group_operation');
      if (valid !== undefined && !accepted) {
        const answer = await send(valid.whole.bytes);
        if (answer.status < 200 || answer.status >= 300) {
          const drawn = batch[0];
          if (drawn !== undefined) record({ ...(await minimized(ctx, world, endpoint, drawn, send, 'state-change', '', answer.status, false)), problem: `after the batch ${from}..${from + batch.length - 1}, the valid ${valid.name} for the same epoch got ${answer.status}` });
        }
      }
      // An accepted mutant on /group_operation may have been a commit the DS took: the group is in a later epoch than
      // the harness members, so the next batch gets a world of its own (a new group).
      if (accepted && path === '/group_operation') world = await buildEndpointWorld(ctx, world.generation + 1);
      const sick = await unhealthy(ctx);
      if (sick !== undefined) {
        const last = batch.at(-1);
        if (last !== undefined) record({ ...(await minimized(ctx, world, endpoint, last, send, 'unhealthy', sick, 0, false)), problem: `${sick} after the batch ${from}..${from + batch.length - 1}` });
        break;
      }
      options.onProgress?.(`fuzz: ${path}: ${count.inputs} inputs (${count.accepted} accepted, ${count.refused} refused), ${count.stateChecks} state checks, ${findings.size} findings`);
    }
  }
  return { counts, findings: [...findings.values()] };
}
