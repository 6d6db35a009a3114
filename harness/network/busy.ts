/**
 * One unit of counted work: an exchange (with the handler it runs) or a
 * host's background task. drive() moves virtual time only while every held
 * token is waiting (on the clock, or on another exchange, which holds a
 * token of its own).
 */
export interface BusyToken {
  /** Whether the token still counts (it is let go exactly once). */
  held: boolean;
  /** Handlers running for this exchange; an exchange that ends early (a crash, a timeout) keeps counting until they return. */
  handlers: number;
  /** The exchange has answered its caller (or failed). */
  finished: boolean;
  /** Waits in progress for this work (a handler may wait on several requests at once). */
  waiting: number;
}

/** The counter every token adds to. */
export interface BusyCounter {
  /** Tokens held and not waiting: the real work in progress. */
  readonly count: () => number;
  hold(options?: { readonly handlers?: number; readonly finished?: boolean }): BusyToken;
  /** Lets go of the token once its exchange has finished and no handler runs for it any more. */
  releaseIfDone(token: BusyToken): void;
  /** Not counted while `wait` runs (however many waits of one token overlap), if `token` is held. */
  idleWhile<T>(token: BusyToken | undefined, wait: () => Promise<T>): Promise<T>;
  /**
   * Lets go of every token whose exchange has finished but whose handler has
   * not returned: drive() calls it when work has stayed busy too long, so a
   * handler that never answers (a silent host) cannot hold time for good.
   * Returns how many were let go.
   */
  abandonFinished(): number;
}

/** @example const busy = createBusyCounter(); const token = busy.hold(); */
export function createBusyCounter(): BusyCounter {
  // Invariant: count = number of tokens with held && waiting === 0.
  let count = 0;
  const live = new Set<BusyToken>();
  const letGo = (token: BusyToken) => {
    token.held = false;
    live.delete(token);
    if (token.waiting === 0) count -= 1;
  };
  return {
    count: () => count,
    hold(options = {}) {
      count += 1;
      const token = { held: true, handlers: options.handlers ?? 0, finished: options.finished ?? false, waiting: 0 };
      live.add(token);
      return token;
    },
    releaseIfDone(token) {
      if (!token.held || !token.finished || token.handlers > 0) return;
      letGo(token);
    },
    async idleWhile(token, wait) {
      if (token?.held !== true) return wait();
      if (token.waiting++ === 0) count -= 1;
      try {
        return await wait();
      } finally {
        if (--token.waiting === 0 && token.held) count += 1;
      }
    },
    abandonFinished() {
      let n = 0;
      for (const token of [...live]) {
        if (token.finished && token.handlers > 0) {
          letGo(token);
          n += 1;
        }
      }
      return n;
    },
  };
}
