import { decode } from '../codec/index.js';
import { dsResponse, type DSErrorCode } from '../messages/index.js';
import type { TraceEntry } from '../network/index.js';
import type { CheckContext } from './check.js';
import type { DsOutcome } from './ds-world.js';
import type { Persona } from './persona.js';
import { outcomeOf, type WireOutcome } from './persona-capture.js';

/** A WireOutcome as a {@link DsOutcome}, for refusedWithoutEffect. @example asDsOutcome(outcomeOf('QueueingServiceResponse', answer)) */
export function asDsOutcome(outcome: WireOutcome): DsOutcome {
  return { status: outcome.status, code: outcome.code as DSErrorCode | 'ok' | 'undecodable', detail: outcome.detail };
}

/**
 * POSTs DSRequest bytes (captured or forged) from the persona's host to a
 * DS path of `host` and reads the DSResponse (profile §10).
 *
 * @example
 * const outcome = await sendDsBytes(mallory, ctx.target.dsDomain, '/group_operation', entry.request);
 */
export async function sendDsBytes(mallory: Persona, host: string, path: string, bytes: Uint8Array): Promise<DsOutcome> {
  const answer = await mallory.send(host, path, bytes);
  if (answer.status === 200) {
    try {
      const body = decode(dsResponse, answer.body, { rootName: 'DSResponse' }).response_body;
      if (body.response_type === 'error') return { status: 200, code: body.error.code, detail: `an error body with status 200: ${body.error.message}` };
    } catch (error) {
      return { status: 200, code: 'undecodable', detail: error instanceof Error ? error.message : String(error) };
    }
  }
  return asDsOutcome(outcomeOf('DSResponse', answer));
}

/** The last request `source` sent to `destination` on `path` (throws if none). @example lastSent(ctx, 'peer-a.test', 'ds.target.test', '/group_operation') */
export function lastSent(ctx: CheckContext, source: string, destination: string, path: string): TraceEntry {
  const entries = ctx.network.trace.filter((e) => e.source === source && e.destination === destination && e.path === path && e.request.length > 0);
  const entry = entries[entries.length - 1];
  if (entry === undefined) throw new Error(`nothing captured from ${source} to ${destination}${path}`);
  return entry;
}

/** `bytes` with every occurrence of `from` replaced by `to` (same length): how a persona moves a payload to another group. @example replaceBytes(request, g1, g2) */
export function replaceBytes(bytes: Uint8Array, from: Uint8Array, to: Uint8Array): Uint8Array {
  if (from.length !== to.length || from.length === 0) throw new Error('replaceBytes needs two non-empty values of one length');
  const out = bytes.slice();
  for (let i = 0; i + from.length <= out.length; i++) {
    if (from.every((b, j) => out[i + j] === b)) {
      out.set(to, i);
      i += from.length - 1;
    }
  }
  return out;
}
