/** A pending virtual timer. */
interface Timer {
  readonly at: number;
  readonly seq: number;
  readonly run: () => void;
}

/**
 * Time for everything the harness simulates: timeouts, retries, latency,
 * rate-limit windows and certificate validity. Nothing sleeps in real time;
 * time moves only when {@link VirtualClock.advance} (or the network's idle
 * detection) moves it, and timers fire in (time, creation) order.
 */
export interface VirtualClock {
  /** Virtual milliseconds since the Unix epoch. */
  now(): number;
  /** `now()` as a Date. */
  date(): Date;
  /** Virtual milliseconds since the clock was created. */
  elapsed(): number;
  /** Runs `run` once virtual time reaches now + `ms`; returns a cancel function. */
  setTimer(ms: number, run: () => void): () => void;
  /** Resolves after `ms` of virtual time. */
  sleep(ms: number): Promise<void>;
  /**
   * Awaits work that someone else is doing (a request in flight that another
   * request started). Inside a handler the network does not count the wait
   * as busy, since the work waited for is counted where it runs.
   */
  waitFor<T>(work: Promise<T>): Promise<T>;
  /** The time of the earliest pending timer, or undefined. */
  nextTimerAt(): number | undefined;
  /** Fires the earliest pending timer (moving time to it); false if none. */
  fireNext(): boolean;
  /** Moves time forward by `ms`, firing every timer due on the way, letting promise chains run in between. */
  advance(ms: number): Promise<void>;
  readonly pendingTimers: number;
}

/** Lets promise continuations (and their I/O callbacks) run before the next timer fires. */
export function settle(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/**
 * A virtual clock starting at `start` (default: the current real time,
 * rounded down to the second, so that certificates the harness issues from
 * it are valid for real TLS stacks too).
 *
 * @example
 * const clock = createVirtualClock();
 * const done = clock.sleep(30_000);
 * await clock.advance(30_000); // resolves `done` without waiting
 */
export function createVirtualClock(start: number = Math.floor(Date.now() / 1000) * 1000): VirtualClock {
  let now = start;
  let seq = 0;
  const timers: Timer[] = [];
  const insert = (timer: Timer): void => {
    let i = timers.length;
    while (i > 0) {
      const previous = timers[i - 1];
      if (previous === undefined || previous.at < timer.at || (previous.at === timer.at && previous.seq < timer.seq)) break;
      i -= 1;
    }
    timers.splice(i, 0, timer);
  };
  const clock: VirtualClock = {
    now: () => now,
    date: () => new Date(now),
    elapsed: () => now - start,
    setTimer(ms, run) {
      if (!(ms >= 0) || !Number.isFinite(ms)) throw new RangeError(`timer delay must be a finite non-negative number, got ${ms}`);
      const timer: Timer = { at: now + ms, seq: seq++, run };
      insert(timer);
      return () => {
        const index = timers.indexOf(timer);
        if (index >= 0) timers.splice(index, 1);
      };
    },
    sleep: (ms) =>
      new Promise((resolve) => {
        clock.setTimer(ms, resolve);
      }),
    waitFor: (work) => work,
    nextTimerAt: () => timers[0]?.at,
    fireNext() {
      const timer = timers.shift();
      if (timer === undefined) return false;
      now = Math.max(now, timer.at);
      timer.run();
      return true;
    },
    async advance(ms) {
      const target = now + ms;
      await settle();
      for (;;) {
        const next = timers[0];
        if (next === undefined || next.at > target) break;
        clock.fireNext();
        await settle();
      }
      now = target;
      await settle();
    },
    get pendingTimers() {
      return timers.length;
    },
  };
  return clock;
}
