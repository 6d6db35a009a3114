import type { ExchangeContext } from './exchange.js';
import type { ConnectionInfo } from './host.js';
import type { IncomingOutcome, IncomingRequest } from './network-types.js';
import type { ServeFunction } from './transport.js';

/**
 * One request from another process to a host of this network (a peer
 * front's, issue 11 §1), start to end: recorded in the trace with its
 * source, refused if the host is down, held by a partition or a dropped
 * request, delayed by link latency (virtual time), served, and its answer
 * dropped if the plan says so. Faults are those of the link source → host.
 *
 * @example
 * const outcome = await runIncoming(context, serve, incoming);
 */
export async function runIncoming(ctx: ExchangeContext, serve: ServeFunction, incoming: IncomingRequest): Promise<IncomingOutcome> {
  const { token, id } = ctx.hold();
  const sourceAddress = ctx.addressOf(incoming.source);
  const entry = ctx.record({ at: ctx.elapsed(), end: ctx.elapsed(), source: incoming.source, sourceAddress, destination: incoming.host, via: 'node', method: incoming.method, path: incoming.path, request: incoming.body, status: null, error: null, response: null, tls: incoming.tls === null ? null : { protocol: incoming.tls.protocol, certificateSubject: incoming.tls.certificateSubject }, faults: [] });
  const finish = (outcome: IncomingOutcome, error?: string): IncomingOutcome => {
    entry.end = ctx.elapsed();
    if (outcome.answered) {
      entry.status = outcome.status;
      entry.response = outcome.body;
    } else entry.error = error ?? 'ECONNRESET';
    ctx.finished(token, id);
    return outcome;
  };
  const target = ctx.lookup(incoming.host);
  if (target === undefined) return finish({ answered: false, reason: `${incoming.host} is not a host of this check` }, 'ENOTFOUND');
  if (target.crashed) return finish({ answered: false, reason: `${incoming.host} is down` }, 'ECONNREFUSED');
  if (ctx.partitioned(incoming.source, target)) {
    entry.faults.push('partition');
    await ctx.sleep(token, ctx.timeoutMs);
    return finish({ answered: false, reason: 'partitioned' }, 'ETIMEDOUT');
  }
  const plan = ctx.plan(incoming.source, target);
  entry.faults.push(...plan.applied);
  if (plan.delayMs > 0) await ctx.sleep(token, plan.delayMs);
  if (target.crashed) return finish({ answered: false, reason: `${incoming.host} went down` }, 'ECONNREFUSED');
  if (plan.dropRequest) return finish({ answered: false, reason: 'request dropped' }, 'ETIMEDOUT');
  const hasBody = incoming.method !== 'GET' && incoming.method !== 'HEAD';
  const once = async (): Promise<Response> => {
    const request = new Request(`https://${incoming.host}${incoming.path}`, { method: incoming.method, headers: incoming.headers, ...(hasBody ? { body: incoming.body } : {}) });
    const rawBody = !hasBody && incoming.body.length > 0 ? new Blob([incoming.body]).stream() : null;
    const info: ConnectionInfo = { remoteAddress: sourceAddress, source: incoming.source, rawBody, chunked: false, transport: 'sockets', tls: incoming.tls };
    return serve(target, request, info, id);
  };
  const response = await once();
  const body = new Uint8Array(await response.arrayBuffer());
  if (plan.duplicate) await once().then((r) => r.arrayBuffer()).catch(() => undefined);
  if (plan.dropResponse) return finish({ answered: false, reason: 'response dropped' }, 'ETIMEDOUT');
  return finish({ answered: true, status: response.status, headers: response.headers, body });
}
