import { decode } from '../codec/index.js';
import { queueingServiceRequest, type QueueingServiceRequest } from '../messages/index.js';
import type { TraceEntry } from '../network/index.js';
import type { CheckContext } from './check.js';
import { decodeErrorAnswer, type WireAnswer } from './wire.js';

/** Which exchanges of the trace to capture: by path, and optionally by source host and destination host. */
export interface CaptureFilter {
  readonly path: string;
  readonly source?: string;
  readonly destination?: string;
}

/**
 * The requests of the check's network that match `filter`, in order, with
 * their request bytes as they went over the wire (issue 10 §2: the persona
 * captures what the target sent and sends it elsewhere).
 *
 * @example
 * const [fanOut] = captured(ctx, { path: '/deliver_message', source: ctx.target.domain, destination: ctx.peers[1].dsDomain });
 */
export function captured(ctx: CheckContext, filter: CaptureFilter): TraceEntry[] {
  return ctx.network.trace.filter((e) => e.path === filter.path && (filter.source === undefined || e.source === filter.source) && (filter.destination === undefined || e.destination === filter.destination) && e.request.length > 0);
}

/** A captured QueueingServiceRequest, decoded. @example decodeQs(entry.request).fanout_request.recipient */
export function decodeQs(bytes: Uint8Array): QueueingServiceRequest {
  return decode(queueingServiceRequest, bytes, { rootName: 'QueueingServiceRequest' });
}

/** What an endpoint answered: `ok` for 200, else the error code of its carrier (profile §10), with the status. */
export interface WireOutcome {
  readonly status: number;
  readonly code: string;
  readonly detail: string;
}

/**
 * The outcome of an answer whose error body is the `carrier` struct's
 * error variant (QueueingServiceResponse, GroupKeyPackageResponse, ...).
 *
 * @example
 * outcomeOf('QueueingServiceResponse', answer) // { status: 421, code: 'wrong_recipient', detail: '...' }
 */
export function outcomeOf(carrier: string, answer: WireAnswer): WireOutcome {
  if (answer.status === 200) return { status: 200, code: 'ok', detail: '' };
  const error = decodeErrorAnswer(carrier, answer.body);
  return error.ok ? { status: answer.status, code: error.code, detail: error.message } : { status: answer.status, code: 'undecodable', detail: error.problem };
}

/** `421 wrong_recipient: …` for evidence. @example describeWire(outcome) */
export function describeWire(outcome: WireOutcome): string {
  return `${outcome.status} ${outcome.code}${outcome.detail === '' ? '' : `: ${outcome.detail}`}`;
}

/** Whether `outcome` is one of the permitted refusals. @example permits([{ status: 421, code: 'wrong_recipient' }], outcome) */
export function permits(permitted: readonly { readonly status: number; readonly code: string }[], outcome: WireOutcome): boolean {
  return permitted.some((p) => p.status === outcome.status && p.code === outcome.code);
}

