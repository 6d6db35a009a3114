import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fromHex, toHex } from 'mimi-transport-harness/codec';
import type { ClientId, UserId } from 'mimi-transport-harness/messages';
import type { ProviderContext } from './context.js';
import { createControlClient, type ControlClient } from './control-client.js';
import type { LocalDispatch } from './ds-calls.js';

/** The control API's error codes and their statuses (docs/ADAPTER.md "Errors"). */
const STATUS = { bad_request: 400, unknown_client: 404, unknown_call: 404, method_not_allowed: 405, operation_failed: 409, internal: 500 } as const;
type ControlCode = keyof typeof STATUS;

class ControlError extends Error {
  constructor(
    readonly code: ControlCode,
    message: string,
  ) {
    super(message);
  }
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
function field(body: unknown, name: string): unknown {
  return isRecord(body) ? body[name] : undefined;
}
function text(body: unknown, name: string): string {
  const value = field(body, name);
  if (typeof value !== 'string') throw new ControlError('bad_request', `${name}: expected a string`);
  return value;
}
function userOf(value: unknown, path: string): UserId {
  if (!isRecord(value)) throw new ControlError('bad_request', `${path}: expected an object`);
  return { user_name: text(value, 'user_name'), domain: text(value, 'domain') };
}
function clientOf(value: unknown, path: string): ClientId {
  if (!isRecord(value)) throw new ControlError('bad_request', `${path}: expected an object`);
  return { user: userOf(value['user'], `${path}.user`), client_name: text(value, 'client_name') };
}
function list(body: unknown, name: string): unknown[] {
  const value = field(body, name);
  if (!Array.isArray(value)) throw new ControlError('bad_request', `${name}: expected an array`);
  return value;
}
function groupIdOf(body: unknown): Uint8Array {
  const hex = text(body, 'groupId');
  if (!/^([0-9a-f]{2})+$/.test(hex)) throw new ControlError('bad_request', 'groupId: expected lower-case hex');
  return fromHex(hex, 'groupId');
}

function readJson(req: IncomingMessage): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.once('error', reject);
    req.once('end', () => {
      const raw = Buffer.concat(chunks).toString('utf8');
      try {
        resolve(raw === '' ? {} : (JSON.parse(raw) as unknown));
      } catch {
        reject(new ControlError('bad_request', 'the body is not JSON'));
      }
    });
  });
}

type Operation = (client: ControlClient, body: unknown) => Promise<Record<string, unknown>>;

/** Every client operation of docs/ADAPTER.md "Calls": it answers once the DS accepted it and the client adopted its new state. */
const OPERATIONS: Readonly<Record<string, Operation>> = {
  'create-group': async (client, body) => {
    const kind = field(body, 'kind') ?? 'regular';
    if (kind !== 'regular' && kind !== 'connection') throw new ControlError('bad_request', 'kind: expected "regular" or "connection"');
    return { groupId: toHex(await client.createGroup(kind)) };
  },
  'add-users': async (client, body) => {
    await client.addUsers(groupIdOf(body), list(body, 'clients').map((c, i) => clientOf(c, `clients[${i}]`)));
    return {};
  },
  'remove-users': async (client, body) => {
    await client.removeUsers(groupIdOf(body), list(body, 'users').map((u, i) => userOf(u, `users[${i}]`)));
    return {};
  },
  'self-remove': async (client, body) => {
    await client.selfRemove(groupIdOf(body));
    return {};
  },
  update: async (client, body) => {
    await client.update(groupIdOf(body));
    return {};
  },
  'external-join': async (client, body) => {
    await client.externalJoin(groupIdOf(body));
    return {};
  },
  send: async (client, body) => {
    await client.send(groupIdOf(body), text(body, 'text'));
    return {};
  },
  sync: async (client) => ({ taken: await client.sync() }),
  state: () => Promise.resolve({}),
};

/** An operation's own failure is `operation_failed` (409); a malformed request stays `bad_request`. */
async function failedAs<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof ControlError) throw error;
    throw new ControlError('operation_failed', error instanceof Error ? `${error.name}: ${error.message}` : String(error));
  }
}

/**
 * The control API (docs/ADAPTER.md, docs/schemas/control/control-api.schema.json) on plain HTTP on loopback: the
 * harness creates our clients and makes them act through it.
 *
 * @example
 * const control = await startControl(ctx, local, 0); // control.url === 'http://127.0.0.1:40124'
 */
export async function startControl(ctx: ProviderContext, local: LocalDispatch, port: number): Promise<{ url: string; close: () => void }> {
  const clients: ControlClient[] = [];
  const route = async (req: IncomingMessage): Promise<{ status: number; body: unknown }> => {
    const path = new URL(req.url ?? '/', 'http://control').pathname;
    if (path === '/health') return { status: 200, body: { ok: true } };
    const body = await readJson(req);
    if (path === '/clients') {
      if (req.method !== 'POST') throw new ControlError('method_not_allowed', 'POST /clients');
      const keyPackages = field(body, 'keyPackages');
      if (keyPackages !== undefined && (typeof keyPackages !== 'number' || !Number.isInteger(keyPackages) || keyPackages < 0 || keyPackages > 1000)) throw new ControlError('bad_request', 'keyPackages: expected an integer 0..1000');
      const lastResort = field(body, 'lastResort');
      if (lastResort !== undefined && typeof lastResort !== 'boolean') throw new ControlError('bad_request', 'lastResort: expected a boolean');
      const id = clientOf(field(body, 'client'), 'client');
      const client = await failedAs(() => createControlClient(ctx, local, id, { ...(keyPackages === undefined ? {} : { keyPackages }), ...(lastResort === undefined ? {} : { lastResort }) }));
      clients.push(client);
      return { status: 201, body: { handle: String(clients.length - 1), state: client.state() } };
    }
    const match = /^\/clients\/(\d+)\/([a-z-]+)$/.exec(path);
    if (match === null) throw new ControlError('unknown_call', `no call ${req.method ?? '?'} ${path}`);
    const client = clients[Number(match[1])];
    if (client === undefined) throw new ControlError('unknown_client', `no client with handle ${match[1] ?? ''}`);
    const name = match[2] ?? '';
    const operation = OPERATIONS[name];
    if (operation === undefined) throw new ControlError('unknown_call', `no operation ${name}`);
    if ((name === 'state') !== (req.method === 'GET')) throw new ControlError('method_not_allowed', `${name === 'state' ? 'GET' : 'POST'} ${path}`);
    const extra = await failedAs(() => operation(client, body));
    return { status: 200, body: { ...extra, state: client.state() } };
  };
  const reply = (res: ServerResponse, status: number, body: unknown) => {
    const bytes = Buffer.from(JSON.stringify(body));
    res.writeHead(status, { 'content-type': 'application/json', 'content-length': bytes.length });
    res.end(bytes);
  };
  const server = createServer((req, res) => {
    route(req).then(
      ({ status, body }) => {
        reply(res, status, body);
      },
      (error: unknown) => {
        const code: ControlCode = error instanceof ControlError ? error.code : 'internal';
        if (code === 'internal') ctx.log(`control: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
        reply(res, STATUS[code], { error: { code, message: error instanceof Error ? error.message : String(error) } });
      },
    );
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', resolve);
  });
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => {
      server.closeAllConnections();
      server.close();
    },
  };
}
