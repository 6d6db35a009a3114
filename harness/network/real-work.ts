import { createHook } from 'node:async_hooks';
import { installedWhileUsed } from './installed-while-used.js';

/**
 * Node's one-shot requests to its thread pool and the kernel: crypto jobs
 * (SIGNREQUEST, VERIFYREQUEST, HASHREQUEST, KEYPAIRGENREQUEST, ...), fs
 * requests, DNS look-ups and socket writes. Each calls back exactly once.
 * HTTPCLIENTREQUEST and HTTPINCOMINGMESSAGE live as long as an exchange
 * (a silent host's too), so they are not real work.
 */
const ONE_SHOT = /^(?!HTTP).*(REQUEST|REQWRAP|FSREQCALLBACK|FSREQPROMISE|WRITEWRAP|SHUTDOWNWRAP)$/;

const inFlight = new Map<number, string>();

function install(): () => void {
  const hook = createHook({
    init(asyncId, type) {
      if (ONE_SHOT.test(type)) inFlight.set(asyncId, type);
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
 * thread-pool or kernel requests are in flight anywhere in the process.
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
  return inFlight.size;
}

/** The types of the one-shot requests in flight now (for diagnostics). */
export function realWorkTypes(): string[] {
  return [...inFlight.values()];
}
