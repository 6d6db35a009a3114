import fc from 'fast-check';
import { advance, bounceTarget, crash, fault, heal, partition, reflect, restart } from './model-faults.js';
import { add, burst, remove, removeThenSend, send, update } from './model-operations.js';
import type { FaultKind, ModelCommand } from './model-step.js';

export { LINK_FAULTS, type FaultKind, type ModelCommand } from './model-step.js';

/**
 * The command arbitraries of a property run, weighted towards operations
 * and faults: sends, adds, removes and updates; faults on the links between
 * the target and each harness peer; partitions and healing; crashes and
 * restarts of harness peers and of the target; clock advances; and a
 * reflection of a captured fan-out back to the target, which must never be
 * accepted (profile §6).
 *
 * @example
 * fc.commands(modelCommands(), { maxCommands: 20 })
 */
export function modelCommands(): fc.Arbitrary<ModelCommand>[] {
  const small = fc.nat({ max: 7 });
  const kind = fc.constantFrom<FaultKind>('drop-response', 'drop-request', 'duplicate', 'delay');
  return [
    fc.oneof(
      { arbitrary: small.map(send), weight: 6 },
      { arbitrary: fc.tuple(small, small).map(([a, b]) => add(a, b)), weight: 2 },
      { arbitrary: fc.tuple(small, small).map(([a, b]) => remove(a, b)), weight: 2 },
      { arbitrary: fc.tuple(small, small, fc.integer({ min: 1, max: 3 })).map(([a, b, n]) => removeThenSend(a, b, n)), weight: 2 },
      { arbitrary: small.map(update), weight: 1 },
      { arbitrary: fc.tuple(small, kind).map(([p, k]) => fault(p, k, false)), weight: 3 },
      // Towards the target only delays: a peer that cannot fetch the target's verification key answers its fan-out 403, which is final (profile §6, §14).
      { arbitrary: small.map((p) => fault(p, 'delay', true)), weight: 1 },
      { arbitrary: fc.tuple(small, kind, small, fc.integer({ min: 1, max: 3 })).map(([p, k, a, n]) => burst(p, k, a, n)), weight: 4 },
      { arbitrary: small.map(partition), weight: 1 },
      { arbitrary: fc.constant(null).map(heal), weight: 2 },
      { arbitrary: small.map(crash), weight: 1 },
      { arbitrary: small.map(restart), weight: 1 },
      { arbitrary: fc.integer({ min: 1, max: 20 }).map((s) => bounceTarget(s * 1_000)), weight: 2 },
      { arbitrary: fc.integer({ min: 1, max: 40 }).map((s) => advance(s * 1_000)), weight: 2 },
      { arbitrary: small.map(reflect), weight: 1 },
    ),
  ];
}
