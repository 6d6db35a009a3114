import type { RequestController } from '@mswjs/interceptors';
import { getClientRequestBodyStream } from '@mswjs/interceptors/utils/node';
import type { FaultPlan } from './faults.js';
import type { HostEntry } from './host.js';
import type { InterceptedVia } from './interception.js';
import { asFetchError, connectionRefused, hostNotFound, timedOut, type NodeStyleError } from './net-errors.js';
import { readAll } from './node-bridge.js';
import type { TraceEntry } from './trace.js';
import type { ExchangeResult, OutgoingExchange, Transport } from './transport.js';
import type { BusyToken } from './busy.js';

/** What the exchange pipeline needs from its network. */
export interface ExchangeContext {
  readonly transport: Transport;
  readonly timeoutMs: number;
  lookup(host: string): HostEntry | undefined;
  addressOf(source: string): string;
  partitioned(source: string, destination: HostEntry): boolean;
  plan(source: string, destination: HostEntry): FaultPlan;
  /** Sleeps on the virtual clock; the exchange's token does not count while asleep. */
  sleep(token: BusyToken, ms: number): Promise<void>;
  /** Runs `fire` after `ms` of virtual time unless the returned function is called first. */
  sleepCancellable(ms: number, fire: () => void): () => void;
  record(entry: Omit<TraceEntry, 'id'>): TraceEntry;
  elapsed(): number;
  /** Counts a new exchange as busy; the id travels to the server (OutgoingExchange.exchangeId) so its handler joins the token. */
  hold(): { readonly token: BusyToken; readonly id: string };
  /** The exchange has answered: let its token go once no handler runs for it. */
  finished(token: BusyToken, id: string): void;
  /** Registers an exchange's way to fail itself, so that dispose() can end it; returns the unregister function. */
  pending(abort: (error: Error) => void): () => void;
}

const NULL_BODY_STATUS = new Set([101, 204, 205, 304]);

async function requestBody(via: InterceptedVia, request: Request): Promise<Uint8Array> {
  if (via === 'node') {
    // https.request bodies on GET are only reachable through the raw stream (@mswjs/interceptors drops them from the Request).
    const stream = getClientRequestBodyStream(request);
    return readAll(stream);
  }
  return new Uint8Array(await request.arrayBuffer());
}

/** A host that never answers fails the caller with ETIMEDOUT after the network's timeout, on the virtual clock. */
async function withTimeout<T>(ctx: ExchangeContext, work: Promise<T>, host: string): Promise<T> {
  let cancel = (): void => undefined;
  const timeout = new Promise<never>((_, reject) => {
    cancel = ctx.sleepCancellable(ctx.timeoutMs, () => {
      reject(timedOut(host, ctx.timeoutMs));
    });
  });
  try {
    return await Promise.race([work, timeout]);
  } finally {
    cancel();
  }
}

function fail(via: InterceptedVia, controller: RequestController, error: NodeStyleError | Error): void {
  controller.errorWith(via === 'fetch' ? asFetchError(error) : error);
}

/**
 * One intercepted request, start to end: route by host, apply partitions,
 * crashes and faults, send it over the transport, answer the controller,
 * and record the exchange. Every path ends in `respondWith` or `errorWith`,
 * so nothing can pass through to the real network.
 */
export async function runExchange(ctx: ExchangeContext, via: InterceptedVia, request: Request, controller: RequestController, source: string): Promise<void> {
  // Everything up to the first await is synchronous, so ids, fault draws and
  // routing follow the order in which requests were made, not the order in
  // which their bodies happen to be read: same seed, same trace.
  const { token, id: exchangeId } = ctx.hold();
  const url = new URL(request.url);
  const host = url.hostname;
  const path = `${url.pathname}${url.search}`;
  const sourceAddress = ctx.addressOf(source);
  const entry = ctx.record({ at: ctx.elapsed(), end: ctx.elapsed(), source, sourceAddress, destination: host, via, method: request.method, path, request: new Uint8Array(0), status: null, error: null, response: null, tls: null, faults: [] });
  const target = ctx.lookup(host);
  const port = url.port === '' ? (url.protocol === 'https:' ? 443 : 80) : Number(url.port);
  const refusal =
    target === undefined ? hostNotFound(host) : url.protocol !== 'https:' || port !== 443 || target.crashed ? connectionRefused(host, port) : undefined;
  const partitioned = target !== undefined && refusal === undefined && ctx.partitioned(source, target);
  const plan = target !== undefined && refusal === undefined && !partitioned ? ctx.plan(source, target) : undefined;

  let done = false;
  const unregister = ctx.pending((error) => {
    finish(error);
  });
  const finish = (result: ExchangeResult | NodeStyleError | Error): void => {
    if (done) return;
    done = true;
    unregister();
    entry.end = ctx.elapsed();
    if (result instanceof Error) {
      entry.error = (result as NodeStyleError).code ?? result.name;
      fail(via, controller, result);
    } else {
      entry.status = result.status;
      entry.response = result.body;
      entry.tls = result.tls === null ? null : { protocol: result.tls.protocol, certificateSubject: result.tls.certificateSubject };
      const responseBody = NULL_BODY_STATUS.has(result.status) ? null : result.body;
      controller.respondWith(new Response(responseBody, { status: result.status, statusText: result.statusText, headers: result.headers }));
    }
    ctx.finished(token, exchangeId);
  };

  let body: Uint8Array;
  try {
    body = await requestBody(via, request);
  } catch (error) {
    finish(error instanceof Error ? error : new Error(String(error)));
    return;
  }
  entry.request = body;
  if (refusal !== undefined || target === undefined) {
    finish(refusal ?? hostNotFound(host));
    return;
  }
  if (partitioned) {
    entry.faults.push('partition');
    await ctx.sleep(token, ctx.timeoutMs);
    finish(timedOut(host, ctx.timeoutMs));
    return;
  }
  if (plan === undefined) {
    finish(new Error('no fault plan'));
    return;
  }
  entry.faults.push(...plan.applied);
  if (plan.delayMs > 0) await ctx.sleep(token, plan.delayMs);
  if (done) return;
  if (target.crashed) {
    // The host went down while the request was on its way.
    finish(connectionRefused(host, port));
    return;
  }
  if (plan.dropRequest) {
    await ctx.sleep(token, ctx.timeoutMs);
    finish(timedOut(host, ctx.timeoutMs));
    return;
  }
  const exchange: OutgoingExchange = { source, sourceAddress, entry: target, host, method: request.method, path, headers: request.headers, body, exchangeId };
  let result: ExchangeResult;
  try {
    result = await withTimeout(ctx, ctx.transport.send(exchange), host);
    if (plan.duplicate) await withTimeout(ctx, ctx.transport.send(exchange), host).catch(() => undefined);
  } catch (error) {
    finish(error instanceof Error ? error : new Error(String(error)));
    return;
  }
  if (plan.dropResponse) {
    await ctx.sleep(token, ctx.timeoutMs);
    finish(timedOut(host, ctx.timeoutMs));
    return;
  }
  finish(result);
}
