import { ProviderError } from './provider-error.js';

interface Remembered {
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

/** @example const replays = createReplayStore(); await replays.once(sender, id, bytes, () => handle()); */
export function createReplayStore(): ReplayStore {
  const seen = new Map<string, Remembered>();
  const inFlight = new Map<string, { readonly request: Uint8Array; readonly done: Promise<unknown> }>();
  const key = (sender: string, id: bigint) => `${sender}|${id}`;
  const store: ReplayStore = {
    async once(sender, messageId, request, process) {
      const id = key(sender, messageId);
      const found = seen.get(id);
      if (found !== undefined) {
        if (!sameBytes(found.request, request)) throw new ProviderError('duplicate_message_id', `message_id ${messageId} from ${sender} was already used for another request`);
        return octets(found);
      }
      const running = inFlight.get(id);
      if (running !== undefined) {
        if (!sameBytes(running.request, request)) throw new ProviderError('duplicate_message_id', `message_id ${messageId} from ${sender} is in use by another request`);
        await running.done.catch(() => undefined);
        return store.once(sender, messageId, request, process);
      }
      const done = (async () => {
        const response = await process();
        const body = new Uint8Array(await response.arrayBuffer());
        const remembered = { request: request.slice(), status: response.status, body };
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
