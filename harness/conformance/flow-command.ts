import type { ClientId } from '../messages/index.js';
import type { VirtualClient } from '../scenario/index.js';
import type { CheckContext, CheckVerdict } from './check.js';
import type { ControlledClient } from './control.js';

/** A client of a flow: one of the harness's own (at a harness peer) or one of the target's (through its control interface). @example const c: FlowClient = { kind: 'harness', client: alice }; */
export type FlowClient = { readonly kind: 'harness'; readonly client: VirtualClient } | { readonly kind: 'target'; readonly client: ControlledClient };

/** An application message the model expects: its text, its sender and the clients that must get it. @example const m: SentMessage = { text: 'hi', from: 'alice', to: new Set(['bob']) }; */
export interface SentMessage {
  readonly text: string;
  readonly from: string;
  readonly to: ReadonlySet<string>;
}

/** What the model knows of a group: its members by flow name, what was sent in it, and whether it still takes operations. @example const g: ModelGroup = { members: new Set(['alice']), sent: [], pending: new Set(), state: 'live' }; */
export interface ModelGroup {
  readonly members: Set<string>;
  readonly sent: SentMessage[];
  /** Members whose self-remove is proposed but not committed yet: the next member commit removes them. */
  readonly pending: Set<string>;
  /** `live`, `suspended` (after a ReInit) or `deleted`. */
  state: 'live' | 'suspended' | 'deleted';
}

/** The model of a flow (fast-check's model-based testing: commands check and update it). @example const model: FlowModel = emptyModel(); */
export interface FlowModel {
  /** Every client by flow name, with its ClientId once it exists. */
  readonly clients: Map<string, ClientId>;
  readonly groups: Map<string, ModelGroup>;
}

/** The real system of a flow: the check's context and the clients and groups it made. @example const real: FlowReal = { ctx, clients: new Map(), groups: new Map() }; */
export interface FlowReal {
  readonly ctx: CheckContext;
  readonly clients: Map<string, FlowClient>;
  readonly groups: Map<string, Uint8Array>;
}

/**
 * One command of a flow, in fast-check's `fc.AsyncCommand<FlowModel, FlowReal>`
 * shape (issue 10 §2): `check` says whether it applies to the model, `run`
 * acts on the real system and updates the model, `toString` names it. A
 * scripted scenario is a fixed list of them; a property scenario could draw them.
 *
 * @example
 * const hello: FlowCommand = { check: (m) => m.groups.has('g'), run: async (m, r) => { ... }, toString: () => 'alice sends "hello" in g' };
 */
export interface FlowCommand {
  check(model: Readonly<FlowModel>): boolean;
  run(model: FlowModel, real: FlowReal): Promise<void>;
  toString(): string;
}

/** What an assertion of a flow found wrong: the expected and the actual, for the verdict. @example throw new FlowFailure('bob receives ["hi"]', 'bob received []'); */
export class FlowFailure extends Error {
  override readonly name = 'FlowFailure';
  constructor(
    readonly expected: string,
    readonly actual: string,
  ) {
    super(`expected ${expected}; actual ${actual}`);
  }
}

/** An empty model. @example const model = emptyModel(); */
export function emptyModel(): FlowModel {
  return { clients: new Map(), groups: new Map() };
}

/**
 * Runs a scripted scenario (issue 10 §2 "a scripted scenario fixes the
 * list"): every command in order, each only if its `check` holds. The
 * verdict passes if every command ran; it fails at the first command that
 * threw, naming the step, the command, what was expected and what was seen
 * (a {@link FlowFailure}'s, or the error's message: a refusal by the target).
 *
 * @example
 * return runScript(ctx, 'the 3-provider flow', [harnessUser('alice', { user: 'alice' }), createGroup('g', 'alice')]);
 */
export async function runScript(ctx: CheckContext, what: string, script: readonly FlowCommand[]): Promise<CheckVerdict> {
  const model = emptyModel();
  const real: FlowReal = { ctx, clients: new Map(), groups: new Map() };
  for (const [index, command] of script.entries()) {
    const step = `step ${index + 1}/${script.length} (${command.toString()})`;
    if (!command.check(model)) return { status: 'fail', expected: `${what}: every command applies to the model`, actual: `${step} does not apply: the script is wrong` };
    try {
      await command.run(model, real);
    } catch (error) {
      if (error instanceof FlowFailure) return { status: 'fail', expected: `${what}: at ${step}, ${error.expected}`, actual: error.actual };
      return { status: 'fail', expected: `${what}: ${step} succeeds`, actual: error instanceof Error ? `${error.name}: ${error.message}` : String(error) };
    }
  }
  return { status: 'pass', expected: `${what}: all ${script.length} steps`, actual: `every step held (${script.map(String).join('; ')})` };
}

/** The real client of a flow name, or a thrown error naming it. @example const alice = flowClient(real, 'alice'); */
export function flowClient(real: FlowReal, name: string): FlowClient {
  const found = real.clients.get(name);
  if (found === undefined) throw new Error(`the flow has no client ${name}`);
  return found;
}

/** The real group id of a flow name. @example const id = flowGroup(real, 'g'); */
export function flowGroup(real: FlowReal, name: string): Uint8Array {
  const found = real.groups.get(name);
  if (found === undefined) throw new Error(`the flow has no group ${name}`);
  return found;
}

/** The model group of a flow name. @example modelGroup(model, 'g').members.add('bob'); */
export function modelGroup(model: Readonly<FlowModel>, name: string): ModelGroup {
  const found = model.groups.get(name);
  if (found === undefined) throw new Error(`the model has no group ${name}`);
  return found;
}

/** Whether a live group exists with every named client as a member. @example liveWith(model, 'g', ['alice']) */
export function liveWith(model: Readonly<FlowModel>, group: string, members: readonly string[]): boolean {
  const found = model.groups.get(group);
  return found !== undefined && found.state === 'live' && members.every((m) => found.members.has(m));
}

/**
 * A command from its parts (so a flow's commands stay one-liners).
 *
 * @example
 * const advance = command('advance 1 h', () => true, async (_m, r) => r.ctx.network.advance(3_600_000));
 */
export function command(name: string, check: (model: Readonly<FlowModel>) => boolean, run: (model: FlowModel, real: FlowReal) => Promise<void> | void): FlowCommand {
  return {
    check,
    async run(model, real) {
      await run(model, real);
    },
    toString: () => name,
  };
}
