import type { Json } from '../codec/index.js';
import type { CheckResult } from '../conformance/index.js';
import type { TraceEntryJson } from '../network/index.js';
import type { RunSummary } from './summary.js';

/** Options for {@link resultJson} and {@link runJson}. */
export interface JsonReportOptions {
  /**
   * Keep every exchange's bytes and decoded bodies. Off by default: the
   * bodies of MLS traffic and the targets' keys carry fresh randomness that
   * no seed drives, so with them two runs of one seed differ in those bytes.
   * Without them the JSON of one seed is identical, durations aside.
   */
  readonly bodies?: boolean;
}

type JsonObject = { [key: string]: Json };

const isObject = (value: Json | undefined): value is JsonObject => typeof value === 'object' && value !== null && !Array.isArray(value);

/** The first string under one of `keys` in a decoded body, depth first. */
function findString(value: Json, keys: readonly string[]): string | undefined {
  if (Array.isArray(value)) {
    for (const item of value) {
      const found = findString(item, keys);
      if (found !== undefined) return found;
    }
    return undefined;
  }
  if (!isObject(value)) return undefined;
  for (const key of keys) {
    const direct = value[key];
    if (typeof direct === 'string') return direct;
  }
  for (const child of Object.values(value)) {
    const found = findString(child, keys);
    if (found !== undefined) return found;
  }
  return undefined;
}

/**
 * What a decoded body is, without its bytes: the struct, its request or
 * response type, the DSError code of an error answer, or that it did not decode.
 *
 * @example
 * bodySummary({ struct: 'DSResponse', value: { response_body: { response_type: 'error', error: { code: 'wrong_recipient' } } } })
 * // { struct: 'DSResponse', type: 'error', error_code: 'wrong_recipient' }
 */
export function bodySummary(decoded: Json | undefined): Json {
  if (!isObject(decoded)) return null;
  const struct = typeof decoded.struct === 'string' ? decoded.struct : null;
  if (decoded.error !== undefined && decoded.value === undefined) return { struct, undecodable: true };
  const value = decoded.value ?? null;
  const summary: JsonObject = { struct };
  const type = findString(value, ['request_type', 'response_type']);
  if (type !== undefined) summary.type = type;
  const error = isObject(value) ? findError(value) : undefined;
  if (error !== undefined) summary.error_code = error;
  return summary;
}

function findError(value: JsonObject): string | undefined {
  for (const [key, child] of Object.entries(value)) {
    if (key === 'error' && isObject(child) && typeof child.code === 'string') return child.code;
    if (isObject(child)) {
      const found = findError(child);
      if (found !== undefined) return found;
    }
  }
  return undefined;
}

/**
 * One exchange of a result's evidence for the JSON report: with `bodies`,
 * as the runner recorded it (hex and decoded bodies); without, its schedule
 * (times, hosts, method, path, status, TLS, faults) and what each body was.
 *
 * @example
 * exchangeJson(result.evidence.exchanges[0], { bodies: false }).response // { struct: 'DSResponse', type: 'error', error_code: 'wrong_recipient' }
 */
export function exchangeJson(exchange: TraceEntryJson, options: JsonReportOptions = {}): TraceEntryJson {
  // The id is the order real async work finished in (see canonicalExchanges), not part of the schedule.
  const schedule: TraceEntryJson = { ...exchange };
  const { request, response, request_decoded, response_decoded } = exchange;
  for (const key of ['id', 'request', 'response', 'request_decoded', 'response_decoded']) Reflect.deleteProperty(schedule, key);
  if (options.bodies === true) return { ...schedule, request: request ?? null, response: response ?? null, request_decoded: request_decoded ?? null, response_decoded: response_decoded ?? null };
  return { ...schedule, request: bodySummary(request_decoded), response: bodySummary(response_decoded) };
}

/**
 * Exchanges in a canonical order, as the demo prints them: virtual start
 * time, then source, then destination, then the order recorded. Exchanges
 * that start at the same virtual instant on different links (a fan-out to
 * two guests) are recorded in the order real async work (WebCrypto)
 * finished; this order does not depend on it, and keeps the order of
 * requests one host sent to another.
 *
 * @example
 * canonicalExchanges(result.evidence.exchanges).map((e) => exchangeJson(e))
 */
export function canonicalExchanges(exchanges: readonly TraceEntryJson[]): TraceEntryJson[] {
  const num = (value: Json | undefined) => (typeof value === 'number' ? value : 0);
  const str = (value: Json | undefined) => (typeof value === 'string' ? value : '');
  return [...exchanges].sort((a, b) => num(a.at) - num(b.at) || str(a.source).localeCompare(str(b.source)) || str(a.destination).localeCompare(str(b.destination)) || num(a.id) - num(b.id));
}

/**
 * One result as the JSON report has it (issue 10 §5): `{id, section, level,
 * status, seed, durationMs, evidence}`, plus its schedule hash and replay command.
 *
 * @example
 * JSON.stringify(resultJson(result))
 */
export function resultJson(result: CheckResult, options: JsonReportOptions = {}): JsonObject {
  const { expected, actual, exchanges } = result.evidence;
  return {
    id: result.id,
    section: result.section,
    level: result.level,
    status: result.status,
    seed: result.seed,
    durationMs: result.durationMs,
    traceHash: result.traceHash,
    replay: result.replay,
    ...(result.expectedFailure === undefined ? {} : { expectedFailure: result.expectedFailure }),
    evidence: { expected: expected ?? null, actual: actual ?? null, exchanges: canonicalExchanges(exchanges).map((e) => exchangeJson(e, options)) },
  };
}

/** What a run was, for {@link runJson}. */
export interface RunFacts {
  readonly target: string;
  readonly seed: number;
  readonly transport: string;
  readonly checkGlob?: string;
  /** `i/n` when the run was one shard (`--shard`). */
  readonly shard?: string;
  readonly durationMs: number;
  readonly exitStatus: number;
}

/**
 * The whole run as one JSON document: what ran, the summary counts, the
 * run's trace hash, the exit status and every result in catalog order.
 * Two runs of one seed give the same document, `durationMs` fields aside
 * (and, with `bodies`, the fresh key material in the bytes).
 *
 * @example
 * writeFileSync('run.json', `${JSON.stringify(runJson(results, summary, facts), null, 2)}\n`);
 */
export function runJson(results: readonly CheckResult[], summary: RunSummary, facts: RunFacts, options: JsonReportOptions = {}): JsonObject {
  return {
    tool: 'mimi-harness run',
    target: facts.target,
    seed: facts.seed,
    transport: facts.transport,
    checks: facts.checkGlob ?? '*',
    ...(facts.shard === undefined ? {} : { shard: facts.shard }),
    strict: summary.strict,
    bodies: options.bodies === true,
    traceHash: summary.traceHash,
    exitStatus: facts.exitStatus,
    durationMs: facts.durationMs,
    counts: { total: summary.total, ...summary.counts },
    categories: summary.categories.map((c) => ({ category: c.category, ...c.counts })),
    failed: { MUST: summary.failuresByLevel.MUST.map((r) => r.id), PROFILE: summary.failuresByLevel.PROFILE.map((r) => r.id), SHOULD: summary.failuresByLevel.SHOULD.map((r) => r.id), MAY: summary.failuresByLevel.MAY.map((r) => r.id) },
    results: results.map((r) => resultJson(r, options)),
  };
}
