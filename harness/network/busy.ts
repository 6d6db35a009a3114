/**
 * One unit of counted work: an exchange (with the handler it runs) or a
 * host's background task. drive() moves virtual time only while no token is
 * held, except by work that is waiting (on the clock, or on another
 * exchange, which holds a token of its own).
 */
export interface BusyToken {
  /** Whether the token still counts (it is let go exactly once). */
  held: boolean;
  /** Handlers running for this exchange; an exchange that ends early (a crash, a timeout) keeps counting until they return. */
  handlers: number;
  /** The exchange has answered its caller (or failed). */
  finished: boolean;
}

/** The counter every token adds to. */
export interface BusyCounter {
  readonly count: () => number;
  hold(): BusyToken;
  /** Lets go of the token once its exchange has finished and no handler runs for it any more. */
  releaseIfDone(token: BusyToken): void;
  /** Not counted while `wait` runs, if `token` still counts (a token already let go has nothing to release). */
  idleWhile<T>(token: BusyToken | undefined, wait: () => Promise<T>): Promise<T>;
}

/** @example const busy = createBusyCounter(); const token = busy.hold(); */
export function createBusyCounter(): BusyCounter {
  let count = 0;
  return {
    count: () => count,
    hold() {
      count += 1;
      return { held: true, handlers: 0, finished: false };
    },
    releaseIfDone(token) {
      if (!token.held || !token.finished || token.handlers > 0) return;
      token.held = false;
      count -= 1;
    },
    async idleWhile(token, wait) {
      const releases = token?.held === true;
      if (releases) count -= 1;
      try {
        return await wait();
      } finally {
        if (releases) count += 1;
      }
    },
  };
}
