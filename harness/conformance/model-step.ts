import type fc from 'fast-check';
import type { LinkFaults } from '../network/index.js';
import type { FederationModel, ModelWorld } from './model-state.js';

/** One step of a property run: fast-check's AsyncCommand over the model and the world. */
export type ModelCommand = fc.AsyncCommand<FederationModel, ModelWorld>;

/** The `n`-th of `items`, cycling (command arguments are small naturals that shrink towards 0). @example nth(['a', 'b'], 3) // 'b' */
export const nth = <T>(items: readonly T[], n: number): T | undefined => items[n % Math.max(1, items.length)];

/** The first line of an error, for the log. @example describeFailure(new Error('boom')) // 'boom' */
export const describeFailure = (error: unknown): string => (error instanceof Error ? error.message.split('\n')[0] ?? '' : String(error)).slice(0, 160);

/**
 * A command that always applies (the model decides inside `run` what it
 * can do, so a replay needs no precondition state) and logs what it did.
 *
 * @example
 * const wait = command('advance(1000)', async (_m, world) => { await world.ctx.network.advance(1_000); return 'waited'; });
 */
export function command(label: string, run: (model: FederationModel, world: ModelWorld) => Promise<string>): ModelCommand {
  return {
    check: () => true,
    async run(model, world) {
      model.log.push(`${label}: ${await run(model, world)}`);
    },
    toString: () => label,
  };
}

/** Faults of a link, each with probability 1 so that a run depends on its commands only, never on what earlier runs drew. @example network.setLinkFaults('target.test', 'ds.peer-a.test', LINK_FAULTS['drop-response']) */
export const LINK_FAULTS = {
  'drop-request': { dropRequest: 1 },
  'drop-response': { dropResponse: 1 },
  duplicate: { duplicate: 1 },
  delay: { reorder: 1, reorderDelayMs: 700 },
} as const satisfies Record<string, LinkFaults>;
export type FaultKind = keyof typeof LINK_FAULTS;

