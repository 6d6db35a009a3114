import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fromHex, toHex } from '../codec/index.js';
import type { ControlledClient, TargetControl } from './control.js';
import { arrayField, clientIdOf, CONTROL_ERRORS, ControlShapeError, optionalCount, stateOf, stringField, userIdOf, type ControlErrorCode } from './control-wire.js';

/** A running control-API server (docs/ADAPTER.md). */
export interface ControlServer {
  /** `http://127.0.0.1:PORT` */
  readonly url: string;
  close(): Promise<void>;
}

/** Request bodies above this are refused (a control call carries a few ids and a text). */
const MAX_BODY_BYTES = 1 << 20;

class ControlCallError extends Error {
  constructor(readonly code: ControlErrorCode, message: string) {
    super(message);
  }
}

function readJson(req: IncomingMessage): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) reject(new ControlCallError('bad_request', `the body is larger than ${MAX_BODY_BYTES} bytes`));
      else chunks.push(chunk);
    });
    req.on('error', reject);
    req.on('end', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      if (text === '') { resolve({}); return; }
      try {
        resolve(JSON.parse(text) as unknown);
      } catch {
        reject(new ControlCallError('bad_request', 'the body is not JSON'));
      }
    });
  });
}

const groupIdOf = (body: unknown): Uint8Array => {
  const hex = stringField(body, 'groupId');
  if (!/^([0-9a-f]{2})+$/.test(hex)) throw new ControlShapeError('groupId: expected lower-case hex');
  return fromHex(hex, 'groupId');
};

/** Runs what the target's control does; its failure (not a malformed request) is `operation_failed` with its message. */
async function failedAs<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof ControlShapeError) throw error;
    throw new ControlCallError('operation_failed', error instanceof Error ? `${error.name}: ${error.message}` : String(error));
  }
}

/** The client operations of the API: path segment → what it does; each answers with the client's state (and more for some). */
const OPERATIONS: Readonly<Record<string, (client: ControlledClient, body: unknown) => Promise<Record<string, unknown>>>> = {
  'create-group': async (client, body) => {
    const kind = (body as { kind?: unknown }).kind ?? 'regular';
    if (kind !== 'regular' && kind !== 'connection') throw new ControlShapeError('kind: expected "regular" or "connection"');
    return { groupId: toHex(await client.createGroup(kind)) };
  },
  'add-users': async (client, body) => { await client.addUsers(groupIdOf(body), arrayField(body, 'clients').map((c, i) => clientIdOf(c, `clients[${i}]`))); return {}; },
  'remove-users': async (client, body) => { await client.removeUsers(groupIdOf(body), arrayField(body, 'users').map((u, i) => userIdOf(u, `users[${i}]`))); return {}; },
  'self-remove': async (client, body) => { await client.selfRemove(groupIdOf(body)); return {}; },
  update: async (client, body) => { await client.update(groupIdOf(body)); return {}; },
  'external-join': async (client, body) => { await client.externalJoin(groupIdOf(body)); return {}; },
  send: async (client, body) => { await client.send(groupIdOf(body), stringField(body, 'text')); return {}; },
  sync: async (client) => ({ taken: await client.sync() }),
  state: () => Promise.resolve({}),
};

/**
 * Serves the control API (docs/ADAPTER.md) for a target's control interface
 * on 127.0.0.1: `GET /health`, `POST /clients`, `POST
 * /clients/{handle}/{operation}` and `GET /clients/{handle}/state`. Bad
 * JSON or a missing field is a 400 with the error shape, a failed operation
 * a 409 with its message; nothing a request carries can crash it.
 *
 * @example
 * const server = await startControlServer(reference.control!(durable, network));
 * const control = httpControl(server.url);
 */
export async function startControlServer(control: TargetControl, options: { readonly port?: number } = {}): Promise<ControlServer> {
  const clients: ControlledClient[] = [];
  const answer = (res: ServerResponse, status: number, body: unknown) => {
    const bytes = Buffer.from(JSON.stringify(body));
    res.writeHead(status, { 'content-type': 'application/json', 'content-length': bytes.length });
    res.end(bytes);
  };
  const route = async (req: IncomingMessage): Promise<{ status: number; body: unknown }> => {
    const path = new URL(req.url ?? '/', 'http://control').pathname;
    if (path === '/health') return { status: 200, body: { ok: true } };
    const body = await readJson(req);
    if (path === '/clients') {
      if (req.method !== 'POST') throw new ControlCallError('method_not_allowed', 'POST /clients');
      const keyPackages = optionalCount(body, 'keyPackages');
      const lastResort = (body as { lastResort?: unknown }).lastResort;
      if (lastResort !== undefined && typeof lastResort !== 'boolean') throw new ControlShapeError('lastResort: expected a boolean');
      const id = clientIdOf((body as { client?: unknown }).client, 'client');
      const client = await failedAs(() => control.createClient(id, { ...(keyPackages === undefined ? {} : { keyPackages }), ...(lastResort === undefined ? {} : { lastResort }) }));
      clients.push(client);
      return { status: 201, body: { handle: String(clients.length - 1), state: stateOf(client) } };
    }
    const match = /^\/clients\/(\d+)\/([a-z-]+)$/.exec(path);
    if (match === null) throw new ControlCallError('unknown_call', `no call ${req.method ?? '?'} ${path}`);
    const client = clients[Number(match[1])];
    if (client === undefined) throw new ControlCallError('unknown_client', `no client with handle ${match[1] ?? ''}`);
    const operation = OPERATIONS[match[2] ?? ''];
    if (operation === undefined) throw new ControlCallError('unknown_call', `no operation ${match[2] ?? ''}`);
    if ((match[2] === 'state') !== (req.method === 'GET')) throw new ControlCallError('method_not_allowed', `${match[2] === 'state' ? 'GET' : 'POST'} ${path}`);
    const extra = await failedAs(() => operation(client, body));
    return { status: 200, body: { ...extra, state: stateOf(client) } };
  };
  const server = createServer((req, res) => {
    route(req).then(
      ({ status, body }) => { answer(res, status, body); },
      (error: unknown) => {
        const code: ControlErrorCode = error instanceof ControlCallError ? error.code : error instanceof ControlShapeError ? 'bad_request' : 'internal';
        answer(res, CONTROL_ERRORS[code], { error: { code, message: error instanceof Error ? error.message : String(error) } });
      },
    );
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', resolve);
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise<void>((resolve) => { server.closeAllConnections(); server.close(() => { resolve(); }); }),
  };
}
