import https from 'node:https';
import { decode } from '../codec/index.js';
import { registryEntry } from '../messages/index.js';
import type { CheckContext } from './check.js';

/** A request a check sends, by node:https so that a GET may carry a body as the transport draft's GET endpoints do. */
export interface WireRequest {
  /** The host the request is attributed to (a peer's domain, or a client label). */
  readonly source: string;
  readonly url: string;
  readonly method: string;
  readonly headers?: Readonly<Record<string, string>>;
  readonly body?: Uint8Array;
}

/** The answer as it came off the wire. */
export interface WireAnswer {
  readonly status: number;
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
  readonly body: Uint8Array;
}

/**
 * Sends one request on the check's network and drives it until it settles.
 * A body gets its Content-Length (profile §10).
 *
 * @example
 * const answer = await sendRequest(ctx, { source: 'peer-a.test', url: 'https://ds.target.test/group_operation', method: 'DELETE' });
 */
export function sendRequest(ctx: CheckContext, request: WireRequest): Promise<WireAnswer> {
  const headers: Record<string, string> = { ...(request.headers ?? {}) };
  if (request.body !== undefined) headers['content-length'] = String(request.body.length);
  const pending = ctx.network.run(request.source, () =>
    new Promise<WireAnswer>((resolve, reject) => {
      const outgoing = https.request(request.url, { method: request.method, headers }, (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => {
          resolve({ status: response.statusCode ?? 0, headers: response.headers, body: new Uint8Array(Buffer.concat(chunks)) });
        });
        response.on('error', reject);
      });
      outgoing.on('error', reject);
      outgoing.end(request.body === undefined ? undefined : Buffer.from(request.body));
    }),
  );
  return ctx.network.drive(pending);
}

/** An error answer's code and message, or why the bytes are not an error of `carrier`. */
export type DecodedError = { readonly ok: true; readonly code: string; readonly message: string } | { readonly ok: false; readonly problem: string };

function field(value: unknown, key: string): unknown {
  return typeof value === 'object' && value !== null ? (value as Record<string, unknown>)[key] : undefined;
}

/**
 * Decodes `bytes` as the error variant of the response struct `carrier`
 * (profile §10: every error answer is the endpoint's own response type).
 *
 * @example
 * decodeErrorAnswer('DSResponse', answer.body) // { ok: true, code: 'method_not_allowed', message: '...' }
 */
export function decodeErrorAnswer(carrier: string, bytes: Uint8Array): DecodedError {
  const entry = registryEntry(carrier);
  if (entry === undefined) return { ok: false, problem: `${carrier} is not in the registry` };
  let value: unknown;
  try {
    value = decode(entry.codec, bytes, { rootName: carrier });
  } catch (error) {
    return { ok: false, problem: `not a ${carrier}: ${error instanceof Error ? error.message : String(error)}` };
  }
  const body = field(value, 'response_body');
  const error = field(body, 'error');
  const code = field(error, 'code');
  const message = field(error, 'message');
  if (field(body, 'response_type') !== 'error' || typeof code !== 'string') return { ok: false, problem: `a ${carrier} but not its error variant` };
  return { ok: true, code, message: typeof message === 'string' ? message : '' };
}
