import { ProviderError } from './provider-error.js';

/** Profile §13: answers are remembered for at least 24 h, and then forgotten. */
export const REPLAY_MEMORY_MS = 24 * 60 * 60 * 1000;

interface Remembered {
  readonly at: number;
  readonly request: Uint8Array;
  readonly status: number;
  readonly body: Uint8Array;
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((byte, i) => byte === b[i]);
}

const octets = (r: Remembered) => new Response(r.body.slice(), { status: r.status, headers: { 'content-type': 'application/octet-stream' } });

/**
 * Profile §13: each (sender, message_id) is processed at most once. A repeat
 * with identical bytes gets the first answer again without processing it
 * again (a retry after a lost response is safe); a repeat with other
 * content is duplicate_message_id. Refused requests are not remembered.
 * A repeat that arrives while the first is still being processed waits for
 * it rather than running beside it.
 */
export interface ReplayStore {
  /**
   * Runs `process` for a new (sender, message_id) and remembers a successful
   * answer; an identical repeat gets that answer (waiting for it if the first
   * is still under way), other content is refused with duplicate_message_id.
   */
  once(sender: string, messageId: bigint, request: Uint8Array, process: () => Promise<Response>): Promise<Response>;
}

/** @example const replays = createReplayStore(clock); await replays.once(sender, id, bytes, () => handle()); */
export function createReplayStore(clock: { now(): number; waitFor<T>(work: Promise<T>): Promise<T> }): ReplayStore {
  const seen = new Map<string, Remembered>();
  let purgedAt = clock.now();
  // Map order is insertion order, oldest first, so expired records are at the front.
  const purge = () => {
    const now = clock.now();
    if (now - purgedAt < REPLAY_MEMORY_MS / 24) return;
    purgedAt = now;
    for (const [id, r] of seen) {
      if (now - r.at < REPLAY_MEMORY_MS) break;
      seen.delete(id);
    }
  };
  const inFlight = new Map<string, { readonly request: Uint8Array; readonly done: Promise<unknown> }>();
  const key = (sender: string, id: bigint) => `${sender}|${id}`;
  const store: ReplayStore = {
    async once(sender, messageId, request, process) {
      purge();
      const id = key(sender, messageId);
      const found = seen.get(id);
      if (found !== undefined) {
        if (!sameBytes(found.request, request)) throw new ProviderError('duplicate_message_id', `message_id ${messageId} from ${sender} was already used for another request`);
        return octets(found);
      }
      const running = inFlight.get(id);
      if (running !== undefined) {
        // Wait for the first either way: if it is refused it leaves no record, and this one is processed afresh.
        await clock.waitFor(running.done.catch(() => undefined));
        return store.once(sender, messageId, request, process);
      }
      const done = (async () => {
        const response = await process();
        const body = new Uint8Array(await response.arrayBuffer());
        const remembered = { at: clock.now(), request: request.slice(), status: response.status, body };
        if (response.status === 200) seen.set(id, remembered);
        return new Response(body, { status: response.status, headers: response.headers });
      })();
      inFlight.set(id, { request: request.slice(), done });
      try {
        return await done;
      } finally {
        inFlight.delete(id);
      }
    },
  };
  return store;
}
