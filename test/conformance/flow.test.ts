import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { toHex } from '../../harness/codec/index.js';
import { command, emptyModel, expectDelivered, FlowFailure, runScript, selfRemove, send, update, type CheckContext, type FlowClient, type FlowCommand, type FlowModel, type FlowReal } from '../../harness/conformance/index.js';
import type { ReceivedMessage } from '../../harness/scenario/index.js';

/** A context with a quiet network and no peers: enough for commands that only settle. */
const quietCtx = { network: { advance: () => Promise.resolve(), drive: <T>(p: Promise<T>) => p }, peers: [] } as unknown as CheckContext;

const GROUP = new Uint8Array([1, 2, 3]);

/** A stand-in harness client: records what it is asked to do, and has received `received`. */
function fakeClient(name: string, received: ReceivedMessage[] = [], log: string[] = []): FlowClient {
  const client = {
    id: { user: { user_name: name, domain: 'peer-a.test' }, client_name: 'phone' },
    received,
    failures: [],
    sync: () => Promise.resolve(0),
    send: (_g: Uint8Array, text: string) => {
      log.push(`${name} sends ${text}`);
      return Promise.resolve();
    },
    selfRemove: () => {
      log.push(`${name} self-removes`);
      return Promise.resolve();
    },
    update: () => {
      log.push(`${name} updates`);
      return Promise.resolve();
    },
  };
  return { kind: 'harness', client } as unknown as FlowClient;
}

function world(clients: Record<string, FlowClient>): { model: FlowModel; real: FlowReal } {
  const model = emptyModel();
  const real: FlowReal = { ctx: quietCtx, clients: new Map(Object.entries(clients)), groups: new Map([['g', GROUP]]) };
  for (const [name, c] of real.clients) model.clients.set(name, c.client.id);
  model.groups.set('g', { members: new Set(Object.keys(clients)), sent: [], pending: new Set(), state: 'live' });
  return { model, real };
}

describe('runScript (issue 10 §2: a scripted scenario fixes the command list)', () => {
  const ran: string[] = [];
  const step = (name: string): FlowCommand => command(name, () => true, () => {
    ran.push(name);
  });

  it('runs every command in order and passes, naming them', async () => {
    ran.length = 0;
    const verdict = await runScript(quietCtx, 'two steps', [step('one'), step('two')]);
    expect(ran).toEqual(['one', 'two']);
    expect(verdict).toMatchObject({ status: 'pass', actual: 'every step held (one; two)' });
  });

  it('fails at a command whose check does not hold, and runs nothing after it', async () => {
    ran.length = 0;
    const verdict = await runScript(quietCtx, 'bad script', [step('one'), command('never', () => false, () => undefined), step('three')]);
    expect(ran).toEqual(['one']);
    expect(verdict.status).toBe('fail');
    expect(verdict.actual).toContain('step 2/3 (never) does not apply');
  });

  it("a FlowFailure becomes the verdict's expected and actual; any other error is what was seen", async () => {
    const failing = await runScript(quietCtx, 'flow', [command('assert', () => true, () => {
      throw new FlowFailure('3 messages', '2 messages');
    })]);
    expect(failing).toEqual({ status: 'fail', expected: 'flow: at step 1/1 (assert), 3 messages', actual: '2 messages' });
    const thrown = await runScript(quietCtx, 'flow', [command('boom', () => true, () => {
      throw new TypeError('fetch failed');
    })]);
    expect(thrown).toEqual({ status: 'fail', expected: 'flow: step 1/1 (boom) succeeds', actual: 'TypeError: fetch failed' });
  });

  it('its commands have fast-check\'s AsyncCommand shape: fc.asyncModelRun runs them', async () => {
    const log: string[] = [];
    const { model, real } = world({ alice: fakeClient('alice', [], log), bob: fakeClient('bob', [], log) });
    const commands: fc.AsyncCommand<FlowModel, FlowReal>[] = [send('g', 'alice', 'hi'), selfRemove('g', 'bob'), update('g', 'alice')];
    await fc.asyncModelRun(() => ({ model, real }), commands);
    expect(log).toEqual(['alice sends hi', 'bob self-removes', 'alice updates']);
    // The model: bob got "hi"; his self-remove took effect with alice's commit.
    expect(model.groups.get('g')?.sent.map((s) => [s.text, [...s.to]])).toEqual([['hi', ['bob']]]);
    expect([...(model.groups.get('g')?.members ?? [])]).toEqual(['alice']);
  });
});

describe('expectDelivered (exactly once, in order, per recipient)', () => {
  const hex = toHex(GROUP);
  const sent = (model: FlowModel) => {
    model.groups.get('g')?.sent.push({ text: 'a', from: 'alice', to: new Set(['bob']) }, { text: 'b', from: 'alice', to: new Set(['bob']) });
  };
  const verdictFor = async (received: string[]) => {
    const { model, real } = world({ alice: fakeClient('alice'), bob: fakeClient('bob', received.map((text) => ({ groupId: hex, text }))) });
    sent(model);
    return expectDelivered('g').run(model, real).then(() => 'pass', (error: unknown) => (error instanceof FlowFailure ? error.actual : String(error)));
  };

  it('passes when each recipient got each message once, in order, and the sender nothing', async () => {
    expect(await verdictFor(['a', 'b'])).toBe('pass');
  });

  it('fails on a duplicate, a loss and a reordering', async () => {
    expect(await verdictFor(['a', 'a', 'b'])).toBe('bob received ["a","a","b"]');
    expect(await verdictFor(['b'])).toBe('bob received ["b"]');
    expect(await verdictFor(['b', 'a'])).toBe('bob received ["b","a"]');
  });
});
