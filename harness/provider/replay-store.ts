import { ProviderError } from './provider-error.js';

interface Remembered {
  readonly request: Uint8Array;
  readonly status: number;
  readonly body: Uint8Array;
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((byte, i) => byte === b[i]);
}

/**
 * Profile §13: each (sender, message_id) is processed at most once. A repeat
 * with identical bytes gets the first answer again without processing it
 * again (a retry after a lost response is safe); a repeat with other
 * content is duplicate_message_id. Refused requests are not remembered.
 */
export interface ReplayStore {
  /** The first answer to this request, if it is a repeat; throws duplicate_message_id for a reused id. */
  recall(sender: string, messageId: bigint, request: Uint8Array): Response | undefined;
  remember(sender: string, messageId: bigint, request: Uint8Array, response: Response): Promise<Response>;
}

/** @example const replays = createReplayStore(); */
export function createReplayStore(): ReplayStore {
  const seen = new Map<string, Remembered>();
  const key = (sender: string, id: bigint) => `${sender}|${id}`;
  return {
    recall(sender, messageId, request) {
      const found = seen.get(key(sender, messageId));
      if (found === undefined) return undefined;
      if (!sameBytes(found.request, request)) throw new ProviderError('duplicate_message_id', `message_id ${messageId} from ${sender} was already used for another request`);
      return new Response(found.body.slice(), { status: found.status, headers: { 'content-type': 'application/octet-stream' } });
    },
    async remember(sender, messageId, request, response) {
      const body = new Uint8Array(await response.arrayBuffer());
      if (response.status === 200) seen.set(key(sender, messageId), { request: request.slice(), status: response.status, body });
      return new Response(body, { status: response.status, headers: response.headers });
    },
  };
}
