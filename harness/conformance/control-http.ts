import { toHex } from '../codec/index.js';
import type { ClientId, UserId } from '../messages/index.js';
import { loopbackJson, LoopbackJsonError, loopbackUrl } from '../network/index.js';
import type { ReceivedMessage } from '../scenario/index.js';
import type { ControlledClient, TargetControl } from './control.js';
import type { ControlState } from './control-wire.js';

/** Options of {@link httpControl}. */
export interface HttpControlOptions {
  /** Real time each call may take before it fails (default 10 s, docs/ADAPTER.md "Timeouts"). */
  readonly timeoutMs?: number;
}

const isState = (value: unknown): value is ControlState => {
  const state = value as Partial<ControlState> | null;
  return typeof state === 'object' && state !== null && Array.isArray(state.received) && Array.isArray(state.failures) && typeof state.groups === 'object' && state.groups !== null;
};

/**
 * The harness's client of a target's control API (docs/ADAPTER.md): a
 * {@link TargetControl} whose clients act through JSON calls on loopback.
 * Every answer about a client carries its state snapshot, which the client
 * mirrors, so that `received`, `failures` and `epoch()` stay synchronous
 * as checks use them. An error answer, a malformed one or a timeout rejects
 * with a {@link LoopbackJsonError} naming the call.
 *
 * @example
 * const target: Target = { ...myTarget, control: () => httpControl('http://127.0.0.1:9100') };
 */
export function httpControl(url: string, options: HttpControlOptions = {}): TargetControl {
  const base = loopbackUrl(url);
  const timeoutMs = options.timeoutMs ?? 10_000;
  const call = async (method: 'GET' | 'POST', path: string, body?: unknown): Promise<Record<string, unknown>> => {
    const { status, body: answer } = await loopbackJson(base, method, path, body, timeoutMs);
    const error = (answer as { error?: { code?: unknown; message?: unknown } } | null)?.error;
    if (status >= 400 || error !== undefined) {
      const code = typeof error?.code === 'string' ? error.code : 'error';
      const message = typeof error?.message === 'string' ? error.message : JSON.stringify(answer);
      throw new LoopbackJsonError(`${method} ${path}`, `${status} ${code}: ${message}`, status, answer);
    }
    if (typeof answer !== 'object' || answer === null || !isState((answer as { state?: unknown }).state)) throw new LoopbackJsonError(`${method} ${path}`, `answered ${status} without a client state snapshot: ${JSON.stringify(answer).slice(0, 120)}`, status, answer);
    return answer as Record<string, unknown>;
  };
  return {
    async createClient(id: ClientId, clientOptions = {}): Promise<ControlledClient> {
      const created = await call('POST', '/clients', { client: id, ...clientOptions });
      const handle = created['handle'];
      if (typeof handle !== 'string') throw new LoopbackJsonError('POST /clients', 'answered without a handle');
      let state = created['state'] as ControlState;
      const received: ReceivedMessage[] = [];
      const failures: string[] = [];
      const mirror = (answer: Record<string, unknown>) => {
        state = answer['state'] as ControlState;
        received.splice(0, received.length, ...state.received);
        failures.splice(0, failures.length, ...state.failures);
        return answer;
      };
      mirror(created);
      const act = async (operation: string, body: Record<string, unknown> = {}) => mirror(await call('POST', `/clients/${handle}/${operation}`, body));
      const onGroup = (groupId: Uint8Array, extra: Record<string, unknown> = {}) => ({ groupId: toHex(groupId), ...extra });
      return {
        id,
        received,
        failures,
        async createGroup(kind = 'regular') {
          const answer = await act('create-group', { kind });
          const groupId = answer['groupId'];
          if (typeof groupId !== 'string' || !/^([0-9a-f]{2})+$/.test(groupId)) throw new LoopbackJsonError(`POST /clients/${handle}/create-group`, 'answered without a hex groupId');
          return Uint8Array.from(Buffer.from(groupId, 'hex'));
        },
        async addUsers(groupId, clients: readonly ClientId[]) { await act('add-users', onGroup(groupId, { clients })); },
        async removeUsers(groupId, users: readonly UserId[]) { await act('remove-users', onGroup(groupId, { users })); },
        async selfRemove(groupId) { await act('self-remove', onGroup(groupId)); },
        async update(groupId) { await act('update', onGroup(groupId)); },
        async externalJoin(groupId) { await act('external-join', onGroup(groupId)); },
        async send(groupId, text) { await act('send', onGroup(groupId, { text })); },
        async sync() {
          const taken = (await act('sync'))['taken'];
          return typeof taken === 'number' ? taken : 0;
        },
        epoch(groupId) {
          const epoch = state.groups[toHex(groupId)];
          return epoch === undefined ? undefined : BigInt(epoch);
        },
        epochs: () => new Map(Object.entries(state.groups).map(([hex, epoch]) => [hex, BigInt(epoch)])),
      };
    },
  };
}
