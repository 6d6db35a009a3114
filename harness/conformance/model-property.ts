import fc from 'fast-check';
import type { CheckContext, CheckVerdict } from './check.js';
import type { VirtualClient } from '../scenario/index.js';
import { harnessClient, settleUntil } from './ds-world.js';
import { modelCommands, type ModelCommand } from './model-commands.js';
import { judgeRun } from './model-judge.js';
import { initialModel, type FederationModel, type ModelWorld } from './model-state.js';

/** Options for {@link runModelProperty}. */
export interface ModelPropertyOptions {
  /** Runs when neither ctx.numRuns nor MIMI_PROPERTY_RUNS says otherwise (keep it small for npm test). */
  readonly defaultRuns: number;
  /** Commands per run, at most (default 24). */
  readonly maxCommands?: number;
  /** Property executions spent on shrinking a failure (default MIMI_PROPERTY_SHRINKS or 3); the counterexample is the smallest failure found within them. */
  readonly shrinkBudget?: number;
}

/** Client slots per run (members first, then outsiders to add). */
const SLOTS = 5;
const INITIAL_MEMBERS = 3;

/** What every run must show, for the verdict. @example return { status: 'pass', expected: MODEL_INVARIANTS } */
export const MODEL_INVARIANTS = 'in every run, after healing and quiescence: each member received each message sent to it while a member exactly once and in its sender\'s order, nothing lost; every member agrees with the GroupInfo and ratchet tree the target serves; nothing accepted after a removal was sent to the removed member; no reflected fan-out was accepted';

/** `<fast-check path>@<fc.commands replayPath>`: both are needed to replay a shrunk command list (the replay path records which commands ran). */
function splitPath(path: string | undefined): { readonly fcPath?: string; readonly replayPath?: string } {
  if (path === undefined) return {};
  const [fcPath = '', replayPath] = path.split('@');
  return { fcPath, ...(replayPath === undefined || replayPath === '' ? {} : { replayPath }) };
}

async function buildWorld(ctx: CheckContext, peersUsed: number, run: number): Promise<ModelWorld> {
  const traceStart = ctx.network.trace.length;
  const peerOf = Array.from({ length: SLOTS }, (_, i) => i % peersUsed);
  // One regular KeyPackage each (nobody is added twice), and the last-resort one behind it.
  const clients: VirtualClient[] = [];
  for (const [i, peer] of peerOf.entries()) clients.push(await harnessClient(ctx, { user: `r${run}c${i}`, peer }, { keyPackages: 1 }));
  const [creator, ...others] = clients.slice(0, INITIAL_MEMBERS);
  if (creator === undefined) throw new Error('no creator');
  const group = await creator.createGroup('regular', { dsDomain: ctx.target.dsDomain });
  await creator.addUsers(group, others.map((c) => c.id));
  await settleUntil(ctx, clients, () => others.every((client) => client.member(group) !== undefined));
  for (const client of others) if (client.member(group) === undefined) throw new Error(`${client.id.user.user_name} did not join the target's group (failures: ${client.failures.join('; ') || 'none'})`);
  return { ctx, group, clients, peerOf, peersUsed, traceStart, faultyLinks: new Map(), partitioned: new Set(), wireOf: new Map() };
}

const describeError = (error: unknown) => (error instanceof Error ? error.message : String(error));
const envNumber = (name: string): number | undefined => {
  const value = Number(process.env[name]);
  return Number.isInteger(value) && value > 0 ? value : undefined;
};

/**
 * Runs the federation model (issue 10 §3 properties) as a fast-check
 * property against the target: each run builds a group on the target's DS
 * whose members are harness clients spread over 1 to `ctx.peers.length`
 * harness peers, runs `fc.commands` of operations, faults, crashes and
 * clock advances, heals, and judges every invariant. Faults have
 * probability 1 and each run builds its own group, so a run depends on its
 * seed and commands only; `ctx.path` replays one run exactly (without
 * shrinking further). A failure comes back with its shrunk counterexample,
 * what each command did, the seed and the path for `replay --path`.
 *
 * @example
 * const verdict = await runModelProperty(ctx, { defaultRuns: 4 });
 */
export async function runModelProperty(ctx: CheckContext, options: ModelPropertyOptions): Promise<CheckVerdict> {
  const { fcPath, replayPath } = splitPath(ctx.path);
  const numRuns = ctx.numRuns ?? envNumber('MIMI_PROPERTY_RUNS') ?? options.defaultRuns;
  const budget = options.shrinkBudget ?? envNumber('MIMI_PROPERTY_SHRINKS') ?? 3;
  let run = 0;
  let failures = 0;
  let spent = 0;
  let last: { problems: string[]; log: string[] } = { problems: [], log: [] };
  const commands = fc.commands(modelCommands(), { maxCommands: options.maxCommands ?? 24, size: 'max', ...(replayPath === undefined ? {} : { replayPath }) });
  const property = fc.asyncProperty(fc.integer({ min: 1, max: Math.max(1, ctx.peers.length) }), commands, async (peersUsed, cmds: Iterable<ModelCommand>) => {
    // Past the shrink budget every candidate counts as passing: the smallest failure found so far is the counterexample.
    if (failures > 0 && ++spent > budget) return true;
    const world = await buildWorld(ctx, peersUsed, ++run);
    const model: FederationModel = initialModel(SLOTS, INITIAL_MEMBERS);
    const problems: string[] = [];
    try {
      await fc.asyncModelRun(() => ({ model, real: world }), cmds);
    } catch (error) {
      problems.push(describeError(error));
    }
    problems.push(...(await judgeRun(world, model)));
    if (problems.length === 0) return true;
    failures += 1;
    last = { problems, log: [...model.log] };
    throw new Error(problems.join('; '));
  });
  const details = await fc.check(property, { seed: ctx.seed, numRuns, ...(fcPath === undefined ? {} : { path: fcPath }), endOnFailure: ctx.path !== undefined });
  if (!details.failed || details.counterexample === null) return { status: 'pass', expected: MODEL_INVARIANTS, actual: `${details.numRuns} run(s) across ${ctx.peers.length + 1} providers at most: every invariant held` };
  const [peersUsed, cmds] = details.counterexample;
  // fc.commands' value prints the commands that ran, then its replay path (CommandsIterable.toString).
  const text = (cmds as { toString(): string }).toString();
  const shrunkReplay = /replayPath="([^"]*)"/.exec(text)?.[1];
  // A replay does not shrink, so fc.commands records no replay path of its own: the path it replayed is the answer.
  const path = ctx.path ?? `${details.counterexamplePath ?? ''}${shrunkReplay === undefined ? '' : `@${shrunkReplay}`}`;
  const listed = text.replace(/\s*\/\*replayPath=.*\*\/$/, '');
  return {
    status: 'fail',
    expected: MODEL_INVARIANTS,
    actual: `${last.problems.slice(0, 4).join('; ')}. Counterexample (${peersUsed + 1} providers, shrunk): [${listed}]; what each command did: ${last.log.join(' | ')}; seed ${ctx.seed}, path ${path}`,
    path,
  };
}
