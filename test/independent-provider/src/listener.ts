import type { IncomingMessage, ServerResponse } from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import type { ProviderContext } from './context.js';
import { errorAnswer, ProtocolError, type Answer } from './protocol-error.js';
import { checkBodyHead, readCapped } from './read-body.js';
import { discovery, type Route } from './routes.js';

/** What the listener needs besides the context: its certificate, and whether the peers are known yet. */
export interface ListenerOptions {
  readonly keyPem: string;
  readonly certPem: string;
  readonly port: number;
  /** The endpoints ({@link routes}), shared with the in-process calls of our own clients. */
  readonly table: readonly Route[];
  /** The context once the harness's peers dir has been read; undefined before (discovery answers 503). */
  readonly context: () => ProviderContext | undefined;
}

function send(res: ServerResponse, answer: Answer, close: boolean): void {
  const headers: Record<string, string> = { ...answer.headers, 'content-length': String(answer.body.byteLength) };
  if (close) headers['connection'] = 'close';
  res.writeHead(answer.status, headers);
  // Headers and body leave in one write (docs/EXTERNAL.md "Set TCP_NODELAY").
  res.end(Buffer.from(answer.body));
}

async function answerFor(ctx: ProviderContext, req: IncomingMessage, table: readonly Route[]): Promise<Answer> {
  const url = new URL(req.url ?? '/', 'https://placeholder');
  const host = (req.headers.host ?? '').replace(/:\d+$/, '').toLowerCase();
  const route = table.find((r) => r.path === url.pathname && host === (r.on === 'ds' ? ctx.dsDomain : ctx.domain));
  if (route === undefined) return errorAnswer(new ProtocolError('not_found', `no endpoint ${url.pathname} on ${host}`), 'DSResponse');
  const method = req.method ?? '';
  if (!route.methods.includes(method)) return errorAnswer(new ProtocolError('method_not_allowed', `${url.pathname} accepts ${route.methods.join(', ')}`, { allow: route.methods.join(', ') }), route.carrier);
  if (route.handle === null) return discovery(ctx);
  try {
    checkBodyHead(req);
    return await route.handle(ctx, await readCapped(req));
  } catch (error) {
    if (!(error instanceof ProtocolError)) ctx.log(`internal error on ${url.pathname}: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    return errorAnswer(error, route.carrier);
  }
}

/**
 * The provider's one HTTPS listener for both its names (the certificate names both; SNI and Host pick the
 * endpoints): TLS 1.3 only (transport draft "Transport Security and Authentication"), the routes of profile §10 in
 * its order (path, method, Content-Type, Content-Length, size, decoding, payload). An answer given before the whole
 * body was read closes the connection, after draining what still arrives (profile §10 "When the body is read").
 *
 * @example
 * const server = await listen({ keyPem, certPem, port: 0, table: routes(), context: () => ctx });
 */
export async function listen(options: ListenerOptions): Promise<https.Server> {
  const { table } = options;
  const server = https.createServer({ key: options.keyPem, cert: options.certPem, minVersion: 'TLSv1.3', noDelay: true }, (req, res) => {
    const ctx = options.context();
    if (ctx === undefined) {
      req.resume();
      send(res, errorAnswer(new ProtocolError('unavailable', 'waiting for the harness peers dir'), 'DSResponse'), false);
      return;
    }
    answerFor(ctx, req, table).then(
      (answer) => {
        // Answered before the whole body arrived: drop the rest as it comes, and close after the answer.
        const unread = !req.complete;
        if (unread) req.resume();
        send(res, answer, unread);
      },
      (error: unknown) => {
        send(res, errorAnswer(error, 'DSResponse'), true);
      },
    );
  });
  server.headersTimeout = 10_000;
  server.requestTimeout = 30_000;
  server.keepAliveTimeout = 5_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, '127.0.0.1', () => {
      resolve();
    });
  });
  return server;
}

/** The port a listener got. @example portOf(server) // 40123 */
export function portOf(server: https.Server): number {
  return (server.address() as AddressInfo).port;
}
