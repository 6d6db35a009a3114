/**
 * The time a provider runs on: the network's virtual clock in simulations
 * (so retries, cache lifetimes and rate-limit windows never wait in real
 * time), the real clock in `mimi-harness serve`.
 */
export interface ProviderClock {
  /** Milliseconds since the epoch. */
  now(): number;
  /** Runs `run` after `ms`; returns a function that cancels it. */
  setTimer(ms: number, run: () => void): () => void;
  sleep(ms: number): Promise<void>;
  /** Awaits work another request started (the network does not count the wait as busy; see VirtualClock.waitFor). */
  waitFor<T>(work: Promise<T>): Promise<T>;
}

/**
 * The real clock, for providers that serve real peers.
 *
 * @example
 * const provider = await createProvider({ domain, dsDomain, clock: realClock });
 */
export const realClock: ProviderClock = {
  now: () => Date.now(),
  setTimer(ms, run) {
    const timer = setTimeout(run, ms);
    return () => {
      clearTimeout(timer);
    };
  },
  sleep: (ms) =>
    new Promise((resolve) => {
      setTimeout(resolve, ms);
    }),
  waitFor: (work) => work,
};
