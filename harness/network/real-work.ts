import { createHook } from 'node:async_hooks';
import { installedWhileUsed } from './installed-while-used.js';

/**
 * Node's one-shot requests to its thread pool: crypto jobs (SIGNREQUEST,
 * VERIFYREQUEST, HASHREQUEST, KEYPAIRGENREQUEST, ...) and fs requests. Each
 * calls back exactly once. HTTPCLIENTREQUEST and HTTPINCOMINGMESSAGE live as
 * long as an exchange (a silent host's too), and socket writes (WRITEWRAP)
 * that complete at once never call back, so none of those is real work here.
 */
const ONE_SHOT = /^(?!HTTP).*REQUEST$|^FSREQCALLBACK$|^FSREQPROMISE$/;

/** A crypto job run in sync mode (crypto.sign without a callback) has no `ondone` and is over by the time anyone looks. */
const isCryptoJob = (type: string) => type.endsWith('REQUEST');
const hasCallback = (resource: object) => typeof (resource as { ondone?: unknown }).ondone === 'function';

const inFlight = new Map<number, { readonly type: string; readonly resource: object }>();

function install(): () => void {
  const hook = createHook({
    init(asyncId, type, _trigger, resource: object) {
      if (ONE_SHOT.test(type)) inFlight.set(asyncId, { type, resource });
    },
    // A one-shot request is done when its callback starts (or when it is destroyed without one).
    before(asyncId) {
      inFlight.delete(asyncId);
    },
    destroy(asyncId) {
      inFlight.delete(asyncId);
    },
  });
  hook.enable();
  return () => {
    hook.disable();
    inFlight.clear();
  };
}

const watchers = installedWhileUsed<object>(install);

/**
 * Watches, while at least one user holds it, how many of Node's one-shot
 * thread-pool requests are in flight anywhere in the process.
 *
 * @note A handler that awaits a WebCrypto signature spends event-loop turns
 * waiting for the thread pool, and how many depends on the machine's load,
 * not on the protocol. Counting those requests lets drive() tell such work
 * apart from a handler that awaits something that never comes (a hung host):
 * only the latter may let virtual time move under a busy exchange.
 *
 * @example
 * const release = watchRealWork(network);
 * if (realWorkInFlight() === 0) { ... }
 * release();
 */
export function watchRealWork(user: object): () => void {
  return watchers.add(user);
}

/** One-shot requests in flight now (0 while nobody watches). */
export function realWorkInFlight(): number {
  for (const [asyncId, { type, resource }] of inFlight) {
    if (isCryptoJob(type) && !hasCallback(resource)) inFlight.delete(asyncId);
  }
  return inFlight.size;
}

/** The types of the one-shot requests in flight now (for diagnostics). */
export function realWorkTypes(): string[] {
  realWorkInFlight();
  return [...inFlight.values()].map((entry) => entry.type);
}

let externalWaits = 0;

/**
 * Counts a wait on another process (a request to an external target over
 * loopback) until the returned function is called: drive() then keeps
 * virtual time still, never takes the wait for a hung handler, and yields
 * the CPU in small real sleeps instead of spinning (the other process needs it).
 *
 * @example
 * const done = holdExternalWait(); try { await request(); } finally { done(); }
 */
export function holdExternalWait(): () => void {
  externalWaits += 1;
  let released = false;
  return () => {
    if (released) return;
    released = true;
    externalWaits -= 1;
  };
}

/** Waits on other processes in flight now. @example if (externalWaitsInFlight() > 0) await sleepReal(1); */
export function externalWaitsInFlight(): number {
  return externalWaits;
}
