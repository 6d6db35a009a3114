import { createHash } from 'node:crypto';
import { ProtocolError, type Answer } from './protocol-error.js';

/** How long an accepted `(sender, message_id)` is remembered (profile §13: at least 24 h). */
const REMEMBER_MS = 24 * 60 * 60 * 1000;

interface Remembered {
  readonly digest: string;
  readonly answer: Promise<Answer>;
  readonly at: number;
}

/**
 * Replay memory for signed provider-to-provider requests (profile §13): each `(sender, message_id)` is processed
 * at most once; an identical repeat gets the first answer again, a repeat with other content `duplicate_message_id`.
 * Only accepted requests are remembered: a refusal leaves no record, so its repeat is processed afresh.
 *
 * @example
 * const replays = createReplayMemory();
 * const answer = await replays.once('ds.peer-a.test', 7n, rawBytes, () => handle());
 */
export function createReplayMemory() {
  const seen = new Map<string, Remembered>();
  return {
    async once(sender: string, messageId: bigint, raw: Uint8Array, process: () => Promise<Answer>): Promise<Answer> {
      const now = Date.now();
      for (const [key, entry] of seen) {
        if (now - entry.at < REMEMBER_MS) break;
        seen.delete(key);
      }
      const key = `${sender}|${messageId}`;
      const digest = createHash('sha256').update(raw).digest('hex');
      const earlier = seen.get(key);
      if (earlier !== undefined) {
        if (earlier.digest !== digest) throw new ProtocolError('duplicate_message_id', `${sender} already used message_id ${messageId} for other content`);
        return earlier.answer;
      }
      const answer = process();
      seen.set(key, { digest, answer, at: now });
      try {
        return await answer;
      } catch (error) {
        seen.delete(key);
        throw error;
      }
    },
  };
}

/** The replay memory of {@link createReplayMemory}. */
export type ReplayMemory = ReturnType<typeof createReplayMemory>;
