import type { BusyCounter } from './busy.js';
import { settle, type VirtualClock } from './clock.js';
import { externalWaitsInFlight, realWorkInFlight, watchRealWork } from './real-work.js';

/** Quiet event-loop turns in a row before virtual time may move, so that I/O callbacks queued behind one turn still run first. */
export const IDLE_TURNS_BEFORE_TIME_MOVES = 4;

/**
 * Busy turns in a row, with no thread-pool or kernel request in flight, after
 * which the busy work is treated as hung: it awaits something that never
 * comes. Work that only awaits promises and I/O callbacks takes a bounded
 * number of turns whatever the machine's load; turns spent waiting on real
 * work (a WebCrypto job) depend on the load, so they do not count.
 */
export const STALLED_AFTER_TURNS = 20_000;

/** Busy turns after which work is treated as hung even with requests in flight (one that never calls back). */
const STALLED_WITH_WORK_AFTER_TURNS = 2_000_000;

/** Quiet turns with no timer pending after which drive() gives up: the work waits on something that is neither an exchange nor a timer. */
const ORPHANED_AFTER_TURNS = 100_000;

/**
 * Moves virtual time only when nothing real is running. Both {@link drive}
 * and {@link advance} go through here, so a timer never fires while an
 * exchange or a handler still does real async work (a TLS handshake, a
 * WebCrypto signature): what happens at a virtual instant does not depend
 * on how fast the machine is, and runs of one seed replay exactly under load.
 */
export interface Quiescence {
  /** Settles `work`, firing the next timer whenever nothing else can progress. */
  drive<T>(work: Promise<T>, options?: { readonly maxVirtualMs?: number }): Promise<T>;
  /** Moves time forward by `ms`, firing every timer due on the way, each only once all work started before it is quiet. */
  advance(ms: number): Promise<void>;
  /** Stops watching the process's real work (the network is disposed). */
  release(): void;
}

/**
 * @example
 * const quiescence = createQuiescence(busy, baseClock);
 * await quiescence.advance(10_000); // every retry due within 10 s has run to completion
 */
export function createQuiescence(busy: BusyCounter, clock: VirtualClock): Quiescence {
  const release = watchRealWork(busy);
  /**
   * Runs event-loop turns until no counted work is busy for a few turns in a
   * row, or until `stop()`. Work busy for thousands of turns with nothing
   * finishing is a handler that neither answers nor waits on virtual time (a
   * hung host): it stops counting if its exchange already ended, and time
   * may move so that its caller's timeout can fire. Thread-pool work in
   * flight anywhere in the process (see real-work.ts) also keeps time still.
   */
  const untilQuiet = async (stop: () => boolean): Promise<void> => {
    let idleTurns = 0;
    let busyTurns = 0;
    let allBusyTurns = 0;
    while (idleTurns < IDLE_TURNS_BEFORE_TIME_MOVES) {
      // A wait on another process (an external target) is progress, bounded by its own real-time timeout: yield the CPU meanwhile.
      const external = externalWaitsInFlight() > 0;
      if (external) await new Promise((resolve) => setTimeout(resolve, 1));
      else await settle();
      if (stop()) return;
      const working = realWorkInFlight() > 0 || external;
      if (external) allBusyTurns = 0;
      // Real work in flight keeps time still even when no counted work waits for it: a caller that
      // started work from outside any exchange (network.run) may be signing its next request.
      if (busy.count() === 0 && !working) {
        idleTurns += 1;
        continue;
      }
      idleTurns = 0;
      allBusyTurns += 1;
      // Real work in flight is progress: only an unbroken run of busy turns without any counts as hung.
      busyTurns = working ? 0 : busyTurns + 1;
      if (busyTurns >= STALLED_AFTER_TURNS || allBusyTurns >= STALLED_WITH_WORK_AFTER_TURNS) {
        busy.abandonFinished();
        return;
      }
    }
  };

  return {
    async drive(work, options = {}) {
      const budget = options.maxVirtualMs ?? 10 * 60_000;
      const limit = clock.elapsed() + budget;
      let settled = false;
      const watched = work.finally(() => {
        settled = true;
      });
      watched.catch(() => undefined);
      let orphanedTurns = 0;
      while (!settled) {
        await untilQuiet(() => settled);
        if (settled) break;
        const next = clock.nextTimerAt();
        if (next === undefined) {
          orphanedTurns += IDLE_TURNS_BEFORE_TIME_MOVES;
          if (orphanedTurns > ORPHANED_AFTER_TURNS) throw new Error('drive: the work is waiting on something that is neither an exchange nor a virtual timer');
          continue;
        }
        orphanedTurns = 0;
        if (next - clock.now() + clock.elapsed() > limit) throw new Error(`drive: nothing settled within ${budget} ms of virtual time`);
        clock.fireNext();
      }
      return watched;
    },
    async advance(ms) {
      if (!(ms >= 0) || !Number.isFinite(ms)) throw new RangeError(`advance needs a finite non-negative number of milliseconds, got ${ms}`);
      const target = clock.now() + ms;
      // A no-op timer at the target: time gets there by firing timers one by one, each only once the
      // work in flight is quiet, and never through a jump that would fire what is due on the way.
      clock.setTimer(ms, () => undefined);
      for (;;) {
        await untilQuiet(() => false);
        const next = clock.nextTimerAt();
        if (next === undefined || next > target) break;
        clock.fireNext();
      }
    },
    release,
  };
}
