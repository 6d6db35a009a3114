import { encode } from '../../harness/codec/index.js';
import { declaredBudget, limitAnswer, MAX_FLOOD, type CheckContext, type CheckVerdict, type LimitAnswer } from '../../harness/conformance/index.js';
import { dsRequest, verificationKeyRequest } from '../../harness/messages/index.js';
import type { Budget } from '../../harness/conformance/index.js';

/** A cheap request on a path with a declared per-source budget: what the per-source checks flood. */
export interface SourceProbe {
  readonly path: string;
  readonly budget: Budget;
  readonly what: string;
  /** Sends the probe from `source` (a client label: its own virtual address). */
  readonly send: (source: string) => Promise<LimitAnswer>;
}

/**
 * The cheapest probe whose path has a declared per-source budget (the
 * smallest burst wins): a VerificationKeyRequest by the draft's GET with a
 * body, or an anonymous `ds_signature_public_key` on /group_operation
 * (profile §8). A `skip` verdict when the target declares none that can be
 * flooded in a few seconds.
 *
 * @example
 * const probe = sourceProbe(ctx);
 * if ('status' in probe) return probe;
 */
export function sourceProbe(ctx: CheckContext): SourceProbe | CheckVerdict {
  const sender = ctx.peers[0]?.dsDomain ?? 'ds.peer-a.test';
  const key = encode(verificationKeyRequest, { protocol_version: 1, sender, recipient: ctx.target.dsDomain });
  const dsKey = encode(dsRequest, { version: 1, request_body: { request_type: 'ds_signature_public_key' }, authentication_data: { auth_type: 'anonymous' } });
  const candidates = [
    { path: '/verification_key', method: 'GET', body: key, what: 'VerificationKeyRequests (GET with a body)' },
    { path: '/group_operation', method: 'POST', body: dsKey, what: 'anonymous ds_signature_public_key requests' },
  ].flatMap((c) => {
    const budget = declaredBudget(ctx, c.path, 'source');
    return budget === undefined || budget.burst > MAX_FLOOD ? [] : [{ ...c, budget }];
  }).sort((a, b) => a.budget.burst - b.budget.burst);
  const chosen = candidates[0];
  if (chosen === undefined) return { status: 'skip', expected: `a declared per-source budget of at most ${MAX_FLOOD} on /verification_key or /group_operation`, actual: 'the target declares none' };
  return {
    path: chosen.path,
    budget: chosen.budget,
    what: `${chosen.what} to ${chosen.path} from one source address`,
    send: (source) => limitAnswer(ctx, { source, url: `https://${ctx.target.dsDomain}${chosen.path}`, method: chosen.method, body: chosen.body }),
  };
}
